import Foundation

/// The order the queue lists tickets in.
public enum QueueOrder: String, Sendable, Hashable, CaseIterable, Codable {
    /// What can still meet its deadline first (nearest first), then what is already lost
    /// (longest late first), then tickets with no running clock. The default: see `TriageRule`.
    case triage
    /// Plain deadline order, nearest (or most overdue) first.
    case deadline

    public var title: String {
        switch self {
        case .triage: "savable first"
        case .deadline: "by deadline"
        }
    }
}

/// A stretch of queue keys (deadline instants as seconds since 1970), `lower ..< upper`; nil is
/// unbounded. The queue's order is a list of these stretches, each read in key order.
public struct QueueKeyRange: Sendable, Hashable {
    public var lower: Double?
    public var upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    public static let everything = QueueKeyRange(lower: nil, upper: nil)

    public func contains(_ key: Double) -> Bool {
        (lower.map { key >= $0 } ?? true) && (upper.map { key < $0 } ?? true)
    }
}

/// Which band of the triage order a ticket is in.
public enum TriageBand: Int, Sendable, Hashable, Comparable {
    /// An answer started now still meets the deadline.
    case savable
    /// Already late, or due sooner than an answer takes: the deadline is lost whatever happens.
    case late
    /// No clock runs (answered, or no policy applies).
    case noDeadline

    public static func < (lhs: TriageBand, rhs: TriageBand) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The triage rule: answer first what can still be saved.
///
/// Answering from the top of a plain deadline order spends the peak hour on tickets that are
/// already late — 25 tickets eight hours overdue stay late however fast they are answered, while
/// the 5-minute live chats behind them breach one after another. So the queue reads in three
/// bands, each with a fixed key order, so that it can still be read as a keyset window:
///
/// 1. **savable**: the deadline is at least `answerAllowance` away (an answer started now lands
///    in time), nearest deadline first;
/// 2. **late**: the deadline has passed or is nearer than `answerAllowance`, longest late first
///    (they are lost either way; the oldest grievance is answered first);
/// 3. tickets with no running clock.
///
///     let rule = TriageRule(answerAllowance: 120)
///     rule.band(due: now + 240, now: now)   // .savable: a chat due in 4 minutes
///     rule.band(due: now + 60, now: now)    // .late: due in 1 minute, an answer takes 2
///     rule.band(due: now - 3600, now: now)  // .late
///
/// One allowance for every channel: it only decides anything for deadlines minutes away, which
/// are the chats; for a 24-hour clock a few minutes either way change nothing.
public struct TriageRule: Sendable, Hashable {
    /// How long an answer takes, from opening the ticket to sending: a deadline nearer than this
    /// cannot be met any more.
    public var answerAllowance: TimeInterval

    /// Two minutes: a templated chat answer (the demo's and the seeds' 5-minute chat clock leaves
    /// a chat savable until its last two minutes).
    public static let standardAnswerAllowance: TimeInterval = 120
    public static let standard = TriageRule(answerAllowance: standardAnswerAllowance)

    public init(answerAllowance: TimeInterval) {
        self.answerAllowance = max(0, answerAllowance)
    }

    /// The first queue key (deadline) that an answer started at `now` still meets.
    public func savableFrom(now: Date) -> Double {
        now.timeIntervalSince1970 + answerAllowance
    }

    public func band(due: Date?, now: Date) -> TriageBand {
        band(key: due?.timeIntervalSince1970 ?? QueuePosition.noDeadlineKey, now: now)
    }

    public func band(key: Double, now: Date) -> TriageBand {
        if key >= QueuePosition.noDeadlineKey { return .noDeadline }
        return key >= savableFrom(now: now) ? .savable : .late
    }

    /// The key stretches of a band.
    public func range(of band: TriageBand, now: Date) -> QueueKeyRange {
        let cut = savableFrom(now: now)
        switch band {
        case .savable: return QueueKeyRange(lower: cut, upper: QueuePosition.noDeadlineKey)
        case .late: return QueueKeyRange(lower: nil, upper: min(cut, QueuePosition.noDeadlineKey))
        case .noDeadline: return QueueKeyRange(lower: QueuePosition.noDeadlineKey, upper: nil)
        }
    }

    /// The queue's order as key stretches, each read in ascending key order, one after another.
    public func ranges(for order: QueueOrder, now: Date) -> [QueueKeyRange] {
        switch order {
        case .deadline: return [.everything]
        case .triage: return [range(of: .savable, now: now), range(of: .late, now: now), range(of: .noDeadline, now: now)]
        }
    }

    /// True when `a` comes before `b` in the order (for lists held in memory, like the replay).
    public func precedes(_ a: QueuePosition, _ b: QueuePosition, order: QueueOrder, now: Date) -> Bool {
        if order == .triage {
            let ba = band(key: a.key, now: now), bb = band(key: b.key, now: now)
            if ba != bb { return ba < bb }
        }
        return a < b
    }
}
