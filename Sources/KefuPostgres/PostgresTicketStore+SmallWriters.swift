import Foundation
import KefuCore

/// Template use counts (the picker's favourites first), the draft's attachment choice, and
/// parcels attached by hand: small writers with the SQLite store's rules.
extension PostgresTicketStore: TemplateUsageRecording, DraftAttachmentChoice, ParcelRegister {
    public func recordTemplateUse(_ name: String, now: Date) throws {
        try session.query("""
            INSERT INTO template_usage AS u (name, uses, last_used) VALUES ($1, 1, $2)
            ON CONFLICT (name) DO UPDATE SET uses = u.uses + 1, last_used = excluded.last_used
            """, [.text(name), .double(now.timeIntervalSince1970)])
    }

    public func templateUsage() throws -> [String: Int] {
        var usage: [String: Int] = [:]
        for row in try session.query("SELECT name, uses FROM template_usage") { usage[try row.string(0)] = Int(try row.int(1)) }
        return usage
    }

    public func draftAttachesEvidence(ticketID: Int64) throws -> Bool {
        try session.query("SELECT attach_evidence FROM draft WHERE ticket_id = $1", [.int(ticketID)]).first?.bool(0) ?? false
    }

    public func saveDraft(ticketID: Int64, body: String, attachEvidence: Bool, now: Date) throws {
        if body.isEmpty {
            try session.query("DELETE FROM draft WHERE ticket_id = $1", [.int(ticketID)])
        } else {
            try session.query("""
                INSERT INTO draft (ticket_id, body, updated_at, attach_evidence) VALUES ($1, $2, $3, $4)
                ON CONFLICT (ticket_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
                    attach_evidence = excluded.attach_evidence
                """, [.int(ticketID), .text(body), .double(now.timeIntervalSince1970), .bool(attachEvidence)])
        }
    }

    public func attachParcel(_ parcel: Parcel, toOrder orderID: String) throws -> ParcelAttachment {
        try session.transaction { tx in
            guard !(try tx.query("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE", [.text(orderID)])).isEmpty else {
                throw ParcelRegisterError.unknownOrder(orderID)
            }
            let existed = !(try tx.query("SELECT 1 FROM parcel WHERE order_id = $1 AND tracking_number = $2",
                                         [.text(orderID), .text(parcel.trackingNumber)])).isEmpty
            try tx.query("""
                INSERT INTO parcel AS p (order_id, tracking_number, carrier, shipped_at, replaces) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (order_id, tracking_number) DO UPDATE SET carrier = excluded.carrier,
                    replaces = coalesce(excluded.replaces, p.replaces)
                """, [.text(orderID), .text(parcel.trackingNumber), .text(parcel.carrier),
                      .double(parcel.shippedAt.timeIntervalSince1970), .of(parcel.replaces)])
            return existed ? .alreadyAttached : .added
        }
    }
}
