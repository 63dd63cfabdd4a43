import Foundation
import KefuCore

/// While the store's server is lost (the change feed says so) the console does not ask it
/// anything: each call would wait for a server that is not there, and the agent's keys would
/// freeze. What is on screen stays; drafts go to this machine; a send or a change is refused
/// at once with what to do; everything is read again once the server is back.
extension ConsoleEngine {
    enum OfflineOutcome {
        /// Not the store's business: carry it out as usual.
        case proceed
        case answer(Action?)
    }

    func offline(_ effect: Effect) -> OfflineOutcome {
        guard case .lost(_, let server) = state.connection else { return .proceed }
        let refused = "Not done: the store at \(server) cannot be reached (OFFLINE); try again once it is back"
        switch effect {
        case .saveTemplate, .editExternally, .redraw, .quit:
            return .proceed
        case .loadDraft(let id, _):
            // A draft typed here while offline is ours to open; the store's cannot be read.
            if environment.localDrafts?.kept(ticketID: id) != nil { return .proceed }
            return .answer(.failed("Cannot open the reply: the store at \(server) cannot be reached to read its draft (OFFLINE)"))
        case .saveDraft(let id, let text, let attach):
            return .answer(keepLocally(ticketID: id, text: text, attachEvidence: attach))
        case .send(let id, let body, _, _, _):
            _ = keepLocally(ticketID: id, text: body, attachEvidence: false)
            return .answer(.failed("Not sent: the store at \(server) cannot be reached (OFFLINE); the reply stays in the composer and on this machine"))
        case .loadQueue, .loadTotals, .loadThread, .loadTemplateUsage, .keptDrafts, .recordTemplateUse:
            return .answer(nil)
        case .presence(let presence):
            switch presence {
            case .announce, .load, .renew, .release: return .answer(nil)
            case .claimNext: return .answer(.failed(refused))
            }
        case .team(.loadDashboard):
            return .answer(nil)
        case .setHold, .markNoResponseNeeded, .findTicket, .snooze, .followUp, .team:
            return .answer(.failed(refused))
        }
    }

    /// The draft into a file on this machine (nil answer: the status bar already says so).
    private func keepLocally(ticketID: Int64, text: String, attachEvidence: Bool) -> Action? {
        guard let local = environment.localDrafts else {
            return .failed("Draft not saved: the store cannot be reached; it stays in the composer")
        }
        do {
            try local.keep(.init(ticketID: ticketID, text: text, attachEvidence: attachEvidence, at: environment.clock.now()))
            return nil
        } catch {
            return .failed("Draft not saved anywhere: the store cannot be reached and \(local.folder.path) cannot be written (\(error)); it stays in the composer")
        }
    }
}
