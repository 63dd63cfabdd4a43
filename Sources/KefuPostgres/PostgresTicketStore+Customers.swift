import Foundation
import KefuCore

/// Customers on PostgreSQL: the same reads and writes as SQLite's `CustomerRows`,
/// `CustomerSegments` and merges, every list by an index on `customer_id`.
extension PostgresTicketStore: CustomerStore {
    public func customerProfile(id: Int64) throws -> CustomerProfile? {
        try session.transaction(readOnlySnapshot: true) { tx in try PostgresCustomerRows.profile(tx, id: id) }
    }

    public func customer(byKey key: CustomerKey) throws -> Customer? {
        try session.transaction(readOnlySnapshot: true) { tx in
            guard let owner = try PostgresCustomerLinker.owner(tx, key: key), let current = try PostgresCustomerRows.current(tx, id: owner) else { return nil }
            return try PostgresCustomerRows.customer(tx, id: current)
        }
    }

    public func customerID(ticketID: Int64) throws -> Int64? {
        try session.transaction(readOnlySnapshot: true) { tx in
            guard let id = try tx.query("SELECT customer_id FROM ticket WHERE id = $1", [.int(ticketID)]).first?.optionalInt(0) else { return nil }
            return try PostgresCustomerRows.current(tx, id: id)
        }
    }

    public func customers(segment: String?, limit: Int) throws -> [Customer] {
        try session.transaction(readOnlySnapshot: true) { tx in
            let ids = try (segment.map {
                try tx.query("SELECT id FROM customer WHERE merged_into IS NULL AND segment = $1 ORDER BY id LIMIT $2", [.text($0), .int(Int64(limit))])
            } ?? tx.query("SELECT id FROM customer WHERE merged_into IS NULL ORDER BY id LIMIT $1", [.int(Int64(limit))])).map { try $0.int(0) }
            return try ids.compactMap { try PostgresCustomerRows.customer(tx, id: $0) }
        }
    }

    public func mergeCustomers(kept: Int64, absorbed: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange {
        guard acting.mayLead else { throw LeadRoleRequired(action: .mergeCustomers, agent: acting) }
        return try session.transaction { tx in
            // Both rows locked: two leads merging the same pair at once take turns.
            let rows = try tx.query("SELECT id, merged_into FROM customer WHERE id = ANY($1) ORDER BY id FOR UPDATE", [.ints([kept, absorbed])])
            var mergedInto: [Int64: Int64?] = [:]
            for row in rows { mergedInto[try row.int(0)] = try row.optionalInt(1) }
            guard mergedInto[kept] != nil else { throw CustomerError.notFound(CustomerName.of(kept)) }
            guard mergedInto[absorbed] != nil else { throw CustomerError.notFound(CustomerName.of(absorbed)) }
            guard kept != absorbed else { throw CustomerError.mergeWithItself(kept) }
            if let into = mergedInto[absorbed]! { throw CustomerError.alreadyMerged(absorbed, into: into) }
            if let into = mergedInto[kept]! { throw CustomerError.alreadyMerged(kept, into: into) }
            // A lead's merge overrides an earlier split of the same pair.
            try tx.query("DELETE FROM customer_apart WHERE a = $1 AND b = $2", [.int(min(kept, absorbed)), .int(max(kept, absorbed))])
            return try PostgresCustomerMerging.merge(tx, kept: kept, absorbed: absorbed, by: acting.name, reason: "lead", automatic: false, now: now)
        }
    }

    public func splitCustomers(_ a: Int64, _ b: Int64, acting: ActingAgent, now: Date) throws -> CustomerChange {
        guard acting.mayLead else { throw LeadRoleRequired(action: .splitCustomers, agent: acting) }
        return try session.transaction { tx in
            let found = Set(try tx.query("SELECT id FROM customer WHERE id = ANY($1) ORDER BY id FOR UPDATE", [.ints([a, b])]).map { try $0.int(0) })
            for id in [a, b] where !found.contains(id) { throw CustomerError.notFound(CustomerName.of(id)) }
            guard a != b else { throw CustomerError.mergeWithItself(a) }
            return try PostgresCustomerMerging.split(tx, a, b, by: acting.name, now: now)
        }
    }
}

/// Reading customers and their profiles.
enum PostgresCustomerRows {
    /// Follows `merged_into` to the record that stands now.
    static func current(_ tx: PostgresTransaction, id: Int64) throws -> Int64? {
        var id = id
        for _ in 0..<64 {
            guard let row = try tx.query("SELECT merged_into FROM customer WHERE id = $1", [.int(id)]).first else { return nil }
            guard let next = try row.optionalInt(0) else { return id }
            id = next
        }
        return id
    }

