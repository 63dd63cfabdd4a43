import Foundation

/// The short details both stores write, worded once so the backends' rows read alike.
/// They hold names Kefu knows (agents, outcome codes, hold reasons, times), never customer text.
public enum AuditDetail {
    public static func assignment(to owner: String?, previous: String?) -> String {
        let target = owner.map { "to \($0)" } ?? "to nobody"
        return previous.map { "\(target) (was \($0))" } ?? target
    }

    public static func outcome(_ choice: OutcomeChoice, previous: OutcomeChoice?) -> String {
        let now = spell(choice)
        return previous.map { "\(now) (was \(spell($0)))" } ?? now
    }

    public static func claim(until: Date) -> String { "lease until \(RFC3339.format(until))" }

    public static func lapse(takenBy agent: String) -> String { "lease lapsed; taken by \(agent)" }

    public static func release(movingOn: Bool) -> String { movingOn ? "moved on (n)" : "let go" }

    public static func hold(_ reason: HoldReason, replacing previous: HoldReason?) -> String {
        previous.map { "\(reason.rawValue) (was \($0.rawValue))" } ?? reason.rawValue
    }

    public static func snooze(until: Date) -> String { "until \(RFC3339.format(until))" }

    public static func followUp(when: FollowUpWhen, due: Date?) -> String {
        switch when {
        case .at(let date): "at \(RFC3339.format(date))"
        case .parcelDelivered: "when the parcel is delivered" + (due.map { ", due \(RFC3339.format($0))" } ?? "")
        case .trackingSilent(let days): "if tracking is silent for \(days)d" + (due.map { ", due \(RFC3339.format($0))" } ?? "")
        }
    }

    /// The order id is left out: it came from an imported file. The record names it.
    public static func evidenceRemoved(id: String, fileDeleted: Bool) -> String {
        "\(id), file \(fileDeleted ? "deleted" : "kept (still used)"); order and reason in kefu evidence removed"
    }

    static func spell(_ choice: OutcomeChoice) -> String {
        "\(choice.problem.rawValue)/\(choice.responsible.rawValue)/\(choice.resolution.rawValue)"
    }
}
