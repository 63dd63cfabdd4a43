import Foundation

/// A promise to come back to a conversation: set by an agent with `F`, or by a follow-up rule
/// from an order's facts (address looks incomplete, parcel silent, customs hold, shipped late).
/// It becomes a deadline of its own kind on the ticket when its time comes (`ClockKind.followUp`).
public struct FollowUp: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var ticketID: Int64
    public var when: FollowUpWhen
    /// When it is due: the time given, or worked out from carrier events; nil while a
    /// parcel-driven follow-up still waits (no delivery yet, tracking not silent yet).
    public var dueAt: Date?
    public var createdAt: Date
    /// The agent who set it, or `rule:NAME` for a rule's.
    public var createdBy: String
    /// The rule that made it (`address`, `silent`, `customs`, `late-shipment`); nil when an agent set it.
    public var rule: String?
    public var orderID: String?
    /// The reason in words, for the thread header and `kefu followups`.
    public var note: String
    public var doneAt: Date?
    /// Who ended it: an agent's name, `reply` when a reply after its time ended it.
    public var doneBy: String?

    public init(
        id: Int64, ticketID: Int64, when: FollowUpWhen, dueAt: Date?, createdAt: Date, createdBy: String,
        rule: String? = nil, orderID: String? = nil, note: String = "", doneAt: Date? = nil, doneBy: String? = nil
    ) {
        self.id = id
        self.ticketID = ticketID
        self.when = when
        self.dueAt = dueAt
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.rule = rule
        self.orderID = orderID
        self.note = note
        self.doneAt = doneAt
        self.doneBy = doneBy
    }

    /// How long after its time a follow-up that nobody acted on counts as late.
    public static let lateAfter: TimeInterval = 86_400

    /// Where a follow-up stands at `now`.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        /// Its time has not come (or its parcel condition has not happened).
        case scheduled
        /// Its time came; nobody has acted yet, and it is not a day past.
        case due
        /// A day past its time and still open (or it was done only after that).
        case late
        /// Done by a reply after its time or marked done, within a day of its time.
        case done
    }

    public func status(now: Date) -> Status {
        if let doneAt {
            if let dueAt, doneAt.timeIntervalSince(dueAt) > Self.lateAfter { return .late }
            return .done
        }
        guard let dueAt, dueAt <= now else { return .scheduled }
        return now.timeIntervalSince(dueAt) > Self.lateAfter ? .late : .due
    }

    /// Open: not done yet.
    public var isOpen: Bool { doneAt == nil }

    /// `due 2026-12-10` (UTC day), or what it still waits on (`when the parcel is delivered`),
    /// and the rule that made it: one line for the profile and `kefu customer show` (sanitised).
    public var listText: String {
        let rule = rule.map { " · rule " + TerminalSanitizer.oneLine($0) } ?? ""
        guard let dueAt else { return whenText + rule }
        return "due " + RFC3339.format(dueAt).prefix(10) + (when.needsParcel ? " (\(whenText))" : "") + rule
    }

    /// "in 3 days" style words for what it waits on, for lists and the thread header.
    public var whenText: String {
        switch when {
        case .at: "at a set time"
        case .parcelDelivered: "when the parcel is delivered"
        case .trackingSilent(let days): "if tracking is silent for \(days) day\(days == 1 ? "" : "s")"
        }
    }
}

/// The lead's numbers: follow-ups by where they stand, and the rule-made ones per rule.
public struct FollowUpCounts: Sendable, Hashable, Codable {
    public var scheduled = 0
    public var due = 0
    public var late = 0
    public var done = 0
    /// Proactive ("speak first") follow-ups the rules made, per rule name.
    public var byRule: [String: Int] = [:]

    public init(scheduled: Int = 0, due: Int = 0, late: Int = 0, done: Int = 0, byRule: [String: Int] = [:]) {
        self.scheduled = scheduled
        self.due = due
        self.late = late
        self.done = done
        self.byRule = byRule
    }

    public init(_ followUps: [FollowUp], now: Date) {
        for followUp in followUps {
            switch followUp.status(now: now) {
            case .scheduled: scheduled += 1
            case .due: due += 1
            case .late: late += 1
            case .done: done += 1
            }
            if let rule = followUp.rule { byRule[rule, default: 0] += 1 }
        }
    }
}

/// The name a follow-up's clock carries as its policy (`ReplyClock.policy`, `ticket.due_policy`).
public enum FollowUpClock {
    public static let policy = "follow-up"
}
