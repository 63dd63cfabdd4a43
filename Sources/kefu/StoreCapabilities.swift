import Foundation
import KefuCore
import KefuEvidenceFiles
import KefuPostgres
import KefuStore

/// Everything the commands ask of a store, as KefuCore protocols. Both backends provide all of
/// it; the commands see only this, never which database they have.
typealias CommandStore = TicketStore & AssignmentStore & ConversationHolding & OutcomeStore & MetersStore & TicketSnoozing
    & DeadlineRecomputing & DeadlineExplaining & ParcelRegister & MailImportStore & OrderImporting & StoreMeta
    & TemplateUsageRecording & SettledDeadlineRecording & AuditLog & OutboxStore & ProactiveFollowUpStore & CustomerStore & NoticeStore

extension StoreOptions {
    /// Opens the store on either backend (see `openAnyBackend`) for a command.
    func openStore(creating: Bool = false, access: StoreAccess = .write) throws -> any CommandStore {
        let store = try openAnyBackend(creating: creating, access: access)
        guard let full = store as? any CommandStore else {
            throw UserError(message: "\(StoreOptions.commandName): this store does not provide every store operation")
        }
        return full
    }

    /// The store as messages name it: the path, or the URL without its password.
    var storeName: String {
        (try? location())?.location.description ?? "the store"
    }

    /// Where evidence files (and mail attachments) are kept on this machine: beside a SQLite
    /// file (`NAME-evidence/`), or for a PostgreSQL store in the data folder, one folder per
    /// server and database (`postgres-HOST-PORT-DB-evidence/`). The records are in the store.
    func evidenceFolder() throws -> URL {
        switch try location().location {
        case .sqlite(let path):
            return EvidenceStore.folder(nextTo: URL(fileURLWithPath: path))
        case .postgres(let address):
            return Self.dataDirectory.appendingPathComponent(Self.folderName(address) + "-evidence", isDirectory: true)
        }
    }

    /// Where the console keeps drafts while a PostgreSQL store's server is out of reach (one
    /// folder per server and database); nil for SQLite, where the store is on this machine.
    func localDraftFolder() throws -> URL? {
        guard case .postgres(let address) = try location().location else { return nil }
        return Self.dataDirectory.appendingPathComponent(Self.folderName(address) + "-drafts", isDirectory: true)
    }

    /// `postgres-HOST-PORT-DB`, with anything but letters, digits, `.` and `_` as `_`.
    private static func folderName(_ address: PostgresAddress) -> String {
        let safe = { (text: String) in String(text.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "_" }) }
        return "postgres-\(safe(address.host))-\(address.port)-\(safe(address.database))"
    }

    /// Where `kefu deliver` stages handoffs and keeps their journals on this machine: beside a
    /// SQLite file (`outbox-spool/`), or for a PostgreSQL store in the data folder, one per server
    /// and database (`postgres-HOST-PORT-DB-outbox-spool/`). Deliverers on one machine share it.
    func spoolFolder() throws -> URL {
        switch try location().location {
        case .sqlite(let path):
            return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("outbox-spool", isDirectory: true)
        case .postgres:
            let evidence = try evidenceFolder().lastPathComponent
            return Self.dataDirectory.appendingPathComponent(
                String(evidence.dropLast("-evidence".count)) + "-outbox-spool", isDirectory: true)
        }
    }

    /// True when each machine has a spool of its own (a PostgreSQL store): one deliverer's
    /// journals are then not seen by deliverers elsewhere, so its handoffs record `sent` in the
    /// store too. Beside a SQLite file every deliverer of the store shares the one spool.
    func spoolIsPerMachine() throws -> Bool {
        if case .postgres = try location().location { return true }
        return false
    }

    /// The outbox alone, for a handoff process that only records `sent`: no deadline is computed
    /// there, so no policy is read or applied (each handoff would otherwise parse the SLA file).
    func openOutboxForHandoff() throws -> any OutboxStore {
        let noDeadlines = try SLAEngine(SLAConfiguration(layers: [], policies: []))
        switch try location().location {
        case .sqlite(let path):
            return try SQLiteTicketStore(path: path, policy: noDeadlines, lockWait: try StoreOptions.lockWait())
        case .postgres(let address):
            do {
                return try PostgresTicketStore(address: address, policy: noDeadlines)
            } catch let error as PostgresStoreError {
                throw UserError(message: error.description)
            }
        }
    }

    /// The evidence locker over `store`, with the configured size limit.
    func openLocker(_ store: any TicketStore, settings: EvidenceSettings) throws -> any EvidenceLocker {
        do {
            if let sqlite = store as? SQLiteTicketStore { return try SQLiteEvidenceLocker(store: sqlite, settings: settings) }
            if let postgres = store as? PostgresTicketStore {
                return try PostgresEvidenceLocker(store: postgres, folder: try evidenceFolder(), settings: settings)
            }
        } catch let error as EvidenceLockerError {
            throw UserError(message: error.description)
        }
        throw UserError(message: "\(StoreOptions.commandName): this store keeps no evidence")
    }
}
