import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// The audit log on both backends: every claim, release, lapse, assignment, outcome, hold,
/// snooze and evidence removal leaves one row in its own transaction; a refused change leaves none.
@Suite("Audit log: one row per change, none for a refusal")
struct AuditLogTests {
    let agent = ActingAgent(name: "Li Wei", standing: .agent)
    let lead = ActingAgent(name: "Zhang Min", standing: .lead)
    let rules = ClaimRules(lease: 600, capacity: 1)

    static func filled(_ backend: StoreBackend, tickets: Int) throws -> (BackendStore, [Int64]) {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest((0..<tickets).map { Fixture.message("m\($0)", conversation: "c\($0)", at: Double($0)) })
        let ids = try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 100)
            .sorted { $0.conversation < $1.conversation }.map(\.id)
        return (temp, ids)
    }

    struct Row: Equatable, CustomStringConvertible {
        var action: AuditAction
        var agent: String
        var ticket: Int64?
        var description: String { "\(action.rawValue) \(agent) \(ticket.map(String.init) ?? "-")" }
    }

    static func rows(_ entries: [AuditEntry]) -> [Row] {
        entries.map { Row(action: $0.action, agent: $0.agent, ticket: $0.ticketID) }
    }

    @Test("Claims, releases, assignments, outcomes, holds and snoozes each leave their row, in order", arguments: StoreBackend.allCases)
    func everyChange(_ backend: StoreBackend) throws {
        let (temp, ids) = try Self.filled(backend, tickets: 3)
        let store = temp.store
        var now = Fixture.base.addingTimeInterval(3600)
        func later() -> Date { now = now.addingTimeInterval(10); return now }
        guard case .claimed(let first) = try store.claimNext(for: "Li Wei", releasing: nil, rules: rules, now: later()),
              case .claimed(let second) = try store.claimNext(for: "Anna", releasing: nil, rules: rules, now: later()),
              case .claimed(let third) = try store.claimNext(for: "Li Wei", releasing: first.id, rules: rules, now: later())
        else { Issue.record("no claim"); return }
        #expect([first.id, second.id, third.id] == ids)
        try store.assign(ticketIDs: [ids[0]], to: "Bo Chen", acting: lead, now: later())
        try store.assign(ticketIDs: [ids[0]], to: "Bo Chen", acting: lead, now: later())  // already his: no change, no row
        let choice = OutcomeChoice(problem: .lateOrLostParcel, responsible: .carrier)
        _ = try store.solve(ticketID: ids[1], outcome: choice, acting: agent, now: later())
        try store.setOutcome(ticketID: ids[1], outcome: OutcomeChoice(problem: .wrongItem, responsible: .warehouse), acting: lead, now: later())
        _ = try store.startHold(ticketID: ids[0], reason: .waitingOnCustomer, agent: "Li Wei", now: later())
        _ = try store.startHold(ticketID: ids[0], reason: .waitingOnCustomer, agent: "Li Wei", now: later())  // the same hold: no row
        _ = try store.endHold(ticketID: ids[0], agent: "Li Wei", now: later())
        _ = try store.endHold(ticketID: ids[0], agent: "Li Wei", now: later())  // no hold left: no row
        #expect(try store.markNoResponseNeeded(ticketID: ids[2], agent: "Anna", now: later()).count >= 1)
        _ = try store.snooze(ticketID: ids[0], until: now.addingTimeInterval(3600), agent: "Li Wei", now: later())
        _ = try store.snooze(ticketID: ids[0], until: nil, agent: "Li Wei", now: later())
        _ = try store.snooze(ticketID: ids[0], until: nil, agent: "Li Wei", now: later())  // not snoozed: no row
        try store.releaseClaim(ticketID: third.id, agent: "Li Wei")
        try store.releaseClaim(ticketID: third.id, agent: "Li Wei")  // no longer held: no row

        let entries = try store.auditEntries(AuditQuery())
        #expect(Self.rows(entries) == [
            Row(action: .claim, agent: "Li Wei", ticket: ids[0]),
            Row(action: .claim, agent: "Anna", ticket: ids[1]),
            Row(action: .release, agent: "Li Wei", ticket: ids[0]),
            Row(action: .claim, agent: "Li Wei", ticket: ids[2]),
            Row(action: .assign, agent: "Zhang Min", ticket: ids[0]),
            Row(action: .solve, agent: "Li Wei", ticket: ids[1]),
            Row(action: .outcome, agent: "Zhang Min", ticket: ids[1]),
            Row(action: .hold, agent: "Li Wei", ticket: ids[0]),
            Row(action: .holdEnded, agent: "Li Wei", ticket: ids[0]),
            Row(action: .noResponseNeeded, agent: "Anna", ticket: ids[2]),
            Row(action: .snooze, agent: "Li Wei", ticket: ids[0]),
            Row(action: .unsnooze, agent: "Li Wei", ticket: ids[0]),
            Row(action: .release, agent: "Li Wei", ticket: ids[2]),
        ])
        let details = entries.map(\.detail)
        #expect(details[4] == "to Bo Chen")
        #expect(details[5] == "late-or-lost-parcel/carrier/\(choice.resolution.rawValue)")
        #expect(details[6].contains("(was \(choice.problem.rawValue)/"))
        #expect(details[7] == HoldReason.waitingOnCustomer.rawValue)
        // Times are the changes' own, newest last.
        #expect(entries.map(\.at) == entries.map(\.at).sorted())
        #expect(entries[0].at == Fixture.base.addingTimeInterval(3610))
    }

    @Test("A lease that lapses and is taken over is logged against the agent who held it", arguments: StoreBackend.allCases)
    func lapse(_ backend: StoreBackend) throws {
        let (temp, ids) = try Self.filled(backend, tickets: 1)
        let now = Fixture.base.addingTimeInterval(3600)
        _ = try temp.store.claimNext(for: "Li Wei", releasing: nil, rules: rules, now: now)
        guard case .claimed = try temp.store.claimNext(for: "Anna", releasing: nil, rules: rules, now: now.addingTimeInterval(601)) else {
            Issue.record("the lapsed lease was not taken"); return
        }
        let entries = try temp.store.auditEntries(AuditQuery())
        #expect(Self.rows(entries) == [
            Row(action: .claim, agent: "Li Wei", ticket: ids[0]),
            Row(action: .lapse, agent: "Li Wei", ticket: ids[0]),
            Row(action: .claim, agent: "Anna", ticket: ids[0]),
        ])
        #expect(entries[1].detail == "lease lapsed; taken by Anna")
    }

    @Test("Refused changes (role checks, capacity, nothing free, unknown ticket) leave no row", arguments: StoreBackend.allCases)
    func refusals(_ backend: StoreBackend) throws {
        let (temp, ids) = try Self.filled(backend, tickets: 2)
        let store = temp.store
        let now = Fixture.base.addingTimeInterval(3600)
        try store.assign(ticketIDs: [ids[1]], to: "Bo Chen", acting: lead, now: now)
        let choice = OutcomeChoice(problem: .lateOrLostParcel, responsible: .carrier)
        _ = try store.solve(ticketID: ids[1], outcome: choice, acting: lead, now: now)
        guard case .claimed = try store.claimNext(for: "Li Wei", releasing: nil, rules: rules, now: now) else {
            Issue.record("no claim"); return
        }
        let before = try store.auditEntries(AuditQuery())
        #expect(before.count == 3)

        #expect(throws: LeadRoleRequired.self) { try store.assign(ticketIDs: ids, to: "Li Wei", acting: agent, now: now) }
        #expect(throws: LeadRoleRequired.self) { try store.assign(ticketIDs: [ids[1]], to: "Li Wei", acting: agent, now: now) }
        #expect(throws: LeadRoleRequired.self) {
            try store.setOutcome(ticketID: ids[1], outcome: OutcomeChoice(problem: .wrongItem, responsible: .warehouse), acting: agent, now: now)
        }
        #expect(throws: LeadRoleRequired.self) { _ = try store.solve(ticketID: ids[1], outcome: choice, acting: agent, now: now) }
        #expect(try store.claimNext(for: "Li Wei", releasing: nil, rules: rules, now: now) == .atCapacity(held: [ids[0]]))
        #expect(try store.claimNext(for: "Anna", releasing: nil, rules: rules, now: now) == .nothingFree)
        #expect(throws: StoreError.self) { try store.assign(ticketIDs: [999_999], to: "Li Wei", acting: lead, now: now) }
        #expect(throws: StoreError.self) { _ = try store.startHold(ticketID: 999_999, reason: .onHold, agent: "Li Wei", now: now) }
        try store.releaseClaim(ticketID: ids[0], agent: "Anna")  // not Anna's: nothing let go

        #expect(try store.auditEntries(AuditQuery()) == before)
    }

    @Test("An evidence removal is logged with the ticket of its order and a link to its removal record", arguments: StoreBackend.allCases)
    func evidenceRemoval(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-audit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: files) }
        try temp.store.saveOrder(Order(
            id: "302-1", marketplace: .amazon, customerName: "Hans Müller", placedAt: Fixture.base, total: 20, currency: "EUR",
            items: [], parcels: []))
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, order: "302-1")])
        let ticketID = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        let locker = try temp.locker(folder: files.appendingPathComponent("store-evidence"))
        let photo = files.appendingPathComponent("photo.jpg")
        try Data("a photo".utf8).write(to: photo)
        let added = try locker.addEvidence(NewEvidence(file: photo, orderID: "302-1", kind: .photo, addedBy: "Li Wei"), now: Fixture.base)
        #expect(throws: EvidenceLockerError.emptyReason) {
            _ = try locker.removeEvidence(id: added.record.id, reason: " ", removedBy: "Zhang Min", now: Fixture.base)
        }
        #expect(try temp.store.auditEntries(AuditQuery()).isEmpty)
        _ = try locker.removeEvidence(id: added.record.id, reason: "customer's private photo", removedBy: "Zhang Min",
                                      now: Fixture.base.addingTimeInterval(60))
        let entries = try temp.store.auditEntries(AuditQuery())
        #expect(Self.rows(entries) == [Row(action: .evidenceRemoved, agent: "Zhang Min", ticket: ticketID)])
        #expect(entries.first?.detail.hasPrefix("\(added.record.id), file deleted") == true)
        // The reason is the agent's words and the order id came from a file: both stay in the removal record.
        #expect(entries.first?.detail.contains("private") == false)
        #expect(entries.first?.detail.contains("302-1") == false)
        #expect(try locker.evidenceRemovals(limit: 5).map(\.reason) == ["customer's private photo"])
    }

    @Test("Reading filters by time, ticket and agent; a limit keeps the newest, still oldest first", arguments: StoreBackend.allCases)
    func filters(_ backend: StoreBackend) throws {
        let (temp, ids) = try Self.filled(backend, tickets: 3)
        let start = Fixture.base.addingTimeInterval(3600)
        for (offset, id) in ids.enumerated() {
            let by = offset == 1 ? ActingAgent(name: "Li Wei", standing: .lead) : lead
            try temp.store.assign(ticketIDs: [id], to: "Bo Chen", acting: by, now: start.addingTimeInterval(Double(offset) * 60))
        }
        let all = try temp.store.auditEntries(AuditQuery())
        #expect(all.map(\.ticketID) == ids)
        #expect(try temp.store.auditEntries(AuditQuery(since: start.addingTimeInterval(60))).map(\.ticketID) == Array(ids[1...]))
        #expect(try temp.store.auditEntries(AuditQuery(ticketID: ids[2])).map(\.ticketID) == [ids[2]])
        #expect(try temp.store.auditEntries(AuditQuery(agent: "Li Wei")).map(\.ticketID) == [ids[1]])
        #expect(try temp.store.auditEntries(AuditQuery(limit: 2)).map(\.ticketID) == Array(ids[1...]))
        #expect(try temp.store.auditEntries(AuditQuery(agent: "Nobody")).isEmpty)
    }
}
