import Foundation
import KefuCore
import Testing
@testable import KefuMail

/// Broken mail is refused with a reason a team lead can act on, and never crashes the import.
@Suite struct QuarantineTests {
    private func error(_ bytes: [UInt8], limits: MailLimits = MailLimits()) -> MailParseError? {
        do {
            _ = try MailParser(limits: limits).parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func noHeaders() throws {
        let failure = try #require(error(MailFixtures.bytes("1700000090")))
        #expect(failure.code == .noHeaders)
        // The reason is printed and logged: it describes the line without quoting it.
        #expect(failure.reason.contains("is not a header field"))
        #expect(!failure.reason.contains("Hello, I want a refund"))
    }

    @Test func noFrom() throws {
        let failure = try #require(error(MailFixtures.bytes("1700000091")))
        #expect(failure.code == .noSender)
        #expect(failure.reason.contains("no From header"))
    }

    @Test func fromWithoutAddress() {
        let failure = error(MailFixtures.message("From: \nSubject: x\n\nbody\n"))
        #expect(failure?.code == .noSender)
    }

    /// Broken structure is read leniently (a customer is waiting): the first `--` line names
    /// the parts, and a note says what was repaired.
    @Test func multipartWithoutBoundaryIsReadFromItsFirstDelimiterLine() throws {
        let mail = try MailParser().parse(MailFixtures.bytes("1700000092"))
        #expect(mail.text == "text")
        #expect(mail.notes.contains("multipart/mixed without a boundary parameter"))
        #expect(mail.notes.contains("its parts were found at the first line starting with --"))
    }

    @Test func boundaryThatNeverAppearsIsReadFromTheLineThatIsThere() throws {
        let mail = try MailParser().parse(MailFixtures.bytes("1700000093"))
        #expect(mail.text == "text")
        #expect(mail.notes.contains("multipart/alternative: its boundary never appears in the body"))
    }

    @Test func aMultipartWithNoDelimiterAtAllIsReadAsPlainText() throws {
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\nJust some words, no parts.\n"))
        #expect(mail.text == "Just some words, no parts.")
        #expect(mail.notes.contains("the body was read as plain text"))
    }

    @Test func aMissingFinalBoundaryKeepsTheLastPart() throws {
        let mail = try MailParser().parse(MailFixtures.message("From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nlast part\n"))
        #expect(mail.text == "last part")
        #expect(mail.notes.contains { $0.contains("no closing boundary") })
    }

    @Test func nestedTooDeep() throws {
        let failure = try #require(error(MailFixtures.bytes("1700000094")))
        #expect(failure.code == .nestedTooDeep)
    }

    @Test func emptyFile() throws {
        #expect(try error(MailFixtures.bytes("1700000095"))?.code == .empty)
    }

    @Test func textBodyOverTheLimit() {
        let big = "From: a@b.example\nSubject: big\n\n" + String(repeating: "0123456789abcdef\n", count: 70_000)
        let failure = error(MailFixtures.message(big))
        #expect(failure?.code == .bodyTooLarge)
        #expect(failure?.reason.contains("limit of \(IngestParser.maximumBodyBytes)") == true)
    }

    @Test func messageOverTheLimit() {
        let failure = error(MailFixtures.message("From: a@b.example\n\n" + String(repeating: "x", count: 2000)), limits: MailLimits(maximumMessageBytes: 1000))
        #expect(failure?.code == .messageTooLarge)
    }

    @Test func tooManyParts() {
        var raw = "From: a@b.example\nContent-Type: multipart/mixed; boundary=p\n\n"
        for _ in 0..<20 { raw += "--p\n\nx\n" }
        let failure = error(MailFixtures.message(raw + "--p--\n"), limits: MailLimits(maximumParts: 10))
        #expect(failure?.code == .tooManyParts)
    }

    @Test func quarantineRowKeepsReasonLocationAndRaw() throws {
        let bytes = try MailFixtures.bytes("1700000091")
        let failure = try #require(error(bytes))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let row = failure.quarantined(bytes: bytes, source: "maildir", location: "/mail/cur/x", at: now)
        #expect(row.reason == "no-sender: no From header (fields: To, Subject, Date)")
        #expect(row.raw.contains("Who am I?"))
        #expect(row.location == "/mail/cur/x")
        #expect(row.at == now)
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("From: a@b\nContent-Type: multipart/mixed; boundary=\"b\"\n--b\n=?utf-8?B?=\r\n<>\"()\u{00}".utf8) + [0xFF, 0xC3, 0x80]
        for _ in 0..<300 {
            let length = Int.random(in: 0..<400, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? MailParser().parse(bytes)
        }
    }
}
