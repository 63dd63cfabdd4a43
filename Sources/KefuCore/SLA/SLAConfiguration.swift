/// Everything the SLA engine runs on: layers in order, policies in order, business calendars by
/// name, and the team calendar. The config reader builds it from the shipped `sla.yaml` and the
/// user's file; tests and benchmarks build it in code.
public struct SLAConfiguration: Sendable {
    /// Layer names in the order `kefu sla explain` lists them. Each runs its own clocks.
    public var layers: [String]
    /// In order: within a layer the first matching policy wins.
    public var policies: [SLAPolicy]
    public var calendars: [String: BusinessCalendar]
    /// The calendar business targets count on when their policy names none, and that business
    /// seconds of calendar-time deadlines are measured on for the meters. Nil: those meters
    /// report business time as calendar time.
    public var teamCalendar: String?

    public init(layers: [String], policies: [SLAPolicy], calendars: [String: BusinessCalendar] = [:], teamCalendar: String? = nil) {
        self.layers = layers
        self.policies = policies
        self.calendars = calendars
        self.teamCalendar = teamCalendar
    }

    /// What keeps this configuration from running, each naming the policy (by index) and field.
    public func problems() -> [SLAConfigurationProblem] {
        var problems: [SLAConfigurationProblem] = []
        if let teamCalendar, calendars[teamCalendar] == nil {
            problems.append(.init(policyIndex: nil, field: "team_calendar", message: "no calendar named '\(teamCalendar)'"))
        }
        for (name, calendar) in calendars.sorted(by: { $0.key < $1.key }) where !calendar.hasWeeklyHours {
            problems.append(.init(policyIndex: nil, field: "calendars.\(name).hours", message: "the calendar has no working hours in any weekday"))
        }
        var seen = Set<String>()
        for (index, policy) in policies.enumerated() {
            if !seen.insert(policy.name).inserted {
                problems.append(.init(policyIndex: index, field: "name", message: "another policy is already named '\(policy.name)'"))
            }
            if !layers.contains(policy.layer) {
                problems.append(.init(policyIndex: index, field: "layer",
                                      message: "no layer named '\(policy.layer)' (layers: \(layers.joined(separator: ", ")))"))
            }
            if policy.targets.isEmpty {
                problems.append(.init(policyIndex: index, field: "targets", message: "the policy sets no target"))
            }
            if let name = policy.calendar, calendars[name] == nil {
                problems.append(.init(policyIndex: index, field: "calendar", message: "no calendar named '\(name)'"))
            } else if policy.calendar == nil, teamCalendar == nil,
                      let (kind, _) = policy.targets.sorted(by: { $0.key.rawValue < $1.key.rawValue }).first(where: { $0.value.isBusiness }) {
                problems.append(.init(policyIndex: index, field: "targets.\(kind.rawValue)",
                                      message: "business time needs a calendar: set the policy's calendar or team_calendar"))
            }
        }
        return problems
    }
}

/// One reason an SLA configuration cannot run.
public struct SLAConfigurationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The policy's position in `SLAConfiguration.policies`; nil for problems outside policies.
    public var policyIndex: Int?
    /// The field within the policy (or the section) at fault, e.g. `targets.first_reply`.
    public var field: String
    public var message: String

    public init(policyIndex: Int?, field: String, message: String) {
        self.policyIndex = policyIndex
        self.field = field
        self.message = message
    }

    public var description: String {
        let at = policyIndex.map { "policies[\($0)].\(field)" } ?? field
        return "sla.\(at): \(message)"
    }
}
