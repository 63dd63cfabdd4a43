import Foundation

/// A ticket's row while new messages change it: read (or made) once, changed by each message in
/// memory by the rules below, written once. Ingest keeps one draft per conversation for a whole
/// batch, sending keeps one for its single reply; both follow the same rules, and every backend
/// reads and writes the same fields (only the SQL differs).
public struct TicketDraft: Sendable {
    public var clock: TicketClockState
    public var conversation: String
    public var customerName: String
    public var customerAddress: String
    public var subject: String
    public var snippet: String
    public var orderID: String?
    public var lastFrom: Speaker
    public var lastMessageAt: Double
    /// Messages this draft took in: the row's message count and version grow by as many.
    public var added = 0
    /// Changed without a message of its own (a bounce): the row's version still grows, so
    /// other agents' screens see the change.
    public var changedWithoutMessage = false
    /// How much the row's version grows when written.
    public var versionStep: Int { max(added, changedWithoutMessage ? 1 : 0) }
    /// Not yet in the store: written with INSERT, and no stored message can belong to it.
    public var isNew: Bool
    /// Times of the customer messages this draft took in, for working out what still awaits a
    /// reply after one of ours.
    public var inboundTimes: [Double] = []

    public var id: Int64 { clock.id }

    /// A new conversation opened by `record`, under the id the store will give it.
    public init(opening record: IngestRecord, id: Int64) {
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
        lastFrom = record.direction == .outbound ? .agent : .customer
        lastMessageAt = record.at.timeIntervalSince1970
        isNew = true
    }

    /// A stored ticket, as a backend read it.
    public init(
        clock: TicketClockState, conversation: String, customerName: String, customerAddress: String, subject: String,
        snippet: String, orderID: String?, lastFrom: Speaker, lastMessageAt: Double
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
        self.isNew = false
    }

    /// How one new message changes the ticket: who spoke last, what the queue shows, which
    /// clocks run. Returns the reply clocks this message ends (an answer from us), with the facts
    /// they ended on, for the deadline records. `storedInboundAfter` gives the earliest stored
    /// customer message after an instant (for a ticket already in the store).
    public mutating func apply(
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
        case .note, .automatic:
            // Neither is the customer waiting nor an answer: no clock starts, restarts or ends.
            break
        }
        added += 1
        if isLatest && direction != .note && direction != .automatic {
            lastMessageAt = at
            lastFrom = direction == .inbound ? .customer : .agent
            snippet = Snippet.of(body)
        }
        if let order, !order.isEmpty, orderID == nil { orderID = order }
        if let language, direction == .inbound, clock.language == nil { clock.language = language }
        return (ended, endedFacts)
    }

    /// A report says our reply at `replyAt` never reached the customer: they are still waiting,
    /// so the ticket comes back into the queue with a reply clock from the moment we learned it
    /// (`at`), waiting on the customer ends, and the row says why. A reply sent after the bounce
    /// has already answered, so then nothing changes.
    public mutating func replyBounced(replyAt: Date, at date: Date, reason: String?) {
        if let last = clock.lastOutboundAt, last > replyAt { return }
        // Not the inbound rule: that one starts no clock for a message dated before our last
        // reply, but a report proves the reply failed whatever its Date header says.
        changedWithoutMessage = true
        clock.awaitingSince = min(clock.awaitingSince ?? date, date)
        if clock.status != .open { clock.status = .open }
        if clock.openedAt == nil { clock.openedAt = date }
        if let hold = clock.openHold, hold.reason == .waitingOnCustomer, date >= hold.start {
            clock.holds[clock.holds.count - 1].end = date
        }
        inboundTimes.append(date.timeIntervalSince1970)
        if date.timeIntervalSince1970 >= lastMessageAt {
            lastMessageAt = date.timeIntervalSince1970
            lastFrom = .customer
            snippet = Snippet.of(AutomaticMail(kind: .deliveryFailed, reason: reason).summary)
        }
    }

    /// The `/` filter's text for this row.
    public var searchText: String {
        TicketSearchText.of(customer: customerName, address: customerAddress, subject: subject, snippet: snippet, order: orderID)
    }
}
