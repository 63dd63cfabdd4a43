import Foundation
import KefuCore

/// Reads the queue window a `QueueLoad` asks for, with keyset queries only: moving, jumping to
/// either end and reloading never count or skip through the rows before the window.
struct QueueWindowLoader {
    let store: any TicketStore
    let state: QueueState
    let now: Date

    var triage: TriageRule = .standard

    private var query: QueueQuery {
        QueueQuery(view: state.view, filter: state.filter, now: now, scope: state.scope, order: state.order, triage: triage)
    }
    private var size: Int { AppState.windowSize }

    /// The window with the triage bands' counts (late from the index; savable is what is left
    /// once the tickets without a clock are taken out).
    func load(_ load: QueueLoad) throws -> QueueWindow {
        var window = try readRows(load)
        guard state.order == .triage else { return window }
        let late = try store.queueCount(query, band: .late)
        let without = state.view == .allOpen ? try store.queueCount(query, band: .noDeadline) : 0
        window.bands = QueueBands(savable: max(0, window.total - late - without), late: late)
        return window
    }

    private func readRows(_ load: QueueLoad) throws -> QueueWindow {
        switch load {
        case .top:
            let rows = try store.queue(query, after: nil, limit: size)
            return QueueWindow(rows: rows, windowStart: 0, total: try total(hint: rows.count), selected: 0)
        case .bottom:
            let rows = try store.queue(query, before: nil, limit: size)
            let total = try store.queueCount(query)
            return QueueWindow(rows: rows, windowStart: total - rows.count, total: total, selected: total - 1)
        case .forward(let target):
            guard let last = state.rows.last else { return try readRows(.top) }
            let needed = target - state.windowEnd + 1
            let fetched = try store.queue(query, after: QueuePosition(last), limit: max(size, needed + size / 2))
            let kept = Array(state.rows.suffix(size / 2))
            let start = state.windowEnd - kept.count
            let rows = kept + fetched
            let total = fetched.count < max(size, needed + size / 2) ? start + rows.count : state.total
            return QueueWindow(rows: rows, windowStart: start, total: max(total, start + rows.count), selected: min(target, start + rows.count - 1))
        case .backward(let target):
            guard let first = state.rows.first else { return try readRows(.top) }
            let needed = state.windowStart - target
            let fetched = try store.queue(query, before: QueuePosition(first), limit: max(size, needed + size / 2))
            let kept = Array(state.rows.prefix(size / 2))
            let start = max(0, state.windowStart - fetched.count)
            return QueueWindow(rows: fetched + kept, windowStart: start, total: state.total, selected: max(target, start))
        case .around(let ticket):
            // A jump: the window around the ticket's own place, selecting it when it is listed.
            let anchor = QueuePosition(ticket)
            let before = try store.queue(query, before: anchor, limit: size / 2)
            let from = try store.queue(query, after: QueuePosition(key: anchor.key, id: anchor.id - 1), limit: size / 2)
            guard from.first?.id == ticket.id else { return try readRows(.reload(keep: state.selectedTicket?.id)) }
            let rows = before + from
            let start = before.isEmpty ? 0 : try store.queueIndex(query, of: QueuePosition(rows[0]))
            return QueueWindow(rows: rows, windowStart: start, total: try store.queueCount(query), selected: start + before.count)
        case .reload(let keep):
            // Re-read around the selection: rows may have come or gone on either side of it.
            guard let selected = state.rows.first(where: { $0.id == keep }) ?? state.selectedTicket ?? state.rows.first else {
                return try readRows(.top)
            }
            let anchor = QueuePosition(selected)
            let before = try store.queue(query, before: anchor, limit: size / 2)
            let from = try store.queue(query, after: QueuePosition(key: anchor.key, id: anchor.id - 1), limit: size / 2)
            let rows = before + from
            let total = try store.queueCount(query)
            if rows.isEmpty { return QueueWindow(rows: [], windowStart: 0, total: 0, selected: 0) }
            let start = before.isEmpty ? 0 : try store.queueIndex(query, of: QueuePosition(rows[0]))
            let index: Int
            if let keep, let i = rows.firstIndex(where: { $0.id == keep }) {
                index = start + i
            } else {
                // The selected ticket left the list (answered): the next one takes its place.
                index = start + min(before.count, rows.count - 1)
            }
            return QueueWindow(rows: rows, windowStart: start, total: total, selected: index)
        }
    }

    /// The full count, skipped when the first window already holds everything.
    private func total(hint: Int) throws -> Int {
        hint < size ? hint : try store.queueCount(query)
    }
}
