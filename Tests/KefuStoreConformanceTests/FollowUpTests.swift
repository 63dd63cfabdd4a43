import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Follow-ups (`F`, `kefu followups`) and the order rules' speak-first items, the same on both
/// backends.
@Suite("Follow-ups: due as a deadline of their own kind, ended by a reply or done; speak-first items once per order")
struct FollowUpTests {
    static let day: TimeInterval = 86_400

    /// One answered Amazon conversation about order A1 (no reply clock runs on it any more).
    static func answered(_ temp: BackendStore, order: String? = "A1") throws -> Int64 {
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0, order: order)])
        let id = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 1).first?.id)
        _ = try temp.store.send(ReplyRequest(ticketID: id, body: "Danke, wir prüfen das.", author: "Li Wei", idempotencyKey: "r1"),
                                now: Fixture.base.addingTimeInterval(600))
        #expect(try temp.store.ticket(id: id)?.due == nil)
        return id
    }

    @Test("In 3 days: the answered ticket gets a follow-up deadline, counted when due, ended by a reply after its time", arguments: StoreBackend.allCases)
    func atATime(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let id = try Self.answered(temp)
        let now = Fixture.base.addingTimeInterval(3600)
        let due = now.addingTimeInterval(3 * Self.day)
        let kept = try temp.store.scheduleFollowUp(ticketID: id, when: .at(due), agent: "Li Wei", now: now)
        #expect(kept.dueAt == due)
        let ticket = try #require(try temp.store.ticket(id: id))
        #expect(ticket.followUpAt == due)
        #expect(ticket.due == due)
        #expect(ticket.dueIsFollowUp)
        #expect(ticket.clockLabel == "F/U")
        // Listed among the tickets that need something, sorted by its time; counted only once due.
        #expect(try temp.store.queue(QueueQuery(now: now), after: nil, limit: 10).map(\.id) == [id])
        #expect(try temp.store.totals(now: now).followUpsDue == 0)
        #expect(try temp.store.totals(now: due.addingTimeInterval(1)).followUpsDue == 1)
        #expect(try temp.store.followUpCounts(now: due.addingTimeInterval(1)) == FollowUpCounts(due: 1))
        // A reply before its time leaves it standing; the customer-facing reply clocks are not the follow-up's.
        _ = try temp.store.send(ReplyRequest(ticketID: id, body: "Noch ein Hinweis.", author: "Li Wei", idempotencyKey: "r2"),
                                now: now.addingTimeInterval(60))
        #expect(try temp.store.ticket(id: id)?.followUpAt == due)
        // A reply after it ends it: done by the reply, no deadline left, nothing counted as met or missed.
        let outcomesBefore = try temp.store.deadlineOutcomes(ticketID: id).count
        _ = try temp.store.send(ReplyRequest(ticketID: id, body: "Ist das Paket angekommen?", author: "Li Wei", idempotencyKey: "r3"),
                                now: due.addingTimeInterval(3600))
        let after = try #require(try temp.store.ticket(id: id))
        #expect(after.followUpAt == nil)
        #expect(after.due == nil)
        #expect(try temp.store.deadlineOutcomes(ticketID: id).count == outcomesBefore)
        let stored = try #require(try temp.store.followUps(ticketID: id).first)
        #expect(stored.doneBy == "reply")
        #expect(stored.status(now: due.addingTimeInterval(10 * Self.day)) == .done)
        // Kept across a restart, and the audit log says who set it.
        #expect(try temp.reopen().followUps(ticketID: id).count == 1)
        #expect(try temp.store.auditEntries(AuditQuery(ticketID: id)).contains { $0.action == .followUp && $0.agent == "Li Wei" })
    }

    @Test("F on a solved ticket opens it again, so the follow-up comes back to the queue at its time", arguments: StoreBackend.allCases)
    func onASolvedTicket(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let id = try Self.answered(temp)
        let now = Fixture.base.addingTimeInterval(3600)
        _ = try temp.store.solve(ticketID: id, outcome: OutcomeChoice(problem: .lateOrLostParcel, responsible: .carrier, resolution: .reship),
                                 by: "Li Wei", now: now)
        #expect(try temp.store.ticket(id: id)?.status == .solved)
        let due = now.addingTimeInterval(3 * Self.day)
        _ = try temp.store.scheduleFollowUp(ticketID: id, when: .at(due), agent: "Li Wei", now: now.addingTimeInterval(60))
        let ticket = try #require(try temp.store.ticket(id: id))
        #expect(ticket.status == .open && ticket.due == due && ticket.dueIsFollowUp)
        #expect(try temp.store.queue(QueueQuery(now: due.addingTimeInterval(1)), after: nil, limit: 10).map(\.id) == [id])
        #expect(try temp.store.totals(now: due.addingTimeInterval(1)).followUpsDue == 1)
    }

    @Test("Marked done: every open follow-up of the ticket ends; one left open a day past its time is late", arguments: StoreBackend.allCases)
    func markedDoneAndLate(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let id = try Self.answered(temp)
        let now = Fixture.base.addingTimeInterval(3600)
        _ = try temp.store.scheduleFollowUp(ticketID: id, when: .at(now.addingTimeInterval(Self.day)), agent: "Li Wei", now: now)
        #expect(try temp.store.followUpCounts(now: now.addingTimeInterval(2.5 * Self.day)).late == 1)
        #expect(try temp.store.markFollowUpsDone(ticketID: id, agent: "Li Wei", now: now.addingTimeInterval(2.5 * Self.day)) == 1)
        #expect(try temp.store.ticket(id: id)?.due == nil)
        #expect(try temp.store.markFollowUpsDone(ticketID: id, agent: "Li Wei", now: now) == 0)
        // Done two and a half days after a time one day out: late, not done in time.
        #expect(try temp.store.followUpCounts(now: now.addingTimeInterval(3 * Self.day)) == FollowUpCounts(late: 1))
        #expect(throws: StoreError.ticketNotFound(999)) { try temp.store.markFollowUpsDone(ticketID: 999, agent: "x", now: now) }
    }

    @Test("When delivered / if silent: the time comes from carrier events as they are imported; no order, no parcel follow-up", arguments: StoreBackend.allCases)
    func parcelDriven(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let id = try Self.answered(temp)
        var order = Order(id: "A1", marketplace: .amazon, customerName: "Anna Müller", placedAt: Fixture.base, total: 20, currency: "EUR",
                          items: [], parcels: [Parcel(trackingNumber: "RB123456785GB", carrier: "Royal Mail", shippedAt: Fixture.base)])
        order.shippingAddress = ShippingAddress(street: "Hauptstraße 5", postcode: "10115", city: "Berlin", country: "DE")
        _ = try temp.store.importOrders([(order, "anna@example.de")])
        #expect(try temp.store.order(id: "A1")?.shippingAddress?.postcode == "10115")
        let now = Fixture.base.addingTimeInterval(3600)
        let delivered = try temp.store.scheduleFollowUp(ticketID: id, when: .parcelDelivered, agent: "Li Wei", now: now)
        #expect(delivered.dueAt == nil)
        let silent = try temp.store.scheduleFollowUp(ticketID: id, when: .trackingSilent(days: 5), agent: "Li Wei", now: now)
        #expect(silent.dueAt == now.addingTimeInterval(5 * Self.day))
        #expect(try temp.store.ticket(id: id)?.followUpAt == now.addingTimeInterval(5 * Self.day))
        // A scan two days later moves the silence on; the delivery sets the other one's time.
        let scan = CarrierEvent(trackingNumber: "RB123456785GB", at: now.addingTimeInterval(2 * Self.day), code: "in_transit")
        #expect(try temp.store.importCarrierEvents([scan, scan], now: now.addingTimeInterval(2 * Self.day)) == 1)
        #expect(try temp.store.followUps(ticketID: id).first { $0.id == silent.id }?.dueAt == scan.at.addingTimeInterval(5 * Self.day))
        let arrival = CarrierEvent(trackingNumber: "RB123456785GB", at: now.addingTimeInterval(3 * Self.day), code: "DELIVERED")
        #expect(try temp.store.importCarrierEvents([arrival], now: arrival.at) == 1)
        let followUps = try temp.store.followUps(ticketID: id)
        #expect(followUps.first { $0.id == delivered.id }?.dueAt == arrival.at)
        #expect(followUps.first { $0.id == silent.id }?.dueAt == nil)  // delivered: never silent now
        #expect(try temp.store.ticket(id: id)?.followUpAt == arrival.at)
        #expect(try temp.store.totals(now: arrival.at).followUpsDue == 1)
        // A ticket without an order has no parcel to watch.
        _ = try temp.store.ingest([Fixture.message("m2", conversation: "c2", at: 1)])
        let other = try #require(try temp.store.queue(QueueQuery(now: Fixture.base), after: nil, limit: 10).first { $0.orderID == nil }?.id)
        #expect(throws: FollowUpError.noOrder(other)) {
            try temp.store.scheduleFollowUp(ticketID: other, when: .parcelDelivered, agent: "Li Wei", now: now)
        }
    }

    @Test("A rule that fires opens its speak-first item once: on the order's ticket, else a new ticket with the draft", arguments: StoreBackend.allCases)
    func speakFirst(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        let id = try Self.answered(temp)
        let known = Order(id: "A1", marketplace: .amazon, customerName: "Anna Müller", placedAt: Fixture.base, total: 20, currency: "EUR",
                          items: [], parcels: [])
        let quiet = Order(id: "B2", marketplace: .shopify, customerName: "Jan de Vries", placedAt: Fixture.base, total: 20,
                          currency: "EUR", items: [], parcels: [])
        _ = try temp.store.importOrders([(known, "anna@example.de"), (quiet, "jan@example.nl")])
        #expect(try temp.store.ordersForFollowUps().map(\.order.id) == ["A1", "B2"])
        let now = Fixture.base.addingTimeInterval(Self.day)
        let onKnown = ProactiveFollowUp(rule: "customs", orderID: "A1", template: "customs-delay", note: "held at customs")
        #expect(try temp.store.raise(onKnown, language: "de", draft: { "Hallo \($0.customerName)" }, now: now) == id)
        #expect(try temp.store.raise(onKnown, language: "de", draft: { _ in "again" }, now: now) == nil)
        #expect(try temp.store.draft(ticketID: id) == "Hallo Anna Müller")
        #expect(try temp.store.ticket(id: id)?.followUpAt == now)
        let onQuiet = ProactiveFollowUp(rule: "address", orderID: "B2", template: "address-check", note: "address looks incomplete: no house number")
        let opened = try #require(try temp.store.raise(onQuiet, language: "en", draft: { "Dear \($0.customerName), order \($0.orderID ?? "")" }, now: now))
        let ticket = try #require(try temp.store.ticket(id: opened))
        #expect(ticket.customerName == "Jan de Vries")
        #expect(ticket.customerAddress == "jan@example.nl")
        #expect(ticket.orderID == "B2")
        #expect(ticket.subject.contains("address looks incomplete"))
        #expect(ticket.language == "en")
        #expect(ticket.messageCount == 0)
        #expect(try temp.store.draft(ticketID: opened) == "Dear Jan de Vries, order B2")
        #expect(try temp.store.queue(QueueQuery(now: now), after: nil, limit: 10).map(\.id).contains(opened))
        #expect(try temp.store.followUpCounts(now: now).byRule == ["customs": 1, "address": 1])
        // Sending the speak-first message ends its follow-up: the seller spoke first.
        _ = try temp.store.send(ReplyRequest(ticketID: opened, body: "Dear Jan, please confirm your address.", author: "Li Wei",
                                             idempotencyKey: "s1"), now: now.addingTimeInterval(600))
        #expect(try temp.store.ticket(id: opened)?.due == nil)
        #expect(try temp.store.followUps(ticketID: opened).first?.doneBy == "reply")
    }
}
