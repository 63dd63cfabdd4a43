import Foundation

/// Which tickets the queue lists.
public enum QueueView: String, Sendable, Hashable, CaseIterable, Codable {
    /// Open tickets with a running reply clock: the agent's work list.
    case needsReply = "needs-reply"
    /// Every open ticket, answered ones after those that need a reply.
    case allOpen = "all-open"
    /// Needs a reply and already overdue.
    case overdue
    /// Needs a reply within the next hour (overdue ones included).
    case dueSoon = "due-soon"
    /// Open conversations whose last message is the customer's: "the last word is the seller's".
    case customerLast = "customer-last"

    public var title: String {
        switch self {
        case .needsReply: "needs reply"
        case .allOpen: "all open"
        case .overdue: "overdue"
        case .dueSoon: "due within 1h"
        case .customerLast: "customer spoke last"
        }
    }
}

/// What the queue shows: a view, optionally narrowed by text typed after `/`.
public struct QueueQuery: Sendable, Hashable {
    public var view: QueueView
    public var filter: String
    /// The time that `overdue` and `dueSoon` are measured against.
    public var now: Date
    /// Whose tickets, and which channel (the team's filters and the dashboard's drill-down).
    public var scope: QueueScope
    /// Plain deadline order, or the triage order the console lists by default.
    public var order: QueueOrder
    /// Where the triage order cuts savable from late.
    public var triage: TriageRule

    public init(
        view: QueueView = .needsReply, filter: String = "", now: Date, scope: QueueScope = .everything,
        order: QueueOrder = .deadline, triage: TriageRule = .standard
    ) {
        self.view = view
        self.filter = filter
        self.now = now
        self.scope = scope
        self.order = order
        self.triage = triage
    }

    /// The key stretches the order reads, one after another.
    public var ranges: [QueueKeyRange] { triage.ranges(for: order, now: now) }
}

/// A place in the queue's order, for keyset paging: the queue is read as a window, never whole.
public struct QueuePosition: Sendable, Hashable, Comparable {
    public var key: Double
    public var id: Int64

    public init(key: Double, id: Int64) {
        self.key = key
        self.id = id
    }

    /// Tickets with no running clock sort after every deadline.
    public static let noDeadlineKey: Double = 1e15

    public init(_ ticket: Ticket) {
        key = ticket.due?.timeIntervalSince1970 ?? Self.noDeadlineKey
        id = ticket.id
    }

    public static func < (lhs: QueuePosition, rhs: QueuePosition) -> Bool {
        (lhs.key, lhs.id) < (rhs.key, rhs.id)
    }
}

/// The status bar's totals.
public struct QueueTotals: Sendable, Hashable {
    public var open: Int
    public var needsReply: Int
    public var dueWithinHour: Int
    public var overdue: Int
    /// Follow-ups whose time has come and that nobody has acted on ("3 follow-ups due").
    public var followUpsDue: Int

    public init(open: Int, needsReply: Int, dueWithinHour: Int, overdue: Int, followUpsDue: Int = 0) {
        self.followUpsDue = followUpsDue
        self.open = open
        self.needsReply = needsReply
        self.dueWithinHour = dueWithinHour
        self.overdue = overdue
    }
}

/// What an ingest did: new messages, new conversations, duplicates skipped.
public struct IngestSummary: Sendable, Hashable {
    public var added: Int
    public var duplicates: Int
    public var newTickets: Int

    public init(added: Int = 0, duplicates: Int = 0, newTickets: Int = 0) {
        self.added = added
        self.duplicates = duplicates
        self.newTickets = newTickets
    }
}

extension IngestSummary {
    /// Adds up the summaries of several batches.
    public static func += (lhs: inout IngestSummary, rhs: IngestSummary) {
        lhs.added += rhs.added
        lhs.duplicates += rhs.duplicates
        lhs.newTickets += rhs.newTickets
    }
}

/// Cuts `records` into slices of at most `size`, for one transaction each.
public func ingestBatches(_ records: [IngestRecord], size: Int) -> [ArraySlice<IngestRecord>] {
    stride(from: 0, to: records.count, by: size).map { records[$0..<min($0 + size, records.count)] }
}

/// A reply or internal note the agent sends.
public struct ReplyRequest: Sendable, Hashable {
    public var ticketID: Int64
    public var body: String
    public var author: String
    /// `.outbound` for a reply to the customer, `.note` for the team only.
    public var direction: MessageDirection
    /// Fixed when the agent presses send; sending the same key twice stores one reply.
    public var idempotencyKey: String
    /// Evidence ids (`EV-2F9A`) whose files go out with the reply, when the agent asked for
    /// them; recorded with the outbox row in the same transaction. Ignored for notes.
    public var attachEvidence: [String]
    /// The newest message of the ticket the agent had on screen. When the store holds a newer
    /// one (a teammate's reply or note, the customer writing again), the send is refused with
    /// `ReplyCollision` in the same transaction, so the agent sees it before answering twice.
    /// Nil: no check (scripts, connectors).
    public var seenThrough: Int64?

    public init(
        ticketID: Int64, body: String, author: String, direction: MessageDirection = .outbound, idempotencyKey: String,
        attachEvidence: [String] = [], seenThrough: Int64? = nil
    ) {
        self.seenThrough = seenThrough
        self.ticketID = ticketID
        self.body = body
        self.author = author
        self.direction = direction
        self.idempotencyKey = idempotencyKey
        self.attachEvidence = attachEvidence
    }
}

