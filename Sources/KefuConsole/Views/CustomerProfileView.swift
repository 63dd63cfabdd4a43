import Foundation
import KefuCore

/// The customer beside (or over) the thread: name, language, marketplaces, country, segment,
/// first and last order, totals per currency, open follow-ups, orders with status and parcels,
/// and every earlier conversation with its outcome (`j`/`k` select, `Enter` opens). Everything the
/// customer or an import wrote goes through the sanitiser.
enum CustomerProfileView {
    static func draw(_ state: AppState, in rect: Rect, on screen: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 4, let thread = state.thread else { return }
        let focused = state.focus == .profile
        screen.fill(rect, role: .normal)
        screen.fill(Rect(top: rect.top, left: rect.left, height: 1, width: rect.width), role: focused ? .selected : .header)
        guard let profile = thread.customer else {
            screen.put(" Customer", row: rect.top, col: rect.left, role: focused ? .selected : .header, limit: rect.width)
            screen.put(thread.customerNote ?? "no customer for this ticket", row: rect.top + 1, col: rect.left + 1, role: .dim, limit: rect.width - 1)
            return
        }
        screen.put(" Customer \(CustomerName.of(profile.customer.id))", row: rect.top, col: rect.left,
                   role: focused ? .selected : .header, limit: rect.width)
        let lines = self.lines(profile, ticketID: thread.ticket.id, selected: focused ? state.customerPane.selected : nil, width: rect.width - 1)
        let visible = rect.height - 1
        // Keep the selected conversation in view.
        let selectedLine = lines.firstIndex { $0.role == .selected } ?? 0
        let scroll = max(0, min(selectedLine - visible + 2, lines.count - visible))
        for i in 0..<visible {
            let index = scroll + i
            guard index < lines.count else { break }
            screen.put(lines[index].text, row: rect.top + 1 + i, col: rect.left + 1, role: lines[index].role, limit: rect.width - 1)
        }
    }

    struct Line: Hashable {
        var text: String
        var role: StyleRole
    }

    static func day(_ date: Date) -> String { String(RFC3339.format(date).prefix(10)) }

    static func lines(_ profile: CustomerProfile, ticketID: Int64, selected: Int?, width: Int) -> [Line] {
        let clean = TerminalSanitizer.oneLine
        let customer = profile.customer
        var lines: [Line] = [Line(text: clean(customer.displayName), role: .title)]
        lines.append(Line(text: "language \(customer.language ?? "unknown") · \(customer.marketplaces.map(\.displayName).joined(separator: ", "))", role: .normal))
        lines.append(Line(text: "country \(profile.country ?? "unknown")", role: .normal))
        lines.append(Line(text: "segment \(customer.segment ?? "none")\(customer.scores.map { " · \($0.text)" } ?? "")", role: .normal))
        if let first = profile.firstOrder, let last = profile.lastOrder {
            lines.append(Line(text: "orders \(profile.orders.count) · first \(day(first.placedAt)) · last \(day(last.placedAt))", role: .normal))
            lines.append(Line(text: "spent " + profile.totals.map(\.text).joined(separator: " · "), role: .normal))
        } else {
            lines.append(Line(text: "no orders", role: .dim))
        }
        if !profile.openFollowUps.isEmpty {
            lines.append(Line(text: "── open follow-ups (\(profile.openFollowUps.count)) ──", role: .border))
            for followUp in profile.openFollowUps {
                lines.append(Line(text: "#\(followUp.ticketID) " + followUp.listText, role: .normal))
            }
        }
        let earlier = profile.conversations(besides: ticketID)
        lines.append(Line(text: "── earlier conversations (\(earlier.count)) ──", role: .border))
        if earlier.isEmpty { lines.append(Line(text: "none", role: .dim)) }
        for (index, conversation) in earlier.enumerated() {
            let chosen = index == selected
            lines.append(Line(text: "\(chosen ? "▸" : " ")#\(conversation.ticketID) \(day(conversation.lastMessageAt)) \(clean(conversation.conversation))",
                              role: chosen ? .selected : .normal))
            lines.append(Line(text: "   \(conversation.outcomeText) · \(clean(conversation.subject))", role: chosen ? .selectedDim : .dim))
        }
        lines.append(Line(text: "── orders ──", role: .border))
        for order in profile.orders {
            lines.append(Line(text: "\(clean(order.id)) \(day(order.placedAt)) \(OrderStatus.of(order)) \(MoneyTotal(currency: order.currency, amount: order.total).text)", role: .normal))
            for parcel in order.parcels {
                lines.append(Line(text: "   \(clean(parcel.trackingNumber)) \(clean(parcel.carrier))", role: .dim))
            }
        }
        return lines
    }
}
