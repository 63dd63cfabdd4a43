import Foundation

/// Every figure of the dashboard (and of `kefu report`), computed from `MeterInputs`.
///
/// Definitions, one place for all of them:
/// - Response times are calendar time from the customer's message to the answer with time on
///   hold left out (`elapsed_calendar` of the deadline record), one sample per answer: when an
///   answer settles several clocks (the marketplace's and the team's), the first clock's record
///   counts. Percentiles are nearest-rank (`Percentile`). "First reply" counts first answers of a
///   conversation; "reply" counts every answer, first and later ones. Today's and the 7-day
///   window's (since midnight six days ago) are given side by side.
/// - "Met" is the share of settled deadlines (every clock, every kind) that were met; deadlines
///   settled by "no response needed" are left out of both counts. A reply clock still running
///   when its ticket is solved counts as breached (closed without a reply).
/// - Amazon's late-response rate over N days: of the Amazon customer messages of the window
///   (answered in it, closed without a reply in it, or still unanswered after 24 hours having
///   arrived in it), the share answered after more than 24 hours or not at all. "No response
///   needed" is left out.
/// - Figures are credited to the ticket's owner when the deadline settled; "open", "overdue" and
///   "due within the hour" to its owner now.
public struct DashboardFigures: Sendable, Hashable {
    public var windows: MeterWindows
    public var agents: [MeterRow]
    public var lanes: [MeterRow]
    /// The whole queue in one row.
    public var team: MeterRow
    /// Open tickets with a running reply clock, by time to their nearest deadline.
    public var histogram: [DueBucket: Int]
    public var traffic: [HourTraffic]
    /// The 7-day percentiles are still being loaded (live dashboard, first second or two).
    public var weekPending: Bool
    /// Scam campaigns under way (several customers mention one suspicious host or phrase).
    public var scamWaves: [ScamWave] = []
    /// Follow-ups due, late, done and the speak-first items per rule; nil on a store without follow-ups.
    public var followUps: FollowUpCounts?

    public init(windows: MeterWindows, agents: [MeterRow], lanes: [MeterRow], team: MeterRow, histogram: [DueBucket: Int], traffic: [HourTraffic],
                weekPending: Bool = false) {
        self.windows = windows
        self.agents = agents
        self.lanes = lanes
        self.team = team
        self.histogram = histogram
        self.traffic = traffic
        self.weekPending = weekPending
    }

    /// `members`: the names on the team list, each given a row even before their first figure
    /// (an agent with nothing answered is what a lead looks for).
    public static func compute(_ inputs: MeterInputs, members: [String] = []) -> DashboardFigures {
        var agents = rows(inputs, subject: { MeterSubject.agent($0.agent) })
        let listed = Set(agents.compactMap { row -> String? in if case .agent(let name?) = row.subject { return TeamRoster.key(name) }; return nil })
        for name in members where !listed.contains(TeamRoster.key(name)) { agents.append(MeterRow(subject: .agent(name))) }
        let lanes = rows(inputs, subject: { MeterSubject.lane($0.lane) })
        let team = rows(inputs, subject: { _ in MeterSubject.agent("whole queue") }).first
            ?? MeterRow(subject: .agent("whole queue"))
        var histogram = Dictionary(uniqueKeysWithValues: DueBucket.allCases.map { ($0, 0) })
        for tally in inputs.open {
            for (bucket, count) in tally.due { histogram[bucket, default: 0] += count }
        }
        return DashboardFigures(
            windows: inputs.windows, agents: MeterColumn.name.sorted(agents), lanes: MeterColumn.name.sorted(lanes),
            team: team, histogram: histogram, traffic: inputs.traffic, weekPending: inputs.week == nil)
    }

    private static func rows(_ inputs: MeterInputs, subject: (MeterGroup) -> MeterSubject) -> [MeterRow] {
        // First per group (few of them, cheap to hash), then per subject: the samples are touched once.
        var firstByGroup: [MeterGroup: [Double]] = [:], replyByGroup: [MeterGroup: [Double]] = [:]
        for sample in inputs.answersToday {
            replyByGroup[sample.group, default: []].append(sample.elapsed)
            if sample.kind == .firstReply { firstByGroup[sample.group, default: []].append(sample.elapsed) }
        }
        var rows: [MeterSubject: MeterRow] = [:]
        var firstTimes: [MeterSubject: [Double]] = [:], replyTimes: [MeterSubject: [Double]] = [:]
        var late: [MeterSubject: [LateWindow: Share]] = [:]
        func touch(_ s: MeterSubject) { if rows[s] == nil { rows[s] = MeterRow(subject: s) } }
        func addLate(_ s: MeterSubject, _ window: LateWindow, _ share: Share) {
            late[s, default: [:]][window, default: .none] = late[s, default: [:]][window, default: .none] + share
        }
        for (group, times) in replyByGroup {
            let s = subject(group)
            touch(s)
            rows[s]!.repliedToday += times.count
            replyTimes[s, default: []] += times
        }
        for (group, times) in firstByGroup { firstTimes[subject(group), default: []] += times }
        for tally in inputs.settled {
            let s = subject(tally.group)
            touch(s)
            rows[s]!.metToday = rows[s]!.metToday + tally.deadlinesToday
            rows[s]!.met7d = rows[s]!.met7d + tally.deadlines7d
            if tally.group.marketplace == .amazon {
                for window in LateWindow.allCases {
                    let closed = tally.closedUnanswered[window] ?? 0
                    addLate(s, window, Share(part: (tally.lateAnswers[window] ?? 0) + closed, whole: (tally.answers[window] ?? 0) + closed))
                }
            }
        }
        for tally in inputs.open {
            let s = subject(tally.group)
            touch(s)
            rows[s]!.open += tally.open
            rows[s]!.overdueNow += tally.due[.overdue] ?? 0
            rows[s]!.dueWithinHour += tally.due[.underHour] ?? 0
            if tally.group.marketplace == .amazon {
                for window in LateWindow.allCases {
                    let waiting = tally.unansweredOver24h[window] ?? 0
                    addLate(s, window, Share(part: waiting, whole: waiting))
                }
            }
        }
        for s in Array(rows.keys) {
            rows[s]!.firstReply = Percentiles(firstTimes[s] ?? [])
            rows[s]!.reply = Percentiles(replyTimes[s] ?? [])
            rows[s]!.lateResponse = late[s] ?? [:]
            // Every answer of the week is a settled deadline of the 90-day tallies: its row exists.
            if let week = inputs.week { (rows[s]!.firstReply7d, rows[s]!.reply7d) = week.percentiles(of: s) }
        }
        return Array(rows.values)
    }
}
