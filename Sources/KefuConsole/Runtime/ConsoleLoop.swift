import Foundation
import KefuCore

/// The console's main loop: read keys (all that are waiting, so a paste or key repeat draws
/// once), tick every second so countdowns move, hear of other writers, draw when
/// something changed.
public struct ConsoleLoop {
    public var engine: ConsoleEngine
    public var device: any TerminalDevice
    /// Set from a signal handler (SIGTERM, SIGHUP) to leave cleanly with drafts saved.
    public var shouldStop: @Sendable () -> Bool = { false }

    public init(engine: ConsoleEngine, device: any TerminalDevice) {
        self.engine = engine
        self.device = device
    }

    public func run() {
        var lastScreen = ConsoleView.render(engine.state)
        let device = device
        engine.presentNow = { [unowned engine] in
            let screen = ConsoleView.render(engine.state)
            device.present(screen, full: false)
            lastScreen = screen
        }
        defer { engine.presentNow = nil }
        engine.start()
        lastScreen = ConsoleView.render(engine.state)
        device.present(lastScreen, full: true)
        var lastSecond = Int(engine.environment.clock.now().timeIntervalSince1970)
        while !engine.state.quitting {
            if shouldStop() {
                engine.send(.key(.ctrl("c")))
                break
            }
            var event = device.nextEvent(timeoutMilliseconds: 100)
            var handled = 0
            while let current = event, handled < 4096 {
                switch current {
                case .key(let key): engine.send(.key(key))
                case .resize(let rows, let cols): engine.send(.resized(rows: rows, cols: cols))
                }
                handled += 1
                if engine.state.quitting { break }
                event = device.nextEvent(timeoutMilliseconds: 0)
            }
            let now = engine.environment.clock.now()
            if Int(now.timeIntervalSince1970) != lastSecond {
                lastSecond = Int(now.timeIntervalSince1970)
                engine.send(.tick(now))
            }
            engine.pollStore()
            let screen = ConsoleView.render(engine.state)
            if screen != lastScreen || engine.redrawRequested {
                device.present(screen, full: engine.redrawRequested)
                engine.redrawRequested = false
                lastScreen = screen
            }
        }
    }
}
