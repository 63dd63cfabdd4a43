import Foundation
import GRDB
import KefuCore

/// Reading customers and their profiles: every list by an index on `customer_id`.
enum CustomerRows {
    /// Follows `merged_into` to the record that stands now.
    static func current(_ db: Database, id: Int64) throws -> Int64? {
        var id = id
        for _ in 0..<64 {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT merged_into FROM customer WHERE id = ?"), arguments: [id]) else { return nil }
            guard let next: Int64 = row[0] else { return id }
            id = next
        }
        return id
    }

    static func customer(_ db: Database, id: Int64) throws -> Customer? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, display_name, language, segment, rfm, opted_out_at FROM customer WHERE id = ?"),
                                         arguments: [id]) else { return nil }
        let keys = try String.fetchAll(db.cachedStatement(sql: "SELECT key FROM customer_key WHERE customer_id = ? ORDER BY key"), arguments: [id])
            .compactMap(CustomerKey.init(stored:))
        let marketplaces = try String.fetchAll(db.cachedStatement(sql: """
            SELECT marketplace FROM ticket WHERE customer_id = ? UNION SELECT marketplace FROM orders WHERE customer_id = ?
            """), arguments: [id, id]).compactMap(Marketplace.init(rawValue:)).sorted { $0.rawValue < $1.rawValue }
        // The name the buyer gave last: their newest conversation's, else the customer row's.
        let name = try String.fetchOne(db.cachedStatement(sql: """
            SELECT customer_name FROM ticket WHERE customer_id = ? ORDER BY last_message_at DESC LIMIT 1
            """), arguments: [id]) ?? row[1]
        return Customer(id: row[0], displayName: name, language: row[2], marketplaces: marketplaces, keys: keys,
                        segment: row[3], scores: decodeScores(row[4]), optedOutAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    static func decodeScores(_ text: String?) -> RFMScores? {
        guard let parts = text?.split(separator: ",").compactMap({ Int($0) }), parts.count == 3 else { return nil }
        return RFMScores(recency: parts[0], frequency: parts[1], monetary: parts[2])
    }

    static func profile(_ db: Database, id: Int64) throws -> CustomerProfile? {
        guard let current = try current(db, id: id), let customer = try customer(db, id: current) else { return nil }
        var items: [String: [OrderItem]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT order_id, sku, title, quantity FROM order_item WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?)
            ORDER BY order_id, position
            """, arguments: [current]) {
            items[row[0], default: []].append(OrderItem(sku: row[1], title: row[2], quantity: row[3]))
        }
        var parcels: [String: [Parcel]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT order_id, tracking_number, carrier, shipped_at, replaces FROM parcel
            WHERE order_id IN (SELECT id FROM orders WHERE customer_id = ?) ORDER BY shipped_at DESC, id DESC
            """, arguments: [current]) {
            parcels[row[0], default: []].append(Parcel(trackingNumber: row[1], carrier: row[2], shippedAt: Date(timeIntervalSince1970: row[3]), replaces: row[4]))
        }
        let orders = try Row.fetchAll(db, sql: """
            SELECT \(OrderReading.columns) FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, id DESC
            """, arguments: [current]).map { row -> Order in
            let id: String = row[0]
            return OrderReading.order(row, items: items[id] ?? [], parcels: parcels[id] ?? [])
        }
        let conversations = try Row.fetchAll(db, sql: """
            SELECT t.id, t.conversation, t.subject, t.status, t.last_message_at, t.marketplace, o.problem, o.responsible, o.resolution
            FROM ticket t LEFT JOIN ticket_outcome o ON o.ticket_id = t.id
            WHERE t.customer_id = ? ORDER BY t.last_message_at DESC, t.id DESC
            """, arguments: [current]).map { row -> CustomerConversation in
            var outcome: OutcomeChoice?
            if let problem = (row[6] as String?).flatMap(Problem.init(rawValue:)),
               let responsible = (row[7] as String?).flatMap(ResponsibleParty.init(rawValue:)) {
                outcome = OutcomeChoice(problem: problem, responsible: responsible, resolution: (row[8] as String?).flatMap(Resolution.init(rawValue:)))
            }
            return CustomerConversation(
                ticketID: row[0], conversation: row[1], subject: row[2], status: TicketStatus(rawValue: row[3]) ?? .open,
                lastMessageAt: Date(timeIntervalSince1970: row[4]), marketplace: Marketplace(rawValue: row[5]) ?? .other, outcome: outcome)
        }
        let merges = try Row.fetchAll(db, sql: """
            SELECT id, kept, absorbed, merged_by, at, reason, automatic, undone_at FROM customer_merge
            WHERE kept = ? OR absorbed = ? ORDER BY id DESC
            """, arguments: [current, current]).map { row in
            CustomerMerge(id: row[0], kept: row[1], absorbed: row[2], by: row[3], at: Date(timeIntervalSince1970: row[4]),
                          reason: row[5], automatic: row[6], undoneAt: (row[7] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
        let followUps = try Row.fetchAll(db, sql: """
            SELECT \(FollowUpRows.columns) FROM follow_up
            WHERE done_at IS NULL AND ticket_id IN (SELECT id FROM ticket WHERE customer_id = ?)
            ORDER BY due_at IS NULL, due_at, id
            """, arguments: [current]).map(FollowUpRows.decode)
        return CustomerProfile(customer: customer, orders: orders, conversations: conversations, merges: merges, openFollowUps: followUps)
    }

    static func list(_ db: Database, segment: String?, limit: Int) throws -> [Customer] {
        let ids: [Int64]
        if let segment {
            ids = try Int64.fetchAll(db, sql: "SELECT id FROM customer WHERE merged_into IS NULL AND segment = ? ORDER BY id LIMIT ?",
                                     arguments: [segment, limit])
        } else {
            ids = try Int64.fetchAll(db, sql: "SELECT id FROM customer WHERE merged_into IS NULL ORDER BY id LIMIT ?", arguments: [limit])
        }
        return try ids.compactMap { try customer(db, id: $0) }
    }
}

extension SQLiteTicketStore: CustomerStore {
    public func customerProfile(id: Int64) throws -> CustomerProfile? {
        try pool.read { db in try CustomerRows.profile(db, id: id) }
    }

    public func customer(byKey key: CustomerKey) throws -> Customer? {
        try pool.read { db in
            guard let owner = try CustomerLinker.owner(db, key: key), let current = try CustomerRows.current(db, id: owner) else { return nil }
            return try CustomerRows.customer(db, id: current)
        }
    }

    public func customerID(ticketID: Int64) throws -> Int64? {
        try pool.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT customer_id FROM ticket WHERE id = ?", arguments: [ticketID]) else { return nil }
            return try CustomerRows.current(db, id: id)
        }
    }

    public func customers(segment: String?, limit: Int) throws -> [Customer] {
        try pool.read { db in try CustomerRows.list(db, segment: segment, limit: limit) }
    }

    public func mergeCustomers(kept: Int64, absorbed: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange {
        guard acting.mayLead else { throw LeadRoleRequired(action: .mergeCustomers, agent: acting) }
        return try pool.write { db in
            guard try CustomerRows.customer(db, id: kept) != nil else { throw CustomerError.notFound(CustomerName.of(kept)) }
            guard try CustomerRows.customer(db, id: absorbed) != nil else { throw CustomerError.notFound(CustomerName.of(absorbed)) }
            guard kept != absorbed else { throw CustomerError.mergeWithItself(kept) }
            if let into = try Int64.fetchOne(db, sql: "SELECT merged_into FROM customer WHERE id = ?", arguments: [absorbed]) {
                throw CustomerError.alreadyMerged(absorbed, into: into)
            }
            if let into = try Int64.fetchOne(db, sql: "SELECT merged_into FROM customer WHERE id = ?", arguments: [kept]) {
                throw CustomerError.alreadyMerged(kept, into: into)
            }
            // A lead's merge overrides an earlier split of the same pair.
            try db.execute(sql: "DELETE FROM customer_apart WHERE a = ? AND b = ?", arguments: [min(kept, absorbed), max(kept, absorbed)])
            return try CustomerMerging.merge(db, kept: kept, absorbed: absorbed, by: acting.name, reason: "lead", automatic: false, now: now)
        }
    }

    public func splitCustomers(_ a: Int64, _ b: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange {
        guard acting.mayLead else { throw LeadRoleRequired(action: .splitCustomers, agent: acting) }
        return try pool.write { db in
            for id in [a, b] where try Int.fetchOne(db, sql: "SELECT 1 FROM customer WHERE id = ?", arguments: [id]) == nil {
                throw CustomerError.notFound(CustomerName.of(id))
            }
            guard a != b else { throw CustomerError.mergeWithItself(a) }
            return try CustomerMerging.split(db, a, b, by: acting.name, now: now)
        }
    }
}
