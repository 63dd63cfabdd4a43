import Foundation
import KefuCore

/// A write the store could not do now: another program held its lock past the wait, or there
/// was no room on the disk. Worded here, so every write says it the same way (the engine only
/// reports the fault, the terminal only draws it): what was not done, why, what was kept, and
/// what to do. Nothing the agent typed is lost: a reply or note that was not sent stays in the
/// composer, a draft that could not be saved is tried again later and keeps the console open.
extension AppState {
    /// A refusal stays longer than a passing notice: it tells the agent their key did nothing.
    static let faultFlashSeconds = 15.0
    /// A draft that could not be saved is tried again after this long (not every second: a
    /// locked store makes each try wait for its whole timeout).
    static let draftRetrySeconds = 30.0

    static let waitingPrefix = "Waiting: another program"

    mutating func storeWaiting(_ notice: StoreLockWaitNotice) -> [Effect] {
        showFlash(
            "\(Self.waitingPrefix) is writing to the store; giving up after \(Self.seconds(notice.timeout))… (\(notice.path))",
            .info, seconds: notice.timeout + 2)
        return []
    }

    mutating func storeFault(_ fault: StoreFault, during effect: Effect) -> [Effect] {
        // What matters first: the status bar cuts a long line, so the file comes last.
        let why: String
        let then: String
        let path: String
        switch fault {
        case .locked(let store, let timeout):
            why = "the store is locked by another program (waited \(Self.seconds(timeout)))"
            then = "try again when it is done"
            path = store
        case .full(let store):
            why = "the disk is full or a file size limit was reached"
            then = "free some space and try again"
            path = store
        }
        let text: String
        switch effect {
        case .send(let id, _, let direction, _, _):
            let what = direction == .note ? "Note not saved" : "Not sent"
            let kept = composer?.ticketID == id || parkedComposers[id] != nil
                ? "the \(direction == .note ? "note" : "reply") stays in the composer" : "nothing was kept"
            text = "\(what): \(why). Nothing was done; \(kept) — \(then)"
        case .saveDraft(let id, _, _):
            retryDraftSave(ticketID: id)
            if quitting {
                // Leaving now would lose the text: stay, and say why.
                quitting = false
                text = "Not quit: the draft of #\(id) could not be saved: \(why). It stays in the composer — \(then), then quit again"
            } else {
                text = "Draft not saved: \(why). It stays in the composer and is saved again in \(Self.seconds(Self.draftRetrySeconds))"
            }
        case .presence(.claimNext):
            text = "Not claimed: \(why) — \(then)"
        case .presence, .recordTemplateUse, .keptDrafts:
            // The console's own bookkeeping: said, nothing the agent asked for is lost.
            text = "The store could not be written: \(why)"
        default:
            text = "Not done: \(why). Nothing changed — \(then)"
        }
        showFlash("\(text) (\(path))", .error, seconds: Self.faultFlashSeconds)
        return []
    }

    /// The draft of `ticketID` counts as unsaved again, due `draftRetrySeconds` from now.
    private mutating func retryDraftSave(ticketID: Int64) {
        let due = nowSeconds - Self.draftSaveDelay + Self.draftRetrySeconds
        if composer?.ticketID == ticketID {
            composer!.unsavedSince = due
        } else if parkedComposers[ticketID] != nil {
            parkedComposers[ticketID]!.unsavedSince = due
        }
    }

    /// `30 s`, `1.5 s`.
    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
