import ArgumentParser
import Foundation
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
    static func deadlinePolicy() throws -> any DeadlinePolicy {
        try ChannelDeadlinePolicy(contentsOf: KefuResources.policiesFile)
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
