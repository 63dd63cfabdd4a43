import KefuCore

/// Lays the user's `sla` section over the shipped one, by name, and builds the configuration
/// the engine runs on. How the user's file changes the shipped defaults:
///
/// - a policy with a shipped policy's name replaces it where it stands in the order;
///   `disabled: true` removes it;
/// - new policies come before all shipped ones, in the user's order, so a user's rule is tried
///   before the shipped rules of its layer (and before their fallbacks);
/// - calendars and holiday lists with a shipped name replace it; new ones are added;
/// - new layers are added after the shipped ones; `team_calendar` replaces the shipped one.
///
/// Any problem throws, naming the file and line it comes from: nothing is half applied.
enum SLASectionMerge {
    static func merge(shipped: SLASectionDraft, user: SLASectionDraft?) throws -> SLAConfiguration {
        var merged = shipped
        if let user {
            for layer in user.layers where !merged.layers.contains(where: { $0.name == layer.name }) {
                merged.layers.append(layer)
            }
            if let team = user.teamCalendar { merged.teamCalendar = team }
            merged.holidays.merge(user.holidays) { _, mine in mine }
            for calendar in user.calendars {
                if let index = merged.calendars.firstIndex(where: { $0.name == calendar.name }) {
                    merged.calendars[index] = calendar
                } else {
                    merged.calendars.append(calendar)
                }
            }
            var added: [SLASectionDraft.PolicyDraft] = []
            for policy in user.policies {
                if let index = merged.policies.firstIndex(where: { $0.policy.name == policy.policy.name }) {
                    merged.policies[index] = policy
                } else if policy.disabled {
                    throw policy.node.error("no shipped policy is named '\(policy.policy.name)', so there is none to disable")
                } else if added.contains(where: { $0.policy.name == policy.policy.name }) {
                    throw policy.node(for: "name").error("another policy is already named '\(policy.policy.name)'")
                } else {
                    added.append(policy)
                }
            }
            merged.policies = added + merged.policies
        }
        merged.policies.removeAll { $0.disabled }
        return try build(merged)
    }

    private static func build(_ draft: SLASectionDraft) throws -> SLAConfiguration {
        var calendars: [String: BusinessCalendar] = [:]
        for calendar in draft.calendars {
            let lists = try calendar.holidayNames.map { name, node in
                guard let list = draft.holidays[name] else {
                    throw node.error("no holiday list named '\(name)' (lists: \(draft.holidays.keys.sorted().joined(separator: ", ")))")
                }
                return list
            }
            calendars[calendar.name] = BusinessCalendar(
                name: calendar.name, timeZone: calendar.timeZone, weeklyHours: calendar.weeklyHours, holidays: lists,
                overrides: calendar.overrides, makeUpHours: calendar.makeUpHours)
        }
        let configuration = SLAConfiguration(
            layers: draft.layers.map(\.name), policies: draft.policies.map(\.policy), calendars: calendars,
            teamCalendar: draft.teamCalendar?.name)
        if let problem = configuration.problems().first {
            if let index = problem.policyIndex {
                throw draft.policies[index].node(for: problem.field).error(problem.message)
            }
            if problem.field == "team_calendar", let team = draft.teamCalendar { throw team.node.error(problem.message) }
            throw ConfigError(file: draft.policies.first?.node.file ?? "sla", message: problem.description)
        }
        return configuration
    }
}
