import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// `kefu notify`'s store half on both backends: the recipients of each kind of selection, the
/// batch queue (own conversation, outbox row, idempotency key, spacing honoured by the claim)
/// and opting out from a message.
@Suite("Notices: recipients by selection, queued in batches once per key and spaced by rate; opt-out by message")
struct NoticeTests {
    static let now = Fixture.base.addingTimeInterval(86_400)

    /// Anna by mail (own store, two orders by Royal Mail and DHL), Bo through an Amazon relay
    /// (one order by DHL), Chen by chat with no order.
    static func store(_ backend: StoreBackend) throws -> BackendStore {
        let temp = try BackendStore(backend)
        let store = temp.store
        _ = try store.ingest([
            Fixture.message("a1", conversation: "mail-anna", at: 0, channel: .email, marketplace: .shopify,
                            from: "Anna Müller <anna@example.de>", subject: "Lampe", body: "Wo ist meine Lampe?", order: "S-1"),
            Fixture.message("b1", conversation: "amz-bo", at: 1, from: "Bo Chen <bo7@marketplace.amazon.de>", subject: "Parcel",
                            body: "Where is my parcel?", order: "A-1", language: "en"),
            Fixture.message("c1", conversation: "chat-chen", at: 2, channel: .chat, marketplace: .shopify, from: "Chen <chen@example.cn>",
                            subject: "Hi", body: "Hello", language: "zh"),
        ])
        func order(_ id: String, _ marketplace: Marketplace, _ carrier: String, day: Double, tracking: String) -> Order {
            Order(id: id, marketplace: marketplace, customerName: "x", placedAt: Fixture.base.addingTimeInterval(day * 86_400 - 86_400),
                  total: 20, currency: "EUR", items: [],
                  parcels: [Parcel(trackingNumber: tracking, carrier: carrier, shippedAt: Fixture.base.addingTimeInterval(day * 86_400))])
        }
        try store.importOrders([
            (order("S-1", .shopify, "Royal Mail", day: 0, tracking: "RB123456785GB"), "anna@example.de"),
            (order("S-2", .shopify, "DHL", day: 2, tracking: "3318810025"), "anna@example.de"),
            (order("A-1", .amazon, "DHL", day: 1, tracking: "1Z5R89390357567127"), nil),
        ])
        return temp
    }

