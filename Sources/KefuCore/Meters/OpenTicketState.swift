import Foundation

/// Counts open tickets into `OpenTally`s as they stand at `windows.now`. Groups are numbered by
/// the caller (the live dashboard keeps 100,000 open tickets in memory as small records), so
/// counting is array arithmetic: a refresh re-counts every open ticket in about a millisecond.
public struct OpenTallyCounter: Sendable {
    public let windows: MeterWindows
    private let now: Double
    private let lateBefore: Double
    private let windowStarts: [Double]
    private var open: [Int] = []
    private var due: [[Int]] = []
    private var unanswered: [[Int]] = []

    public init(windows: MeterWindows) {
        self.windows = windows
        now = windows.now.timeIntervalSince1970
        lateBefore = now - 86_400
        windowStarts = LateWindow.allCases.map { windows.start(of: $0).timeIntervalSince1970 }
    }

    /// One open ticket of group number `group`: its nearest deadline when it needs a reply, and
    /// since when a customer message has waited (seconds since 1970).
    public mutating func add(group: Int, due dueAt: Double?, awaitingSince: Double?) {
        while open.count <= group {
            open.append(0)
            due.append(Array(repeating: 0, count: DueBucket.allCases.count))
            unanswered.append(Array(repeating: 0, count: LateWindow.allCases.count))
        }
        open[group] += 1
        if let dueAt { due[group][DueBucket.of(remaining: dueAt - now).rawValue] += 1 }
        if let since = awaitingSince, since < lateBefore {
            for (i, start) in windowStarts.enumerated() where since >= start { unanswered[group][i] += 1 }
        }
    }

    /// The tallies, `groups[i]` being group number i; groups without open tickets are left out.
    public func tallies(groups: [MeterGroup]) -> [OpenTally] {
        open.indices.compactMap { i in
            guard open[i] > 0, i < groups.count else { return nil }
            return OpenTally(
                group: groups[i], open: open[i],
                due: Dictionary(uniqueKeysWithValues: DueBucket.allCases.map { ($0, due[i][$0.rawValue]) }),
                unansweredOver24h: Dictionary(uniqueKeysWithValues: LateWindow.allCases.enumerated().map { ($1, unanswered[i][$0]) }))
        }
    }
}
