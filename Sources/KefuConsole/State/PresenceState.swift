import Foundation
import KefuCore

/// The team around this console: who else is in which ticket (from the store's presence board
/// and live claims), the ticket this agent holds, and what this console last announced.
public struct PresenceState: Sendable, Hashable {
    /// Whether `n` claims through the store (`TicketClaiming`); off, `n` only finds.
    public var claimsEnabled = false
    /// Whether this console announces and reads presence (`PresenceBoard`).
    public var boardEnabled = false
    public var rules = ClaimRules()
    /// Per ticket, the one other agent its row and thread name.
    public var others: [Int64: TicketPresence] = [:]
    /// The ticket this console claimed with `n`, while its lease is ours.
    public var myClaim: Int64?
    /// Tickets passed over with `n` while still unanswered: the next `n` does not hand them
    /// back until nothing else is free.
    public var skipped: [Int64] = []
    /// What was announced last (nil ticket: in none) and when.
    public var announced: Announcement?
    public var announcedAt: Double = 0
    public var loadedAt: Double = -.infinity
    public var renewedAt: Double = 0
    /// The last key the agent pressed: a claim is renewed only while the agent works.
    public var lastKeyAt: Double = 0

    public struct Announcement: Sendable, Hashable {
        public var ticketID: Int64?
        public var activity: PresenceActivity
    }

    /// A presence entry lives this long without renewal: a console that dies leaves no ghost
    /// for longer (and never longer than the claim lease).
    public static let ttl: TimeInterval = 90
    static let announceEvery: TimeInterval = 30
    /// The board is read again this often even when nothing wrote (entries lapse by time).
    static let reloadEvery: TimeInterval = 5
    static let renewEvery: TimeInterval = 60

    public init() {}

    /// Whether the queue shows a column for who else is in a ticket: on a team store, or as
    /// soon as anyone else was seen. The agent's own claim is never shown there, so it does
    /// not open the column (the rows would shift under the agent on the first `n`).
    public func showsColumn(team: [String]) -> Bool { !team.isEmpty || !others.isEmpty }
}

/// The presence work for the engine.
public enum PresenceEffect: Sendable, Hashable {
    /// Say where this agent is (nil: nowhere, on leaving).
    case announce(ticketID: Int64?, activity: PresenceActivity)
    /// Read the board and the live claims.
    case load
    /// `n`: let go of `releasing` and claim the most urgent free ticket not in `skipping`.
    case claimNext(releasing: Int64?, skipping: [Int64])
    case renew(ticketID: Int64)
    case release(ticketID: Int64)
}

/// What the engine answers to a `PresenceEffect`.
public enum PresenceAnswer: Sendable, Hashable {
    case loaded(presence: [Presence], claims: [TicketClaim])
    case claimed(ClaimOutcome, releasing: Int64?, skipping: [Int64])
    case renewed(ticketID: Int64, stillOurs: Bool)
}
