import Foundation
import GRDB
import KefuCore

/// A ticket's row while new messages change it: read (or made) once, changed by each message in
/// memory by the rules below, written once. Ingest keeps one draft per conversation for a whole
/// batch, sending keeps one for its single reply; both follow the same rules.
struct TicketDraft {
    var clock: TicketClockState
    var conversation: String
    var customerName: String
    var customerAddress: String
    var subject: String
    var snippet: String
    var orderID: String?
    var lastFrom: Speaker
    var lastMessageAt: Double
    /// Messages this draft took in: the row's message count and version grow by as many.
    var added = 0
    /// Not yet in the store: written with INSERT, and no stored message can belong to it.
    var isNew: Bool
    /// Times of the customer messages this draft took in, for working out what still awaits a
    /// reply after one of ours.
    var inboundTimes: [Double] = []

    var id: Int64 { clock.id }

    static let columns = TicketClockState.columns + """
        , conversation, customer_name, customer_address, subject, snippet, order_id, last_from, last_message_at
        """

    static func decode(_ row: Row) -> TicketDraft {
        TicketDraft(
            clock: TicketClockState.decode(row), conversation: row[13], customerName: row[14], customerAddress: row[15],
            subject: row[16], snippet: row[17], orderID: row[18], lastFrom: Speaker(rawValue: row[19]) ?? .customer,
            lastMessageAt: row[20], isNew: false)
    }

