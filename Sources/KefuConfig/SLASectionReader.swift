import Foundation
import KefuCore

/// Reads the `sla` section of a config file into a draft. The section, field by field:
///
///     sla:
///       layers: [marketplace, team]          # each layer runs its own clocks
///       team_calendar: china-team            # business time when a policy names no calendar
///       holidays:
///         china-2026:
///           closed: [2026-02-15..2026-02-23]  # single dates or first..last
///           working: [2026-02-14]             # make-up working days (调休)
///       calendars:
///         china-team:
///           time_zone: Asia/Shanghai
///           hours: {mon-fri: ["09:00-12:00", "13:30-18:00"]}
///           holidays: [china-2026]
///           make_up_hours: ["09:00-18:00"]    # optional; default: Monday's hours
///           overrides: {2026-11-07: ["10:00-16:00"], 2026-12-24: []}
///       policies:
///         - name: amazon-messages
///           layer: marketplace
///           when: {marketplace: amazon, kind: message}   # also channel, tags, segment, language
///           targets: {first_reply: 24h, next_reply: 24h}  # and resolution
///           calendar: china-team              # optional
///           pause_when: [waiting_on_customer, on_hold]
///           note: Amazon measures replies within 24 hours.
///           disabled: true                    # drops a shipped policy of this name
enum SLASectionReader {
    static func read(_ section: ConfigNode) throws -> SLASectionDraft {
        var draft = SLASectionDraft()
        let fields = try section.fields(["layers", "team_calendar", "holidays", "calendars", "policies"])
        if let layers = fields["layers"] {
            for item in try layers.items() {
                let name = try item.text()
                guard isName(name) else { throw item.error("\"\(name)\" is not a name (letters, digits, - and _)") }
                draft.layers.append((name, item))
            }
        }
        if let team = fields["team_calendar"] { draft.teamCalendar = (try team.text(), team) }
        if let holidays = fields["holidays"] {
            for (name, node) in try holidays.mapping() { draft.holidays[name] = try holidayList(name, node) }
        }
        if let calendars = fields["calendars"] {
            for (name, node) in try calendars.mapping() { draft.calendars.append(try calendar(name, node)) }
        }
        if let policies = fields["policies"] {
            guard case .sequence = policies.node else { throw policies.error("expected a list of policies, each starting with '- name:'") }
            for item in try policies.items() { draft.policies.append(try policy(item)) }
        }
        return draft
    }

    static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    // MARK: - Holidays and calendars

    static func holidayList(_ name: String, _ node: ConfigNode) throws -> HolidayList {
        let fields = try node.fields(["closed", "working"])
        let closed = try fields["closed"].map { try dates($0) } ?? []
        let working = try fields["working"].map { try dates($0) } ?? []
        if let clash = closed.intersection(working).min() {
            throw node.error("\(clash) is both closed and a working day")
        }
        return HolidayList(name: name, closed: closed, workingDays: working)
    }

    /// Dates, each a single `2026-10-01` or a span `2026-10-01..2026-10-07`.
    static func dates(_ node: ConfigNode) throws -> Set<CivilDate> {
        let spans = try node.list(expected: "a date like 2026-10-01 or a span like 2026-10-01..2026-10-07") { text -> ClosedRange<Int>? in
            let ends = text.components(separatedBy: "..")
            guard (1...2).contains(ends.count), let first = CivilDate(parsing: ends[0]),
                  let last = CivilDate(parsing: ends[ends.count - 1]), first <= last,
                  last.dayNumber - first.dayNumber < 366 else { return nil }
            return first.dayNumber...last.dayNumber
        }
        return Set(spans.flatMap { $0.map(CivilDate.init(dayNumber:)) })
    }

    static func ranges(_ node: ConfigNode) throws -> [WorkingRange] {
        if case .sequence(let sequence) = node.node, sequence.isEmpty { return [] }
        let ranges = try node.list(expected: "a time range like 09:00-12:00", WorkingRange.init(parsing:))
        guard let sorted = WorkingRange.normalized(ranges) else { throw node.error("the time ranges overlap") }
        return sorted
    }

