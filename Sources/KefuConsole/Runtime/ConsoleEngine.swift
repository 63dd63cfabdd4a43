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
    /// The dashboard's live reader (kept between refreshes so each reads only what changed).
    var liveMeters: (timeZone: TimeZone, reader: any LiveMeters)?
    /// Draws the state now, in the middle of an effect (the loop sets it): a write waiting for
    /// another program's lock says so on screen while the console is blocked in it.
    public var presentNow: (() -> Void)?

    public init(state: AppState, environment: ConsoleEnvironment) {
        self.state = state
        self.environment = environment
    }

    /// First loads: the top of the queue and the totals.
    public func start() {
        if let waits = environment.store as? any StoreLockWaitReporting {
            let engine = UncheckedEngine(self)
            // Called on the thread that waits while this one is blocked in the same write.
            waits.onLockWait { notice in engine.engine?.lockWaitNoticed(notice) }
        }
        lastChangeToken = try? environment.store.changeToken()
        // Drafts kept here by a console that could not reach the store go to it first.
        let kept: [Effect] = environment.localDrafts?.all.isEmpty == false ? [.keptDrafts] : []
        run(kept + [.loadQueue(.top), .loadTotals, .loadTemplateUsage])
    }

    public func send(_ action: Action) {
        run(state.reduce(action))
    }

    /// A write of ours waits for another program's lock: the status bar says so at once.
    func lockWaitNoticed(_ notice: StoreLockWaitNotice) {
        _ = state.reduce(.storeWaiting(notice))
        waitNoticed = true
        presentNow?()
    }

    /// Whether the effect being carried out said it waits for a lock.
    private var waitNoticed = false

    /// Notices changes other processes made to the store; call it often (every turn of the
    /// loop): a store's change feed costs nothing to read, and its change token is asked at
    /// most every `tokenInterval`.
    public func pollStore() {
        if let feed = environment.store as? any StoreChangeFeed {
            let changes = feed.changeFeed()
            defer { lastFeed = changes }
            guard let last = lastFeed else { return }
            if changes.connection != last.connection { send(.connectionChanged(changes.connection)) }
            if changes.data != last.data {
                send(.storeChanged)
            } else if changes.presence != last.presence {
                send(.presenceChanged)
            }
            return
        }
        let now = Date()
        guard now.timeIntervalSince(lastTokenPoll) >= tokenInterval else { return }
        lastTokenPoll = now
        guard let token = try? environment.store.changeToken() else { return }
        defer { lastChangeToken = token }
        if let last = lastChangeToken, last != token { send(.storeChanged) }
    }

    /// How often a store without a change feed is asked for its change token.
    public var tokenInterval: TimeInterval = 0.5
    private var lastTokenPoll = Date.distantPast
    private var lastFeed: StoreChanges?

    private func run(_ effects: [Effect]) {
        for effect in effects {
            waitNoticed = false
            let answer = perform(effect)
            // The wait is over either way; the answer says how it ended.
            if waitNoticed { send(.storeWaitOver) }
            if let answer { send(answer) }
        }
        // Our own writes move the change token too; they are already reflected.
        if effects.contains(where: { $0.writes || $0.isTeamWrite }) {
            lastChangeToken = try? environment.store.changeToken()
        }
    }

    private func perform(_ effect: Effect) -> Action? {
        if case .answer(let action) = offline(effect) { return action }
        if case .answer(let action) = readOnly(effect) { return action }
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
                var thread = ThreadState(ticket: ticket, messages: try store.messages(ticketID: id), order: order)
                thread.clocks = try store.clocks(ticketID: id)
                thread.proof = try environment.proof?.proof(for: order) ?? ThreadProof()
                if let customers = store as? any CustomerStore {
                    do {
                        thread.customer = try customers.customerID(ticketID: id).flatMap { try customers.customerProfile(id: $0) }
                    } catch let error as CustomerError {
                        thread.customerNote = error.description
                    }
                }
                return .threadLoaded(thread)
            case .loadDraft(let id, let name):
                if let kept = environment.localDrafts?.kept(ticketID: id) {
                    // Typed while the store was out of reach: newer than the store's.
                    return .draftLoaded(ticketID: id, customerName: name, text: kept.text, attachEvidence: kept.attachEvidence)
                }
                let attach = try (store as? any DraftAttachmentChoice)?.draftAttachesEvidence(ticketID: id) ?? false
                return .draftLoaded(ticketID: id, customerName: name, text: try store.draft(ticketID: id), attachEvidence: attach)
            case .saveDraft(let id, let text, let attach):
                do {
                    try saveDraftInStore(ticketID: id, text: text, attachEvidence: attach)
                } catch {
                    guard let local = environment.localDrafts else { throw error }
                    try local.keep(.init(ticketID: id, text: text, attachEvidence: attach, at: environment.clock.now()))
                    // While the status bar says the store is lost it also says drafts are kept.
                    return state.connection == .connected ? .failed("Draft kept on this machine, not in the store: \(error)") : nil
                }
                return nil
            case .keptDrafts:
                guard let local = environment.localDrafts else { return nil }
                for kept in local.all {
                    try saveDraftInStore(ticketID: kept.ticketID, text: kept.text, attachEvidence: kept.attachEvidence)
                }
                return nil
            case .send(let id, let body, let direction, let attachEvidence, let seenThrough):
                let request = ReplyRequest(
                    ticketID: id, body: body, author: state.profile.name, direction: direction,
                    idempotencyKey: environment.makeIdempotencyKey(), attachEvidence: attachEvidence, seenThrough: seenThrough)
                do {
                    let sent = try store.send(request, now: environment.clock.now())
                    environment.localDrafts?.discard(ticketID: id)
                    return .sent(sent)
                } catch let collision as ReplyCollision {
                    return .collided(collision)
                }
            case .presence(let effect):
                return try performPresence(effect)
            case .setHold(let id, let reason):
                guard let holding = store as? any ConversationHolding else { return .failed("This store cannot hold tickets") }
                let now = environment.clock.now()
                let ticket = reason.map { try? holding.startHold(ticketID: id, reason: $0, agent: state.profile.name, now: now) }
                    ?? (try? holding.endHold(ticketID: id, agent: state.profile.name, now: now))
                guard let ticket else { return .failed("Could not change the hold of #\(id)") }
                let name = TerminalSanitizer.oneLine(ticket.customerName)
                switch reason {
                case .onHold?: return .clocksChanged(ticketID: id, message: "\(name): on hold — clocks that allow it are paused")
                case .waitingOnCustomer?: return .clocksChanged(ticketID: id, message: "\(name): waiting on the customer — their answer restarts the clocks")
                case nil: return .clocksChanged(ticketID: id, message: "\(name): hold ended — clocks run again")
                }
            case .markNoResponseNeeded(let id):
                guard let holding = store as? any ConversationHolding else { return .failed("This store cannot settle without a reply") }
                let settled = try holding.markNoResponseNeeded(ticketID: id, agent: state.profile.name, now: environment.clock.now())
                return .clocksChanged(ticketID: id, message: settled.isEmpty
                    ? "Nothing awaits a reply on #\(id)"
                    : "No response needed: \(settled.count) deadline(s) settled, left out of the late-reply figures")
            case .team(let effect):
                return try performTeam(effect)
            case .findTicket(let request):
                switch request {
                case .next(let after, _):
                    return .ticketFound(try store.nextTicket(for: state.profile.name, after: after, now: environment.clock.now()), request)
                case .id(let id), .back(let id):
                    return .ticketFound(try store.ticket(id: id), request)
                }
            case .snooze(let id, let until):
                guard let snoozing = store as? any TicketSnoozing else { return .failed("This store cannot snooze tickets") }
                return .snoozed(try snoozing.snooze(ticketID: id, until: until, agent: state.profile.name, now: environment.clock.now()))
            case .followUp(let id, let when):
                guard let followUps = store as? any FollowUpStore else { return .failed("This store cannot keep follow-ups") }
                let now = environment.clock.now()
                guard let when else {
                    let ended = try followUps.markFollowUpsDone(ticketID: id, agent: state.profile.name, now: now)
                    return .followUpChanged(ticketID: id, message: ended == 0 ? "#\(id) has no open follow-up" : "#\(id): \(ended) follow-up\(ended == 1 ? "" : "s") done")
                }
                let kept = try followUps.scheduleFollowUp(ticketID: id, when: when, agent: state.profile.name, now: now)
                return .followUpChanged(ticketID: id, message: AppState.followUpText(kept, timeZone: state.timeZone))
            case .recordTemplateUse(let name):
                try (store as? any TemplateUsageRecording)?.recordTemplateUse(name, now: environment.clock.now())
                return nil
            case .loadTemplateUsage:
                guard let usage = try (store as? any TemplateUsageRecording)?.templateUsage() else { return nil }
                return .templateUsageLoaded(usage)
            case .saveTemplate(let template):
                guard let save = environment.saveTemplate else { return .failed("Saving templates is not set up here") }
                return .templateSaved(template, location: try save(template))
            case .editExternally(let id, let text):
                guard let edit = environment.editExternally else { return .failed("No external editor here") }
                redrawRequested = true
                return .editedExternally(ticketID: id, text: try edit(text))
            case .redraw:
                redrawRequested = true
                return nil
            case .quit:
                return nil
            }
        } catch {
            // Locked past the wait, or no room: the reducer says what was not done and what was kept.
            if let fault = (store as? any StoreFaultReporting)?.fault(in: error) { return .storeFault(fault, during: effect) }
            return .failed(Self.describe(error, doing: effect))
        }
    }

    /// The draft into the store; the copy kept on this machine, if any, is then not needed.
    private func saveDraftInStore(ticketID: Int64, text: String, attachEvidence: Bool) throws {
        let store = environment.store
        if let drafts = store as? any DraftAttachmentChoice {
            try drafts.saveDraft(ticketID: ticketID, body: text, attachEvidence: attachEvidence, now: environment.clock.now())
        } else {
            try store.saveDraft(ticketID: ticketID, body: text, now: environment.clock.now())
        }
        environment.localDrafts?.discard(ticketID: ticketID)
    }

    static func describe(_ error: Error, doing effect: Effect) -> String {
        // Says itself what was refused and that nothing changed.
        if let refused = error as? LeadRoleRequired { return refused.description }
        if case .setHold = effect { return "Hold not changed: \(error)" }
        if case .markNoResponseNeeded = effect { return "Not settled: \(error)" }
        if case .saveTemplate = effect { return "Template not saved: \(error)" }
        if case .snooze = effect { return "Not snoozed: \(error)" }
        if case .followUp = effect { return "No follow-up: \(error)" }
        if case .editExternally = effect { return "Editor failed, the draft is unchanged: \(error)" }
        let what: String
        switch effect {
        case .send: what = "Not sent"
        case .saveDraft: what = "Draft not saved"
        default: what = "Could not read the store"
        }
        return "\(what): \(error)"
    }
}

extension Effect {
    /// Whether the effect writes to the store (the engine then takes the new change token as seen).
    var writes: Bool {
        switch self {
        case .send, .saveDraft, .keptDrafts, .setHold, .markNoResponseNeeded, .recordTemplateUse, .snooze, .followUp: true
        case .presence(let effect): effect != .load
        default: false
        }
    }
}

/// The engine, carried into the store's `@Sendable` lock-wait handler. The console runs on one
/// thread; the handler runs while that thread is blocked in the write that waits, so the two
/// never touch the engine at once.
private final class UncheckedEngine: @unchecked Sendable {
    weak var engine: ConsoleEngine?
    init(_ engine: ConsoleEngine) { self.engine = engine }
}
