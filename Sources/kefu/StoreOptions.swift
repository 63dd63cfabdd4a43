import ArgumentParser
import Foundation
import KefuConfig
import KefuCore
import KefuResources
import KefuStore

/// `--db PATH`, shared by every command. Without it Kefu uses `$XDG_DATA_HOME/kefu/kefu.sqlite`
/// (`~/.local/share/kefu/kefu.sqlite`).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (SQLite).", valueName: "path"))
    var db: String?

    static var dataDirectory: URL {
        if let xdg = ProcessInfo.processInfo.environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("kefu")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/kefu")
    }

    func path(default name: String = "kefu.sqlite") -> String {
        db ?? Self.dataDirectory.appendingPathComponent(name).path
    }

    /// Opens the store with the shipped deadline policy.
    func open(defaultName: String = "kefu.sqlite") throws -> SQLiteTicketStore {
        try SQLiteTicketStore(path: path(default: defaultName), policy: try Wiring.deadlinePolicy())
    }
}

/// How the executable puts the modules together.
enum Wiring {
    /// The SLA engine from the shipped `sla.yaml` and the user's config file (`$KEFU_CONFIG`, else
    /// `$XDG_CONFIG_HOME/kefu/kefu.yaml` when it exists). A config with any error stops Kefu with
    /// the file, line and field: it never runs on a half-read config.
    static func deadlinePolicy() throws -> any DeadlinePolicy {
        try configuration().deadlinePolicy()
    }

    static func configuration() throws -> KefuConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let user: URL?
        if let path = environment["KEFU_CONFIG"], !path.isEmpty {
            guard FileManager.default.fileExists(atPath: path) else {
                throw UserError(message: "KEFU_CONFIG names \(path), which does not exist")
            }
            user = URL(fileURLWithPath: path)
        } else {
            let candidate = configDirectory.appendingPathComponent("kefu.yaml")
            user = FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
        }
        return try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: user)
    }

    /// Shipped templates, then the user's own from `$XDG_CONFIG_HOME/kefu/templates`.
    static func templates() throws -> TemplateLibrary {
        try TemplateLibrary.load(from: [KefuResources.templatesFolder, configDirectory.appendingPathComponent("templates")])
    }

    static var configDirectory: URL {
        if let xdg = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("kefu")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config/kefu")
    }

    /// The agent's name: `$KEFU_AGENT`, else the login name.
    static var agentName: String {
        let env = ProcessInfo.processInfo.environment
        return env["KEFU_AGENT"] ?? env["USER"] ?? "Agent"
    }
}

/// A command-line failure with a message for the user (no stack trace, exit status 1... or the given one).
struct UserError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
