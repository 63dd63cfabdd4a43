import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// The counts the screen shows (status-bar totals, "12/7344", the band headers) against the
/// rows the queue lists, after every kind of write and as time passes. The SQLite store keeps
/// these counts in a tally its triggers update; the listing reads the index itself, so the two
/// disagree as soon as any write path misses the tally.
@Suite("Queue counts agree with the listed rows after every write, at any time")
struct QueueCountTests {
    /// Sixty conversations: Amazon (24 h) and chats (5 min) spread over two days, some answered,
    /// some pairs arriving in the same second (the same deadline, told apart by id).
    static func records() -> [IngestRecord] {
        var generator = SeededGenerator(seed: 17)
        var records: [IngestRecord] = []
        for index in 0..<60 {
            let chat = index % 4 == 0
            let minute = index % 10 == 9 ? Double(index - 1) * 47 : Double(Int.random(in: 0..<2_880, using: &generator))
            records.append(Fixture.message(
                "m\(index)", conversation: "c\(index)", at: minute, channel: chat ? .chat : .marketplace,
                marketplace: chat ? .shopify : .amazon, from: Fixture.internationalNames[index % 5]))
            if index % 5 == 1 {
                records.append(Fixture.message("r\(index)", conversation: "c\(index)", direction: .outbound, at: minute + 3))
            }
        }
        return records
    }

    /// Instants to count at: fixed ones over three days, and each listed deadline itself and two
    /// minutes before it (the overdue line and the savable line fall exactly on a ticket's key).
    static func instants(_ store: any TicketStore) throws -> [Date] {
        let dues = try store.queue(QueueQuery(view: .needsReply, now: Fixture.base), after: nil, limit: 1_000).compactMap(\.due)
        let picked = dues.enumerated().filter { $0.offset % 7 == 0 }.map(\.element)
        return [0, 1_800, 3_600, 86_400, 2 * 86_400 + 7, 3 * 86_400].map { Fixture.base.addingTimeInterval($0) }
            + picked + picked.map { $0.addingTimeInterval(-TriageRule.standardAnswerAllowance) }
    }