/// How one deadline ended: the rows the team-lead meters aggregate.
public struct DeadlineOutcome: Sendable, Hashable {
    public var ticketID: Int64
    public var clock: ReplyClock
    public var settledAt: Date
    public var met: Bool
    public var elapsedCalendarSeconds: Double
    public var elapsedBusinessSeconds: Double
    /// Ended by "no response needed": left out of every late-reply and response-time figure.
    public var excused: Bool
    /// Calendar seconds the clock stood still on hold; both elapsed figures already leave them out.
    public var pausedSeconds: Double

    public init(
        ticketID: Int64, clock: ReplyClock, settledAt: Date, met: Bool, elapsedCalendarSeconds: Double,
        elapsedBusinessSeconds: Double, excused: Bool = false, pausedSeconds: Double = 0
    ) {
        self.ticketID = ticketID
        self.clock = clock
        self.settledAt = settledAt
        self.met = met
        self.elapsedCalendarSeconds = elapsedCalendarSeconds
        self.elapsedBusinessSeconds = elapsedBusinessSeconds
        self.excused = excused
        self.pausedSeconds = pausedSeconds
    }
}

/// The result of sending: the stored message, the ticket as it now is, the deadlines it settled.
public struct SentReply: Sendable, Hashable {
    public var message: Message
    public var ticket: Ticket
    public var settled: [DeadlineOutcome]
    /// True when this idempotency key had already been sent and nothing new was stored.
    public var wasDuplicate: Bool

    public init(message: Message, ticket: Ticket, settled: [DeadlineOutcome], wasDuplicate: Bool) {
        self.message = message
        self.ticket = ticket
        self.settled = settled
        self.wasDuplicate = wasDuplicate
    }
}

/// An input that could not be taken in, kept with its reason so nothing is silently dropped.
public struct QuarantinedInput: Sendable, Hashable {
    public var source: String
    public var location: String
    public var reason: String
    public var raw: String
    public var at: Date

    public init(source: String, location: String, reason: String, raw: String, at: Date) {
        self.source = source
        self.location = location
        self.reason = reason
        self.raw = raw
        self.at = at
    }
}

/// Errors every store reports the same way, so callers can match on them.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case ticketNotFound(Int64)
    case emptyReply
    case cannotOpen(path: String, reason: String)
    /// The store's schema is newer than this build knows: opening it could misread or damage
    /// data written by the newer Kefu, so it is refused before anything is written.
    case writtenByNewerKefu(path: String, storeVersion: Int, supportedVersion: Int)
    /// A command that changes the store was asked to run on one this process may not write
    /// (`reason` says what: the file, its folder, a read-only mount); refused before anything.
    case notWritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .ticketNotFound(let id): "no ticket #\(id)"
        case .emptyReply: "the reply is empty"
        case .cannotOpen(let path, let reason): "cannot open the store at \(path): \(reason)"
        case .writtenByNewerKefu(let path, let storeVersion, let supportedVersion):
            "the store at \(path) was written by a newer Kefu (store schema version \(storeVersion); this Kefu knows up to version \(supportedVersion)): upgrade Kefu to open it; nothing was changed"
        case .notWritable(let path, let reason):
            "cannot write the store at \(path): \(reason); this command changes the store, so nothing was done (kefu queue, show, report and the console open it read-only)"
        }
    }
}

/// Persistence for tickets, messages, orders, drafts and the outbox. The console and the
/// commands see only this; SQLite (GRDB) implements it now, PostgreSQL later.
public protocol TicketStore: AnyObject, Sendable {
    /// Takes messages in; those whose id is already stored are counted as duplicates.
    func ingest(_ records: [IngestRecord]) throws -> IngestSummary
    func quarantine(_ input: QuarantinedInput) throws
    func quarantined(limit: Int) throws -> [QuarantinedInput]

    /// Up to `limit` tickets after `position` in queue order (from the top when nil).
    func queue(_ query: QueueQuery, after position: QueuePosition?, limit: Int) throws -> [Ticket]
    /// Up to `limit` tickets before `position`, returned in queue order (the end when nil).
    func queue(_ query: QueueQuery, before position: QueuePosition?, limit: Int) throws -> [Ticket]
    /// How many tickets come before `position` in the query, for "12/200" in the title.
    func queueIndex(_ query: QueueQuery, of position: QueuePosition) throws -> Int
    func queueCount(_ query: QueueQuery) throws -> Int
    /// How many tickets of the query lie in one band of the triage order (the band header's counts).
    func queueCount(_ query: QueueQuery, band: TriageBand) throws -> Int
    func totals(now: Date) throws -> QueueTotals
    /// The ticket `agent` should answer next: the first after `position` (the top when nil) in
    /// the triage order of the needs-reply queue that nobody else is working on, wrapping to the
    /// top when nothing follows. The one place that decides "next" (the console's `n`, send and
    /// next, `kefu next`), so claims can take it over.
    func nextTicket(for agent: String, after position: QueuePosition?, now: Date) throws -> Ticket?

    func ticket(id: Int64) throws -> Ticket?
    func messages(ticketID: Int64) throws -> [Message]
    /// Every clock running on the ticket (the queue columns keep only the nearest).
    func clocks(ticketID: Int64) throws -> [ReplyClock]
    func order(id: String) throws -> Order?
    func saveOrder(_ order: Order) throws

    /// Stores a reply, updates the ticket, settles its deadlines and queues it for delivery,
    /// all in one transaction.
    func send(_ reply: ReplyRequest, now: Date) throws -> SentReply

    func draft(ticketID: Int64) throws -> String?
    /// Saves (or, for empty text, removes) the draft of a ticket.
    func saveDraft(ticketID: Int64, body: String, now: Date) throws

    /// Changes whenever any process commits to the store; poll it to notice other writers.
    func changeToken() throws -> Int64
}
