// Writes ICU's confusable skeleton of every NFD-stable code point whose skeleton differs from itself, one
// line per code point: "CODEPOINT SKELETON..." in hex. The output is the data of
// Sources/KefuCore/Links/ConfusableData.swift (see generate.sh); ICU's uspoof takes it from
// Unicode's confusables.txt (UTS #39), so Kefu ships the real table without linking ICU.
#include <stdio.h>
#include <unicode/uspoof.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unicode/utf16.h>
#include <unicode/unorm2.h>

int main(void) {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&status);
    if (U_FAILURE(status)) { fprintf(stderr, "uspoof_open: %s\n", u_errorName(status)); return 1; }
    UVersionInfo icu, unicode;
    char icuText[U_MAX_VERSION_STRING_LENGTH], unicodeText[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(icu); u_versionToString(icu, icuText);
    u_getUnicodeVersion(unicode); u_versionToString(unicode, unicodeText);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    printf("# ICU %s, Unicode %s\n", icuText, unicodeText);
    for (UChar32 c = 0; c <= 0x10FFFF; c++) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        if (u_charType(c) == U_UNASSIGNED) continue;
        UChar in[2]; int32_t inLength = 0; UBool error = 0;
        U16_APPEND(in, inLength, 2, c, error);
        // Skeletons are NFD, map, NFD: only code points that NFD leaves alone need an entry.
        status = U_ZERO_ERROR;
        if (!unorm2_isNormalized(nfd, in, inLength, &status)) continue;
        UChar out[64];
        status = U_ZERO_ERROR;
        int32_t outLength = uspoof_getSkeleton(checker, 0, in, inLength, out, 64, &status);
        if (U_FAILURE(status)) { fprintf(stderr, "U+%04X: %s\n", c, u_errorName(status)); return 1; }
        if (outLength == inLength && out[0] == in[0] && (inLength == 1 || out[1] == in[1])) continue;
        printf("%X", c);
        for (int32_t i = 0; i < outLength;) { UChar32 s; U16_NEXT(out, i, outLength, s); printf(" %X", s); }
        printf("\n");
    }
    uspoof_close(checker);
    return 0;
}
