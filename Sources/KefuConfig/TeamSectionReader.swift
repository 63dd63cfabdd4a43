import Foundation
import KefuCore

/// Reads the `team` section: who is on the team and with which role (see `TeamRoster`).
///
///     team:
///       agents:
///         - name: Zhang Min          # the name Kefu records as owner and author
///           role: lead               # lead or agent
///           login: zhangmin          # optional: the login ($USER) that is this person
///         - name: Li Wei
///           role: agent
///       capacity: 1                  # tickets an agent holds with n at a time (default 1)
///       claim_idle: 10m              # a claim lapses after this long without work (default 10m)
///
/// Without this section Kefu knows no roles and everyone may do everything; `capacity` and
/// `claim_idle` may be given without `agents`.
enum TeamSectionReader {
    static func read(_ section: ConfigNode) throws -> (roster: TeamRoster, claims: ClaimRules) {
        let fields = try section.fields(["agents", "capacity", "claim_idle"])
        var claims = ClaimRules()
        if let node = fields["capacity"] {
            let text = try node.text()
            guard let capacity = Int(text), (1...1000).contains(capacity) else {
                throw node.error("\"\(text)\" is not a number of tickets from 1 to 1000")
            }
            claims.capacity = capacity
        }
        if let node = fields["claim_idle"] {
            let text = try node.text()
            guard case .calendar(let seconds)? = SLADuration(parsing: text), seconds >= 60 else {
                throw node.error("\"\(text)\" is not a time of at least a minute like 10m or 1h")
            }
            claims.lease = seconds
        }
        guard let list = fields["agents"] else {
            if fields.isEmpty { throw section.error("missing field 'agents' (the team's names with their roles)") }
            return (.none, claims)
        }
        let items = try list.items()
        guard !items.isEmpty else { throw list.error("the list is empty; leave the team section out to run without roles") }
        var members: [TeamMember] = []
        var names: [String: String] = [:], logins: [String: String] = [:]
        for item in items {
            let entry = try item.fields(["name", "role", "login"])
            guard let nameNode = entry["name"] else { throw item.error("missing field 'name'") }
            guard let roleNode = entry["role"] else { throw item.error("missing field 'role' (lead or agent)") }
            let name = try nameNode.text().trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
                throw nameNode.error("a name must be printable text")
            }
            let roleText = try roleNode.text()
            guard let role = TeamRole(rawValue: roleText.lowercased()) else {
                throw roleNode.error("\"\(roleText)\" is not a role (lead or agent)")
            }
            if let earlier = names[TeamRoster.key(name)] { throw nameNode.error("\"\(name)\" is on the list twice (also at \(earlier))") }
            names[TeamRoster.key(name)] = item.path
            var login: String?
            if let loginNode = entry["login"] {
                let text = try loginNode.text()
                guard !text.contains(" ") else { throw loginNode.error("\"\(text)\" is not a login name (no spaces)") }
                if let earlier = logins[text] { throw loginNode.error("login \"\(text)\" is given twice (also at \(earlier))") }
                logins[text] = item.path
                login = text
            }
            members.append(TeamMember(name: name, role: role, login: login))
        }
        guard members.contains(where: { $0.role == .lead }) else {
            throw list.error("nobody has the lead role: no one could move tickets between people or correct outcomes")
        }
        return (TeamRoster(members: members), claims)
    }
}
