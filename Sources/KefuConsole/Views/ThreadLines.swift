import Foundation
import KefuCore

/// A thread laid out as lines for a pane width: the ticket header, the order summary (items,
/// parcels newest first), then every message with who wrote it and when. All customer text is
/// sanitised here before it is wrapped.
public enum ThreadLines {
    public struct Line: Sendable, Hashable {
        public var text: String
        public var role: StyleRole
    }

    public static func make(_ thread: ThreadState, width: Int, now: Date, timeZone: TimeZone = .current) -> [Line] {
        var lines: [Line] = []
        let ticket = thread.ticket
        func add(_ text: String, _ role: StyleRole) {
            for piece in DisplayWidth.wrap(text, to: width) { lines.append(Line(text: piece, role: role)) }
        }
        let name = TerminalSanitizer.oneLine(ticket.customerName)
        let address = TerminalSanitizer.oneLine(ticket.customerAddress)
        add("#\(ticket.id) \(name) <\(address)>", .title)
        var facts = "\(ticket.marketplace.displayName) · \(ticket.channel.rawValue)"
        if let language = ticket.language { facts += " · \(TerminalSanitizer.oneLine(language))" }
        facts += " · \(ticket.status.rawValue)"
        add(facts, .dim)
        add("Subject: " + TerminalSanitizer.oneLine(ticket.subject), .normal)
        if let at = ticket.followUpAt {
            let left = at.timeIntervalSince(now)
            let when = TimeText.of(at, timeZone: timeZone)
            add(left > 0 ? "↻ Follow-up due \(when) (in \(Countdown.compact(remaining: left)))"
                         : "↻ Follow-up DUE since \(when) — reply, or F then done", left > 0 ? .dim : .warning)
        }
        for line in safetyLines(thread) { add(line, .overdue) }
        if let order = thread.order {
            add("Order \(TerminalSanitizer.oneLine(order.id)) · \(order.currency) \(order.total) · placed \(TimeText.of(order.placedAt, timeZone: timeZone))", .header)
            if let address = order.shippingAddress {
                add("  Ship to: " + TerminalSanitizer.oneLine(address.oneLine), .normal)
            }
            for item in order.items {
                add("  \(item.quantity) × \(TerminalSanitizer.oneLine(item.title)) [\(TerminalSanitizer.oneLine(item.sku))]", .normal)
            }
            for parcel in order.parcels {
                var text = "  Parcel \(TerminalSanitizer.oneLine(parcel.trackingNumber)) · \(TerminalSanitizer.oneLine(parcel.carrier)) · shipped \(TimeText.of(parcel.shippedAt, timeZone: timeZone))"
                if let earlier = parcel.replaces { text += " · took over from \(TerminalSanitizer.oneLine(earlier))" }
                add(text, .normal)
            }
            for line in evidenceLines(thread, timeZone: timeZone) { add(line, .normal) }
        } else if let orderID = ticket.orderID {
            add("Order \(TerminalSanitizer.oneLine(orderID)) (no order details imported)", .dim)
        }
        for message in thread.messages {
            lines.append(Line(text: "", role: .normal))
            let who: String
            let role: StyleRole
            switch message.direction {
            case .inbound: who = "Customer"; role = .customer
            case .outbound: who = "Agent"; role = .agent
            case .note: who = "Internal note"; role = .note
            case .automatic: who = "Automatic mail, no reply clock"; role = .dim
            }
            let author = TerminalSanitizer.oneLine(MailAddress(parsing: message.author).name)
            let delivery = message.delivery.map { " · " + TerminalSanitizer.oneLine($0.labelWithAttachments) } ?? ""
            add("── \(who) · \(author) · \(TimeText.of(message.at, timeZone: timeZone))\(delivery) ──", role)
            for note in message.readingNotes {
                add("ⓘ Read leniently: " + TerminalSanitizer.oneLine(note), .warning)
            }
            let body = TerminalSanitizer.clean(defanged(message.body, findings: message.findings))
            add(body, message.direction == .note ? .note : .normal)
        }
        return lines
    }
}
