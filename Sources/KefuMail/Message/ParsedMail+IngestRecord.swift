import Foundation
import KefuCore

extension ParsedMail {
    /// The record the store takes in, for a message from the customer's side: direction in, or
    /// `automatic` (with what it is) when a machine sent it.
    ///
    /// - `conversation`: from `MailThreader` when importing a mailbox; this message's own
    ///   `conversationKey` when nil.
    /// - `receivedAt`: used when the Date header is missing or unreadable (file time, mbox
    ///   envelope date, or the import time).
    /// - `language`: the declared Content-Language, else `detectedLanguage` (the caller's detector).
    public func ingestRecord(conversation: String? = nil, receivedAt: Date, detectedLanguage: String? = nil) -> IngestRecord {
        var record = IngestRecord(
            id: storageID,
            conversation: conversation ?? conversationKey,
            channel: classification.channel,
            marketplace: classification.marketplace,
            direction: automatic == nil ? .inbound : .automatic,
            from: from.first.map(Self.display) ?? "",
            to: to.first.map(Self.display) ?? "",
            at: date ?? receivedAt,
            subject: subject,
            body: text,
            order: classification.orderID,
            language: language ?? detectedLanguage)
        record.automatic = automatic
        return record
    }

    /// `Name <address>` in the form `MailAddress(parsing:)` reads back.
    static func display(_ address: MailAddress) -> String {
        let localPart = String(address.address.prefix { $0 != "@" })
        let name = address.name.filter { $0 != "<" && $0 != ">" && $0 != "\"" }
        if name.isEmpty || name == localPart { return address.address }
        return "\(name) <\(address.address)>"
    }
}
