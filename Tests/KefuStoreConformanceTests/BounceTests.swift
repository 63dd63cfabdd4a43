import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Mail a machine sent about one of our replies, on either backend: an auto-reply never
/// restarts a reply clock; a delivery report that the reply failed marks it `bounced` in the
/// outbox with the report's reason, never sends it again, and brings the ticket back.
@Suite("Bounces and auto-replies in the store")
struct BounceTests {
    static let start = Fixture.base.addingTimeInterval(3600)

    /// A customer mail answered by a reply that was handed over; returns the store, the ticket
    /// and the reply's Message-ID.
    static func answered(_ backend: StoreBackend) throws -> (BackendStore, Int64, String) {
        let temp = try BackendStore(backend)
        let store = temp.store
        _ = try store.ingest([Fixture.message("m0", conversation: "c0", at: 0, channel: .email, marketplace: .shopify,
                                              from: "Mason Lee <mason@example.com>", subject: "Where is my parcel")])
        let ticket = try #require(try store.queue(QueueQuery(now: start), after: nil, limit: 1).first)
        _ = try store.send(ReplyRequest(ticketID: ticket.id, body: "It left on Monday.", author: "Li Wei", idempotencyKey: "r0"), now: start)
        let rule = OutboxClaimRule(leaseSeconds: 60, maximumAttempts: 3, retryFailedBefore: .distantPast, holder: "host-a/1")
        let claim = try #require(try store.claimNextDue(rule: rule, now: start.addingTimeInterval(1)))
        #expect(try store.beginHandoff(claim.lease, route: "email", leaseSeconds: 60, now: start.addingTimeInterval(1)))
        try store.markSent(id: claim.entry.id, route: "email", now: start.addingTimeInterval(2))
        return (temp, ticket.id, claim.entry.mailMessageID)
    }

    static func machineMail(_ id: String, conversation: String, minutes: Double, _ automatic: AutomaticMail) -> IngestRecord {
        var record = IngestRecord(
            id: id, conversation: conversation, channel: .email, marketplace: .shopify, direction: .automatic,
            from: "Mail Delivery System <MAILER-DAEMON@mx.example.net>", to: "shop@example.com",
            at: start.addingTimeInterval(minutes * 60), subject: "Undelivered Mail Returned to Sender",
            body: "This is the mail system at host mx.example.net.")
        record.automatic = automatic
        return record
    }

    @Test("An out-of-office reply to our reply is in the thread but starts no clock", arguments: StoreBackend.allCases)
    func autoReply(_ backend: StoreBackend) throws {
        let (temp, ticketID, sent) = try Self.answered(backend)
        let store = temp.store
        let before = try #require(try store.ticket(id: ticketID))
        #expect(!before.needsReply)
        _ = try store.ingest([Self.machineMail("ooo", conversation: "c0", minutes: 5, AutomaticMail(kind: .autoReply, about: sent))])
        let after = try #require(try store.ticket(id: ticketID))
        #expect(!after.needsReply && after.due == nil, "an auto-reply must not restart the reply clock")
        #expect(after.lastFrom == .agent && after.snippet == before.snippet)
        #expect(try store.messages(ticketID: ticketID).map(\.direction) == [.inbound, .outbound, .automatic])
        #expect(try store.outboxEntries(states: [.sent]).count == 1)
    }

    @Test("A failed delivery report bounces the reply it returns and brings the ticket back, once", arguments: StoreBackend.allCases)
    func bounce(_ backend: StoreBackend) throws {
        let (temp, ticketID, sent) = try Self.answered(backend)
        let store = temp.store
        #expect(try store.conversation(ofMessage: sent) == "c0", "replies to our reply find its conversation")
        let reason = "5.1.1 smtp; 550 5.1.1 <mason@example.com>: Recipient address rejected: User unknown"
        // Kept in a conversation of its own: the outbox row is found by Message-ID, not by thread.
        let report = Self.machineMail("dsn-1", conversation: "mailer-daemon-1", minutes: 10,
                                      AutomaticMail(kind: .deliveryFailed, about: sent, reason: reason))
        _ = try store.ingest([report])
        let entry = try #require(try store.outboxEntries(states: OutboxEntry.State.allCases).first)
        #expect(entry.state == .bounced && entry.lastError == reason)
        let rule = OutboxClaimRule(leaseSeconds: 60, maximumAttempts: 3, retryFailedBefore: .distantFuture, holder: "host-b/2")
        #expect(try store.claimNextDue(rule: rule, now: Self.start.addingTimeInterval(7200)) == nil, "a bounced reply is not sent again")
        #expect(try store.isOutboxSent(mailMessageID: sent), "it was handed over: its spool file may go")

        let back = try #require(try store.ticket(id: ticketID))
        #expect(back.needsReply && back.status == .open)
        #expect(back.snippet.hasPrefix("Reply bounced: 5.1.1"), "\(back.snippet)")
        #expect(try store.queue(QueueQuery(now: Self.start.addingTimeInterval(660)), after: nil, limit: 10).contains { $0.id == ticketID })
        let thread = try store.messages(ticketID: ticketID)
        #expect(thread.first { $0.direction == .outbound }?.delivery?.label == "bounced: " + reason)

        // The same report again, and a second report for the same reply: nothing more happens.
        let version = back.version
        _ = try store.ingest([report, Self.machineMail("dsn-2", conversation: "mailer-daemon-2", minutes: 20,
                                                       AutomaticMail(kind: .deliveryFailed, about: sent, reason: "other"))])
        #expect(try store.outboxEntries(states: [.bounced]).first?.lastError == reason)
        #expect(try store.ticket(id: ticketID)?.version == version)

        // Answered again (another way): the clock ends as for any reply.
        _ = try store.send(ReplyRequest(ticketID: ticketID, body: "Sorry, here it is again.", author: "Li Wei", idempotencyKey: "r1"),
                           now: Self.start.addingTimeInterval(1800))
        #expect(try store.ticket(id: ticketID)?.needsReply == false)
    }

    @Test("A report that a reply is delayed, or one about mail we never sent, changes no reply", arguments: StoreBackend.allCases)
    func delayedAndUnknown(_ backend: StoreBackend) throws {
        let (temp, ticketID, sent) = try Self.answered(backend)
        let store = temp.store
        _ = try store.ingest([
            Self.machineMail("dsn-delay", conversation: "c0", minutes: 10, AutomaticMail(kind: .deliveryDelayed, about: sent, reason: "4.4.1")),
            Self.machineMail("dsn-other", conversation: "x", minutes: 11,
                             AutomaticMail(kind: .deliveryFailed, about: "someone-else@example.org", reason: "5.1.1")),
        ])
        #expect(try store.outboxEntries(states: [.sent]).count == 1)
        #expect(try store.ticket(id: ticketID)?.needsReply == false)
        let opened = try store.queue(QueueQuery(view: .allOpen, now: Self.start), after: nil, limit: 10).first { $0.conversation == "x" }
        #expect(opened.map { !$0.needsReply } ?? true, "machine mail that opens a conversation starts no clock")
    }
}
