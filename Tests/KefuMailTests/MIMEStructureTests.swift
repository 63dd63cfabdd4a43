import Foundation
import Testing
@testable import KefuMail

@Suite struct MIMEStructureTests {
    @Test func quotedPrintableSoftBreaksJoinWords() throws {
        let mail = try MailFixtures.mail("1700000001")
        #expect(mail.text == "Hallo, ich habe vor zwei Wochen bestellt und das Paket ist noch nicht da. Können Sie mir bitte die Sendungsnummer schicken? Grüße, Anna Müller")
    }

    @Test func alternativePrefersPlainText() throws {
        let mail = try MailFixtures.mail("1700000013")
        #expect(mail.text == "PLAIN VERSION: the vase arrived broken.")
    }

    @Test func htmlOnlyMailBecomesReadableText() throws {
        let mail = try MailFixtures.mail("1700000014")
        #expect(mail.text == """
            Problem with my order

            Hello, the item's colour is wrong & the size too.

            - Colour: blue
            - Size: M – expected L

            See my tracking (https://tracking.example/track?id=RB123456785GB) and https://www.example.com/.

            Price €25

            Café déjà vu
            Thanks
            """)
        #expect(!mail.text.contains("alert"))
        #expect(!mail.text.contains("Ignore me"))
        #expect(!mail.text.contains("color"))
    }

    @Test func nestedMultipartKeepsTextInlinePhotoAndAttachments() throws {
        let mail = try MailFixtures.mail("1700000015")
        #expect(mail.text == "The box was crushed, see the photo.")
        #expect(!mail.text.contains("preamble"))
        #expect(!mail.text.contains("epilogue"))
        #expect(mail.attachments.count == 3)
        let photo = try #require(mail.attachments.first { $0.contentType == "image/png" })
        #expect(photo.data == Array("PNGDATA-inline-photo".utf8))
        #expect(photo.contentID == "photo1@client.example")
        #expect(photo.isInline)
        let invoice = try #require(mail.attachments.first { $0.contentType == "application/pdf" })
        #expect(invoice.data == Array("%PDF-1.4 invoice".utf8))
        #expect(!invoice.isInline)
        let jpeg = try #require(mail.attachments.first { $0.contentType == "image/jpeg" })
        #expect(jpeg.data == Array("JPEGDATA".utf8))
    }

    @Test func missingClosingBoundaryIsTolerated() throws {
        let mail = try MailFixtures.mail("1700000016")
        #expect(mail.text == "First part.\n\nSecond part, and the closing boundary never comes.")
        #expect(mail.notes.contains { $0.contains("no closing boundary") })
    }

    @Test func base64WithoutPaddingAndWithOddLineBreaks() throws {
        #expect(try MailFixtures.mail("1700000021").text == "Tracking number please: RB123456785GB")
        #expect(Base64Decoder.decode(Array("aGVsbG8=\r\n=".utf8)) == Array("hello".utf8))
        #expect(Base64Decoder.decode(Array("aGV\nsbG8".utf8)) == Array("hello".utf8))
    }

    @Test func quotedPrintableRules() {
        let decoded = QuotedPrintableDecoder.decode(Array("a=3Db =\r\nc=20\r\nd  \r\n=XYe=c3=a9".utf8))
        #expect(String(decoding: decoded, as: UTF8.self) == "a=b c \nd\n=XYeé")
    }

    @Test func flowedTextJoinsWrappedLines() throws {
        let mail = try MailFixtures.mail("1700000022")
        #expect(mail.text == "I ordered a lamp last week and it has not shipped yet. Could you check?")
    }

    @Test func messageWithoutMIMEIsPlainText() throws {
        let mail = try MailFixtures.mail("1700000017")
        #expect(mail.text == "I received size S but ordered M.")
        #expect(mail.attachments.isEmpty)
    }

    @Test func attachmentMarkedTextIsAFileNotBody() throws {
        let raw = """
            From: a@b.example
            Content-Type: multipart/mixed; boundary=X

            --X
            Content-Type: text/plain

            Body.
            --X
            Content-Type: text/csv
            Content-Disposition: attachment; filename=orders.csv

            id,qty
            --X
            Content-Type: text/plain
            Content-Disposition: attachment

            log line
            --X--
            """
        let mail = try MailParser().parse(MailFixtures.message(raw))
        #expect(mail.text == "Body.")
        #expect(mail.attachments.map(\.filename) == ["orders.csv", "attachment-2.txt"])
        #expect(mail.attachments[0].data == Array("id,qty".utf8))
    }

    @Test func htmlEntitiesAndLinks() {
        #expect(HTMLEntities.decode("&lt;b&gt; &#128512; &#x41; &#150; &bogus; &") == "<b> 😀 A – &bogus; &")
        #expect(HTMLText.convert("<a href=\"https://evil.example/login\">www.amazon.com</a>") == "www.amazon.com (https://evil.example/login)")
        #expect(HTMLText.convert("<a href=\"mailto:x@y.z\">x@y.z</a>") == "x@y.z")
        #expect(HTMLText.convert("<pre>a\n  b</pre>") == "a\n  b")
        #expect(HTMLText.convert("1 < 2 <b>bold</b>") == "1 < 2 bold")
    }
}
