import Foundation
import Glibc
import KefuConsole
import KefuCore
import KefuStore
import KefuTerminal

/// Opens the console on a store and runs it until the agent quits.
enum ConsoleRunner {
    static func run(
        store: any TicketStore, profile: AgentProfile, proof: ProofLoader? = nil, sendAndNext: Bool = true, claims: ClaimRules = ClaimRules(),
        localDrafts: URL? = nil
    ) throws {
        let library = try Wiring.templates()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UserError(message: "the console needs a terminal; for scripts use `kefu queue`, `kefu show ID` or `kefu ingest FILE`")
        }
        // https://no-color.org: NO_COLOR set and not empty turns colour off; the marks (‼ ! *) and
        // the words (OVERDUE) carry every state anyway.
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let terminal = try NcursesTerminal(colors: !noColor)
        defer { terminal.stop() }
        // SIGTERM, SIGHUP (the terminal closed) and SIGINT: save drafts, restore the terminal, leave.
        StopSignal.install()
        let size = terminal.size
        let clock = WallClock.system
        var state = AppState(rows: size.rows, cols: size.cols, now: clock.now(), profile: profile, templates: library.templates)
        state.sendAndNext = sendAndNext
        // n claims on every store that can (both backends): one agent or fifty, the same key.
        state.presence.claimsEnabled = store is any TicketClaiming
        state.presence.rules = claims
        state.presence.boardEnabled = store is any PresenceBoard
        if let sqlite = store as? SQLiteTicketStore, let readOnly = sqlite.readOnly {
            state.readOnlyStore = ReadOnlyStoreState(path: sqlite.path, notice: readOnly.notice, reason: readOnly.reason)
            // Claims and the presence board write; `n` then finds the next ticket without claiming.
            state.presence.claimsEnabled = false
            state.presence.boardEnabled = false
        }
        var environment = ConsoleEnvironment(store: store, clock: clock, proof: proof)
        environment.localDrafts = localDrafts.map(LocalDraftFolder.init(folder:))
        environment.saveTemplate = { try PersonalTemplates.save($0) }
        environment.scamWaveRule = try Wiring.configuration().safety.wave
        let handOver = TerminalHandOver(terminal: terminal)
        environment.editExternally = { text in try handOver.run { try ExternalEditor.edit(text) } }
        let engine = ConsoleEngine(state: state, environment: environment)
        var loop = ConsoleLoop(engine: engine, device: terminal)
        loop.shouldStop = { StopSignal.requested }
        loop.run()
    }
}

/// Lets the engine's effects give the terminal to another program. The console runs on one
/// thread; the box only carries the terminal into the `@Sendable` closure the environment holds.
private final class TerminalHandOver: @unchecked Sendable {
    let terminal: NcursesTerminal
    init(terminal: NcursesTerminal) { self.terminal = terminal }
    func run<T>(_ body: () throws -> T) rethrows -> T { try terminal.suspend(body) }
}
