import Foundation
import GRDB
import KefuCore

/// The evidence locker over a SQLite store: files in the content-addressed `EvidenceStore`
/// beside the database file, records in the `evidence` table, removals in `evidence_removal`.
///
/// Adding copies the file first (atomically: a killed copy leaves only a temporary file that the
/// next opening sweeps), then inserts the record in one transaction. A process killed between
/// the two leaves a complete, unreferenced file and no record; adding again finds the file and
/// records it. A record therefore never points at a missing or half-written file.
public final class SQLiteEvidenceLocker: EvidenceLocker {
    public let store: SQLiteTicketStore
    public let files: EvidenceStore

    /// Opens the evidence folder next to the store's database file (creating it if needed).
    public init(store: SQLiteTicketStore, settings: EvidenceSettings = EvidenceSettings()) throws {
        self.store = store
        do {
            files = try EvidenceStore(
                folder: EvidenceStore.folder(nextTo: URL(fileURLWithPath: store.path)), sizeLimit: settings.sizeLimit)
        } catch let error as EvidenceError {
            throw EvidenceLockerError.file(message: error.description)
        }
    }

    public func addEvidence(_ evidence: NewEvidence, now: Date) throws -> EvidenceAddition {
        // The order first, so a mistyped order id copies nothing.
        guard try store.pool.read({ db in try Self.orderExists(db, evidence.orderID) }) else {
            throw EvidenceLockerError.unknownOrder(evidence.orderID)
        }
        // A removal may delete the file between our copy and our insert; copy once more then.
        for attempt in 1...2 {
            let stored: StoredEvidenceFile
            do {
                stored = try files.add(file: evidence.file)
            } catch let error as EvidenceError {
                throw EvidenceLockerError.file(message: error.description)
            }
            let outcome: EvidenceAddition? = try store.pool.write { db in
                guard try Self.orderExists(db, evidence.orderID) else { throw EvidenceLockerError.unknownOrder(evidence.orderID) }
                if let existing = try Row.fetchOne(
                    db, sql: "SELECT \(Self.columns) FROM evidence WHERE order_id = ? AND sha256 = ?",
                    arguments: [evidence.orderID, stored.sha256])
                {
                    return EvidenceAddition(record: Self.record(existing), wasAlreadyAttached: true)
                }
                guard files.contains(sha256: stored.sha256) else { return nil }
                let id = try Self.freeID(db, sha256: stored.sha256)
                let note = evidence.note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
                let record = EvidenceRecord(
                    id: id, sha256: stored.sha256, orderID: evidence.orderID, kind: evidence.kind, note: note,
                    addedBy: evidence.addedBy, addedAt: now, originalName: evidence.file.lastPathComponent, size: stored.size)
                try db.execute(
                    sql: """
                        INSERT INTO evidence (id, sha256, order_id, kind, note, added_by, added_at, original_name, size)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.id, record.sha256, record.orderID, record.kind.rawValue, record.note, record.addedBy,
                        now.timeIntervalSince1970, record.originalName, record.size,
                    ])
                return EvidenceAddition(record: record, wasAlreadyAttached: false)
            }
            if let outcome { return outcome }
            if attempt == 2 { break }
        }
        throw EvidenceLockerError.file(message: "\(evidence.file.path): the stored copy was removed while it was being added; try again")
    }

    public func evidence(orderID: String) throws -> [EvidenceRecord] {
        try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.columns) FROM evidence WHERE order_id = ? ORDER BY added_at, id", arguments: [orderID]
            ).map(Self.record)
        }
    }

    public func evidence(id: String) throws -> EvidenceRecord? {
        guard let parsed = EvidenceID(parsing: id) else { return nil }
        return try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM evidence WHERE id = ?", arguments: [parsed.text]).map(Self.record)
        }
    }

    public func fileLocation(of record: EvidenceRecord) -> URL {
        files.location(of: record.sha256)
    }

    public func removeEvidence(id: String, reason: String, removedBy: String, now: Date) throws -> EvidenceRemoval {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw EvidenceLockerError.emptyReason }
        guard let parsed = EvidenceID(parsing: id) else { throw EvidenceLockerError.unknownEvidence(id) }
        // All in one write transaction: an add of the same content waits for it, so it cannot
        // record a file this removal is about to delete. The file goes last, just before commit.
        return try store.pool.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM evidence WHERE id = ?", arguments: [parsed.text]) else {
                throw EvidenceLockerError.unknownEvidence(parsed.text)
            }
            let record = Self.record(row)
            try db.execute(sql: "DELETE FROM evidence WHERE id = ?", arguments: [record.id])
            // Mail attachments keep their bytes in the same store: they count as users too.
            let others = try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM evidence WHERE sha256 = ?1) + (SELECT count(*) FROM message_attachment WHERE sha256 = ?1)
                    """, arguments: [record.sha256]) ?? 0
            let deleteFile = others == 0
            try db.execute(
                sql: """
                    INSERT INTO evidence_removal (evidence_id, sha256, order_id, kind, note, added_by, added_at, original_name,
                        size, removed_by, removed_at, reason, file_deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.id, record.sha256, record.orderID, record.kind.rawValue, record.note, record.addedBy,
                    record.addedAt.timeIntervalSince1970, record.originalName, record.size, removedBy,
                    now.timeIntervalSince1970, why, deleteFile,
                ])
            // The audit log links to the removal record; the reason (the agent's words) stays there.
            let ticket = try Int64.fetchOne(db, sql: "SELECT id FROM ticket WHERE order_id = ? ORDER BY id LIMIT 1", arguments: [record.orderID])
            try AuditRows.record(db, at: now, agent: removedBy, action: .evidenceRemoved, ticketID: ticket,
                                 detail: AuditDetail.evidenceRemoved(id: record.id, fileDeleted: deleteFile))
            if deleteFile {
                do { try files.removeFile(sha256: record.sha256) } catch let error as EvidenceError {
                    throw EvidenceLockerError.file(message: error.description)
                }
            }
            return EvidenceRemoval(record: record, removedBy: removedBy, removedAt: now, reason: why, fileDeleted: deleteFile)
        }
    }

    public func evidenceRemovals(limit: Int) throws -> [EvidenceRemoval] {
        try store.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT evidence_id, sha256, order_id, kind, note, added_by, added_at, original_name, size,
                        removed_by, removed_at, reason, file_deleted FROM evidence_removal ORDER BY removed_at DESC, id DESC LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                EvidenceRemoval(
                    record: Self.record(row), removedBy: row[9], removedAt: Date(timeIntervalSince1970: row[10]), reason: row[11],
                    fileDeleted: row[12])
            }
        }
    }

    public func unsentRepliesCarrying(evidenceID: String) throws -> Int {
        try store.unsentRepliesCarrying(evidenceID: evidenceID)
    }

    // MARK: - Rows

    static let columns = "id, sha256, order_id, kind, note, added_by, added_at, original_name, size"

    static func record(_ row: Row) -> EvidenceRecord {
        EvidenceRecord(
            id: row[0], sha256: row[1], orderID: row[2], kind: EvidenceKind(rawValue: row[3]) ?? .document, note: row[4],
            addedBy: row[5], addedAt: Date(timeIntervalSince1970: row[6]), originalName: row[7], size: row[8])
    }

    static func orderExists(_ db: Database, _ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM orders WHERE id = ?)", arguments: [id]) ?? false
    }

    /// The shortest `EV-` id for the hash that no record holds (a record of the same content for
    /// another order holds one too: ids name records, so that one removal names one record).
    static func freeID(_ db: Database, sha256: String) throws -> String {
        for digits in EvidenceID.minimumDigits...sha256.count {
            let candidate = EvidenceID(sha256: sha256, digits: digits).text
            let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM evidence WHERE id = ?)", arguments: [candidate]) ?? false
            if !taken { return candidate }
        }
        throw EvidenceLockerError.file(message: "every id for \(sha256) is taken")
    }
}