    static func customer(_ tx: PostgresTransaction, id: Int64) throws -> Customer? {
        // One statement: the row, its keys, its marketplaces and the name it gave last.
        guard let row = try tx.query("""
            SELECT c.id, c.display_name, c.language, c.segment, c.rfm, c.opted_out_at,
                   coalesce((SELECT string_agg(k.key, E'\\n' ORDER BY k.key) FROM customer_key k WHERE k.customer_id = c.id), ''),
                   coalesce((SELECT string_agg(DISTINCT m, E'\\n') FROM (
                       SELECT marketplace AS m FROM ticket WHERE customer_id = c.id UNION SELECT marketplace FROM orders WHERE customer_id = c.id) ms), ''),
                   (SELECT t.customer_name FROM ticket t WHERE t.customer_id = c.id ORDER BY t.last_message_at DESC LIMIT 1)
            FROM customer c WHERE c.id = $1
            """, [.int(id)]).first else { return nil }
        let keys = try row.string(6).split(separator: "\n").compactMap { CustomerKey(stored: String($0)) }
        let marketplaces = try row.string(7).split(separator: "\n").compactMap { Marketplace(rawValue: String($0)) }
            .sorted { $0.rawValue < $1.rawValue }
        // The name the buyer gave last: their newest conversation's, else the customer row's.
        return Customer(id: try row.int(0), displayName: try row.optionalString(8) ?? row.string(1), language: try row.optionalString(2),
                        marketplaces: marketplaces, keys: keys, segment: try row.optionalString(3),
                        scores: decodeScores(try row.optionalString(4)), optedOutAt: try row.optionalDate(5))
    }

    static func decodeScores(_ text: String?) -> RFMScores? {
        guard let parts = text?.split(separator: ",").compactMap({ Int($0) }), parts.count == 3 else { return nil }
        return RFMScores(recency: parts[0], frequency: parts[1], monetary: parts[2])
    }

    static func profile(_ tx: PostgresTransaction, id: Int64) throws -> CustomerProfile? {
        guard let current = try current(tx, id: id), let customer = try customer(tx, id: current) else { return nil }
        var items: [String: [OrderItem]] = [:]
        for row in try tx.query("""
            SELECT order_id, sku, title, quantity FROM order_item WHERE order_id IN (SELECT id FROM orders WHERE customer_id = $1)
            ORDER BY order_id, position
            """, [.int(current)]) {
            items[try row.string(0), default: []].append(OrderItem(sku: try row.string(1), title: try row.string(2), quantity: Int(try row.int(3))))
        }
        var parcels: [String: [Parcel]] = [:]
        for row in try tx.query("""
            SELECT order_id, tracking_number, carrier, shipped_at, replaces FROM parcel
            WHERE order_id IN (SELECT id FROM orders WHERE customer_id = $1) ORDER BY shipped_at DESC, id DESC
            """, [.int(current)]) {
            parcels[try row.string(0), default: []].append(Parcel(trackingNumber: try row.string(1), carrier: try row.string(2),
                                                                    shippedAt: try row.date(3), replaces: try row.optionalString(4)))
        }
        let orders = try tx.query("""
            SELECT \(PostgresOrderReading.columns) FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC, id DESC
            """, [.int(current)]).map { row -> Order in
            let id = try row.string(0)
            return try PostgresOrderReading.order(row, items: items[id] ?? [], parcels: parcels[id] ?? [])
        }
        let conversations = try tx.query("""
            SELECT t.id, t.conversation, t.subject, t.status, t.last_message_at, t.marketplace, o.problem, o.responsible, o.resolution
            FROM ticket t LEFT JOIN ticket_outcome o ON o.ticket_id = t.id
            WHERE t.customer_id = $1 ORDER BY t.last_message_at DESC, t.id DESC
            """, [.int(current)]).map { row -> CustomerConversation in
            var outcome: OutcomeChoice?
            if let problem = try row.optionalString(6).flatMap(Problem.init(rawValue:)),
               let responsible = try row.optionalString(7).flatMap(ResponsibleParty.init(rawValue:)) {
                outcome = OutcomeChoice(problem: problem, responsible: responsible, resolution: try row.optionalString(8).flatMap(Resolution.init(rawValue:)))
            }
            return CustomerConversation(
                ticketID: try row.int(0), conversation: try row.string(1), subject: try row.string(2),
                status: TicketStatus(rawValue: try row.string(3)) ?? .open, lastMessageAt: try row.date(4),
                marketplace: Marketplace(rawValue: try row.string(5)) ?? .other, outcome: outcome)
        }
        let merges = try tx.query("""
            SELECT id, kept, absorbed, merged_by, at, reason, automatic, undone_at FROM customer_merge
            WHERE kept = $1 OR absorbed = $1 ORDER BY id DESC
            """, [.int(current)]).map { row in
            CustomerMerge(id: try row.int(0), kept: try row.int(1), absorbed: try row.int(2), by: try row.string(3), at: try row.date(4),
                          reason: try row.string(5), automatic: try row.bool(6), undoneAt: try row.optionalDate(7))
        }
        let followUps = try tx.query("""
            SELECT \(PostgresFollowUpRows.columns) FROM follow_up
            WHERE done_at IS NULL AND ticket_id IN (SELECT id FROM ticket WHERE customer_id = $1)
            ORDER BY due_at IS NULL, due_at, id
            """, [.int(current)]).map(PostgresFollowUpRows.decode)
        return CustomerProfile(customer: customer, orders: orders, conversations: conversations, merges: merges, openFollowUps: followUps)
    }
}
