import Foundation
import GRDB
import KefuCore

/// Opting out of notices: a customer message that asks to unsubscribe (`UnsubscribeRequest`)
/// marks its customer, inside the ingest's own transaction.
enum NoticeOptOuts {
    /// Ingest's one call: the stored customer messages of a batch, by their ticket.
    static func record(_ db: Database, _ messages: some Sequence<(ticketID: Int64, direction: MessageDirection, body: String, at: Date)>) throws {
        for message in messages where message.direction == .inbound && UnsubscribeRequest.matches(message.body) {
            guard let linked = try Int64.fetchOne(db.cachedStatement(sql: "SELECT customer_id FROM ticket WHERE id = ?"),
                                                  arguments: [message.ticketID]),
                  let customer = try CustomerRows.current(db, id: linked) else { continue }
            try mark(db, customerID: customer, at: message.at)
        }
    }

    /// A merge keeps the earlier opt-out of the two (a split leaves it with both: asking to
    /// stop is never undone by a lead's correction of the records).
    static func carry(_ db: Database, from absorbed: Int64, to kept: Int64) throws {
        try db.cachedStatement(sql: """
            UPDATE customer SET opted_out_at = (SELECT min(opted_out_at) FROM customer WHERE id IN (?, ?)) WHERE id = ?
            """).execute(arguments: [kept, absorbed, kept])
    }

    static func mark(_ db: Database, customerID: Int64, at: Date) throws {
        try db.cachedStatement(sql: """
            UPDATE customer SET opted_out_at = min(coalesce(opted_out_at, ?), ?) WHERE id = ?
            """).execute(arguments: [at.timeIntervalSince1970, at.timeIntervalSince1970, customerID])
    }
}
