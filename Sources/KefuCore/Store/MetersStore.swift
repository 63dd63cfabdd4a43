import Foundation

/// The raw tallies behind the team-lead meters.
public protocol MetersStore: AnyObject, Sendable {
    func meterInputs(now: Date, timeZone: TimeZone) throws -> MeterInputs
}
