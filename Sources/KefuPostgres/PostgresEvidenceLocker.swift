import Foundation
import KefuCore
import KefuEvidenceFiles

/// The evidence locker over the shared store: the records in the `evidence` table (so every
/// machine of the team sees them and replies can attach them), the files in the
/// content-addressed `EvidenceStore` on this machine's disk, as with SQLite.
///
/// Adding copies the file first (atomically), then inserts the record in one transaction that
/// locks the order's row; a removal locks the same row, so it cannot delete a file an add is
/// about to record. A record therefore never points at a half-written file.
public final class PostgresEvidenceLocker: EvidenceLocker, @unchecked Sendable {
    public let store: PostgresTicketStore
    public let files: EvidenceStore

    public init(store: PostgresTicketStore, folder: URL, settings: EvidenceSettings = EvidenceSettings()) throws {
        self.store = store
        do {
            files = try EvidenceStore(folder: folder, sizeLimit: settings.sizeLimit)
        } catch let error as EvidenceError {
            throw EvidenceLockerError.file(message: error.description)
        }
    }

    public func addEvidence(_ evidence: NewEvidence, now: Date) throws -> EvidenceAddition {
        // The order first, so a mistyped order id copies nothing.
        guard try store.order(id: evidence.orderID) != nil else { throw EvidenceLockerError.unknownOrder(evidence.orderID) }
        for attempt in 1...2 {
            let stored: StoredEvidenceFile
            do {
                stored = try files.add(file: evidence.file)
            } catch let error as EvidenceError {
                throw EvidenceLockerError.file(message: error.description)
            }
            let outcome: EvidenceAddition? = try store.session.transaction { tx in
                guard !(try tx.query("SELECT 1 FROM orders WHERE id = $1 FOR UPDATE", [.text(evidence.orderID)])).isEmpty else {
                    throw EvidenceLockerError.unknownOrder(evidence.orderID)
                }
                // Content-wide: removals of this content wait for the add, and the other way round.
                try tx.query("SELECT pg_advisory_xact_lock(7238004, hashtext($1))", [.text(stored.sha256)])
                if let existing = try tx.query("SELECT \(Self.columns) FROM evidence WHERE order_id = $1 AND sha256 = $2",
                                               [.text(evidence.orderID), .text(stored.sha256)]).first {
                    return EvidenceAddition(record: try Self.record(existing), wasAlreadyAttached: true)
                }
                guard files.contains(sha256: stored.sha256) else { return nil }
                let id = try Self.freeID(tx, sha256: stored.sha256)
                let note = evidence.note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
                let record = EvidenceRecord(
                    id: id, sha256: stored.sha256, orderID: evidence.orderID, kind: evidence.kind, note: note,
                    addedBy: evidence.addedBy, addedAt: now, originalName: evidence.file.lastPathComponent, size: stored.size)
                try tx.query("""
                    INSERT INTO evidence (id, sha256, order_id, kind, note, added_by, added_at, original_name, size)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    """, [.text(record.id), .text(record.sha256), .text(record.orderID), .text(record.kind.rawValue), .of(record.note),
                          .text(record.addedBy), .double(now.timeIntervalSince1970), .text(record.originalName), .int(record.size)])
                return EvidenceAddition(record: record, wasAlreadyAttached: false)
            }
            if let outcome { return outcome }
            if attempt == 2 { break }
        }
        throw EvidenceLockerError.file(message: "\(evidence.file.path): the stored copy was removed while it was being added; try again")
    }

    public func evidence(orderID: String) throws -> [EvidenceRecord] {
        try store.session.query("SELECT \(Self.columns) FROM evidence WHERE order_id = $1 ORDER BY added_at, id", [.text(orderID)])
            .map(Self.record)
    }

    public func evidence(id: String) throws -> EvidenceRecord? {
        guard let parsed = EvidenceID(parsing: id) else { return nil }
        return try store.session.query("SELECT \(Self.columns) FROM evidence WHERE id = $1", [.text(parsed.text)]).first.map(Self.record)
    }

    public func fileLocation(of record: EvidenceRecord) -> URL {
        files.location(of: record.sha256)
    }

