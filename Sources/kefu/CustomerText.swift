import Foundation
import KefuCore

/// `kefu customer show` as lines and as JSON; every customer-written string sanitised.
enum CustomerText {
    static func day(_ date: Date) -> String { String(RFC3339.format(date).prefix(10)) }

    static func lines(_ profile: CustomerProfile) -> [String] {
        let customer = profile.customer
        let clean = TerminalSanitizer.oneLine
        var lines: [String] = []
        lines.append("\(CustomerName.of(customer.id))  \(clean(customer.displayName))")
        lines.append("  language: \(customer.language ?? "unknown") · marketplaces: \(customer.marketplaces.map(\.displayName).joined(separator: ", ").ifEmpty("none"))")
        lines.append("  country: \(profile.country ?? "unknown (no order carries a shipping address)")")
        lines.append("  segment: \(customer.segment ?? "none")\(customer.scores.map { " (\($0.text))" } ?? "")")
        if let at = customer.optedOutAt { lines.append("  opted out of notices \(day(at)) (kefu notify holds them back)") }
        lines.append("  keys: " + customer.keys.map { "\($0.kind.rawValue) \(clean($0.value))" }.joined(separator: ", "))
        if let first = profile.firstOrder, let last = profile.lastOrder {
            lines.append("  first order \(day(first.placedAt)) · last order \(day(last.placedAt)) · \(CountText.of(profile.orders.count, "order")) · spent \(profile.totals.map(\.text).joined(separator: ", "))")
        } else {
            lines.append("  no orders")
        }
        if !profile.orders.isEmpty { lines.append("orders:") }
        for order in profile.orders {
            let parcels = order.parcels.map { "\(clean($0.trackingNumber)) (\(clean($0.carrier)))" }.joined(separator: ", ")
            lines.append("  \(clean(order.id))  \(day(order.placedAt))  \(OrderStatus.of(order))  \(MoneyTotal(currency: order.currency, amount: order.total).text)\(parcels.isEmpty ? "" : "  parcels: " + parcels)")
        }
        if !profile.openFollowUps.isEmpty { lines.append("open follow-ups:") }
        for followUp in profile.openFollowUps {
            lines.append("  #\(followUp.ticketID)  \(followUp.listText)")
        }
        if !profile.conversations.isEmpty { lines.append("conversations:") }
        for conversation in profile.conversations {
            lines.append("  #\(conversation.ticketID)  \(clean(conversation.conversation))  \(day(conversation.lastMessageAt))  \(conversation.outcomeText)  \(clean(conversation.subject))")
        }
        if !profile.merges.isEmpty { lines.append("merges:") }
        for merge in profile.merges {
            lines.append("  \(CustomerName.of(merge.absorbed)) into \(CustomerName.of(merge.kept)) by \(clean(merge.by)) \(RFC3339.format(merge.at)) (\(clean(merge.reason)))\(merge.undoneAt.map { " · split \(RFC3339.format($0))" } ?? "")")
        }
        return lines
    }
}

enum CustomerJSON {
    static func text(_ object: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    static func customer(_ customer: Customer) -> [String: Any] {
        [
            "id": CustomerName.of(customer.id), "name": TerminalSanitizer.oneLine(customer.displayName),
            "language": customer.language ?? NSNull(), "marketplaces": customer.marketplaces.map(\.rawValue),
            "keys": customer.keys.map { TerminalSanitizer.oneLine($0.stored) }, "segment": customer.segment ?? NSNull(),
            "opted_out_at": customer.optedOutAt.map(RFC3339.format) ?? NSNull(),
            "rfm": customer.scores.map { ["recency": $0.recency, "frequency": $0.frequency, "monetary": $0.monetary] } ?? NSNull(),
        ]
    }

    static func profile(_ profile: CustomerProfile) -> [String: Any] {
        var object = customer(profile.customer)
        object["country"] = profile.country ?? NSNull()
        object["first_order"] = profile.firstOrder.map { RFC3339.format($0.placedAt) } ?? NSNull()
        object["last_order"] = profile.lastOrder.map { RFC3339.format($0.placedAt) } ?? NSNull()
        object["total_spent"] = profile.totals.map { ["currency": $0.currency, "amount": "\($0.amount)"] }
        object["orders"] = profile.orders.map { order -> [String: Any] in
            [
                "id": TerminalSanitizer.oneLine(order.id), "placed_at": RFC3339.format(order.placedAt), "status": OrderStatus.of(order),
                "total": "\(order.total)", "currency": order.currency, "marketplace": order.marketplace.rawValue,
                "parcels": order.parcels.map { ["tracking_number": TerminalSanitizer.oneLine($0.trackingNumber), "carrier": TerminalSanitizer.oneLine($0.carrier)] },
            ]
        }
        object["conversations"] = profile.conversations.map { conversation -> [String: Any] in
            [
                "ticket": conversation.ticketID, "conversation": TerminalSanitizer.oneLine(conversation.conversation),
                "subject": TerminalSanitizer.oneLine(conversation.subject), "status": conversation.status.rawValue,
                "last_message_at": RFC3339.format(conversation.lastMessageAt),
                "outcome": conversation.outcome.map { ["problem": $0.problem.rawValue, "responsible": $0.responsible.rawValue, "resolution": $0.resolution.rawValue] } ?? NSNull(),
            ]
        }
        object["open_follow_ups"] = profile.openFollowUps.map { followUp -> [String: Any] in
            [
                "ticket": followUp.ticketID, "kind": followUp.when.kindName, "due_at": followUp.dueAt.map(RFC3339.format) ?? NSNull(),
                "rule": followUp.rule.map(TerminalSanitizer.oneLine) ?? NSNull(), "created_by": TerminalSanitizer.oneLine(followUp.createdBy),
            ]
        }
        object["merges"] = profile.merges.map { merge -> [String: Any] in
            [
                "kept": CustomerName.of(merge.kept), "absorbed": CustomerName.of(merge.absorbed), "by": TerminalSanitizer.oneLine(merge.by),
                "at": RFC3339.format(merge.at), "reason": TerminalSanitizer.oneLine(merge.reason), "automatic": merge.automatic,
                "undone_at": merge.undoneAt.map(RFC3339.format) ?? NSNull(),
            ]
        }
        return object
    }
}

extension String {
    fileprivate func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
