import ArgumentParser
import Foundation
import KefuConfig
import KefuCore
import KefuResources
import KefuPostgres
import KefuStore

/// `--db PATH|URL`, shared by every command. Without it Kefu uses `$KEFU_DB`, then `store.url`
/// in the config file, then `$XDG_DATA_HOME/kefu/kefu.sqlite` (`~/.local/share/kefu/kefu.sqlite`).
///
/// A SQLite path that does not exist is refused unless the command makes stores (`demo`,
/// `ingest`, `import`), so a typo never opens a new, empty store that prints nothing; a URL
/// whose scheme Kefu does not serve is refused with the ones it knows.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store: a SQLite file, or postgres://user@host:port/dbname for a team's shared store.", valueName: "path-or-url"))
    var db: String?

    /// `kefu SUBCOMMAND` as the user typed it, for messages.
    static var commandName: String {
        let words = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(2)
        return (["kefu"] + words.filter { $0.allSatisfy { $0.isLetter } }).joined(separator: " ")
    }

    static var dataDirectory: URL {
        if let xdg = ProcessInfo.processInfo.environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("kefu")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share/kefu")
    }

    /// Where the store is, and which setting said so (for error messages).
    func location(default name: String = "kefu.sqlite") throws -> (location: StoreLocation, from: String) {
        let environment = ProcessInfo.processInfo.environment
        let user = environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        func parse(_ text: String, from: String) throws -> (StoreLocation, String) {
            do {
                return (try StoreLocation(parsing: text, defaultUser: user), from)
            } catch {
                throw UserError(message: "\(from): \(error.description)")
            }
        }
        if let db { return try parse(db, from: "--db") }
        if let text = environment["KEFU_DB"], !text.isEmpty { return try parse(text, from: "KEFU_DB") }
        if let configured = try Wiring.configuration().store { return (configured, "store.url in the config file") }
        return (.sqlite(path: Self.dataDirectory.appendingPathComponent(name).path), "the default store")
    }

    /// The SQLite file, for commands that work on SQLite only; a PostgreSQL URL is refused
    /// with the command's name.
    func path(default name: String = "kefu.sqlite", creating: Bool = true, command: String = StoreOptions.commandName) throws -> String {
        // A broken config file is reported first, whatever the store.
        _ = try Wiring.configuration()
        let (location, from) = try location(default: name)
        switch location {
        case .sqlite(let path):
            if !creating && !FileManager.default.fileExists(atPath: path) {
                throw UserError(message: "\(from) names \(path), which does not exist (make a store with `kefu demo`, `kefu ingest` or `kefu import`, or check the path)")
            }
            return path
        case .postgres(let address):
            throw UserError(message: "\(command) does not work on a PostgreSQL store yet (\(address)); not yet on PostgreSQL: \(Self.sqliteOnlyCommands)")
        }
    }

    /// What still needs a SQLite file (the refusal above lists them).
    static let sqliteOnlyCommands = "kefu demo (the demo is a SQLite file)"

    /// Opens the SQLite store with the deadline policy from the configuration (the demo's own
    /// for a store `kefu demo` made), recomputing open deadlines when the policy changed since
    /// the store last ran. `access`: whether the command changes the store (see `StoreAccess`);
    /// `quiet` leaves lock waits unsaid on stderr (the console's screen is the terminal).
    func open(
        defaultName: String = "kefu.sqlite", creating: Bool = false, access: StoreAccess = .write, quiet: Bool = false,
        command: String = StoreOptions.commandName
    ) throws -> SQLiteTicketStore {
        let path = try path(default: defaultName, creating: creating, command: command)
        return try Self.openSQLite(path: path, access: access, quiet: quiet)
    }

    static func openSQLite(path: String, access: StoreAccess = .write, quiet: Bool = false) throws -> SQLiteTicketStore {
        let isDemo = (try? SQLiteTicketStore.peekMeta(path: path, key: "demo")) == "1"
        let store = try SQLiteTicketStore(
            path: path, policy: try (isDemo ? Wiring.demoConfiguration() : Wiring.configuration()).deadlinePolicy(),
            access: access, lockWait: try lockWait(quiet: quiet), progress: Wiring.notice)
        if let readOnly = store.readOnly {
            // Nothing may be written: deadlines are shown as the store holds them.
            if !quiet { Wiring.notice("the store at \(path) is open read-only: \(readOnly.reason)\(readOnly.snapshot ? " (read as a snapshot)" : "")") }
            return store
        }
        if let moved = try store.applyPolicyChangeIfNeeded(progress: Wiring.notice), moved > 0 {
            Wiring.notice("The deadline policy changed: deadlines of \(moved) open ticket(s) recomputed.")
        }
        return store
    }

    /// How long a write waits for another kefu's lock: `KEFU_LOCK_TIMEOUT`, else
    /// `store.lock_timeout` in the config file, else 30 s.
    static func lockWait(quiet: Bool = false) throws -> StoreLockWait {
        var timeout = try Wiring.configuration().storeLockTimeout ?? StoreLockWait.defaultTimeout
        if let text = ProcessInfo.processInfo.environment["KEFU_LOCK_TIMEOUT"], !text.isEmpty {
            guard let seconds = KefuConfiguration.lockTimeout(parsing: text) else {
                throw UserError(message: "KEFU_LOCK_TIMEOUT: \"\(TerminalSanitizer.oneLine(String(text.prefix(40))))\" is not a wait like 30s, 2m or 45 (seconds, from 0 to 3600)")
            }
            timeout = seconds
        }
        let notice: (@Sendable (String) -> Void)? = quiet ? nil : { @Sendable line in
            FileHandle.standardError.write(Data(("kefu: " + line + "\n").utf8))
        }
        return StoreLockWait(timeout: timeout, notice: notice)
    }

    /// Opens the store on either backend, for the commands that work on both. `access` and
    /// `quiet` are for a SQLite file (see `open`); PostgreSQL has its own roles for who writes.
    func openAnyBackend(creating: Bool = false, access: StoreAccess = .write, quiet: Bool = false) throws -> any TicketStore {
        let (location, _) = try location()
        switch location {
        case .sqlite:
            return try open(creating: creating, access: access, quiet: quiet)
        case .postgres(let address):
            do {
                let store = try PostgresTicketStore(address: address, policy: try Wiring.configuration().deadlinePolicy())
                if let moved = try store.applyPolicyChangeIfNeeded(), moved > 0 {
                    Wiring.notice("The deadline policy changed: deadlines of \(moved) open ticket(s) recomputed.")
                }
                return store
            } catch let error as PostgresStoreError {
                throw UserError(message: error.description)
            }
        }
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

    /// The configuration, read once per process (commands and the console ask for it several
    /// times while they start; each read builds every business calendar again).
    static func configuration() throws -> KefuConfiguration {
        try ConfigurationCache.shared.value { try readConfiguration() }
    }

    private static func readConfiguration() throws -> KefuConfiguration {
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

/// The one configuration of this process, kept after the first read (errors are not kept: the
/// next call reads again and says what is wrong).
final class ConfigurationCache: @unchecked Sendable {
    static let shared = ConfigurationCache()
    private let lock = NSLock()
    private var cached: KefuConfiguration?

    func value(_ read: () throws -> KefuConfiguration) throws -> KefuConfiguration {
        try lock.withLock {
            if let cached { return cached }
            let read = try read()
            cached = read
            return read
        }
    }
}
