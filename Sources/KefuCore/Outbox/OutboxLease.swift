import Foundation

/// One deliverer's hold on one reply: the outbox row, a random token and until when.
public struct OutboxLease: Sendable, Hashable {
    public var outboxID: Int64
    public var token: String
    public var until: Date

    public init(outboxID: Int64, token: String, until: Date) {
        self.outboxID = outboxID
        self.token = token
        self.until = until
    }

    /// A fresh token: the holder (`machine/pid`, so a deliverer on the same machine can tell a dead
    /// holder's lease and need not wait for it to lapse), then 128 random bits.
    public static func newToken(holder: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return holder + "/" + (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
    }

    /// The holder part of the token (`machine/pid`); nil for a token without one.
    public var holder: String? {
        guard let slash = token.lastIndex(of: "/") else { return nil }
        return String(token[..<slash])
    }
}

/// A leased reply and its row as it was when claimed.
public struct OutboxClaim: Sendable, Hashable {
    public var lease: OutboxLease
    public var entry: OutboxEntry

    public init(lease: OutboxLease, entry: OutboxEntry) {
        self.lease = lease
        self.entry = entry
    }
}
