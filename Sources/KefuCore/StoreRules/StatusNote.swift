import Foundation

/// The notes a clock change without a reply leaves in the thread (holds, "no response needed"),
/// worded once so every backend writes the same thread.
public enum StatusNote {
    public static func holdStarted(_ reason: HoldReason, by agent: String) -> String {
        switch reason {
        case .waitingOnCustomer: "Waiting on the customer, clocks paused — \(agent)"
        case .onHold: "On hold, clocks paused — \(agent)"
        }
    }

    public static func holdEnded(by agent: String) -> String { "Hold ended, clocks run again — \(agent)" }

    public static func noResponseNeeded(by agent: String) -> String { "No response needed — \(agent)" }

    /// The note's message id: unique per ticket, message count and instant.
    public static func externalID(ticketID: Int64, sequence: Int64, at now: Date) -> String {
        "kefu-status-\(ticketID)-\(sequence)-\(now.timeIntervalSince1970)"
    }
}
