/// The console on a store this user may not write: it reads as usual, and says in the status
/// bar, for as long as it runs, that replies, notes and claims are off — a key that would write
/// is refused at once with the file and why, instead of failing after the agent typed a reply.
public struct ReadOnlyStoreState: Sendable, Hashable {
    /// The store's file.
    public var path: String
    /// The status bar's words after its `⚠ READ-ONLY store` tag (`replies, notes and claims are off`).
    public var notice: String
    /// Why it is read-only, for refusals (`the file is not writable by this user (...)`).
    public var reason: String

    public init(path: String, notice: String, reason: String) {
        self.path = path
        self.notice = notice
        self.reason = reason
    }

    /// What a refused key says; what matters first, since the status bar cuts a long line.
    public var refusal: String {
        "Not done: the store is read-only, replies, notes and claims are off (\(path): \(reason))"
    }
}
