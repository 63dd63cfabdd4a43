import Foundation
import KefuCore

/// `kefu show ID --json`: the ticket and its messages with their scam findings and reading
/// notes, sorted keys.
/// Customer text is left as written (JSON escapes what a terminal must not see).
enum ShowJSON {
    static func render(ticket: Ticket, messages: [Message]) throws -> String {
        let object: [String: Any] = [
            "id": ticket.id, "conversation": ticket.conversation, "customer": ticket.customerName,
            "customer_address": ticket.customerAddress, "channel": ticket.channel.rawValue,
            "marketplace": ticket.marketplace.rawValue, "status": ticket.status.rawValue, "subject": ticket.subject,
            "order": ticket.orderID ?? NSNull(), "language": ticket.language ?? NSNull(),
            "safety": ticket.safetyMark ?? NSNull(),
            "messages": messages.map { message -> [String: Any] in
                [
                    "id": message.externalID, "direction": message.direction.rawValue, "author": message.author,
                    "at": RFC3339.format(message.at), "subject": message.subject, "body": message.body,
                    "findings": message.findings.map(findingObject),
                    // How a broken mail was read (`ReadingNotes`); empty for a sound one.
                    "reading_notes": message.readingNotes,
                ]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func findingObject(_ finding: SafetyFinding) -> [String: Any] {
        [
            "category": finding.category.rawValue, "mark": finding.category.word, "signal": finding.signal,
            "shown": finding.shown, "key": finding.key ?? NSNull(), "detail": finding.detail,
        ]
    }
}
