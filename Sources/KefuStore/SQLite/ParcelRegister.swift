import Foundation
import GRDB
import KefuCore

/// Parcels attached by hand, in the same `parcel` table imported orders fill.
extension SQLiteTicketStore: ParcelRegister {
    public func attachParcel(_ parcel: Parcel, toOrder orderID: String) throws -> ParcelAttachment {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM orders WHERE id = ?)", arguments: [orderID]) ?? false else {
                throw ParcelRegisterError.unknownOrder(orderID)
            }
            let existed = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM parcel WHERE order_id = ? AND tracking_number = ?)",
                arguments: [orderID, parcel.trackingNumber]) ?? false
            try db.execute(
                sql: """
                    INSERT INTO parcel (order_id, tracking_number, carrier, shipped_at, replaces) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(order_id, tracking_number) DO UPDATE SET carrier = excluded.carrier,
                        replaces = coalesce(excluded.replaces, parcel.replaces)
                    """,
                arguments: [orderID, parcel.trackingNumber, parcel.carrier, parcel.shippedAt.timeIntervalSince1970, parcel.replaces])
            return existed ? .alreadyAttached : .added
        }
    }
}
