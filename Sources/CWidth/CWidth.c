#define _GNU_SOURCE
#include <locale.h>
#include <wchar.h>
#include <pthread.h>
#include "CWidth.h"

static locale_t utf8_locale = (locale_t)0;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void make_locale(void) {
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (utf8_locale == (locale_t)0) utf8_locale = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
}

int kefu_wcwidth(uint32_t scalar) {
    if (scalar < 0x7f) return scalar >= 0x20 ? 1 : -1;
    pthread_once(&utf8_once, make_locale);
    if (utf8_locale == (locale_t)0) return 1;
    locale_t previous = uselocale(utf8_locale);
    int width = wcwidth((wchar_t)scalar);
    uselocale(previous);
    return width;
}
