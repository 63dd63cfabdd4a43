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

    /// Opens the store with the deadline policy from the configuration (the demo's own for a
    /// store `kefu demo` made), recomputing open deadlines when the policy changed since the
    /// store last ran.
    func open(defaultName: String = "kefu.sqlite") throws -> SQLiteTicketStore {
        let path = path(default: defaultName)
        let isDemo = (try? SQLiteTicketStore.peekMeta(path: path, key: "demo")) == "1"
        let store = try SQLiteTicketStore(path: path, policy: try (isDemo ? Wiring.demoConfiguration() : Wiring.configuration()).deadlinePolicy())
        if let moved = try store.applyPolicyChangeIfNeeded(), moved > 0 {
            Wiring.notice("The deadline policy changed: deadlines of \(moved) open ticket(s) recomputed.")
        }
        return store
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

    /// The demo runs the marketplaces' own clocks only, in calendar time: business hours and
    /// business days would put every deadline at the office's opening or closing time, and the
    /// demo wants them spread around now (some overdue, some within the hour, most later)
    /// whatever the hour. One business day counts as 24 hours here.
    static func demoConfiguration() throws -> KefuConfiguration {
        var configuration = try configuration()
        configuration.sla.layers = configuration.sla.layers.filter { $0 == "marketplace" }
        configuration.sla.policies = configuration.sla.policies.filter { $0.layer == "marketplace" }.map { policy in
            var policy = policy
            policy.targets = policy.targets.mapValues { duration in
                switch duration {
                case .calendar: duration
                case .businessTime(let seconds): .calendar(seconds: seconds)
                case .businessDays(let days): .calendar(seconds: Double(days) * 86_400)
                }
            }
            return policy
        }
        configuration.fingerprint += "+demo-calendar-time"
        return configuration
    }

    /// A one-line notice on stderr, for things the user should know but that are not errors.
    static func notice(_ text: String) {
        FileHandle.standardError.write(Data(("kefu: " + text + "\n").utf8))
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

    /// The agent's name: `$KEFU_AGENT`, else the login name, spelt as the config's team list
    /// spells it (see `actingAgent`).
    static var agentName: String {
        actingAgent().name
    }
}

/// A command-line failure with a message for the user (no stack trace, exit status 1... or the given one).
struct UserError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
