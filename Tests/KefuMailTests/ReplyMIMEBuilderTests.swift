import Foundation
import KefuCore
import Testing
@testable import KefuMail

@Suite struct ReplyMIMEBuilderTests {
    private let date = Date(timeIntervalSince1970: 1_795_508_100) // 2026-11-24T08:15:00Z
    private let shop = MailAddress(name: "Kefu Shop", address: "shop@seller.example")

    @Test func replyToAThreadByteForByte() throws {
        let customer = try MailFixtures.mail("1700000018")
        let reply = OutgoingReply(
            replyingTo: customer, from: shop, body: "Hello Peter,\n\nwe will send size M today.\n\nBest regards",
            messageID: "kefu.18.1@seller.example", date: date)
        let expected = """
            Date: Tue, 24 Nov 2026 08:15:00 +0000\r
            From: Kefu Shop <shop@seller.example>\r
            To: Peter Jones <peter@client.example>\r
            Subject: Re: Wrong size\r
            Message-ID: <kefu.18.1@seller.example>\r
            In-Reply-To: <reply-0018@client.example>\r
            References: <root-0017@client.example> <kefu-answer-1@seller.example>\r
             <reply-0018@client.example>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hello Peter,\r
            \r
            we will send size M today.\r
            \r
            Best regards\r

            """
        #expect(String(decoding: ReplyMIMEBuilder.build(reply), as: UTF8.self) == expected)
    }

    @Test func nonASCIIHeadersAndBodyWithAttachmentByteForByte() {
        let reply = OutgoingReply(
            from: MailAddress(name: "客服 小王", address: "shop@seller.example"),
            to: [MailAddress(name: "Anna Müller", address: "a1b2c3d4e5@marketplace.amazon.de")],
            subject: OutgoingReply.replySubject("AW: Re: Frage zur Bestellung – wo ist mein Paket?"),
            inReplyTo: "amz-0001@marketplace.amazon.de", references: ["amz-0001@marketplace.amazon.de"],
            date: date, utcOffsetSeconds: 8 * 3600, messageID: "<kefu.1.1@seller.example>",
            body: "Liebe Anna,\nIhr Paket ist unterwegs: RB123456785GB.\nFrom now on you can track it. ",
            attachments: [OutgoingAttachment(filename: "Sendungsverfolgung ü.png", contentType: "image/png", data: Array("PNG".utf8))])
        let boundary = "=_kefu_" + ContentHash.hex(ContentHash.fnv1a(Array("kefu.1.1@seller.example".utf8)))
        let expected = """
            Date: Tue, 24 Nov 2026 16:15:00 +0800\r
            From: =?UTF-8?B?5a6i5pyNIOWwj+eOiw==?= <shop@seller.example>\r
            To: =?UTF-8?Q?Anna_M=C3=BCller?= <a1b2c3d4e5@marketplace.amazon.de>\r
            Subject: Re: Frage zur Bestellung =?UTF-8?B?4oCT?= wo ist mein Paket?\r
            Message-ID: <kefu.1.1@seller.example>\r
            In-Reply-To: <amz-0001@marketplace.amazon.de>\r
            References: <amz-0001@marketplace.amazon.de>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed;\r
             boundary="\(boundary)"\r
            \r
            This is a multi-part message in MIME format.\r
            \r
            --\(boundary)\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Liebe Anna,\r
            Ihr Paket ist unterwegs: RB123456785GB.\r
            =46rom now on you can track it.=20\r
            \r
            --\(boundary)\r
            Content-Type: image/png;\r
             name="=?UTF-8?Q?Sendungsverfolgung_=C3=BC=2Epng?="\r
            Content-Disposition: attachment;\r
             filename*=UTF-8''Sendungsverfolgung%20%C3%BC.png\r
            Content-Transfer-Encoding: base64\r
            \r
            UE5H\r
            --\(boundary)--\r

            """
        #expect(String(decoding: ReplyMIMEBuilder.build(reply), as: UTF8.self) == expected)
    }

    @Test func outputIsDeterministic() throws {
        let customer = try MailFixtures.mail("1700000004")
        let make = { OutgoingReply(replyingTo: customer, from: self.shop, body: "您好，包裹已发出。", messageID: "kefu.4.1@seller.example", date: self.date,
                                   attachments: [OutgoingAttachment(filename: "a.txt", contentType: "text/plain", data: [1, 2, 3])]) }
        #expect(ReplyMIMEBuilder.build(make()) == ReplyMIMEBuilder.build(make()))
    }

    @Test func replyParsesBackToWhatWasSent() throws {
        let customer = try MailFixtures.mail("1700000004")
        let body = "您好王先生，\n包裹已于今天发出，单号 RB123456785GB。\n" + String(repeating: "很长的一行没有换行符", count: 20)
        let reply = OutgoingReply(
            replyingTo: customer, from: shop, body: body, messageID: "kefu.4.2@seller.example", date: date,
            attachments: [OutgoingAttachment(filename: "称重记录.jpg", contentType: "image/jpeg", data: Array(0...255))])
        let bytes = ReplyMIMEBuilder.build(reply)
        #expect(!bytes.contains { $0 >= 0x80 })
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(!String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let parsed = try MailParser().parse(bytes)
        #expect(parsed.subject == "Re: 请问我的包裹到哪里了")
        #expect(parsed.text == body)
        #expect(parsed.to.first?.address == "wang@client.cn")
        #expect(parsed.to.first?.name == "王先生")
        #expect(parsed.inReplyTo == ["gb-0004@client.cn"])
        #expect(parsed.references == ["gb-0004@client.cn"])
        #expect(parsed.attachments.first?.filename == "称重记录.jpg")
        #expect(parsed.attachments.first?.data == Array(0...255))
        #expect(parsed.date == date)
    }

    @Test func singleRePrefix() {
        #expect(OutgoingReply.replySubject("Re: RE: Re[3]: Lieferung") == "Re: Lieferung")
        #expect(OutgoingReply.replySubject("AW: Lieferung") == "Re: Lieferung")
        #expect(OutgoingReply.replySubject("Lieferung") == "Re: Lieferung")
        #expect(OutgoingReply.replySubject("") == "Re:")
    }

    @Test func replyGoesToReplyToWhenGiven() throws {
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nReply-To: Desk <desk@b.example>\nMessage-ID: <m1@b>\nSubject: Hi\n\nx\n"))
        let reply = OutgoingReply(replyingTo: mail, from: shop, body: "ok", messageID: "r1@s", date: date)
        #expect(reply.to == [MailAddress(name: "Desk", address: "desk@b.example")])
        #expect(reply.references == ["m1@b"])
    }

    @Test func longASCIISubjectFoldsAtSpaces() {
        let header = HeaderEncoder.unstructured("Subject", String(repeating: "word ", count: 30))
        #expect(header.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(header.hasSuffix("word\r\n"))
    }

    @Test func quotedPrintableLinesStayShort() {
        let encoded = String(decoding: QuotedPrintableEncoder.encode(String(repeating: "é", count: 100)), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(String(decoding: QuotedPrintableDecoder.decode(Array(encoded.utf8)), as: UTF8.self) == String(repeating: "é", count: 100))
    }
}
