import Foundation
import KefuCore

/// Mailbox and order-report imports on the shared store, with the SQLite store's rules: a
/// mailbox batch (messages, attachment links, mail origin, quarantine rows) is one transaction;
/// an order report is one transaction that also links the conversations it names.
extension PostgresTicketStore: MailImportStore, OrderImporting, StoreMeta {
    public func importMail(_ mails: [ImportedMail], quarantined: [QuarantinedInput]) throws -> MailImportSummary {
        try session.transaction { tx in
            let (part, stored) = try ingestBatch(tx, mails.map(\.record)[...])
            var summary = MailImportSummary()
            summary.added = part.added
            summary.duplicates = part.duplicates
            summary.newTickets = part.newTickets
            for mail in mails {
                // A message stored by an earlier run gets its links again if they were missing.
                guard let messageID = try stored[mail.record.id]
                    ?? tx.query("SELECT id FROM message WHERE external_id = $1", [.text(mail.record.id)]).first?.int(0)
                else { continue }
                try tx.query("INSERT INTO mail_origin (message_id, source) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                             [.int(messageID), .text(mail.source)])
                for (position, file) in mail.attachments.enumerated() {
                    summary.attachments += try tx.query("""
                        INSERT INTO message_attachment (message_id, position, filename, content_type, sha256, size, inline)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING 1
                        """, [.int(messageID), .int(Int64(position)), .text(file.filename), .text(file.contentType), .text(file.sha256),
                              .int(file.size), .bool(file.isInline)]).count
                }
            }
            for input in quarantined {
                summary.quarantined += try tx.query("""
                    INSERT INTO quarantine (source, location, reason, raw, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1
                    """, [.text(input.source), .text(input.location), .text(input.reason), .text(input.raw),
                          .double(input.at.timeIntervalSince1970)]).count
            }
            return summary
        }
    }

    public func conversation(ofMessage externalID: String) throws -> String? {
        try session.query("""
            SELECT t.conversation FROM message m JOIN ticket t ON t.id = m.ticket_id WHERE m.external_id = $1
            UNION ALL
            SELECT t.conversation FROM outbox o JOIN ticket t ON t.id = o.ticket_id WHERE o.mail_message_id = $1
            LIMIT 1
            """, [.text(externalID)]).first?.string(0)
    }

    public func attachments(ofMessage messageID: Int64) throws -> [AttachmentLink] {
        try session.query("""
            SELECT filename, content_type, sha256, size, inline FROM message_attachment WHERE message_id = $1 ORDER BY position
            """, [.int(messageID)]).map {
            AttachmentLink(filename: try $0.string(0), contentType: try $0.string(1), sha256: try $0.string(2), size: try $0.int(3),
                           isInline: try $0.bool(4))
        }
    }

    @discardableResult
    public func importOrders(_ orders: [(order: Order, buyerEmail: String?)]) throws -> Int {
        let now = Date()
        return try session.transaction { tx in
            var linked = 0
            for (order, email) in orders {
                try Self.saveOrder(tx, order)
                try tx.query("UPDATE orders SET buyer_email = coalesce($1, buyer_email) WHERE id = $2", [.of(email), .text(order.id)])
                // The order's customer, by its id and the buyer's email (never the buyer's name).
                try PostgresCustomerLinker.linkOrder(tx, order, buyerEmail: email, now: now)
                var rows: [PostgresResultRow] = []
                let returning = "RETURNING id, customer_name, customer_address, subject, snippet, conversation, language"
                if let email, !email.isEmpty {
                    rows = try tx.query("""
                        UPDATE ticket SET order_id = $1, version = version + 1
                        WHERE order_id IS NULL AND lower(customer_address) = lower($2) \(returning)
                        """, [.text(order.id), .text(email)])
                } else if !order.customerName.isEmpty {
                    rows = try tx.query("""
                        UPDATE ticket SET order_id = $1, version = version + 1
                        WHERE order_id IS NULL AND customer_name = $2 AND marketplace = $3 \(returning)
                        """, [.text(order.id), .text(order.customerName), .text(order.marketplace.rawValue)])
                }
                // The `/` filter finds a conversation by its order id too.
                for row in rows {
                    let text = TicketSearchText.of(customer: try row.string(1), address: try row.string(2), subject: try row.string(3),
                                                   snippet: try row.string(4), order: order.id)
                    try tx.query("UPDATE ticket SET search_text = $1 WHERE id = $2", [.text(text), .int(try row.int(0))])
                }
                // A ticket found by the buyer's email joins the order's customer (it shares that
                // address anyway); one found by the buyer's name alone keeps its own customer.
                if let email, !email.isEmpty {
                    for row in rows {
                        try PostgresCustomerLinker.linkTicket(tx, id: try row.int(0), conversation: try row.string(5), name: try row.string(1),
                                                              address: try row.string(2), language: try row.optionalString(6),
                                                              namedOrder: order.id, now: now)
                    }
                }
                linked += rows.count
            }
            return linked
        }
    }

    public func buyerEmail(orderID: String) throws -> String? {
        try session.query("SELECT buyer_email FROM orders WHERE id = $1", [.text(orderID)]).first?.optionalString(0)
    }
}