    @Test("Each selection gives its recipients: orders by carrier and day, a file's orders, a filter's customers", arguments: StoreBackend.allCases)
    func selections(_ backend: StoreBackend) throws {
        let temp = try Self.store(backend)
        let store = temp.store
        let dhl = try store.noticeRecipients(.carrier("dhl", from: Fixture.base, until: Fixture.base.addingTimeInterval(3 * 86_400)))
        #expect(dhl.map(\.key) == [.order("A-1"), .order("S-2")])
        let bo = try #require(dhl.first)
        #expect(bo.address == "bo7@marketplace.amazon.de" && bo.marketplace == .amazon && bo.channel == .marketplace)
        #expect(bo.parcel?.trackingNumber == "1Z5R89390357567127" && bo.name == "Bo Chen" && bo.language == "en")
        // The day range: only the parcel shipped on day 1.
        #expect(try store.noticeRecipients(.carrier("DHL", from: Fixture.base.addingTimeInterval(86_400),
                                                    until: Fixture.base.addingTimeInterval(2 * 86_400))).map(\.key) == [.order("A-1")])
        let listed = try store.noticeRecipients(.orders(["S-2", "NOPE", "S-1", "S-2"]))
        #expect(listed.map(\.key) == [.order("S-2"), .order("S-1")])
        #expect(listed[0].customerID == listed[1].customerID && listed[0].address == "anna@example.de" && listed[0].channel == .email)
        // A filter finds open tickets' customers, each with the latest order.
        let anna = try #require(try store.noticeRecipients(.filter("lampe")).first)
        #expect(anna.key == .customer(listed[0].customerID) && anna.orderID == "S-2" && anna.parcel?.carrier == "DHL")
        #expect(try store.noticeRecipients(.filter("nobody-has-this")).isEmpty)
        let chen = try #require(try store.noticeRecipients(.filter("chen@example.cn")).first)
        #expect(chen.orderID == nil && chen.parcel == nil && chen.language == "zh")
    }

    func notices(_ recipient: NoticeRecipient, count: Int, campaign: String) -> [Notice] {
        (0..<count).map { i in
            Notice(key: "notify:\(campaign):R\(i)", campaign: campaign, recipient: .order("R\(i)"), customerID: recipient.customerID,
                   customerName: recipient.name, address: recipient.address, marketplace: recipient.marketplace, channel: recipient.channel,
                   language: "de", subject: "Neuigkeiten", body: "Hallo \(i)", orderID: recipient.orderID, author: "Li Wei")
        }
    }

    @Test("1,200 notices in three batches: own conversations, outbox rows with the key, solved tickets; a second run adds none",
          arguments: StoreBackend.allCases)
    func queueOnce(_ backend: StoreBackend) throws {
        let temp = try Self.store(backend)
        let store = temp.store
        let anna = try #require(try store.noticeRecipients(.orders(["S-1"])).first)
        let batch = notices(anna, count: 1_200, campaign: "spring")
        var seen: [Int] = []
        let first = try store.queueNotices(batch, pace: NoticePace(ratePerMinute: [.email: 600]), now: Self.now) { seen.append($0.queued) }
        #expect(first.queued == 1_200 && first.alreadyQueued == 0)
        #expect(seen == [500, 1_000, 1_200])
        #expect(first.firstAt == Self.now)
        #expect(abs((first.lastAt?.timeIntervalSince(Self.now) ?? 0) - 119.9) < 0.01)
        let again = try store.queueNotices(Array(batch.prefix(700)) + notices(anna, count: 1, campaign: "other"),
                                           pace: NoticePace(ratePerMinute: [.email: 600]), now: Self.now)
        #expect(again.queued == 1 && again.alreadyQueued == 700)
        // The next campaign's notice waits behind the ones already waiting on the channel.
        #expect(abs((again.firstAt?.timeIntervalSince(Self.now) ?? 0) - 120) < 0.01)
        let (tickets, messages) = try store.counts()
        #expect(tickets == 3 + 1_201 && messages == 3 + 1_201)
        let rows = try store.outboxEntries(states: [.queued], limit: 2_000)
        #expect(rows.count == 1_201)
        let row = try #require(rows.first { $0.idempotencyKey == "notify:spring:R7" })
        #expect(row.conversation == "notify:spring:R7" && row.body == "Hallo 7" && row.customerAddress == "anna@example.de")
        #expect(row.isMailConversation, "a notice to a mail customer goes by mail")
        let ticket = try #require(try store.ticket(id: row.ticketID))
        #expect(ticket.status == .solved && ticket.subject == "Neuigkeiten" && ticket.lastFrom == .agent)
        #expect(try store.customerID(ticketID: row.ticketID) == anna.customerID)
        // Nothing of it is in the agents' queue.
        #expect(try store.queue(QueueQuery(view: .allOpen, now: Self.now), after: nil, limit: 100).count == 3)
    }

    @Test("The claim honours the spacing: at 60 a minute the second notice is not due until a second later", arguments: StoreBackend.allCases)
    func spacedClaims(_ backend: StoreBackend) throws {
        let temp = try Self.store(backend)
        let store = temp.store
        let bo = try #require(try store.noticeRecipients(.orders(["A-1"])).first)
        _ = try store.queueNotices(notices(bo, count: 3, campaign: "slow"), pace: NoticePace(ratePerMinute: [.marketplace: 60]), now: Self.now)
        let rule = OutboxClaimRule(leaseSeconds: 60, maximumAttempts: 3, holder: "host/1")
        let first = try #require(try store.claimNextDue(rule: rule, now: Self.now))
        #expect(first.entry.idempotencyKey == "notify:slow:R0" && !first.entry.isMailConversation)
        #expect(try store.claimNextDue(rule: rule, now: Self.now.addingTimeInterval(0.5)) == nil)
        let second = try #require(try store.claimNextDue(rule: rule, now: Self.now.addingTimeInterval(1)))
        #expect(second.entry.idempotencyKey == "notify:slow:R1")
    }

    @Test("A message asking to unsubscribe marks its customer; the profile and the recipients say so", arguments: StoreBackend.allCases)
    func optOutByMessage(_ backend: StoreBackend) throws {
        let temp = try Self.store(backend)
        let store = temp.store
        let at = Fixture.base.addingTimeInterval(600)
        _ = try store.ingest([
            Fixture.message("a2", conversation: "mail-anna", at: 10, channel: .email, marketplace: .shopify,
                            from: "Anna Müller <anna@example.de>", body: "Bitte abmelden, danke."),
            Fixture.message("b2", conversation: "amz-bo", at: 11, from: "Bo Chen <bo7@marketplace.amazon.de>",
                            body: "Thanks!\n> Reply unsubscribe to stop these messages."),
        ])
        let anna = try #require(try store.noticeRecipients(.orders(["S-1"])).first)
        #expect(anna.optedOutAt == at)
        #expect(try store.customerProfile(id: anna.customerID)?.customer.optedOutAt == at)
        #expect(try store.noticeRecipients(.orders(["A-1"])).first?.optedOutAt == nil)
        // Marking again keeps the first time.
        try store.optOut(customerID: anna.customerID, at: at.addingTimeInterval(999))
        #expect(try store.noticeRecipients(.orders(["S-1"])).first?.optedOutAt == at)
        // A lead's merge carries the opt-out to the record that stays.
        let bo = try #require(try store.noticeRecipients(.orders(["A-1"])).first)
        _ = try store.mergeCustomers(kept: bo.customerID, absorbed: anna.customerID, acting: ActingAgent(name: "Zhang Min", standing: .lead),
                                     now: Self.now)
        #expect(try store.noticeRecipients(.orders(["A-1"])).first?.optedOutAt == at)
    }
}
