import Foundation

/// What a dashboard row is about: an agent (nil: nobody owns the tickets) or a channel lane.
public enum MeterSubject: Sendable, Hashable {
    case agent(String?)
    case lane(Lane)

    public var title: String {
        switch self {
        case .agent(let name): name ?? "(unassigned)"
        case .lane(let lane): lane.title
        }
    }
}

/// One row of the dashboard: an agent's or a channel's figures.
public struct MeterRow: Sendable, Hashable {
    public var subject: MeterSubject
    /// Open tickets (for an agent: assigned to them).
    public var open: Int
    /// Answers sent today ("no response needed" not counted).
    public var repliedToday: Int
    /// First replies today, seconds.
    public var firstReply: Percentiles?
    /// Every reply today (first and next), seconds.
    public var reply: Percentiles?
    /// The same over the 7-day window (since midnight six days ago).
    public var firstReply7d: Percentiles?
    public var reply7d: Percentiles?
    public var metToday: Share
    public var met7d: Share
    public var overdueNow: Int
    public var dueWithinHour: Int
    /// Amazon's late-response rate (answered after 24 h or not yet after 24 h, of all messages;
    /// "no response needed" left out) per window; empty where the marketplace has no such measure.
    public var lateResponse: [LateWindow: Share]

    public init(
        subject: MeterSubject, open: Int = 0, repliedToday: Int = 0, firstReply: Percentiles? = nil, reply: Percentiles? = nil,
        metToday: Share = .none, met7d: Share = .none, overdueNow: Int = 0, dueWithinHour: Int = 0, lateResponse: [LateWindow: Share] = [:]
    ) {
        self.subject = subject
        self.open = open
        self.repliedToday = repliedToday
        self.firstReply = firstReply
        self.reply = reply
        self.metToday = metToday
        self.met7d = met7d
        self.overdueNow = overdueNow
        self.dueWithinHour = dueWithinHour
        self.lateResponse = lateResponse
    }
}

extension MeterRow {
    /// A copy whose today's percentiles are the 7-day ones: the dashboard shows and sorts the
    /// week in the same columns.
    public var withWeekTimes: MeterRow {
        var row = self
        row.firstReply = firstReply7d
        row.reply = reply7d
        return row
    }
}

/// The dashboard's sortable columns, in the order they are shown.
public enum MeterColumn: Int, Sendable, Hashable, CaseIterable {
    case name, open, repliedToday, firstReplyP50, firstReplyP90, replyP50, replyP90
    /// The same percentiles over the last 7 days (shown beside today's on wide screens).
    case firstReplyP50Week, firstReplyP90Week, replyP50Week, replyP90Week
    case metToday, met7d, overdue, dueWithinHour

    public var title: String {
        switch self {
        case .name: "name"
        case .open: "open"
        case .repliedToday: "replied"
        case .firstReplyP50: "1st p50"
        case .firstReplyP90: "1st p90"
        case .replyP50: "rep p50"
        case .replyP90: "rep p90"
        case .firstReplyP50Week: "1st50 7d"
        case .firstReplyP90Week: "1st90 7d"
        case .replyP50Week: "rep50 7d"
        case .replyP90Week: "rep90 7d"
        case .metToday: "met today"
        case .met7d: "met 7d"
        case .overdue: "overdue"
        case .dueWithinHour: "<1h"
        }
    }

    /// Whether the column is one of the 7-day percentiles.
    public var isWeek: Bool { [.firstReplyP50Week, .firstReplyP90Week, .replyP50Week, .replyP90Week].contains(self) }

    /// Sorting on this column puts the worst first (longest times, lowest shares, most overdue),
    /// which is what a lead looks for; names sort A to Z. Reversed, the best come first (names Z
    /// to A); rows without data for the column stay last either way.
    public func sorted(_ rows: [MeterRow], reversed: Bool = false) -> [MeterRow] {
        let ordered = rows.sorted { a, b in
            let (x, y) = (key(a), key(b))
            if x != y { return x > y }
            return a.subject.title < b.subject.title
        }
        guard reversed else { return ordered }
        let withData = ordered.filter { key($0) >= 0 }, without = ordered.filter { key($0) < 0 }
        return withData.reversed() + without
    }

    /// A number where bigger means "look here first"; missing data sorts last.
    private func key(_ row: MeterRow) -> Double {
        switch self {
        case .name: return 0
        case .open: return Double(row.open)
        case .repliedToday: return Double(row.repliedToday)
        case .firstReplyP50: return row.firstReply?.p50 ?? -1
        case .firstReplyP90: return row.firstReply?.p90 ?? -1
        case .replyP50: return row.reply?.p50 ?? -1
        case .replyP90: return row.reply?.p90 ?? -1
        case .firstReplyP50Week: return row.firstReply7d?.p50 ?? -1
        case .firstReplyP90Week: return row.firstReply7d?.p90 ?? -1
        case .replyP50Week: return row.reply7d?.p50 ?? -1
        case .replyP90Week: return row.reply7d?.p90 ?? -1
        case .metToday: return row.metToday.fraction.map { 1 - $0 } ?? -1
        case .met7d: return row.met7d.fraction.map { 1 - $0 } ?? -1
        case .overdue: return Double(row.overdueNow)
        case .dueWithinHour: return Double(row.dueWithinHour)
        }
    }
}

/// What the meters are measured against. Defaults: 95 % of deadlines met (Walmart and Etsy ask
/// for it), Amazon's late-response rate under 10 %.
public struct MeterTargets: Sendable, Hashable {
    public var metShare: Double
    public var amazonLateRate: Double

    public init(metShare: Double = 0.95, amazonLateRate: Double = 0.10) {
        self.metShare = metShare
        self.amazonLateRate = amazonLateRate
    }
}
