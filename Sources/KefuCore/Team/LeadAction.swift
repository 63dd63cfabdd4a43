import Foundation

/// The things only a lead may do once roles are configured.
public enum LeadAction: Sendable, Hashable {
    /// Moving several tickets at once (`x` then `A`, `kefu assign` with several ids).
    case moveBatch(count: Int)
    /// Giving a ticket to someone other than oneself.
    case giveToOther(String)
    /// Taking (or unassigning) a ticket another person owns.
    case takeFrom(String)
    /// Changing an outcome after it was recorded.
    case editOutcome(ticketID: Int64)
    /// Recording a change in another person's name (`--by` on the command line).
    case actFor(String)
    /// Merging two customer records, or splitting them again.
    case mergeCustomers
    case splitCustomers

    /// What is being done, as the start of a sentence.
    public var sentence: String {
        switch self {
        case .moveBatch(let count): "Moving \(count) tickets at once"
        case .giveToOther(let name): "Giving a ticket to \(TerminalSanitizer.oneLine(name))"
        case .takeFrom(let owner): "Taking a ticket from \(TerminalSanitizer.oneLine(owner))"
        case .editOutcome(let id): "Changing the recorded outcome of #\(id)"
        case .actFor(let name): "Acting as \(TerminalSanitizer.oneLine(name))"
        case .mergeCustomers: "Merging two customers"
        case .splitCustomers: "Splitting two customers"
        }
    }
}

/// A lead-only action attempted by someone who is not a lead; nothing was changed.
public struct LeadRoleRequired: Error, Sendable, Hashable, CustomStringConvertible {
    public var action: LeadAction
    public var agent: ActingAgent

    public init(action: LeadAction, agent: ActingAgent) {
        self.action = action
        self.agent = agent
    }

    public var description: String {
        let who = TerminalSanitizer.oneLine(agent.name)
        let standing = agent.standing == .unlisted ? "\(who) is not on the team list, so counts as an agent" : "\(who) is an agent"
        return "\(action.sentence) needs the lead role (\(standing)); nothing was changed"
    }
}

/// Who may change a ticket's owner. Leads (and everyone, when no roles are configured) may move
/// any ticket to anyone. An agent may take a ticket nobody owns and give their own back, one at
/// a time: taking someone else's, giving one away or moving a batch is a lead's decision.
public enum AssignmentRule {
    /// Throws `LeadRoleRequired` when `agent` may not give the tickets (with their owners now)
    /// to `newOwner` (nil: nobody).
    public static func check(_ agent: ActingAgent, owners: [(ticketID: Int64, owner: String?)], to newOwner: String?) throws {
        guard !agent.mayLead else { return }
        if owners.count > 1 { throw LeadRoleRequired(action: .moveBatch(count: owners.count), agent: agent) }
        if let newOwner, !same(newOwner, agent.name) { throw LeadRoleRequired(action: .giveToOther(newOwner), agent: agent) }
        for (_, owner) in owners {
            if let owner, !same(owner, agent.name), !same(owner, newOwner ?? "") {
                throw LeadRoleRequired(action: .takeFrom(owner), agent: agent)
            }
        }
    }

    static func same(_ a: String, _ b: String) -> Bool { TeamRoster.key(a) == TeamRoster.key(b) }
}
