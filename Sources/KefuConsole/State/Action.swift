import Foundation
import KefuCore

/// Everything that can happen to the console: keys, time, size, and answers from the store.
public enum Action: Sendable, Hashable {
    case key(Key)
    /// A pasted block of text, inserted at once where the composer is open.
    case paste(String)
    case tick(Date)
    case resized(rows: Int, cols: Int)
    /// Another process changed the store (told by its change feed, or noticed by polling its
    /// change token).
    case storeChanged
    /// Another agent moved on the presence board (only the board is read again).
    case presenceChanged
    /// The store's server was lost or is back (`StoreChangeFeed`).
    case connectionChanged(StoreConnection)
    case queueLoaded(QueueWindow)
    case totalsLoaded(QueueTotals)
    case threadLoaded(ThreadState)
    /// `attachEvidence`: the draft's Ctrl-O choice, kept with it.
    case draftLoaded(ticketID: Int64, customerName: String, text: String?, attachEvidence: Bool = false)
    case sent(SentReply)
    case templateUsageLoaded([String: Int])
    case editedExternally(ticketID: Int64, text: String?)
    case templateSaved(Template, location: String)
    /// A hold or "no response needed" changed a ticket's clocks; the text says what happened.
    case clocksChanged(ticketID: Int64, message: String)
    case failed(String)
    /// The ticket a `findTicket` asked for (nil: none).
    case ticketFound(Ticket?, TicketRequest)
    /// A snooze was kept (or ended): the ticket as it now is.
    case snoozed(Ticket)
    /// A follow-up was kept (or the ticket's were marked done): what to say, and the ticket.
    case followUpChanged(ticketID: Int64, message: String)
    /// Answers to the team's effects (assignment, outcomes, dashboard figures).
    case team(TeamAnswer)
    /// Answers about presence and claims.
    case presence(PresenceAnswer)
    /// The store refused the send: the ticket got newer messages since it was opened.
    case collided(ReplyCollision)
    /// A write has been waiting for another program's lock on the store (said while it waits).
    case storeWaiting(StoreLockWaitNotice)
    /// The write that waited is done (or gave up): the waiting notice goes.
    case storeWaitOver
    /// The store could not do the effect's write (locked past the wait, no room); nothing changed.
    case storeFault(StoreFault, during: Effect)
}

/// A window of the queue as the engine read it.
public struct QueueWindow: Sendable, Hashable {
    public var rows: [Ticket]
    public var windowStart: Int
    public var total: Int
    /// The index to select in the full list.
    public var selected: Int
    /// The triage bands' counts (nil in deadline order).
    public var bands: QueueBands?

    public init(rows: [Ticket], windowStart: Int, total: Int, selected: Int, bands: QueueBands? = nil) {
        self.rows = rows
        self.windowStart = windowStart
        self.total = total
        self.selected = selected
        self.bands = bands
    }
}

/// Work the reducer asks for; the engine does it against the store and answers with actions.
public enum Effect: Sendable, Hashable {
    case loadQueue(QueueLoad)
    case loadTotals
    case loadThread(Int64)
    case loadDraft(ticketID: Int64, customerName: String)
    /// `attachEvidence`: the composer's Ctrl-O choice, saved with the text.
    case saveDraft(ticketID: Int64, text: String, attachEvidence: Bool = false)
    /// Drafts kept on this machine while the store was out of reach go to the store.
    case keptDrafts
    /// `attachEvidence`: evidence ids whose files go out with the reply (asked for with Ctrl-O).
    /// `seenThrough`: the newest message on screen; a newer one in the store stops the send
    /// (`ReplyCollision`) so the agent sees it first. Nil: send whatever arrived.
    case send(ticketID: Int64, body: String, direction: MessageDirection, attachEvidence: [String] = [], seenThrough: Int64? = nil)
    /// Start a hold for the reason, or end the one that lasts (nil).
    case setHold(ticketID: Int64, reason: HoldReason?)
    case markNoResponseNeeded(ticketID: Int64)
    /// `n`, `p`, `#`: find the ticket to open (the next one is the store's to decide).
    case findTicket(TicketRequest)
    /// `z`: snooze until the time, or wake now (nil).
    case snooze(ticketID: Int64, until: Date?)
    /// `F`: follow up then; nil marks the ticket's follow-ups done.
    case followUp(ticketID: Int64, when: FollowUpWhen?)
    case team(TeamEffect)
    case presence(PresenceEffect)
    /// Count one more use of a template (the picker ranks by it).
    case recordTemplateUse(String)
    case loadTemplateUsage
    /// Save the agent's reply as a personal template (a file in their config folder).
    case saveTemplate(Template)
    /// Open the draft in `$EDITOR`, read it back into the composer of the ticket.
    case editExternally(ticketID: Int64, text: String)
    case redraw
    case quit
}
