import Foundation
import KefuCore
import Testing
@testable import KefuMail

@Suite struct IngestRecordTests {
    @Test func amazonMailBecomesAMarketplaceRecord() throws {
        let mail = try MailFixtures.mail("1700000001")
        let record = mail.ingestRecord(receivedAt: Date(timeIntervalSince1970: 0))
        #expect(record.id == "amz-0001@marketplace.amazon.de")
        #expect(record.channel == .marketplace)
        #expect(record.marketplace == .amazon)
        #expect(record.direction == .inbound)
        #expect(record.order == "302-1234567-7654321")
        #expect(record.language == "de-DE")
        #expect(RFC3339.format(record.at) == "2026-11-23T07:15:00Z")
        #expect(record.conversation == mail.conversationKey)
        #expect(record.customer == MailAddress(name: "Anna Müller - Amazon Marketplace", address: "a1b2c3d4e5@marketplace.amazon.de"))
        #expect(record.to == "Shop Team <shop@seller.example>")
    }

    @Test func missingDateFallsBackAndDetectedLanguageFillsIn() throws {
        let mail = try MailParser().parse(MailFixtures.message("From: x@y.example\nSubject: s\n\nbody\n"))
        let received = Date(timeIntervalSince1970: 1_800_000_000)
        let record = mail.ingestRecord(conversation: "c-1", receivedAt: received, detectedLanguage: "en")
        #expect(record.at == received)
        #expect(record.language == "en")
        #expect(record.conversation == "c-1")
        #expect(record.id == mail.storageID)
        #expect(record.from == "x@y.example")
    }

    @Test func sameBytesSameIDWithoutMessageID() throws {
        let bytes = MailFixtures.message("From: x@y.example\nSubject: s\n\nbody\n")
        #expect(try MailParser().parse(bytes).storageID == MailParser().parse(bytes).storageID)
        let other = MailFixtures.message("From: x@y.example\nSubject: s\n\nbody 2\n")
        #expect(try MailParser().parse(bytes).storageID != MailParser().parse(other).storageID)
    }
}
