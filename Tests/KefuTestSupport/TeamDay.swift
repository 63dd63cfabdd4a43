import Foundation
import KefuCore
import KefuStore

/// A small team's day, built by hand with known answers, for the meters' tests (store, console
/// snapshot, report). "Now" is 2026-11-18 16:00 UTC; the time zone is UTC; the store runs
/// `TestPolicy.standard` (chat 5 min, Amazon 24 h, otherwise 8 h).
///
/// Tickets (owner now; customer message; where its deadline stands at 16:00):
/// - T1 Amazon, Li Wei: message 15:00 → due in 23 h (4-24h)
/// - T2 Amazon, Li Wei: message 16:30 yesterday → due in 30 min (< 1h)
/// - T3 Amazon, Anna: message 15:00 yesterday → 1 h overdue, and unanswered after 24 h
/// - T4 Shopify chat, Anna: message 14:00 → overdue (5 min)
/// - T5 eBay, nobody: message 13:00 → due in 5 h (4-24h)
/// - T6 Shopify email, nobody: only an outbound message at 12:00 → open, no clock
/// - T7 Amazon, Anna: message 11:00, solved by Anna at 14:00 without a reply → its clock is
///   recorded breached and the message unanswered (for met share and Amazon's rate)
/// - T8 Amazon, Anna: message 10:00, "no response needed" at 12:00, solved at 13:00 → excused,
///   in no figure
///
/// Settled deadlines (credited to the owner at the time they were recorded):
/// - Li Wei today, Amazon: first replies 10 min, 20 min, 30 min (the last after 2 h on hold,
///   which is left out), next replies 1 h (settling two clocks: Amazon's and the team's) and 25 h
///   (late); plus a "no response needed" record of 27.8 h, excused. 3 days ago: 4 answers of
///   1000 s, met. 20 days ago: 2 late answers (100000 s). 60 days ago: 1 answer of 500 s. 100 days
///   ago: 1 late answer (outside every window).
/// - Anna today: T3 Amazon first reply 2 h (met); T4 chat first reply 2 min (met), next reply
///   15 min (late). 2 days ago: T4 chat, 10 min, late. T7 closed without a reply (breached, not an
///   answer, unanswered for Amazon's rate); T8's "no response needed" (excused).
public enum TeamDay {
    public static let now = Date(timeIntervalSince1970: 1_795_017_600)  // 2026-11-18T16:00:00Z
    public static let timeZone = TimeZone(identifier: "UTC")!

    public struct Tickets: Sendable {
        public var t1, t2, t3, t4, t5, t6, t7, t8: Int64
    }

