import Foundation
import KefuCore

/// On a read-only store the console asks the store nothing that writes: a key that would (a
/// send, a hold, a snooze, a claim) is refused at once with the file and why; what the console
/// writes on its own (where the agent is, template counts) is left out without a word, since
/// the status bar already says the store is read-only. Reads go on as usual.
extension ConsoleEngine {
    func readOnly(_ effect: Effect) -> OfflineOutcome {
        guard let readOnly = state.readOnlyStore else { return .proceed }
        switch effect {
        case .presence(let presence):
            switch presence {
            case .load: return .proceed
            case .announce, .renew, .release: return .answer(nil)
            case .claimNext: return .answer(.failed(readOnly.refusal))
            }
        case .keptDrafts, .recordTemplateUse:
            return .answer(nil)
        case .team(let team):
            if case .loadDashboard = team { return .proceed }
            return .answer(.failed(readOnly.refusal))
        case .send, .saveDraft, .setHold, .markNoResponseNeeded, .snooze, .followUp:
            return .answer(.failed(readOnly.refusal))
        case .loadQueue, .loadTotals, .loadThread, .loadDraft, .findTicket, .loadTemplateUsage, .saveTemplate, .editExternally, .redraw, .quit:
            return .proceed
        }
    }
}
