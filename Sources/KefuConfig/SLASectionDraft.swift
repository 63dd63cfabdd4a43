import Foundation
import KefuCore

/// The `sla` section of one file as read, with every value still tied to its node so that a
/// problem found after merging (a policy naming a calendar nobody defined) can still be
/// reported at the right file and line.
struct SLASectionDraft {
    struct PolicyDraft {
        var policy: SLAPolicy
        var node: ConfigNode
        /// Nodes of the policy's fields by field path (`layer`, `calendar`, `targets.first_reply`).
        var fieldNodes: [String: ConfigNode]
        /// `disabled: true`: removes the shipped policy of the same name.
        var disabled: Bool

        /// The node to blame for a problem with `field`.
        func node(for field: String) -> ConfigNode { fieldNodes[field] ?? node }
    }

    struct CalendarDraft {
        var name: String
        var node: ConfigNode
        var timeZone: TimeZone
        var weeklyHours: [Weekday: [WorkingRange]]
        var holidayNames: [(name: String, node: ConfigNode)]
        var overrides: [CivilDate: [WorkingRange]]
        var makeUpHours: [WorkingRange]?
    }

    var layers: [(name: String, node: ConfigNode)] = []
    var teamCalendar: (name: String, node: ConfigNode)?
    var holidays: [String: HolidayList] = [:]
    var calendars: [CalendarDraft] = []
    var policies: [PolicyDraft] = []
}
