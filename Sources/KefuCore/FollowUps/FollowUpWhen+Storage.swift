import Foundation

/// How a follow-up's "when" is stored (kind, days, due time) and when a parcel-driven one is
/// due from the carrier events — the same rules for every backend, which only read and write.
extension FollowUpWhen {
    /// The "when" of a stored row: `kind` (`kindName`), `days` for `silent`, `dueAt` for `at`.
    public init(storedKind kind: String, days: Int?, dueAt: Date?) {
        switch kind {
        case "delivered": self = .parcelDelivered
        case "silent": self = .trackingSilent(days: days ?? 0)
        default: self = .at(dueAt ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// The `days` column: set for `silent` only.
    public var storedDays: Int? {
        if case .trackingSilent(let days) = self { return days }
        return nil
    }

    /// When this follow-up is due now, from the order's carrier events (oldest first); nil while
    /// it still waits. `since`: when it was set (silence counts from then at the earliest).
    public func dueAt(events: [CarrierEvent], since: Date) -> Date? {
        switch self {
        case .at(let date): return date
        case .parcelDelivered: return events.first { $0.status == .delivered }?.at
        case .trackingSilent(let days):
            if events.contains(where: { $0.status == .delivered }) { return nil }
            let last = max(events.last?.at ?? since, since)
            return last.addingTimeInterval(Double(days) * 86_400)
        }
    }
}
