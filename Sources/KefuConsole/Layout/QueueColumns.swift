import KefuCore

/// The queue row's columns, each a fixed width for the pane, so rows line up whatever the
/// countdown's length or the owner's initials:
///
///     ‼ -1h05m team AMZ  * ✎+LW Emily Carter     [L] Where is my parcel?
///     mark countdown clock market speaker draft mark owner  customer  segment subject
///
/// The fixed fields take 24 columns; customer and subject share the rest, two sevenths to the
/// name (at least 10 or half, at most 24), so a 120-column screen (queue 82 wide) shows 16 of the name
/// and 40 of the subject.
public struct QueueColumns: Sendable, Hashable {
    public static let countdownWidth = 7
    public static let clockWidth = ClockLabel.width
    public static let marketWidth = 4
    /// Mark (1) + countdown, space + clock, space + marketplace, speaker (2), draft (1), batch mark + owner (3).
    public static let fixedWidth = 1 + countdownWidth + 1 + clockWidth + 1 + marketWidth + 2 + 1 + 3

    /// Who else is in the ticket (`ZM✎`), shown on team stores: space + initials + typing mark.
    public static let presenceWidth = 4

    public var width: Int
    public var name: Int
    public var subject: Int
    public var showsPresence: Bool

    public init(width: Int, showsPresence: Bool = false) {
        self.width = width
        self.showsPresence = showsPresence
        let shared = max(0, width - Self.fixedWidth - (showsPresence ? Self.presenceWidth : 0) - 2)
        // A narrow queue (beside a thread and a profile) keeps 10 of the name: the name tells
        // rows apart more than the subject does.
        name = min(24, max(min(10, shared / 2), shared * 2 / 7))
        subject = max(0, shared - name)
    }
}
