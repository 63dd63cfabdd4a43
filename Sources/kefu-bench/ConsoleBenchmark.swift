import ArgumentParser
import Foundation
import KefuConfig
import KefuConsole
import KefuCore
import KefuResources
import KefuPostgres
import KefuStore

/// Issue 2's figures on a large store: start to first full screen, key-to-screen latency for `j`,
/// opening a thread and opening the template picker, and peak memory.
///
/// Make the store first (100,000 tickets, about 1,000,000 messages):
///     swift run -c release kefu demo --db /tmp/big.sqlite --tickets 100000 --messages-per-ticket 10 --no-console
/// then:
///     swift run -c release kefu-bench console --db /tmp/big.sqlite
///
/// "Key to screen" is measured inside the process: the key goes through reduce, the store
/// queries its effects ask for, and a full render of the 120x40 ScreenBuffer. What ncurses then
/// writes to the terminal is not included.
struct ConsoleBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "console", abstract: "Console latency on a large store.")

    @Option(help: "The store to open: a SQLite file (make it with kefu demo --tickets 100000 --messages-per-ticket 10 --no-console) or a postgres:// URL (copy that file there with kefu store copy).")
    var db: String

    @Option(help: "How many presses of each key to time.")
    var presses = 2_000

    func run() throws {
        let processStart = ProcessClock.processStartTime()
        let policy = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: nil).deadlinePolicy()
        let store: any TicketStore
        switch try StoreLocation(parsing: db) {
        case .sqlite(let path):
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("no store at \(path): make it with kefu demo first") }
            store = try SQLiteTicketStore(path: path, policy: policy)
        case .postgres(let address):
            store = try PostgresTicketStore(address: address, policy: policy)
        }
        let templates = try TemplateLibrary.load(from: [KefuResources.templatesFolder]).templates
        let state = AppState(rows: 40, cols: 120, now: Date(), profile: AgentProfile(name: "Li Wei", storeName: "Bench"), templates: templates)
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(store: store))
        engine.start()
        var screen = ConsoleView.render(engine.state)
        let firstScreen = ProcessClock.now() - processStart
        precondition(screen.contains("Queue · needs reply"), "the first screen did not show the queue")
        let totals = try store.totals(now: Date())
        print("Store: \(totals.open) open tickets, \(totals.needsReply) need a reply (\(db))")
        print(String(format: "Process start to first full screen (in-process render): %.1f ms", firstScreen * 1000))

        func report(_ label: String, _ samples: [Double]) {
            let samples = samples.sorted()
            let p50 = samples[samples.count / 2] * 1000
            let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)] * 1000
            print(String(format: "%@: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d presses)", label, p50, p99, samples.last! * 1000, samples.count))
        }
        func time(_ label: String, presses: Int = presses, _ setup: () -> Void, _ keys: [Key], undo: [Key] = []) {
            var samples: [Double] = []
            for _ in 0..<presses {
                setup()
                let start = ProcessClock.now()
                for key in keys { engine.send(.key(key)) }
                screen = ConsoleView.render(engine.state)
                samples.append(ProcessClock.now() - start)
                for key in undo { engine.send(.key(key)) }
            }
            report(label, samples)
        }
        // j walks down the queue, crossing window boundaries (keyset loads) on the way; k back up.
        time("j (next ticket, thread follows)", {}, [.char("j")])
        time("k (previous ticket)", {}, [.char("k")])
        // G jumps to the end (a keyset read from the bottom and the count); gg back is not timed.
        time("G (last ticket)", presses: max(1, presses / 10), {}, [.char("G")], undo: [.char("g"), .char("g")])
        time("Ctrl-D (half a page down)", presses: max(1, presses / 4), {}, [.ctrl("d")])
        engine.send(.key(.char("g")))
        engine.send(.key(.char("g")))
        // Enter opens the selected thread (thread load + render), Esc goes back (not timed), j moves on.
        time("Enter (open thread)", { engine.send(.key(.char("j"))) }, [.enter], undo: [.escape])
        // n opens the next ticket to answer; Esc back to the queue is not timed.
        time("n (next ticket to answer)", presses: max(1, presses / 4), {}, [.char("n")], undo: [.escape])
        // / then a word, one keystroke at a time: each narrows the queue (a window read and a count).
        let word = Array("anna wei")
        var typed: [Double] = []
        engine.send(.key(.char("/")))
        for index in 0..<max(word.count, presses / 4) {
            if index > 0, index % word.count == 0 {
                engine.send(.key(.escape))
                engine.send(.key(.char("/")))
            }
            let start = ProcessClock.now()
            engine.send(.key(.char(word[index % word.count])))
            screen = ConsoleView.render(engine.state)
            typed.append(ProcessClock.now() - start)
        }
        engine.send(.key(.escape))
        engine.send(.key(.escape))
        report("/ filter, per keystroke", typed)
        // The dashboard's refresh: one tick with the dashboard open (its figures and the totals).
        engine.send(.key(.char("D")))
        var ticks: [Double] = []
        for _ in 0..<max(1, presses / 10) {
            let start = ProcessClock.now()
            engine.send(.tick(Date()))
            screen = ConsoleView.render(engine.state)
            ticks.append(ProcessClock.now() - start)
        }
        report("Dashboard refresh (one tick)", ticks)
        engine.send(.key(.char("D")))
        // Ctrl-T over an open composer: picker with ranking and a rendered preview.
        engine.send(.key(.char("r")))  // the engine loads the draft and opens the composer at once
        precondition(engine.state.composer != nil, "the composer did not open")
        time("Ctrl-T (open template picker)", {}, [.ctrl("t")], undo: [.escape])
        print(String(format: "Peak RSS: %.1f MB", ProcessClock.peakRSSMegabytes()))
        _ = screen
    }
}

/// Process timing from /proc.
enum ProcessClock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// When the kernel started this process (field 22 of /proc/self/stat, in clock ticks since boot).
    static func processStartTime() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return now() }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]), let uptime = Double(uptimeText.split(separator: " ")[0]) else { return now() }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return now() - uptime + ticks / hz
    }

    static func peakRSSMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }
}
