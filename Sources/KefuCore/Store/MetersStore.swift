import Foundation

/// The raw tallies behind the team-lead meters.
public protocol MetersStore: AnyObject, Sendable {
    func meterInputs(now: Date, timeZone: TimeZone) throws -> MeterInputs
    /// A live reader for the dashboard, which refreshes every second.
    func liveMeters(timeZone: TimeZone) -> any LiveMeters
}

/// A reader that keeps what it read last time and asks the store only for what changed since:
/// the dashboard's live refresh. `read` gives the same figures as `MetersStore.meterInputs`.
public protocol LiveMeters: AnyObject {
    func read(now: Date) throws -> MeterInputs
    /// Blocks until work the reader does in the background (loading the week's answers) is
    /// done, so the next `read` has everything; for tests and benchmarks.
    func waitUntilComplete()
}