    public func removeEvidence(id: String, reason: String, removedBy: String, now: Date) throws -> EvidenceRemoval {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw EvidenceLockerError.emptyReason }
        guard let parsed = EvidenceID(parsing: id) else { throw EvidenceLockerError.unknownEvidence(id) }
        return try store.session.transaction { tx in
            guard let row = try tx.query("SELECT \(Self.columns) FROM evidence WHERE id = $1 FOR UPDATE", [.text(parsed.text)]).first else {
                throw EvidenceLockerError.unknownEvidence(parsed.text)
            }
            let record = try Self.record(row)
            try tx.query("SELECT pg_advisory_xact_lock(7238004, hashtext($1))", [.text(record.sha256)])
            try tx.query("DELETE FROM evidence WHERE id = $1", [.text(record.id)])
            // Mail attachments keep their bytes in the same folder: they count as users too.
            let others = try tx.query("""
                SELECT (SELECT count(*) FROM evidence WHERE sha256 = $1) + (SELECT count(*) FROM message_attachment WHERE sha256 = $1)
                """, [.text(record.sha256)])[0].int(0)
            let deleteFile = others == 0
            try tx.query("""
                INSERT INTO evidence_removal (evidence_id, sha256, order_id, kind, note, added_by, added_at, original_name,
                    size, removed_by, removed_at, reason, file_deleted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                """, [.text(record.id), .text(record.sha256), .text(record.orderID), .text(record.kind.rawValue), .of(record.note),
                      .text(record.addedBy), .double(record.addedAt.timeIntervalSince1970), .text(record.originalName), .int(record.size),
                      .text(removedBy), .double(now.timeIntervalSince1970), .text(why), .bool(deleteFile)])
            // The audit log links to the removal record; the reason (the agent's words) stays there.
            let ticket = try tx.query("SELECT id FROM ticket WHERE order_id = $1 ORDER BY id LIMIT 1", [.text(record.orderID)]).first?.int(0)
            try PostgresAuditRows.record(tx, at: now, agent: removedBy, action: .evidenceRemoved, ticketID: ticket,
                                         detail: AuditDetail.evidenceRemoved(id: record.id, fileDeleted: deleteFile))
            // The file goes last, just before the commit.
            if deleteFile {
                do { try files.removeFile(sha256: record.sha256) } catch let error as EvidenceError {
                    throw EvidenceLockerError.file(message: error.description)
                }
            }
            return EvidenceRemoval(record: record, removedBy: removedBy, removedAt: now, reason: why, fileDeleted: deleteFile)
        }
    }

    public func evidenceRemovals(limit: Int) throws -> [EvidenceRemoval] {
        try store.session.query("""
            SELECT evidence_id, sha256, order_id, kind, note, added_by, added_at, original_name, size,
                removed_by, removed_at, reason, file_deleted FROM evidence_removal ORDER BY removed_at DESC, id DESC LIMIT $1
            """, [.int(Int64(limit))]).map { row in
            EvidenceRemoval(record: try Self.record(row), removedBy: try row.string(9), removedAt: try row.date(10),
                            reason: try row.string(11), fileDeleted: try row.bool(12))
        }
    }

    /// How many replies not yet sent carry this evidence (they fail if it is removed).
    public func unsentRepliesCarrying(evidenceID: String) throws -> Int {
        Int(try store.session.query("""
            SELECT count(DISTINCT a.outbox_id) FROM outbox_attachment a JOIN outbox o ON o.id = a.outbox_id
            WHERE a.evidence_id = $1 AND o.state <> 'sent' AND state <> 'bounced'
            """, [.text(evidenceID)])[0].int(0))
    }

    // MARK: - Rows

    static let columns = "id, sha256, order_id, kind, note, added_by, added_at, original_name, size"

    static func record(_ row: PostgresResultRow) throws -> EvidenceRecord {
        EvidenceRecord(
            id: try row.string(0), sha256: try row.string(1), orderID: try row.string(2),
            kind: EvidenceKind(rawValue: try row.string(3)) ?? .document, note: try row.optionalString(4), addedBy: try row.string(5),
            addedAt: try row.date(6), originalName: try row.string(7), size: try row.int(8))
    }

    /// The shortest `EV-` id for the hash that no record holds.
    static func freeID(_ tx: PostgresTransaction, sha256: String) throws -> String {
        for digits in EvidenceID.minimumDigits...sha256.count {
            let candidate = EvidenceID(sha256: sha256, digits: digits).text
            if try tx.query("SELECT 1 FROM evidence WHERE id = $1", [.text(candidate)]).isEmpty { return candidate }
        }
        throw EvidenceLockerError.file(message: "every id for \(sha256) is taken")
    }
}
