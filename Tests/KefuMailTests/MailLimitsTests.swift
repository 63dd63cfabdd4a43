import Foundation
import KefuCore
import Testing
@testable import KefuMail

/// Mail over a field limit is still taken in (a customer is waiting), with a note saying what
/// was cut or ignored.
struct MailLimitsTests {
    @Test func anOverlongMessageIDIsIgnoredAndTheContentHashNamesTheMessage() throws {
        let id = String(repeating: "a", count: 100_000) + "@x.example"
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nMessage-ID: <\(id)>\nSubject: s\n\nbody\n"))
        #expect(mail.messageID == nil)
        #expect(mail.storageID.hasPrefix("content-"))
        #expect(mail.notes.contains("Message-ID: 1 id(s) over 998 bytes ignored"))
    }

    @Test func aTwoMegabyteSubjectIsCutWithANote() throws {
        let subject = String(repeating: "Wo ist mein Paket ", count: 120_000)
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nSubject: \(subject)\n\nbody\n"))
        #expect(mail.subject.utf8.count <= InputLimits.subjectBytes)
        #expect(mail.subject.hasPrefix("Wo ist mein Paket Wo ist"))
        #expect(mail.notes.contains { $0.hasPrefix("the subject was ") && $0.hasSuffix("cut to 4096") })
    }

    @Test func onlyTheNearestHundredReferencesAreKept() throws {
        let references = (0..<150).map { "<r\($0)@x.example>" }.joined(separator: " ")
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nReferences: \(references)\nSubject: s\n\nbody\n"))
        #expect(mail.references.count == 100)
        #expect(mail.references.last == "r149@x.example")
    }

    /// Found by fuzzing: the stray `>` stayed in the address, so replies went to "a@b.example>".
    @Test func strayAngleBracketsAreNotPartOfTheAddress() throws {
        let mail = try MailParser().parse(MailFixtures.message("From: Aliang@client.cn>\nSubject: s\n\nbody\n"))
        #expect(mail.from.first?.address == "Aliang@client.cn")
    }

    /// Found by fuzzing: CRLF inside a quoted-printable text part stayed in the text.
    @Test func lineEndsInsideTheTextBecomeNewlines() throws {
        let mail = try MailParser().parse(MailFixtures.message(
            "From: a@b.example\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\none=0D=0Atwo=0Dthree\n"))
        #expect(!mail.text.unicodeScalars.contains("\r"))
        #expect(mail.text.hasPrefix("one\ntwo\nthree"))
    }
}

/// Found by fuzzing: a Date header with a huge year overflowed and stopped the whole import.
struct MailDateOverflowTests {
    @Test func aHugeYearIsAnUnreadableDateNotACrash() throws {
        #expect(MailDate.parse("Mon, 23 Nov 99999999999999999 08:15:00 +0100") == nil)
        #expect(MailDate.parse("Mon, 23 Nov 10000 08:15:00 +0100") == nil)
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nDate: 1 Jan 99999999999999 00:00:00 +0000\n\nbody\n"))
        #expect(mail.date == nil)
    }
}
