import Foundation
import KefuCore

/// What the console needs from the world: the store, the time, fresh ids.
public struct ConsoleEnvironment: Sendable {
    public var store: any TicketStore
    public var clock: WallClock
    /// A new idempotency key, made when the agent presses send.
    public var makeIdempotencyKey: @Sendable () -> String
    /// Parcel links and evidence for the thread pane and `T` / `E`; without it parcels link the
    /// universal tracker and no evidence is listed.
    public var proof: ProofLoader?
    /// Writes a personal template where the template loader will find it next time; returns
    /// where it went. Nil: saving templates is not offered.
    public var saveTemplate: (@Sendable (Template) throws -> String)?
    /// Opens the text in the agent's editor (`$VISUAL`/`$EDITOR`) and returns it as saved; nil
    /// when the editor failed and the text stays as it was. Nil: no editor here.
    public var editExternally: (@Sendable (String) throws -> String?)?
    /// When the dashboard calls a run of scam reports a wave (`safety.wave` in `kefu.yaml`).
    public var scamWaveRule = ScamWaveRule()
    /// Where drafts wait while a shared store's server is out of reach (nil: the store is on
    /// this machine, a draft that cannot be saved there has nowhere better to go).
    public var localDrafts: LocalDraftFolder?

    public init(
        store: any TicketStore, clock: WallClock = .system, makeIdempotencyKey: @escaping @Sendable () -> String = { UUID().uuidString },
        proof: ProofLoader? = nil
    ) {
        self.store = store
        self.proof = proof
        self.clock = clock
        self.makeIdempotencyKey = makeIdempotencyKey
    }
}
