import Foundation

/// Kefu's Message-IDs carry their outbox row: `kefu.<id>.<random>@domain`.
public enum OutboxMessageID {
    /// The outbox row a Kefu Message-ID names; nil for any other id.
    public static func outboxID(of mailMessageID: String) -> Int64? {
        let parts = mailMessageID.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "kefu" else { return nil }
        return Int64(parts[1])
    }
}
