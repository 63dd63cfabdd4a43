import Foundation

/// The ticket columns that follow from its running clocks, worked out apart from the write so a
/// bulk recompute can prepare them on another thread, and so every backend stores the same
/// values (the nearest clock decides the due, the warning and the queue order).
public struct ClockColumns: Sendable {
    public var id: Int64
    /// Every running clock, as `ClockCoding` JSON.
    public var encoded: String
    public var nearest: ReplyClock?
    /// The reason of the hold that lasts now, if any.
    public var hold: String?

    public init(state: TicketClockState, clocks: [ReplyClock]) {
        id = state.id
        // A follow-up runs beside the policy's clocks, whichever backend writes them.
        let clocks = clocks + state.followUpClocks
        encoded = ClockCoding.encode(clocks)
        nearest = clocks.nearest
        hold = state.openHold?.reason.rawValue
    }

    /// The column names, in the order of the values below.
    public static let names = "clocks, due_at, due_target, warn_at, queue_key, needs_reply, hold_reason, due_policy"

    public var dueAt: Double? { nearest?.due.timeIntervalSince1970 }
    public var dueTarget: Double? { nearest?.target }
    public var warnAt: Double? { nearest?.warnAt?.timeIntervalSince1970 }
    /// The queue's sort key: the nearest due, or after every deadline when no clock runs.
    public var queueKey: Double { nearest?.due.timeIntervalSince1970 ?? QueuePosition.noDeadlineKey }
    public var needsReply: Bool { nearest != nil }
    /// The policy of the nearest clock: the queue row names that clock (`ClockLabel`).
    public var duePolicy: String? { nearest?.policy }
}
