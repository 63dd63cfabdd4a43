import Foundation
import Logging

/// Kefu's log: `$XDG_STATE_HOME/kefu/kefu.log` (else `~/.local/state/kefu/kefu.log`), level
/// from `KEFU_LOG_LEVEL` (`trace`, `debug`, `info` — the default —, `notice`, `warning`,
/// `error`, `critical`, or `off`). It records imports, delivery attempts, migrations and errors
/// by id and count; never bodies, addresses or customer names.
public enum KefuLog {
    /// Where the log goes for this environment.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/kefu/kefu.log"
    }

    /// The level `KEFU_LOG_LEVEL` asks for; nil for `off`.
    public static func level(environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger.Level?? {
        guard let text = environment["KEFU_LOG_LEVEL"]?.lowercased(), !text.isEmpty else { return .some(.info) }
        if text == "off" { return .some(nil) }
        return Logger.Level(rawValue: text).map { .some($0) }
    }

    /// Installs the file handler for the whole process; call once, first thing. An unknown
    /// level or an unwritable file leaves logging off and says why on stderr: a log must never
    /// stop the work.
    public static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen: Logger.Level?
        switch level(environment: environment) {
        case .some(let level): chosen = level
        case .none:
            FileHandle.standardError.write(Data("kefu: KEFU_LOG_LEVEL '\(environment["KEFU_LOG_LEVEL"] ?? "")' is not one of trace, debug, info, notice, warning, error, critical, off; logging is off\n".utf8))
            chosen = nil
        }
        guard let chosen else {
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        let file = path(environment: environment)
        guard let sink = FileLogHandler.Sink(path: file) else {
            FileHandle.standardError.write(Data("kefu: cannot write the log \(file); logging is off\n".utf8))
            LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
            return
        }
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, level: chosen) }
    }
}
