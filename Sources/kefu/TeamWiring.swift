import Foundation
import KefuConfig
import KefuCore

/// Who runs Kefu, with what the config's team list says about their role.
extension Wiring {
    /// `$KEFU_AGENT` (a name or a listed login), else the login name, through the team list. A
    /// config that cannot be read leaves the name as given and no roles: the command that needs
    /// the config reports the error itself.
    static func actingAgent(configuration: KefuConfiguration? = nil) -> ActingAgent {
        let env = ProcessInfo.processInfo.environment
        let roster = configuration?.team ?? (try? Wiring.configuration())?.team ?? .none
        return roster.identify(agent: env["KEFU_AGENT"], login: env["USER"])
    }

    /// The person a command acts as: whoever runs it, or `--by NAME`. With a team list, recording
    /// a change in someone else's name is a lead's (an agent could otherwise sign as a lead); the
    /// role checks then stay those of whoever runs the command.
    static func acting(by name: String?) throws -> ActingAgent {
        let configuration = try Wiring.configuration()
        let me = actingAgent(configuration: configuration)
        guard let name, !name.trimmingCharacters(in: .whitespaces).isEmpty else { return me }
        let roster = configuration.team
        let named = roster.member(named: name)?.name ?? name.trimmingCharacters(in: .whitespaces)
        if TeamRoster.key(named) == TeamRoster.key(me.name) { return me }
        try me.require(.actFor(named))
        return ActingAgent(name: named, standing: me.standing)
    }
}
