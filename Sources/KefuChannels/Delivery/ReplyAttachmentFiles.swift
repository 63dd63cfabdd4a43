import Foundation
import KefuCore
import KefuEvidenceFiles

/// An attachment of a queued reply with its bytes, read from the evidence store and checked.
public struct LoadedAttachment: Sendable, Hashable {
    public var attachment: OutboxAttachment
    /// The evidence store's file (`…-evidence/objects/2f/9a41…`).
    public var path: String
    public var data: [UInt8]
}

/// Reads the evidence files a reply carries from the per-store evidence folder, and refuses
/// (naming the evidence id) when one cannot go exactly as the agent saw it: the record was
/// removed after the reply was queued, the file is gone, or its bytes no longer hash to the
/// SHA-256 recorded with the reply. Delivery then marks the reply failed rather than sending
/// it without the evidence.
public struct ReplyAttachmentFiles: Sendable {
    /// The evidence folder beside the store (`NAME-evidence/`).
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    public init(nextToStore databasePath: String) {
        folder = EvidenceStore.folder(nextTo: URL(fileURLWithPath: databasePath))
    }

    /// Where the file with this hash lives (the evidence store's layout: objects/ab/cdef…).
    public func path(of attachment: OutboxAttachment) -> String {
        let hash = attachment.sha256.lowercased()
        return folder.appendingPathComponent("objects").appendingPathComponent(String(hash.prefix(2)))
            .appendingPathComponent(String(hash.dropFirst(2))).path
    }

    public func load(_ attachments: [OutboxAttachment]) throws -> [LoadedAttachment] {
        try attachments.map { attachment in
            let id = attachment.evidenceID
            guard attachment.stillRecorded else {
                throw DeliveryError("evidence \(id) was removed from the evidence locker after the reply was queued; not sent without it (write a new reply)")
            }
            let path = path(of: attachment)
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw DeliveryError("evidence \(id): its file is missing (\(path)); not sent without it")
            }
            let data = [UInt8](contents)
            let hash = EvidenceHash.hex(of: data)
            guard hash == attachment.sha256.lowercased() else {
                throw DeliveryError("evidence \(id): its file no longer matches SHA-256 \(attachment.sha256.prefix(12)) (changed on disk); not sent without it")
            }
            return LoadedAttachment(attachment: attachment, path: path, data: data)
        }
    }
}
