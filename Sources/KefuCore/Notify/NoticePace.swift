import Foundation

/// How far apart the notices of one channel are handed over: each queued notice gets a
/// "not before" time on its outbox row, `60 / rate` seconds after the previous notice of its
/// channel still waiting (of this run or an earlier one), so a run of 10,000 at 600 a minute
/// goes out over about 17 minutes whatever the number of deliverers. Replies an agent writes
/// have no such time and go first.
///
///     NoticePace(ratePerMinute: [.email: 600]).interval(for: .email)   // 0.1 s
public struct NoticePace: Sendable, Hashable {
    public var ratePerMinute: [Channel: Int]

    public init(ratePerMinute: [Channel: Int]) {
        self.ratePerMinute = ratePerMinute
    }

    /// Seconds between two notices of `channel`; a channel with no rate given takes 60 a minute.
    public func interval(for channel: Channel) -> Double {
        60.0 / Double(max(1, ratePerMinute[channel] ?? 60))
    }

    /// The time of the next notice of a channel: one interval after the last one waiting,
    /// and never before `now`.
    public func next(after last: Double?, channel: Channel, now: Double) -> Double {
        guard let last else { return now }
        return max(now, last + interval(for: channel))
    }
}
