import Foundation

/// The raw tallies the store hands the meters; `DashboardFigures.compute` turns them into the
/// dashboard's figures. Everything here comes from deadline records (`deadline_outcome`, and
/// the rollups kept from them on write) and from the ticket rows as they stand now, never from
/// re-reading message history.
public struct MeterInputs: Sendable, Hashable {
    public var windows: MeterWindows
    /// Today's answers: one per reply that settled reply clocks, "no response needed" left out.
    public var answersToday: [AnswerSample]
    public var settled: [SettledTally]
    public var open: [OpenTally]
    /// Inbound messages and replies per hour over the last 24 hours, oldest first.
    public var traffic: [HourTraffic]
    /// The answers of the 7-day window, sorted per subject; nil while a live reader is still
    /// loading them (the dashboard shows "…" meanwhile).
    public var week: ResponseTimes?

    public init(windows: MeterWindows, answersToday: [AnswerSample], settled: [SettledTally], open: [OpenTally], traffic: [HourTraffic],
                week: ResponseTimes? = nil) {
        self.windows = windows
        self.answersToday = answersToday
        self.settled = settled
        self.open = open
        self.traffic = traffic
        self.week = week
    }
}

/// Which agent a figure is credited to, and which channel it came through.
public struct MeterGroup: Sendable, Hashable {
    /// The ticket's owner when the deadline settled (or, when nobody owned it, the agent who sent
    /// the reply from the console); nil: nobody.
    public var agent: String?
    public var channel: Channel
    public var marketplace: Marketplace

    public init(agent: String?, channel: Channel, marketplace: Marketplace) {
        self.agent = agent
        self.channel = channel
        self.marketplace = marketplace
    }

    public var lane: Lane { Lane(channel: channel, marketplace: marketplace) }
}

/// A channel and marketplace pair as the dashboard lists it: "Amazon", "Shopify chat".
public struct Lane: Sendable, Hashable, Comparable {
    public var channel: Channel
    public var marketplace: Marketplace

    public init(channel: Channel, marketplace: Marketplace) {
        self.channel = channel
        self.marketplace = marketplace
    }

    public var title: String {
        channel == .marketplace ? marketplace.displayName : "\(marketplace.displayName) \(channel.rawValue)"
    }

    public static func < (lhs: Lane, rhs: Lane) -> Bool { lhs.title < rhs.title }
}

/// One answer: how long the customer waited for it, with time on hold left out.
public struct AnswerSample: Sendable, Hashable {
    public var group: MeterGroup
    /// `.firstReply` or `.nextReply`.
    public var kind: ClockKind
    /// Calendar seconds from the customer's message to the answer, holds left out.
    public var elapsed: Double
    public var settledAt: Date

    public init(group: MeterGroup, kind: ClockKind, elapsed: Double, settledAt: Date) {
        self.group = group
        self.kind = kind
        self.elapsed = elapsed
        self.settledAt = settledAt
    }
}

/// Settled deadlines of one group: met of settled (excused ones left out), and for the late-
/// response rate the answers, those that came after 24 hours, and the messages closed without
/// a reply, per window.
public struct SettledTally: Sendable, Hashable {
    public var group: MeterGroup
    public var deadlinesToday: Share
    public var deadlines7d: Share
    /// Answers settled in the window, and how many of them came more than 24 h after the message.
    public var answers: [LateWindow: Int]
    public var lateAnswers: [LateWindow: Int]
    /// Customer messages whose ticket was solved in the window without a reply to them.
    public var closedUnanswered: [LateWindow: Int]

    public init(group: MeterGroup, deadlinesToday: Share, deadlines7d: Share, answers: [LateWindow: Int] = [:],
                lateAnswers: [LateWindow: Int] = [:], closedUnanswered: [LateWindow: Int] = [:]) {
        self.group = group
        self.deadlinesToday = deadlinesToday
        self.deadlines7d = deadlines7d
        self.answers = answers
        self.lateAnswers = lateAnswers
        self.closedUnanswered = closedUnanswered
    }
}

/// Open tickets of one group as they stand now.
public struct OpenTally: Sendable, Hashable {
    public var group: MeterGroup
    public var open: Int
    /// Tickets with a running reply clock, by where their nearest deadline stands.
    public var due: [DueBucket: Int]
    /// Customer messages still unanswered after 24 hours, by the window they arrived in.
    public var unansweredOver24h: [LateWindow: Int]

    public init(group: MeterGroup, open: Int, due: [DueBucket: Int] = [:], unansweredOver24h: [LateWindow: Int] = [:]) {
        self.group = group
        self.open = open
        self.due = due
        self.unansweredOver24h = unansweredOver24h
    }
}

/// Messages in and replies out in one hour.
public struct HourTraffic: Sendable, Hashable {
    public var hour: Date
    public var inbound: Int
    public var replies: Int

    public init(hour: Date, inbound: Int, replies: Int) {
        self.hour = hour
        self.inbound = inbound
        self.replies = replies
    }
}
