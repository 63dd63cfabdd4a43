import Foundation
import KefuCore
import Testing
@testable import KefuMail

@Suite struct HeaderDecodingTests {
    @Test func encodedWordsJoinAcrossASplitCharacterAndKeepEachCharset() throws {
        let mail = try MailFixtures.mail("1700000003")
        // "世" is split over two B words; GB2312 and ISO-8859-1 words sit in the same header.
        #expect(mail.subject == "你好世界 - réclamation订单")
        #expect(mail.from == [MailAddress(name: "François Dupont", address: "francois@client.example")])
    }

    @Test func groupsQuotedCommasAndDuplicateHeaders() throws {
        let mail = try MailFixtures.mail("1700000003")
        #expect(mail.to == [
            MailAddress(name: "Smith, John", address: "john@seller.example"),
            MailAddress(name: "小明", address: "xiaoming@seller.example"),
        ])
        #expect(mail.cc.map(\.address) == ["a@seller.example", "b@seller.example"])
        #expect(mail.header.all("cc").count == 2)
    }

    @Test func foldedQEncodedSubject() throws {
        let mail = try MailFixtures.mail("1700000001")
        #expect(mail.subject == "Frage zur Bestellung 302-1234567-7654321 – wo ist mein Paket?")
        #expect(mail.from.first?.name == "Anna Müller - Amazon Marketplace")
    }

    @Test func encodedWordRules() {
        #expect(EncodedWordDecoder.decode("=?utf-8?q?a_b?= =?utf-8?q?c?=") == "a bc")
        #expect(EncodedWordDecoder.decode("Re: =?UTF-8?B?w6k=?= ok") == "Re: é ok")
        #expect(EncodedWordDecoder.decode("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=")
        #expect(EncodedWordDecoder.decode("plain text") == "plain text")
    }

    @Test func rfc2231ContinuationsWithCharsetAndRFC2047InQuotedName() throws {
        let mail = try MailFixtures.mail("1700000015")
        let names = mail.attachments.map(\.filename)
        #expect(names.contains("发票-2026.pdf"))
        #expect(names.contains("损坏照片.jpg"))
    }

    @Test func parameterParsing() {
        let type = HeaderParameters(parsing: "Text/Plain; charset=\"ISO-8859-1\"; format=flowed; name*=iso-8859-1'fr'caf%E9.txt")
        #expect(type.value == "text/plain")
        #expect(type["charset"] == "ISO-8859-1")
        #expect(type["format"] == "flowed")
        #expect(type["name"] == "café.txt")
        let quoted = HeaderParameters(parsing: "attachment; filename=\"a;b \\\"c\\\".pdf\"")
        #expect(quoted["filename"] == "a;b \"c\".pdf")
    }

    @Test func datesCurrentAndObsolete() throws {
        let date = try #require(MailDate.parse("Mon, 23 Nov 2026 08:15:00 +0100"))
        #expect(RFC3339.format(date) == "2026-11-23T07:15:00Z")
        let old = try MailFixtures.mail("1700000019")
        #expect(old.date.map(RFC3339.format) == "2023-11-05T14:05:00Z")
        #expect(old.from.first?.name == "Old Timer")
        #expect(MailDate.parse("23-Nov-2026 08:15:00 GMT").map(RFC3339.format) == "2026-11-23T08:15:00Z")
        #expect(MailDate.parse("Mon Nov 23 08:15:00 2026").map(RFC3339.format) == "2026-11-23T08:15:00Z")
        #expect(MailDate.parse("Fri, 1 Jan 99 23:00:00 -0800").map(RFC3339.format) == "1999-01-02T07:00:00Z")
        #expect(MailDate.parse("31 Feb 2026 10:00:00 +0000") == nil)
        #expect(MailDate.parse("yesterday") == nil)
    }

    @Test func dateFormattingRoundTrips() throws {
        let date = try #require(RFC3339.parse("2026-11-23T08:15:00Z"))
        #expect(MailDate.format(date) == "Mon, 23 Nov 2026 08:15:00 +0000")
        #expect(MailDate.format(date, offsetSeconds: 8 * 3600) == "Mon, 23 Nov 2026 16:15:00 +0800")
        #expect(MailDate.format(date, offsetSeconds: -5 * 3600 - 1800) == "Mon, 23 Nov 2026 02:45:00 -0530")
        #expect(MailDate.parse(MailDate.format(date, offsetSeconds: 8 * 3600)) == date)
    }

    @Test func addressListForms() {
        let list = AddressListParser.parse("bob@example.com (Bob B), \"Doe, Jane\" <jane@example.com>, <x@y.z>, undisclosed-recipients:;")
        #expect(list == [
            MailAddress(name: "Bob B", address: "bob@example.com"),
            MailAddress(name: "Doe, Jane", address: "jane@example.com"),
            MailAddress(name: "x", address: "x@y.z"),
        ])
    }

    @Test func messageIDLists() {
        #expect(MessageIDList.parse("<a@x> <b@y>\r\n <c@z>") == ["a@x", "b@y", "c@z"])
        #expect(MessageIDList.parse("bare-id@host") == ["bare-id@host"])
        #expect(MessageIDList.parse("Your message of Monday <a@x>") == ["a@x"])
    }

    @Test func rawUTF8AndUnfoldingInHeaders() throws {
        let mail = try MailParser().parse(MailFixtures.message("From: Zoë <zoe@example.com>\nSubject: Grüße\n  aus Köln\n\nHi\n"))
        #expect(mail.subject == "Grüße aus Köln")
        #expect(mail.from.first?.name == "Zoë")
    }
}
