import Foundation
import Testing
@testable import KefuMail

/// Every charset the issue names, read from real encoded files in the corpus.
@Suite struct CharsetTests {
    @Test func gb2312LabelIsReadAsGB18030SoGBKOnlyCharactersSurvive() throws {
        let mail = try MailFixtures.mail("1700000004")
        #expect(mail.text == "您好，我是王喆，订单还没有收到，请帮忙查一下物流。")
        #expect(mail.subject == "请问我的包裹到哪里了")
        #expect(mail.from.first?.name == "王先生")
        #expect(mail.notes.isEmpty)
    }

    @Test func gbkEightBitBody() throws {
        #expect(try MailFixtures.mail("1700000005").text == "颜色不对，我要退货。")
    }

    @Test func gb18030FourByteSequence() throws {
        #expect(try MailFixtures.mail("1700000006").text == "谢谢 😀 好评")
    }

    @Test func big5QuotedPrintable() throws {
        #expect(try MailFixtures.mail("1700000007").text == "請問運費多少？")
    }

    @Test func shiftJISBase64() throws {
        #expect(try MailFixtures.mail("1700000008").text == "商品が届きません。確認してください。")
    }

    @Test func iso2022JPBodyAndSubject() throws {
        let mail = try MailFixtures.mail("1700000009")
        #expect(mail.text == "返品したいです。")
        #expect(mail.subject == "返品について")
    }

    @Test func eucKRUnderOutlooksLabel() throws {
        #expect(try MailFixtures.mail("1700000010").text == "배송이 늦어요.")
    }

    @Test func koi8RBodyAndSubject() throws {
        let mail = try MailFixtures.mail("1700000011")
        #expect(mail.text == "Здравствуйте, посылка не пришла.")
        #expect(mail.subject == "Где мой заказ?")
    }

    @Test func windowsAndISOCharsetsOnePartEach() throws {
        let mail = try MailFixtures.mail("1700000012")
        #expect(mail.text == "Спасибо за ответ\n\nPrice: 20 € – “fair”\n\nDziękuję, przesyłka dotarła\n\nRemboursement de 15 € reçu")
    }

    @Test func latin1LabelShowsWindows1252QuotesNotControlCharacters() throws {
        let mail = try MailFixtures.mail("1700000002")
        #expect(mail.text == "I paid £12.50 for item 284512345678 – it says “dispatched” but nothing came.")
        #expect(!mail.text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
    }

    @Test func unknownCharsetIsBestEffortWithANote() throws {
        let mail = try MailFixtures.mail("1700000020")
        #expect(mail.text == "Qapla' — it works anyway.")
        #expect(mail.notes.contains { $0.contains("unknown charset \"x-klingon\"") })
    }

    @Test func invalidBytesBecomeReplacementCharactersAndAreCounted() {
        let decoded = TextDecoder.decode([0x41, 0xFF, 0x42], charset: "shift_jis")
        #expect(decoded.text == "A\u{FFFD}B")
        #expect(decoded.note != nil)
        let broken = TextDecoder.decode([0x68, 0xC3], charset: "utf-8")
        #expect(broken.text == "h\u{FFFD}")
    }

    @Test func iconvConvertsBothWays() throws {
        let encoded = try #require(Iconv.convert(Array("Привет".utf8), from: "UTF-8", to: "KOI8-R"))
        #expect(encoded.bytes == [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4])
        let back = try #require(Iconv.convert(encoded.bytes, from: "KOI8-R", to: "UTF-8"))
        #expect(String(decoding: back.bytes, as: UTF8.self) == "Привет")
        #expect(Iconv.convert([0x41], from: "NO-SUCH-CHARSET", to: "UTF-8") == nil)
    }

    @Test func charsetLabelsMapToSupersets() {
        #expect(CharsetName.resolve("GB2312") == .iconv("GB18030"))
        #expect(CharsetName.resolve("\"x-gbk\"") == .iconv("GB18030"))
        #expect(CharsetName.resolve("ISO-8859-1") == .iconv("WINDOWS-1252"))
        #expect(CharsetName.resolve("cp1251") == .iconv("WINDOWS-1251"))
        #expect(CharsetName.resolve("iso8859-2") == .iconv("ISO-8859-2"))
        #expect(CharsetName.resolve("US-ASCII") == .utf8)
        #expect(CharsetName.resolve("utf-8*en") == .utf8)
    }

    @Test("A conversion left in a shifted state does not leak into the next one on the same thread")
    func shiftStateIsReset() throws {
        // ISO-2022-JP text that switches to JIS X 0208 and ends without switching back.
        let truncated: [UInt8] = [0x1B, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73]  // ESC $ B こん
        let first = try #require(Iconv.convert(truncated, from: "ISO-2022-JP-2", to: "UTF-8"))
        #expect(String(decoding: first.bytes, as: UTF8.self) == "こん")
        // Plain ASCII must read as ASCII, not as two-byte JIS codes.
        let second = try #require(Iconv.convert(Array("Hello".utf8), from: "ISO-2022-JP-2", to: "UTF-8"))
        #expect(String(decoding: second.bytes, as: UTF8.self) == "Hello")
    }
}
