import KefuCore
import Yams

/// A YAML node together with where it came from: the file, its line, and its path from the top
/// of the document (`sla.policies[2].targets.first_reply`). Every reading helper throws a
/// `ConfigError` naming all three, so a user can go straight to the line at fault:
///
///     kefu.yaml:14: sla.policies[2].targets.first_reply: "24x" is not a duration like 24h, 3bd or 30m
struct ConfigNode {
    let node: Node
    let file: String
    let path: String

    var line: Int? { node.mark?.line }

    /// An error at this node: file, line, field path, message.
    func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, message: "\(path): \(message)")
    }

    func child(_ node: Node, key: String) -> ConfigNode {
        ConfigNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The entries of a mapping in file order, refusing anything but plain scalar keys and
    /// refusing a key given twice.
    func mapping() throws -> [(key: String, value: ConfigNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping of names to values, found \(kindName)") }
        var seen = Set<String>()
        return try mapping.map { key, value in
            guard case .scalar(let scalar) = key else { throw error("a key must be a plain name") }
            guard seen.insert(scalar.string).inserted else {
                throw ConfigNode(node: key, file: file, path: path).error("'\(scalar.string)' is given twice")
            }
            return (scalar.string, child(value, key: scalar.string))
        }
    }

    /// The entries of a mapping whose keys must all be among `known`; an unknown key is an
    /// error at its line, so a misspelt field never silently does nothing.
    func fields(_ known: [String]) throws -> [String: ConfigNode] {
        var result: [String: ConfigNode] = [:]
        for (key, value) in try mapping() {
            guard known.contains(key) else {
                throw value.error("unknown field '\(key)' (known here: \(known.joined(separator: ", ")))")
            }
            result[key] = value
        }
        return result
    }

    /// A scalar's text.
    func text() throws -> String {
        guard case .scalar(let scalar) = node, !(scalar.string.isEmpty && scalar.style == .plain) else {
            throw error("expected a single value, found \(kindName)")
        }
        return scalar.string
    }

    /// A list's items; a single scalar counts as a list of one (`kind: message`).
    func items() throws -> [ConfigNode] {
        switch node {
        case .sequence(let sequence):
            return sequence.enumerated().map { index, item in ConfigNode(node: item, file: file, path: "\(path)[\(index)]") }
        case .scalar:
            _ = try text()
            return [self]
        default:
            throw error("expected a list, found \(kindName)")
        }
    }

    /// A list of values read by `read`, which returns nil for a value it refuses; the error
    /// names the item's line and says what was expected.
    func list<T>(expected: String, _ read: (String) -> T?) throws -> [T] {
        let items = try items()
        guard !items.isEmpty else { throw error("the list is empty; leave the field out instead") }
        return try items.map { item in
            let value = try item.text()
            guard let parsed = read(value) else { throw item.error("\"\(value)\" is not \(expected)") }
            return parsed
        }
    }

    func bool() throws -> Bool {
        switch try text().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error("\"\(other)\" is not true or false")
        }
    }

    private var kindName: String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? "nothing" : "the value \"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