    @discardableResult
    public static func build(_ store: some TicketStore & AssignmentStore & ConversationHolding & OutcomeStore & SettledDeadlineRecording) throws -> Tickets {
        func at(_ hoursFromNow: Double) -> Date { now.addingTimeInterval(hoursFromNow * 3600) }
        func message(_ id: String, _ conversation: String, _ hours: Double, channel: Channel = .marketplace,
                     marketplace: Marketplace, direction: MessageDirection = .inbound, order: String? = nil) -> IngestRecord {
            Fixture.message(id, conversation: conversation, direction: direction, at: at(hours).timeIntervalSince(Fixture.base) / 60,
                            channel: channel, marketplace: marketplace, order: order)
        }
        _ = try store.ingest([
            message("t1", "amz-1", -1, marketplace: .amazon, order: "302-0000001"),
            message("t2", "amz-2", -23.5, marketplace: .amazon, order: "302-0000002"),
            message("t3", "amz-3", -25, marketplace: .amazon, order: "302-0000003"),
            message("t4", "chat-4", -2, channel: .chat, marketplace: .shopify),
            message("t5", "ebay-5", -3, marketplace: .ebay, order: "ebay-5"),
            message("t6", "mail-6", -4, channel: .email, marketplace: .shopify, direction: .outbound),
            message("t7", "amz-7", -5, marketplace: .amazon, order: "302-0000007"),
            message("t8", "amz-8", -6, marketplace: .amazon, order: "302-0000008"),
        ])
        let ids = try Dictionary(uniqueKeysWithValues: ["amz-1", "amz-2", "amz-3", "chat-4", "ebay-5", "mail-6", "amz-7", "amz-8"].map { conversation in
            (conversation, try requireTicket(store, conversation))
        })
        let t = Tickets(t1: ids["amz-1"]!, t2: ids["amz-2"]!, t3: ids["amz-3"]!, t4: ids["chat-4"]!, t5: ids["ebay-5"]!, t6: ids["mail-6"]!,
                        t7: ids["amz-7"]!, t8: ids["amz-8"]!)
        try store.assign(ticketIDs: [t.t1, t.t2], to: "Li Wei", by: "Li Wei", now: at(-8))
        try store.assign(ticketIDs: [t.t3, t.t4, t.t7, t.t8], to: "Anna", by: "Lead Zhang", now: at(-8))
        // T8 needs no answer; T7 is closed without one. Both through the store's own paths.
        _ = try store.markNoResponseNeeded(ticketID: t.t8, agent: "Anna", now: at(-4))
        _ = try store.solve(ticketID: t.t8, outcome: OutcomeChoice(problem: .other, responsible: .customer), by: "Anna", now: at(-3))
        _ = try store.solve(ticketID: t.t7, outcome: OutcomeChoice(problem: .other, responsible: .customer), by: "Anna", now: at(-2))

        /// A settled deadline whose answer came `hoursAgo` before now after `elapsed` seconds.
        func settle(_ ticket: Int64, _ kind: ClockKind, hoursAgo: Double, elapsed: Double, target: Double,
                    policy: String = "amazon", paused: Double = 0, excused: Bool = false) throws {
            let settled = at(-hoursAgo)
            let started = settled.addingTimeInterval(-(elapsed + paused))
            try store.recordSettledDeadline(
                ticketID: ticket, kind: kind, policy: policy, started: started, due: started.addingTimeInterval(target + paused),
                settledAt: settled, met: excused || elapsed <= target, elapsedCalendar: elapsed, excused: excused, pausedSeconds: paused)
        }
        let day = 86_400.0
        // Li Wei, today.
        try settle(t.t1, .firstReply, hoursAgo: 9, elapsed: 600, target: day)
        try settle(t.t2, .firstReply, hoursAgo: 8, elapsed: 1200, target: day)
        try settle(t.t1, .firstReply, hoursAgo: 7, elapsed: 1800, target: day, paused: 7200)
        try settle(t.t2, .nextReply, hoursAgo: 6, elapsed: 3600, target: day)
        try settle(t.t2, .nextReply, hoursAgo: 6, elapsed: 3600, target: 4 * 3600, policy: "team-4h")
        try settle(t.t1, .nextReply, hoursAgo: 5, elapsed: 90_000, target: day)
        try settle(t.t1, .nextReply, hoursAgo: 4, elapsed: 100_000, target: day, excused: true)
        // Li Wei, earlier.
        for hour in 0..<4 { try settle(t.t1, .nextReply, hoursAgo: 72 + Double(hour), elapsed: 1000, target: day) }
        try settle(t.t2, .nextReply, hoursAgo: 20 * 24, elapsed: 100_000, target: day)
        try settle(t.t2, .nextReply, hoursAgo: 20 * 24 + 1, elapsed: 100_000, target: day)
        try settle(t.t1, .nextReply, hoursAgo: 60 * 24, elapsed: 500, target: day)
        try settle(t.t1, .nextReply, hoursAgo: 100 * 24, elapsed: 100_000, target: day)
        // Anna.
        try settle(t.t3, .firstReply, hoursAgo: 10, elapsed: 7200, target: day)
        try settle(t.t4, .firstReply, hoursAgo: 3, elapsed: 120, target: 300, policy: "chat")
        try settle(t.t4, .nextReply, hoursAgo: 2.5, elapsed: 900, target: 300, policy: "chat")
        try settle(t.t4, .nextReply, hoursAgo: 48, elapsed: 600, target: 300, policy: "chat")
        return t
    }

    private static func requireTicket(_ store: some TicketStore, _ conversation: String) throws -> Int64 {
        for view in [QueueView.allOpen] {
            var position: QueuePosition?
            while true {
                let page = try store.queue(QueueQuery(view: view, now: now), after: position, limit: 100)
                if let ticket = page.first(where: { $0.conversation == conversation }) { return ticket.id }
                guard let last = page.last else { break }
                position = QueuePosition(last)
            }
        }
        throw StoreError.ticketNotFound(-1)
    }
}
