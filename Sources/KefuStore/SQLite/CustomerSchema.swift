import Foundation
import GRDB
import KefuCore

/// Migration `v12-customers`: customers, their keys, merges a split can undo, pairs kept apart,
/// and the customer of every ticket and order, backfilled from what the store already holds.
enum CustomerSchema {
    static func v12(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE customer (
                id INTEGER PRIMARY KEY,
                display_name TEXT NOT NULL,
                language TEXT,
                created_at REAL NOT NULL,
                -- Set while a merge has folded this record into another.
                merged_into INTEGER,
                segment TEXT,
                -- "R,F,M" scores 1-5 from the last segment computation.
                rfm TEXT
            );
            CREATE INDEX customer_segment ON customer(segment, id) WHERE merged_into IS NULL;
            -- One key (email:…, order:…, buyer:…, conversation:…) belongs to one customer.
            CREATE TABLE customer_key (
                key TEXT PRIMARY KEY,
                customer_id INTEGER NOT NULL,
                added_at REAL NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX customer_key_customer ON customer_key(customer_id);
            CREATE TABLE customer_merge (
                id INTEGER PRIMARY KEY,
                kept INTEGER NOT NULL,
                absorbed INTEGER NOT NULL,
                merged_by TEXT NOT NULL,
                at REAL NOT NULL,
                reason TEXT NOT NULL,
                automatic INTEGER NOT NULL,
                -- The keys that moved from absorbed to kept (JSON array): a split gives them back.
                moved_keys TEXT NOT NULL,
                undone_at REAL
            );
            CREATE INDEX customer_merge_kept ON customer_merge(kept, id);
            CREATE INDEX customer_merge_absorbed ON customer_merge(absorbed, id);
            -- A split keeps the pair apart: automatic linking never joins them again (a < b).
            CREATE TABLE customer_apart (
                a INTEGER NOT NULL,
                b INTEGER NOT NULL,
                kept_apart_by TEXT NOT NULL,
                at REAL NOT NULL,
                PRIMARY KEY (a, b)
            ) WITHOUT ROWID;
            ALTER TABLE ticket ADD COLUMN customer_id INTEGER;
            -- The segment the message itself gave (ingest's "segment"); it wins over the derived one.
            ALTER TABLE ticket ADD COLUMN segment_given TEXT;
            UPDATE ticket SET segment_given = segment WHERE segment IS NOT NULL;
            ALTER TABLE orders ADD COLUMN customer_id INTEGER;
            CREATE INDEX ticket_customer ON ticket(customer_id, last_message_at);
            CREATE INDEX orders_customer ON orders(customer_id, placed_at);
            """)
        try backfill(db)
    }

    /// Links what the store held before customers existed: orders first (their id and buyer
    /// email), then tickets (their address, and their order unless only a name could have
    /// linked it: an order without a buyer email whose buyer name is the ticket's).
    static func backfill(_ db: Database) throws {
        let now = Date()
        let orders = try Row.fetchCursor(db, sql: "SELECT id, marketplace, customer_name, buyer_email FROM orders ORDER BY placed_at, id")
        while let row = try orders.next() {
            let id: String = row[0]
            let keys = CustomerKeys.ofOrder(id: id, marketplace: Marketplace(rawValue: row[1]) ?? .other, buyerEmail: row[3])
            let customer = try CustomerLinker.link(db, keys: keys, name: row[2], language: nil, now: now)
            try db.execute(sql: "UPDATE orders SET customer_id = ? WHERE id = ?", arguments: [customer, id])
        }
        let tickets = try Row.fetchAll(db, sql: """
            SELECT t.id, t.conversation, t.customer_name, t.customer_address, t.language, t.order_id,
                   o.id IS NOT NULL AND o.buyer_email IS NULL AND o.customer_name = t.customer_name AS by_name
            FROM ticket t LEFT JOIN orders o ON o.id = t.order_id ORDER BY t.id
            """)
        for row in tickets {
            let byName: Bool = row[6]
            let keys = CustomerKeys.ofTicket(address: row[3], conversation: row[1], namedOrder: byName ? nil : row[5])
            let customer = try CustomerLinker.link(db, keys: keys, name: row[2], language: row[4], now: now)
            try db.execute(sql: "UPDATE ticket SET customer_id = ? WHERE id = ?", arguments: [customer, row[0] as Int64])
        }
    }
}
