import Foundation

/// Which replies a deliverer may claim, and for how long.
public struct OutboxClaimRule: Sendable, Hashable {
    /// How long a claim holds a reply before another deliverer may take it.
    public var leaseSeconds: Double
    /// A failed reply with this many attempts waits for `--retry`.
    public var maximumAttempts: Int
    /// Failed replies last changed before this are due whatever their attempts and retry time
    /// (`kefu deliver --retry`: the start of the pass, so a reply failing again in the same
    /// pass is not tried again at once). Distant past otherwise.
    public var retryFailedBefore: Date

    /// Who claims (`machine/pid`), written into the lease's token.
    public var holder: String

    public init(leaseSeconds: Double, maximumAttempts: Int, retryFailedBefore: Date = .distantPast, holder: String = "unknown/0") {
        self.holder = holder
        self.leaseSeconds = leaseSeconds
        self.maximumAttempts = maximumAttempts
        self.retryFailedBefore = retryFailedBefore
    }
}
