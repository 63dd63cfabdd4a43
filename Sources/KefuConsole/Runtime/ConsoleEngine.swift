import Foundation
import KefuCore

/// Runs the console: feeds actions to `reduce`, carries out the effects it returns against the
/// store, and feeds the answers back. Synchronous: a key's effects are done before the screen
/// is drawn again, so the screen never shows a half-applied key.
public final class ConsoleEngine {
    public private(set) var state: AppState
    public let environment: ConsoleEnvironment
    /// Set when an effect asked for a full redraw (Ctrl-L, a resize).
    public var redrawRequested = false
    private var lastChangeToken: Int64?

    public init(state: AppState, environment: ConsoleEnvironment) {
        self.state = state
        self.environment = environment
    }

    /// First loads: the top of the queue and the totals.
    public func start() {
        lastChangeToken = try? environment.store.changeToken()
        run([.loadQueue(.top), .loadTotals])
    }

    public func send(_ action: Action) {
        run(state.reduce(action))
    }

    /// Notices changes other processes made to the store; call it a few times a second.
    public func pollStore() {
        guard let token = try? environment.store.changeToken() else { return }
        defer { lastChangeToken = token }
        if let last = lastChangeToken, last != token { send(.storeChanged) }
    }

    private func run(_ effects: [Effect]) {
        for effect in effects {
            if let answer = perform(effect) { send(answer) }
        }
        // Our own writes move the change token too; they are already reflected.
        if effects.contains(where: { if case .send = $0 { return true }; if case .saveDraft = $0 { return true }; return false }) {
            lastChangeToken = try? environment.store.changeToken()
        }
    }

    private func perform(_ effect: Effect) -> Action? {
        let store = environment.store
        do {
            switch effect {
            case .loadQueue(let load):
                return .queueLoaded(try QueueWindowLoader(store: store, state: state.queue, now: state.now).load(load))
            case .loadTotals:
                return .totalsLoaded(try store.totals(now: state.now))
            case .loadThread(let id):
                guard let ticket = try store.ticket(id: id) else { return nil }
                let order = try ticket.orderID.flatMap { try store.order(id: $0) }
                return .threadLoaded(ThreadState(ticket: ticket, messages: try store.messages(ticketID: id), order: order))
            case .loadDraft(let id, let name):
                return .draftLoaded(ticketID: id, customerName: name, text: try store.draft(ticketID: id))
            case .saveDraft(let id, let text):
                try store.saveDraft(ticketID: id, body: text, now: environment.clock.now())
                return nil
            case .send(let id, let body):
                let request = ReplyRequest(
                    ticketID: id, body: body, author: state.profile.name, direction: .outbound,
                    idempotencyKey: environment.makeIdempotencyKey())
                return .sent(try store.send(request, now: environment.clock.now()))
            case .redraw:
                redrawRequested = true
                return nil
            case .quit:
                return nil
            }
        } catch {
            return .failed(Self.describe(error, doing: effect))
        }
    }

    static func describe(_ error: Error, doing effect: Effect) -> String {
        let what: String
        switch effect {
        case .send: what = "Not sent"
        case .saveDraft: what = "Draft not saved"
        default: what = "Could not read the store"
        }
        return "\(what): \(error)"
    }
}
