import Foundation

/// Where "now" comes from. Injected everywhere so that tests, demos and benchmarks can fix time.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = WallClock { Date() }

    /// A clock stopped at one instant.
    public static func fixed(_ date: Date) -> WallClock { WallClock { date } }
}
