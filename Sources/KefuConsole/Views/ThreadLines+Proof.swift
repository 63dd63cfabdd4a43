import Foundation
import KefuCore

extension ThreadLines {
    /// The order's evidence under its parcels: id, kind, date, short hash and note (the note is
    /// agent-typed, sanitised all the same).
    static func evidenceLines(_ thread: ThreadState, timeZone: TimeZone) -> [String] {
        guard thread.order != nil || thread.ticket.orderID != nil else { return [] }
        return thread.proof.evidence.map { "  Evidence " + TerminalSanitizer.oneLine(AppState.evidenceSummary($0, timeZone: timeZone)) }
    }
}
