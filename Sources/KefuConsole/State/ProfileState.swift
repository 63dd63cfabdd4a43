import Foundation

/// The customer profile pane: open or not, the earlier conversation selected in it, and the
/// ticket to come back to after one was opened from it (`Esc` there returns).
public struct ProfileState: Sendable, Hashable {
    public var open = false
    public var selected = 0
    /// Set by `Enter` on an earlier conversation: the ticket the agent was on.
    public var returnTo: Int64?
    /// After coming back, the profile takes the keys again once the ticket is found.
    public var focusOnReturn = false

    public init() {}
}
