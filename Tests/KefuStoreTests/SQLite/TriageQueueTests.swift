import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport

/// The triage order read from a real store: savable first, then late, each as keyset windows;
/// the next ticket for an agent.
@Suite("Triage order and next ticket in the SQLite store")
struct TriageQueueTests {
    /// Eight Amazon tickets (24 h) at different ages and four live chats (5 min): at `now` some
    /// of each are late, some savable, one chat due in 1 minute (under the 2-minute allowance).
    /// Amazon dues: a0 -6h, a1 -1h, a2 +30m, a3 +22h, a4 -2h, a5 +14h, a6 -4h, a7 +23h.
    static func store() throws -> (TemporaryStore, Date) {
        let temp = try TemporaryStore()
        var records: [IngestRecord] = []
        for (index, hoursAgo) in [30.0, 25, 23.5, 2, 26, 10, 28, 1].enumerated() {
            records.append(Fixture.message("a\(index)", conversation: "amz-\(index)", at: (48 - hoursAgo) * 60))
        }
        // Chats: arrived 10, 4, 2 and 1 minute(s) before now (due -5, +1, +3, +4 minutes).
        for (index, minutesAgo) in [10.0, 4, 2, 1].enumerated() {
            records.append(Fixture.message("c\(index)", conversation: "chat-\(index)", at: 48 * 60 - minutesAgo,
                                           channel: .chat, marketplace: .shopify, from: "王小明 🙂 <xm@example.cn>"))
        }
        _ = try temp.store.ingest(records)
        return (temp, Fixture.base.addingTimeInterval(48 * 3600))
    }

    @Test("Savable tickets come first, nearest first; then the late ones, longest late first")
    func order() throws {
        let (temp, now) = try Self.store()
        let query = QueueQuery(now: now, order: .triage)
        let rows = try temp.store.queue(query, after: nil, limit: 100)
        let rule = TriageRule.standard
        let savable = rows.prefix { rule.band(due: $0.due, now: now) == .savable }
        let late = rows.dropFirst(savable.count)
        #expect(savable.map(\.conversation) == ["chat-2", "chat-3", "amz-2", "amz-5", "amz-3", "amz-7"])
        // The chat due in one minute cannot be answered in time: it is in the late band, last.
        #expect(late.map(\.conversation) == ["amz-0", "amz-6", "amz-4", "amz-1", "chat-0", "chat-1"])
        #expect(late.allSatisfy { rule.band(due: $0.due, now: now) == .late })
        #expect(try temp.store.queueCount(query, band: .savable) == 6)
        #expect(try temp.store.queueCount(query, band: .late) == 6)
        // Plain deadline order is still there for :sort.
        let plain = try temp.store.queue(QueueQuery(now: now, order: .deadline), after: nil, limit: 100)
        #expect(plain.map(\.conversation).prefix(3) == ["amz-0", "amz-6", "amz-4"])
        #expect(plain.map(\.due) == plain.map(\.due).sorted { $0! < $1! })
    }

    @Test("Windows of any size, forwards and backwards, across the band boundary, give the same order")
    func windows() throws {
        let (temp, now) = try Self.store()
        let query = QueueQuery(now: now, order: .triage)
        let whole = try temp.store.queue(query, after: nil, limit: 100)
        for size in 1...5 {
            var forward: [Ticket] = []
            var position: QueuePosition?
            while case let page = try temp.store.queue(query, after: position, limit: size), !page.isEmpty {
                forward += page
                position = QueuePosition(page.last!)
            }
            #expect(forward.map(\.id) == whole.map(\.id))
            var backward: [Ticket] = []
            position = nil
            while case let page = try temp.store.queue(query, before: position, limit: size), !page.isEmpty {
                backward = page + backward
                position = QueuePosition(page.first!)
            }
            #expect(backward.map(\.id) == whole.map(\.id))
        }
        for (index, ticket) in whole.enumerated() {
            #expect(try temp.store.queueIndex(query, of: QueuePosition(ticket)) == index)
        }
    }

    @Test("The row keeps the policy of the clock that sets its deadline")
    func duePolicy() throws {
        let (temp, now) = try Self.store()
        let rows = try temp.store.queue(QueueQuery(now: now, order: .triage), after: nil, limit: 100)
        #expect(rows.first { $0.conversation == "chat-2" }?.duePolicy == "chat")
        #expect(rows.first { $0.conversation == "chat-2" }?.clockLabel == "chat")
        #expect(rows.first { $0.conversation == "amz-3" }?.clockLabel == "AMZ")
    }

    @Test("Next: the first savable ticket nobody else owns, after the current one, wrapping to the top")
    func next() throws {
        let (temp, now) = try Self.store()
        let all = try temp.store.queue(QueueQuery(now: now, order: .triage), after: nil, limit: 100)
        let first = try #require(try temp.store.nextTicket(for: "Li Wei", after: nil, now: now))
        #expect(first.conversation == "chat-2")
        // Someone else's ticket is skipped; one's own is not.
        _ = try temp.store.assign(ticketIDs: [first.id], to: "Zhang Min", by: "Zhang Min", now: now)
        #expect(try temp.store.nextTicket(for: "Li Wei", after: nil, now: now)?.conversation == "chat-3")
        #expect(try temp.store.nextTicket(for: "Zhang Min", after: nil, now: now)?.conversation == "chat-2")
        // After the current ticket, in triage order; after the last one, back to the top.
        let third = all[2]
        #expect(try temp.store.nextTicket(for: "Li Wei", after: QueuePosition(third), now: now)?.id == all[3].id)
        #expect(try temp.store.nextTicket(for: "Li Wei", after: QueuePosition(all.last!), now: now)?.conversation == "chat-3")
    }
}
