import Foundation
import KefuCore

/// What the console needs from the world: the store, the time, fresh ids.
public struct ConsoleEnvironment: Sendable {
    public var store: any TicketStore
    public var clock: WallClock
    /// A new idempotency key, made when the agent presses send.
    public var makeIdempotencyKey: @Sendable () -> String

    public init(store: any TicketStore, clock: WallClock = .system, makeIdempotencyKey: @escaping @Sendable () -> String = { UUID().uuidString }) {
        self.store = store
        self.clock = clock
        self.makeIdempotencyKey = makeIdempotencyKey
    }
}