    /// Every view in both orders at every instant: the count, the band counts and each row's
    /// index equal what the listing shows; the totals equal the listing plus the snoozed tickets.
    static func check(_ store: any TicketStore, snoozed: Set<Int64> = [], _ step: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for now in try instants(store) {
            for view in QueueView.allCases {
                for order in QueueOrder.allCases {
                    let query = QueueQuery(view: view, now: now, order: order)
                    let rows = try store.queue(query, after: nil, limit: 10_000)
                    let label = "\(step): \(view.rawValue) by \(order.rawValue) at +\(Int(now.timeIntervalSince(Fixture.base)))s"
                    #expect(try store.queueCount(query) == rows.count, "\(label): count", sourceLocation: sourceLocation)
                    for band in [TriageBand.savable, .late, .noDeadline] {
                        let listed = rows.filter { query.triage.band(due: $0.due, now: now) == band }.count
                        #expect(try store.queueCount(query, band: band) == listed, "\(label): \(band) band", sourceLocation: sourceLocation)
                    }
                    for (index, row) in rows.enumerated() where index % 3 == 0 || index == rows.count - 1 {
                        #expect(try store.queueIndex(query, of: QueuePosition(row)) == index, "\(label): index of #\(row.id)",
                                sourceLocation: sourceLocation)
                    }
                }
            }
            let open = try store.queue(QueueQuery(view: .allOpen, now: now), after: nil, limit: 10_000)
            var hidden: [Ticket] = []
            for id in snoozed { if let ticket = try store.ticket(id: id), ticket.status == .open { hidden.append(ticket) } }
            let all = open + hidden
            let waiting = all.filter(\.needsReply)
            let t = now.timeIntervalSince1970
            let expected = QueueTotals(
                open: all.count, needsReply: waiting.count,
                dueWithinHour: waiting.filter { ($0.due?.timeIntervalSince1970).map { $0 >= t && $0 < t + 3600 } ?? false }.count,
                overdue: waiting.filter { ($0.due?.timeIntervalSince1970).map { $0 < t } ?? false }.count)
            #expect(try store.totals(now: now) == expected, "\(step): totals at +\(Int(now.timeIntervalSince(Fixture.base)))s",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("Ingest, replies, customers writing again, claims, holds, snoozes, solving and a policy recompute",
          arguments: StoreBackend.allCases)
    func everyWrite(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let store = temp.store
        _ = try store.ingest(Self.records())
        try Self.check(store, "ingest")

        let waiting = try store.queue(QueueQuery(view: .needsReply, now: Fixture.base), after: nil, limit: 1_000)
        try #require(waiting.count > 30)
        for (index, ticket) in waiting.prefix(6).enumerated() {
            _ = try store.send(ReplyRequest(ticketID: ticket.id, body: "Thank you, we are on it.", author: "Li Wei",
                                            idempotencyKey: "k\(index)"), now: Fixture.base.addingTimeInterval(3 * 86_400))
        }
        try Self.check(store, "send")

        let later = (0..<6).map { Fixture.message("again\($0)", conversation: "c\($0 * 5 + 1)", at: 3 * 1_440 + Double($0)) }
        _ = try store.ingest(later)
        try Self.check(store, "customers wrote again")

        if let claiming = store as? any TicketClaiming {
            for agent in ["anna", "bo", "chen"] {
                _ = try claiming.claimNext(for: agent, releasing: nil, rules: ClaimRules(), now: Fixture.base)
            }
            try Self.check(store, "claims")
        }
        if let holding = store as? any ConversationHolding {
            _ = try holding.startHold(ticketID: waiting[10].id, reason: .waitingOnCustomer, agent: "Li Wei", now: Fixture.base)
            _ = try holding.startHold(ticketID: waiting[11].id, reason: .onHold, agent: "Li Wei", now: Fixture.base)
            _ = try holding.markNoResponseNeeded(ticketID: waiting[12].id, agent: "Li Wei", now: Fixture.base)
            try Self.check(store, "holds")
            _ = try holding.endHold(ticketID: waiting[11].id, agent: "Li Wei", now: Fixture.base.addingTimeInterval(600))
            try Self.check(store, "hold ended")
        }
        var snoozed: Set<Int64> = []
        if let snoozing = store as? any TicketSnoozing {
            for ticket in [waiting[13], waiting[14], waiting[20]] {
                _ = try snoozing.snooze(ticketID: ticket.id, until: Fixture.base.addingTimeInterval(10 * 86_400), agent: "Li Wei", now: Fixture.base)
                snoozed.insert(ticket.id)
            }
            try Self.check(store, snoozed: snoozed, "snoozes")
        }
        if let outcomes = store as? any OutcomeStore {
            for ticket in [waiting[15], waiting[16], waiting[13]] {
                _ = try outcomes.solve(ticketID: ticket.id, outcome: OutcomeChoice(problem: .wrongItem, responsible: .warehouse),
                                       by: "Li Wei", now: Fixture.base.addingTimeInterval(3_600))
            }
            try Self.check(store, snoozed: snoozed, "solved")
        }
        // A policy edit: chats get 30 minutes, Amazon 12 hours; every open deadline moves.
        let edited = ChannelDeadlinePolicy(rules: [
            .init(name: "chat", channel: .chat, replyMinutes: 30),
            .init(name: "amazon", marketplace: .amazon, replyMinutes: 12 * 60),
            .init(name: "default", replyMinutes: 8 * 60),
        ])
        let reopened = try temp.reopen(policy: edited)
        if let recomputing = reopened as? any DeadlineRecomputing {
            #expect(try recomputing.recomputeOpenDeadlines() > 20)
            try Self.check(reopened, snoozed: snoozed, "policy recompute")
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