    static func calendar(_ name: String, _ node: ConfigNode) throws -> SLASectionDraft.CalendarDraft {
        guard isName(name) else { throw node.error("\"\(name)\" is not a name (letters, digits, - and _)") }
        let fields = try node.fields(["time_zone", "hours", "holidays", "make_up_hours", "overrides"])
        guard let zoneNode = fields["time_zone"] else { throw node.error("missing field 'time_zone' (an IANA name like Asia/Shanghai)") }
        let zoneName = try zoneNode.text()
        guard zoneName.contains("/") || zoneName == "UTC", let timeZone = TimeZone(identifier: zoneName) else {
            throw zoneNode.error("\"\(zoneName)\" is not an IANA time zone like Asia/Shanghai or Europe/Berlin")
        }
        guard let hoursNode = fields["hours"] else { throw node.error("missing field 'hours' (e.g. mon-fri: [\"09:00-18:00\"])") }
        var weekly: [Weekday: [WorkingRange]] = [:]
        for (days, value) in try hoursNode.mapping() {
            guard let weekdays = Weekday.days(in: days) else { throw value.error("\"\(days)\" is not a weekday or span like mon-fri") }
            let dayRanges = try ranges(value)
            for day in weekdays {
                guard weekly[day] == nil else { throw value.error("\(day) is given hours twice") }
                weekly[day] = dayRanges
            }
        }
        guard weekly.values.contains(where: { !$0.isEmpty }) else { throw hoursNode.error("the calendar has no working hours in any weekday") }
        var holidayNames: [(String, ConfigNode)] = []
        if let holidays = fields["holidays"] {
            for item in try holidays.items() { holidayNames.append((try item.text(), item)) }
        }
        var overrides: [CivilDate: [WorkingRange]] = [:]
        if let overridesNode = fields["overrides"] {
            for (key, value) in try overridesNode.mapping() {
                guard let day = CivilDate(parsing: key) else { throw value.error("\"\(key)\" is not a date like 2026-11-07") }
                overrides[day] = try ranges(value)
            }
        }
        let makeUp = try fields["make_up_hours"].map { try ranges($0) }
        return .init(name: name, node: node, timeZone: timeZone, weeklyHours: weekly, holidayNames: holidayNames,
                     overrides: overrides, makeUpHours: makeUp)
    }

    // MARK: - Policies

    static func policy(_ node: ConfigNode) throws -> SLASectionDraft.PolicyDraft {
        let fields = try node.fields(["name", "layer", "when", "targets", "calendar", "pause_when", "note", "disabled"])
        guard let nameNode = fields["name"] else { throw node.error("missing field 'name'") }
        let name = try nameNode.text()
        guard isName(name) else { throw nameNode.error("\"\(name)\" is not a name (letters, digits, - and _)") }
        var fieldNodes = fields
        let disabled = try fields["disabled"]?.bool() ?? false
        if disabled {
            let placeholder = SLAPolicy(name: name, layer: "", targets: [:])
            return .init(policy: placeholder, node: node, fieldNodes: fieldNodes, disabled: true)
        }
        guard let layerNode = fields["layer"] else { throw node.error("missing field 'layer' (which layer's clocks this policy sets)") }
        guard let targetsNode = fields["targets"] else { throw node.error("missing field 'targets' (e.g. first_reply: 24h)") }
        var targets: [ClockKind: SLADuration] = [:]
        for (key, value) in try targetsNode.mapping() {
            guard let kind = ClockKind(rawValue: key) else {
                throw value.error("unknown target '\(key)' (known: first_reply, next_reply, resolution)")
            }
            let text = try value.text()
            guard let duration = SLADuration(parsing: text) else { throw value.error("\"\(text)\" is not a duration like 24h, 3bd or 30m") }
            targets[kind] = duration
            fieldNodes["targets.\(key)"] = value
        }
        let pauses = try fields["pause_when"].map {
            try $0.list(expected: "a hold reason (waiting_on_customer or on_hold)", HoldReason.init(rawValue:))
        } ?? []
        let policy = SLAPolicy(
            name: name, layer: try layerNode.text(), conditions: try conditions(fields["when"]), targets: targets,
            calendar: try fields["calendar"]?.text(), pausesOn: Set(pauses), note: try fields["note"]?.text())
        return .init(policy: policy, node: node, fieldNodes: fieldNodes, disabled: false)
    }

    static func conditions(_ node: ConfigNode?) throws -> PolicyConditions {
        guard let node else { return PolicyConditions() }
        let fields = try node.fields(["channel", "marketplace", "kind", "tags", "segment", "language"])
        func names<T: RawRepresentable>(_ key: String, _ type: T.Type, known: [String]) throws -> Set<T>? where T.RawValue == String {
            try fields[key].map {
                Set(try $0.list(expected: "one of \(known.joined(separator: ", "))") { T(rawValue: $0.lowercased()) })
            }
        }
        func words(_ key: String) throws -> Set<String>? {
            try fields[key].map { Set(try $0.list(expected: "a word") { $0.isEmpty ? nil : $0 }) }
        }
        return PolicyConditions(
            channels: try names("channel", Channel.self, known: Channel.allCases.map(\.rawValue)),
            marketplaces: try names("marketplace", Marketplace.self, known: Marketplace.allCases.map(\.rawValue)),
            kinds: try names("kind", TicketKind.self, known: TicketKind.allCases.map(\.rawValue)),
            tags: try words("tags"), segments: try words("segment"), languages: try words("language"))
    }
}