    static func fetch(_ db: Database, id: Int64) throws -> TicketDraft? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(columns) FROM ticket WHERE id = ?"), arguments: [id]).map(decode)
    }

    /// The stored tickets of these conversations, by conversation.
    static func fetch(_ db: Database, conversations: some Collection<String>) throws -> [String: TicketDraft] {
        var drafts: [String: TicketDraft] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT \(columns) FROM ticket WHERE conversation IN (SELECT value FROM json_each(?))
            """), arguments: [JSONArray.of(conversations)])
        while let row = try rows.next() {
            let draft = decode(row)
            drafts[draft.conversation] = draft
        }
        return drafts
    }

    /// A new conversation opened by `record`, under the id the store will give it.
    init(opening record: IngestRecord, id: Int64) {
        let customer = record.customer
        clock = TicketClockState(
            id: id, channel: record.channel, marketplace: record.marketplace, status: .open, awaitingSince: nil,
            hasReplied: false, lastOutboundAt: nil, language: record.language, kind: record.kind ?? .message,
            tags: record.tags, segment: record.segment, openedAt: nil, holds: [])
        conversation = record.conversation
        customerName = customer.name
        customerAddress = customer.address
        subject = record.subject
        snippet = Snippet.of(record.body)
        orderID = record.order
        lastFrom = record.direction == .inbound ? .customer : .agent
        lastMessageAt = record.at.timeIntervalSince1970
        isNew = true
    }

    private init(
        clock: TicketClockState, conversation: String, customerName: String, customerAddress: String, subject: String,
        snippet: String, orderID: String?, lastFrom: Speaker, lastMessageAt: Double, isNew: Bool
    ) {
        self.clock = clock
        self.conversation = conversation
        self.customerName = customerName
        self.customerAddress = customerAddress
        self.subject = subject
        self.snippet = snippet
        self.orderID = orderID
        self.lastFrom = lastFrom
        self.lastMessageAt = lastMessageAt
        self.isNew = isNew
    }

    /// How one new message changes the ticket: who spoke last, what the queue shows, which
    /// clocks run. Returns the reply clocks this message ends (an answer from us), with the facts
    /// they ended on, for the deadline records. `storedInboundAfter` gives the earliest stored
    /// customer message after an instant (for a ticket already in the store).
    mutating func apply(
        direction: MessageDirection, at date: Date, body: String, order: String?, language: String?,
        policy: any DeadlinePolicy, storedInboundAfter: (Double) throws -> Double?
    ) rethrows -> (ended: [ReplyClock], facts: ConversationFacts) {
        let at = date.timeIntervalSince1970
        let isLatest = at >= lastMessageAt
        var ended: [ReplyClock] = []
        var endedFacts = clock.facts
        switch direction {
        case .inbound:
            if clock.lastOutboundAt.map({ date > $0 }) ?? true {
                clock.awaitingSince = min(clock.awaitingSince ?? date, date)
            }
            if clock.status != .open { clock.status = .open }
            clock.openedAt = min(clock.openedAt ?? date, date)
            // The customer answered: waiting on them is over, and the paused clocks run again.
            if let hold = clock.openHold, hold.reason == .waitingOnCustomer, date >= hold.start {
                clock.holds[clock.holds.count - 1].end = date
            }
            inboundTimes.append(at)
        case .outbound:
            if clock.lastOutboundAt.map({ date > $0 }) ?? true {
                // The reply clocks running until now end with this reply. (A resolution clock
                // ends when the ticket is solved, not when it is answered.)
                endedFacts = clock.facts
                ended = policy.clocks(for: endedFacts).filter { $0.started <= date && $0.kind != .resolution }
                clock.lastOutboundAt = date
                clock.hasReplied = true
                let taken = inboundTimes.filter { $0 > at }.min()
                let stored = isNew ? nil : try storedInboundAfter(at)
                clock.awaitingSince = [taken, stored].compactMap { $0 }.min().map(Date.init(timeIntervalSince1970:))
            }
        case .note:
            break
        }
        added += 1
        if isLatest && direction != .note {
            lastMessageAt = at
            lastFrom = direction == .inbound ? .customer : .agent
            snippet = Snippet.of(body)
        }
        if let order, !order.isEmpty, orderID == nil { orderID = order }
        if let language, direction == .inbound, clock.language == nil { clock.language = language }
        return (ended, endedFacts)
    }

    /// Writes the row with the clocks `policy` now gives it: INSERT for a new ticket, else one
    /// UPDATE of every column the rules change.
    func write(_ db: Database, policy: any DeadlinePolicy) throws {
        let clocks = ClockColumns(state: clock, clocks: policy.clocks(for: clock.facts))
        // Lower-cased in Swift: SQLite's lower() only knows ASCII, and the filter must match Анна and ZOÉ.
        let searchText = TicketRow.searchText(
            customer: customerName, address: customerAddress, subject: subject, snippet: snippet, order: orderID)
        let changing: StatementArguments = [
            clock.status.rawValue, clock.awaitingSince?.timeIntervalSince1970, clock.hasReplied,
            clock.lastOutboundAt?.timeIntervalSince1970, clock.openedAt?.timeIntervalSince1970, HoldCoding.encode(clock.holds),
            lastMessageAt, lastFrom.rawValue, snippet, orderID, clock.language, searchText,
        ] + clocks.values
        let changingNames = """
            status, awaiting_since, has_replied, last_outbound_at, opened_at, holds, last_message_at, last_from,
            snippet, order_id, language, search_text, \(ClockColumns.names)
            """
        if isNew {
            try db.cachedStatement(sql: """
                INSERT INTO ticket (\(changingNames), id, conversation, channel, marketplace, customer_name,
                                    customer_address, subject, kind, tags, segment, message_count, version)
                VALUES (\(Self.placeholders(31)))
                """).execute(arguments: changing + [
                    clock.id, conversation, clock.channel.rawValue, clock.marketplace.rawValue, customerName,
                    customerAddress, subject, clock.kind.rawValue, TagCoding.encode(clock.tags), clock.segment, added, added + 1,
                ])
        } else {
            try db.cachedStatement(sql: """
                UPDATE ticket SET (\(changingNames)) = (\(Self.placeholders(19))),
                                  message_count = message_count + ?, version = version + ?
                WHERE id = ?
                """).execute(arguments: changing + [added, added, clock.id])
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

/// A JSON array of strings, for binding a list to one `json_each(?)` parameter.
enum JSONArray {
    static func of(_ strings: some Collection<String>) -> String {
        var text = "["
        text.reserveCapacity(strings.count * 24)
        var first = true
        for string in strings {
            if !first { text += "," }
            first = false
            ClockCoding.appendString(string, to: &text)
        }
        return text + "]"
    }
}
