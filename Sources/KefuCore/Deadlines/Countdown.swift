import Foundation

/// How urgent a deadline is. Never shown by colour alone: every state has its own text.
public enum DeadlineState: String, Sendable, Hashable {
    case none
    case onTrack
    /// Less than 25% of the target or less than one hour remains.
    case warning
    case overdue

    /// `warnAt` is when a quarter of the target remains on the clock's own time (business
    /// hours for a business clock); without it the quarter is taken of `target` in calendar time.
    public static func of(due: Date?, target: TimeInterval?, warnAt: Date? = nil, now: Date) -> DeadlineState {
        guard let due else { return .none }
        let remaining = due.timeIntervalSince(now)
        if remaining < 0 { return .overdue }
        if remaining < 3600 { return .warning }
        if let warnAt { return now >= warnAt ? .warning : .onTrack }
        if let target, target > 0, remaining < target * 0.25 { return .warning }
        return .onTrack
    }

    /// The state of one running clock.
    public static func of(_ clock: ReplyClock, now: Date) -> DeadlineState {
        of(due: clock.due, target: clock.target, warnAt: clock.warnAt, now: now)
    }

    /// The text mark that carries the state where colour may not show.
    public var mark: String {
        switch self {
        case .none: " "
        case .onTrack: " "
        case .warning: "!"
        case .overdue: "‼"
        }
    }
}

/// Countdown text that reads at a glance.
///
///     Countdown.compact(remaining: 273_600)  // "3d04h"
///     Countdown.compact(remaining: 86_399)   // "23h59m"
///     Countdown.compact(remaining: 252)      // "4m12s"
///     Countdown.compact(remaining: -3_900)   // "-1h05m"
///     Countdown.precise(remaining: 86_352)   // "23h59m12s"
///     Countdown.status(remaining: -240)      // "-0h04m00s OVERDUE"
public enum Countdown {
    /// At most two units: days+hours, hours+minutes, or minutes+seconds.
    public static func compact(remaining: TimeInterval) -> String {
        let negative = remaining < 0
        let total = Int(abs(remaining).rounded(.down))
        let days = total / 86_400, hours = (total % 86_400) / 3600
        let minutes = (total % 3600) / 60, seconds = total % 60
        let body: String
        if days > 0 {
            body = "\(days)d\(pad(hours))h"
        } else if hours > 0 {
            body = "\(hours)h\(pad(minutes))m"
        } else {
            body = "\(minutes)m\(pad(seconds))s"
        }
        return negative ? "-" + body : body
    }

    /// Hours, minutes and seconds (days when more than 99 hours remain), for the status bar that
    /// counts down every second.
    public static func precise(remaining: TimeInterval) -> String {
        let negative = remaining < 0
        let total = Int(abs(remaining).rounded(.down))
        let hours = total / 3600, minutes = (total % 3600) / 60, seconds = total % 60
        let body = hours >= 100
            ? "\(hours / 24)d\(pad(hours % 24))h\(pad(minutes))m"
            : "\(hours)h\(pad(minutes))m\(pad(seconds))s"
        return negative ? "-" + body : body
    }

    /// The status bar's words for a deadline: precise countdown plus the state in capitals
    /// when it is not on track.
    public static func status(remaining: TimeInterval, state: DeadlineState) -> String {
        let text = precise(remaining: remaining)
        switch state {
        case .overdue: return text + " OVERDUE"
        case .warning: return text + " DUE SOON"
        case .onTrack, .none: return text
        }
    }

    /// The queue's countdown column: compact, with OVERDUE spelled out when late.
    public static func queueText(due: Date?, now: Date) -> String {
        guard let due else { return "—" }
        let remaining = due.timeIntervalSince(now)
        return remaining < 0 ? compact(remaining: remaining) + " OVERDUE" : compact(remaining: remaining)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
