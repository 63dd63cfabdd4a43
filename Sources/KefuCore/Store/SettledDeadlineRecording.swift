import Foundation

/// Recording a settled deadline directly, as the SLA engine would when a reply, a solve or
/// "no response needed" ends a clock: for importing history from another tool, and for tests
/// that build a day of figures by hand. The meters' rollups follow as for every other record.
public protocol SettledDeadlineRecording: AnyObject, Sendable {
    func recordSettledDeadline(
        ticketID: Int64, kind: ClockKind, policy: String, started: Date, due: Date, settledAt: Date, met: Bool,
        elapsedCalendar: Double, elapsedBusiness: Double?, excused: Bool, pausedSeconds: Double
    ) throws
}

extension SettledDeadlineRecording {
    public func recordSettledDeadline(
        ticketID: Int64, kind: ClockKind, policy: String, started: Date, due: Date, settledAt: Date, met: Bool,
        elapsedCalendar: Double, excused: Bool = false, pausedSeconds: Double = 0
    ) throws {
        try recordSettledDeadline(
            ticketID: ticketID, kind: kind, policy: policy, started: started, due: due, settledAt: settledAt, met: met,
            elapsedCalendar: elapsedCalendar, elapsedBusiness: nil, excused: excused, pausedSeconds: pausedSeconds)
    }
}
