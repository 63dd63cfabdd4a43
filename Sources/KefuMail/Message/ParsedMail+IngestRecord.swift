import Foundation
import KefuCore

extension ParsedMail {
    /// The record the store takes in, for a message a customer sent (direction in).
    ///
    /// - `conversation`: from `MailThreader` when importing a mailbox; this message's own
    ///   `conversationKey` when nil.
    /// - `receivedAt`: used when the Date header is missing or unreadable (file time, mbox
    ///   envelope date, or the import time).
    /// - `language`: the declared Content-Language, else `detectedLanguage` (the caller's detector).
    public func ingestRecord(conversation: String? = nil, receivedAt: Date, detectedLanguage: String? = nil) -> IngestRecord {
        IngestRecord(
            id: storageID,
            conversation: conversation ?? conversationKey,
            channel: classification.channel,
            marketplace: classification.marketplace,
            direction: .inbound,
            from: from.first.map(Self.display) ?? "",
            to: to.first.map(Self.display) ?? "",
            at: date ?? receivedAt,
            subject: subject,
            body: text,
            order: classification.orderID,
            language: language ?? detectedLanguage)
    }

    /// `Name <address>` in the form `MailAddress(parsing:)` reads back.
    static func display(_ address: MailAddress) -> String {
        let localPart = String(address.address.prefix { $0 != "@" })
        let name = address.name.filter { $0 != "<" && $0 != ">" && $0 != "\"" }
        if name.isEmpty || name == localPart { return address.address }
        return "\(name) <\(address.address)>"
    }
}
