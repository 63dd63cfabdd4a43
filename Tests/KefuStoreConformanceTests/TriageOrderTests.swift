import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// The triage order and the next ticket read the same from both backends (the SQLite store's
/// own tests add owners), and a snooze hides a ticket on both.
@Suite("Triage order and next ticket, on every backend")
struct TriageOrderTests {
    /// Amazon dues a0 -6h, a1 -1h, a2 +30m, a3 +22h, a4 -2h, a5 +14h, a6 -4h, a7 +23h; chats
    /// c0 -5m, c1 +1m (under the 2-minute allowance: late), c2 +3m, c3 +4m.
    static func store(_ backend: StoreBackend) throws -> (BackendStore, Date) {
        let temp = try BackendStore(backend)
        var records: [IngestRecord] = []
        for (index, hoursAgo) in [30.0, 25, 23.5, 2, 26, 10, 28, 1].enumerated() {
            records.append(Fixture.message("a\(index)", conversation: "amz-\(index)", at: (48 - hoursAgo) * 60))
        }
        for (index, minutesAgo) in [10.0, 4, 2, 1].enumerated() {
            records.append(Fixture.message("c\(index)", conversation: "chat-\(index)", at: 48 * 60 - minutesAgo,
                                           channel: .chat, marketplace: .shopify, from: "王小明 🙂 <xm@example.cn>"))
        }
        _ = try temp.store.ingest(records)
        return (temp, Fixture.base.addingTimeInterval(48 * 3600))
    }

    @Test("Savable first, nearest first; then late, longest late first; counts per band", arguments: StoreBackend.allCases)
    func order(_ backend: StoreBackend) throws {
        let (temp, now) = try Self.store(backend)
        let query = QueueQuery(now: now, order: .triage)
        let rows = try temp.store.queue(query, after: nil, limit: 100)
        #expect(rows.map(\.conversation) == [
            "chat-2", "chat-3", "amz-2", "amz-5", "amz-3", "amz-7",
            "amz-0", "amz-6", "amz-4", "amz-1", "chat-0", "chat-1",
        ])
        #expect(try temp.store.queueCount(query, band: .savable) == 6)
        #expect(try temp.store.queueCount(query, band: .late) == 6)
        #expect(rows.first?.clockLabel == "chat")
        #expect(rows.first { $0.conversation == "amz-2" }?.clockLabel == "AMZ")
        let plain = try temp.store.queue(QueueQuery(now: now, order: .deadline), after: nil, limit: 100)
        #expect(plain.map(\.conversation).prefix(3) == ["amz-0", "amz-6", "amz-4"])
    }

    @Test("Windows of any size, forwards and backwards, across the band line, and each row's index", arguments: StoreBackend.allCases)
    func windows(_ backend: StoreBackend) throws {
        let (temp, now) = try Self.store(backend)
        let query = QueueQuery(now: now, order: .triage)
        let whole = try temp.store.queue(query, after: nil, limit: 100)
        for size in [1, 2, 5] {
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

    @Test("Next: the top of the triage order, then the one after the current, wrapping to the top", arguments: StoreBackend.allCases)
    func next(_ backend: StoreBackend) throws {
        let (temp, now) = try Self.store(backend)
        let all = try temp.store.queue(QueueQuery(now: now, order: .triage), after: nil, limit: 100)
        #expect(try temp.store.nextTicket(for: "Li Wei", after: nil, now: now)?.id == all[0].id)
        #expect(try temp.store.nextTicket(for: "Li Wei", after: QueuePosition(all[2]), now: now)?.id == all[3].id)
        #expect(try temp.store.nextTicket(for: "Li Wei", after: QueuePosition(all.last!), now: now)?.id == all[0].id)
    }

    @Test("A snoozed ticket leaves every view until its time, survives a restart, then comes back", arguments: StoreBackend.allCases)
    func snooze(_ backend: StoreBackend) throws {
        let (temp, now) = try Self.store(backend)
        let query = QueueQuery(now: now, order: .triage)
        let top = try #require(try temp.store.queue(query, after: nil, limit: 1).first)
        let until = now.addingTimeInterval(3600)
        let snoozed = try temp.store.snooze(ticketID: top.id, until: until, agent: "Li Wei", now: now)
        #expect(snoozed.snoozedUntil == until)
        let reopened = try temp.reopen()
        for store in [temp.store, reopened] as [any TicketStore] {
            #expect(try store.queue(query, after: nil, limit: 100).contains { $0.id == top.id } == false)
            #expect(try store.queueCount(query) == 11)
            #expect(try store.nextTicket(for: "Li Wei", after: nil, now: now)?.id != top.id)
        }
        // An hour later it is back, in its place.
        let later = QueueQuery(now: until.addingTimeInterval(1), order: .triage)
        #expect(try reopened.queue(later, after: nil, limit: 100).contains { $0.id == top.id })
        // Waking it early (nil) brings it back at once.
        _ = try reopened.snooze(ticketID: top.id, until: until, agent: "Li Wei", now: now)
        _ = try reopened.snooze(ticketID: top.id, until: nil, agent: "Li Wei", now: now)
        #expect(try reopened.queue(query, after: nil, limit: 1).first?.id == top.id)
        #expect(throws: StoreError.ticketNotFound(999)) { try reopened.snooze(ticketID: 999, until: until, agent: "x", now: now) }
    }
}
