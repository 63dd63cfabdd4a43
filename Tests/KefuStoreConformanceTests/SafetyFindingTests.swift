import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Scam findings are stored with their message on either backend: the queue row's mark, the
/// thread's findings and the lead's scam waves come out the same.
@Suite("Scam findings in the store")
struct SafetyFindingTests {
    static func forwardedScams() -> [IngestRecord] {
        let safety = MessageSafety()
        return (0..<4).map { number in
            var record = Fixture.message(
                "scam-\(number)", conversation: "fwd-\(number)", at: Double(number),
                from: "Buyer \(number) <buyer\(number)@example.de>", subject: "Is this you?",
                body: "I got this mail: Your Amazon account is locked, verify at https://amazon-verify-account.co/login now")
            record.findings = safety.check(IncomingMessage(from: record.from, subject: record.subject, body: record.body))
            return record
        }
    }

    @Test("The mark, the findings and the wave", arguments: StoreBackend.allCases)
    func stored(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let records = Self.forwardedScams()
        #expect(!records[0].findings.isEmpty)
        _ = try temp.store.ingest(records + [Fixture.message("clean", conversation: "c-clean", at: 10)])
        let rows = try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 10)
        #expect(rows.filter { $0.safetyMark != nil }.count == 4)
        #expect(rows.first { $0.conversation == "c-clean" }?.safetyMark == nil)
        let scam = try #require(rows.first { $0.conversation == "fwd-0" })
        #expect(try temp.store.messages(ticketID: scam.id).first?.findings == records[0].findings)
        let safety = try #require(temp.store as? any SafetyStore)
        let waves = try safety.scamWaves(now: Fixture.base.addingTimeInterval(3600), rule: ScamWaveRule(minimumCustomers: 3))
        #expect(waves.first?.customers == 4)
    }
}
