import Foundation
import Glibc
import KefuCore
import KefuMail

/// Hands marketplace replies to a connector as JSON Lines: one object per reply appended to
/// `<folder>/replies.jsonl`, which the connector reads (and may rotate away).
///
/// At most once: the file is the journal. The append happens under an exclusive lock on the
/// file, after looking for the reply's idempotency key in it; the line is one `write` of a
/// complete line followed by fsync, so a process killed at any point leaves the line whole or
/// absent. A row found `sending` after a crash is checked the same way: key in the file means
/// handed over (mark sent), no key means never written (write it).
///
///     {"attachments":[{"filename":"weigh.jpg","id":"EV-2F9A","path":"/srv/kefu/k-evidence/objects/2f/9a…",
///      "sha256":"2f9a…","size":48211,"type":"image/jpeg"}],
///      "body":"...","channel":"marketplace","conversation":"amz-114","idempotency_key":"...",
///      "marketplace":"amazon","message_id":"kefu.7.1f3a@shop.example","order":"114-...",
///      "queued_at":"2026-11-23T09:00:00Z","subject":"Re: ...","ticket":12,"to":"Anna <anna@...>"}
///
/// `attachments` lists the evidence the agent asked to send (empty when none); `path` is the
/// evidence store's file, checked against `sha256` just before the line was written. The same
/// line is what a connector command (`mail.marketplace_command`) reads on standard input.
public struct JSONLinesHandoff: Sendable {
    public let folder: String
    public var path: String { folder + "/replies.jsonl" }

    public init(folder: String) {
        self.folder = folder
    }

    /// The line for a reply (sorted keys, no newline inside: JSON escapes them).
    public static func line(_ entry: OutboxEntry, attachments: [LoadedAttachment] = []) throws -> [UInt8] {
        let listed: [[String: Any]] = attachments.map {
            [
                "id": $0.attachment.evidenceID, "filename": $0.attachment.filename, "type": $0.attachment.contentType,
                "sha256": $0.attachment.sha256, "size": $0.data.count, "path": $0.path,
            ]
        }
        let object: [String: Any] = [
            "attachments": listed,
            "idempotency_key": entry.idempotencyKey, "message_id": entry.mailMessageID, "ticket": entry.ticketID,
            "conversation": entry.conversation, "channel": entry.channel.rawValue, "marketplace": entry.marketplace.rawValue,
            "order": entry.orderID ?? NSNull(),
            "to": entry.customerName.isEmpty || entry.customerName == entry.customerAddress
                ? entry.customerAddress : "\(entry.customerName) <\(entry.customerAddress)>",
            "subject": OutgoingSubject.reply(entry.ticketSubject), "body": entry.body, "queued_at": RFC3339.format(entry.queuedAt),
        ]
        var data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return [UInt8](data)
    }

    /// Appends the reply; with `checkFirst` (a reply that may have been written before) only
    /// when the file does not hold its key yet. A reply never tried before skips the scan.
    public func deliver(_ entry: OutboxEntry, line: [UInt8], checkFirst: Bool) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DeliveryError("cannot create the marketplace outbox \(folder): \(error.localizedDescription)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DeliveryError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw DeliveryError("cannot lock \(path): \(String(cString: strerror(errno)))") }
        }
        if checkFirst, try contains(entry.idempotencyKey) { return }
        // A write cut short (a full disk, the file size limit) may leave part of the line, and
        // a part holding the key would pass for the whole reply: the file goes back to its end
        // before the write, under the same lock, so the line is whole or absent.
        var before = stat()
        guard fstat(descriptor, &before) == 0 else { throw DeliveryError.system("cannot look at \(path)") }
        do {
            try DurableFile.writeAll(descriptor, line, path: path)
            guard fsync(descriptor) == 0 else { throw DeliveryError.system("cannot sync \(path)") }
        } catch {
            if ftruncate(descriptor, before.st_size) == 0 { _ = fsync(descriptor) }
            throw error
        }
    }

    /// True when a line of the file carries this idempotency key.
    public func contains(_ key: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let needle = Array("\"idempotency_key\":".utf8) + Array((try JSONSerialization.data(withJSONObject: [key], options: [.withoutEscapingSlashes])).dropFirst().dropLast())
        var carry: [UInt8] = []
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { return false }
            let window = carry + [UInt8](chunk)
            if Self.find(needle, in: window) { return true }
            carry = Array(window.suffix(needle.count - 1))
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var index = 0
                while index <= hay.count - pin.count {
                    if hay[index] == first, memcmp(hay.baseAddress! + index, pin.baseAddress!, pin.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }
}

/// "Re: " and the subject without reply prefixes, as the email reply gets it.
enum OutgoingSubject {
    static func reply(_ subject: String) -> String {
        KefuMail.OutgoingReply.replySubject(subject)
    }
}
