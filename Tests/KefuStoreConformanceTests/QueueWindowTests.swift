import Foundation
import Testing
import KefuCore
import KefuTestSupport

@Suite("The queue read as a keyset window")
struct QueueWindowTests {
    /// 500 conversations with scattered deadlines, some answered.
    static func filledStore(_ backend: StoreBackend) throws -> BackendStore {
        let temp = try BackendStore(backend)
        var records: [IngestRecord] = []
        var rng = SeededGenerator(seed: 3)
        for i in 0..<500 {
            let at = Double.random(in: -3000...0, using: &rng)
            let marketplace: Marketplace = [.amazon, .ebay, .shopify][i % 3]
            records.append(Fixture.message("m\(i)", conversation: "c\(i)", at: at, marketplace: marketplace,
                                           from: Fixture.internationalNames[i % Fixture.internationalNames.count],
                                           subject: "Subject \(i)"))
            if i % 5 == 0 {
                records.append(Fixture.message("r\(i)", conversation: "c\(i)", direction: .outbound, at: at + 10))
            }
        }
        _ = try temp.store.ingest(records)
        return temp
    }

    @Test("Paging forward and backward visits every ticket once, most urgent first", arguments: StoreBackend.allCases)
    func paging(_ backend: StoreBackend) throws {
        let temp = try Self.filledStore(backend)
        let query = QueueQuery(now: Fixture.base)
        var forward: [Ticket] = []
        var position: QueuePosition?
        while true {
            let page = try temp.store.queue(query, after: position, limit: 37)
            if page.isEmpty { break }
            forward += page
            position = QueuePosition(page.last!)
        }
        #expect(forward.count == 400)
        #expect(try temp.store.queueCount(query) == 400)
        let dues = forward.map { $0.due! }
        #expect(dues == dues.sorted())
        var backward: [Ticket] = []
        position = nil
        while true {
            let page = try temp.store.queue(query, before: position, limit: 41)
            if page.isEmpty { break }
            backward = page + backward
            position = QueuePosition(page.first!)
        }
        #expect(backward.map(\.id) == forward.map(\.id))
        #expect(try temp.store.queueIndex(query, of: QueuePosition(forward[123])) == 123)
    }

    @Test("Views: overdue and due within the hour; totals agree with them", arguments: StoreBackend.allCases)
    func views(_ backend: StoreBackend) throws {
        let temp = try Self.filledStore(backend)
        // Amazon: 24 h; others 8 h. At base + 7.5 h, most non-Amazon tickets are overdue.
        let now = Fixture.base.addingTimeInterval(7.5 * 3600)
        let overdue = try temp.store.queue(QueueQuery(view: .overdue, now: now), after: nil, limit: 1000)
        #expect(!overdue.isEmpty)
        #expect(overdue.allSatisfy { $0.due! < now })
        let soon = try temp.store.queue(QueueQuery(view: .dueSoon, now: now), after: nil, limit: 1000)
        #expect(soon.allSatisfy { $0.due! < now.addingTimeInterval(3600) })
        let totals = try temp.store.totals(now: now)
        #expect(totals.overdue == overdue.count)
        #expect(totals.dueWithinHour == soon.count - overdue.count)
        #expect(totals.open == 500)
        #expect(totals.needsReply == 400)
    }

    @Test("The filter matches customer, subject and order, case-insensitively, in any script", arguments: StoreBackend.allCases)
    func filter(_ backend: StoreBackend) throws {
        let temp = try Self.filledStore(backend)
        let cyrillic = try temp.store.queue(QueueQuery(view: .allOpen, filter: "анна", now: Fixture.base), after: nil, limit: 1000)
        #expect(!cyrillic.isEmpty)
        #expect(cyrillic.allSatisfy { $0.customerName == "Анна Смирнова" })
        // Words are matched each on their own, in any case: "ZOÉ 42" finds Zoé's tickets with 42 in them.
        let both = try temp.store.queue(QueueQuery(view: .allOpen, filter: "ZOÉ 42", now: Fixture.base), after: nil, limit: 1000)
        #expect(!both.isEmpty)
        #expect(both.allSatisfy { $0.customerName == "Zoé Lefèvre" && $0.subject.contains("42") })
        #expect(both.map(\.subject).contains("Subject 42"))
    }
}
