import Foundation

/// What a team member may do. Agents take tickets, answer and solve them; leads also move
/// tickets between people, move batches and correct outcomes already recorded.
public enum TeamRole: String, Sendable, Hashable, CaseIterable {
    case lead
    case agent
}

/// One person on the team list of the config file.
public struct TeamMember: Sendable, Hashable {
    /// The name Kefu records (owner, author, "recorded by"), e.g. "Li Wei".
    public var name: String
    public var role: TeamRole
    /// The login name (`$USER`) that is this person when `$KEFU_AGENT` is not set.
    public var login: String?

    public init(name: String, role: TeamRole, login: String? = nil) {
        self.name = name
        self.role = role
        self.login = login
    }
}

/// The team list from the config file's `team` section. Empty when the file names nobody: then
/// Kefu knows no roles and everyone may do everything (one person alone, or a team that has not
/// set roles up). Once it names anyone, people it does not name count as agents.
public struct TeamRoster: Sendable, Hashable {
    public var members: [TeamMember]

    public init(members: [TeamMember] = []) {
        self.members = members
    }

    public static let none = TeamRoster()

    public var isEmpty: Bool { members.isEmpty }

    /// The member with this name, compared without regard to case or surrounding spaces.
    public func member(named name: String) -> TeamMember? {
        let key = Self.key(name)
        return members.first { Self.key($0.name) == key }
    }

    public func member(login: String) -> TeamMember? {
        members.first { $0.login == login }
    }

    /// Who is at the keyboard: `$KEFU_AGENT` when set (a name, or a member's login), else the
    /// login name mapped through the list. A name on the list is spelt as the list spells it.
    public func identify(agent: String?, login: String?) -> ActingAgent {
        if let agent = agent?.trimmingCharacters(in: .whitespaces), !agent.isEmpty {
            return acting(member(named: agent) ?? member(login: agent), fallback: agent)
        }
        let login = login ?? "Agent"
        return acting(member(login: login) ?? member(named: login), fallback: login)
    }

    /// The standing of whoever goes by `name`.
    public func acting(_ name: String) -> ActingAgent {
        acting(member(named: name), fallback: name)
    }

    private func acting(_ member: TeamMember?, fallback: String) -> ActingAgent {
        if isEmpty { return ActingAgent(name: fallback, standing: .noRoles) }
        guard let member else { return ActingAgent(name: fallback, standing: .unlisted) }
        return ActingAgent(name: member.name, standing: member.role == .lead ? .lead : .agent)
    }

    /// How names are compared: case and surrounding spaces ignored.
    public static func key(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// Someone acting in Kefu, with what the team list says about them.
public struct ActingAgent: Sendable, Hashable {
    public enum Standing: Sendable, Hashable {
        /// No team list is configured: no roles, everything allowed.
        case noRoles
        case lead
        case agent
        /// A team list exists but does not name this person: they count as an agent.
        case unlisted
    }

    public var name: String
    public var standing: Standing

    public init(name: String, standing: Standing) {
        self.name = name
        self.standing = standing
    }

    /// Someone who may do everything (no roles configured): scripts, imports, tests, the demo.
    public static func unrestricted(_ name: String) -> ActingAgent {
        ActingAgent(name: name, standing: .noRoles)
    }

    /// Whether this person may do what only leads may.
    public var mayLead: Bool { standing == .noRoles || standing == .lead }

    /// Refuses `action` unless this person may lead.
    public func require(_ action: LeadAction) throws {
        guard mayLead else { throw LeadRoleRequired(action: action, agent: self) }
    }
}
