import Foundation
import KefuCore
import KefuPostgres
import KefuStore

/// The backends the conformance suite runs every store test against.
public enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }
}

/// What the conformance suite asks of a store beyond `TicketStore`: every KefuCore store
/// protocol the commands and the console use, plus a few counts for checking.
public protocol ConformingStore: TicketStore, AssignmentStore, ConversationHolding, OutcomeStore, MetersStore, TicketSnoozing,
    DeadlineRecomputing, DeadlineExplaining, ParcelRegister, MailImportStore, OrderImporting, StoreMeta, TemplateUsageRecording,
    DraftAttachmentChoice, SettledDeadlineRecording, TicketClaiming, SafetyStore, AuditLog, OutboxStore, ProactiveFollowUpStore, CustomerStore, NoticeStore {
    /// Recomputes open deadlines when the policy changed since the store last ran; nil when not.
    func applyPolicyChangeIfNeeded() throws -> Int?
    func counts() throws -> (tickets: Int, messages: Int)
    func deadlineOutcomes(ticketID: Int64) throws -> [DeadlineOutcome]
    func outbox(limit: Int) throws -> [(idempotencyKey: String, ticketID: Int64, state: String)]
}

extension SQLiteTicketStore: ConformingStore {}
extension PostgresTicketStore: ConformingStore {}

extension ConformingStore {
    public func outbox() throws -> [(idempotencyKey: String, ticketID: Int64, state: String)] { try outbox(limit: 100) }
}

/// A real, empty store of either backend: a SQLite file in a temporary folder, or a new
/// database on the test process's own PostgreSQL server (`TestPostgresServer`).
public final class BackendStore: @unchecked Sendable {
    public let backend: StoreBackend
    public let store: any ConformingStore
    private let sqlite: TemporaryStore?
    private let postgres: PostgresAddress?

    public init(_ backend: StoreBackend, policy: any DeadlinePolicy = TestPolicy.standard) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let temp = try TemporaryStore(policy: policy)
            sqlite = temp
            postgres = nil
            store = temp.store
        case .postgres:
            let address = try TestPostgresServer.shared().newDatabase()
            sqlite = nil
            postgres = address
            store = try PostgresTicketStore(address: address, policy: policy, environment: [:])
        }
    }

    /// Another connection to the same store, as a second kefu process would open it.
    public func reopen(policy: any DeadlinePolicy = TestPolicy.standard) throws -> any ConformingStore {
        if let sqlite { return try sqlite.reopen(policy: policy) }
        return try PostgresTicketStore(address: postgres!, policy: policy, environment: [:])
    }

    /// The evidence locker over the store, its files in `folder` (SQLite: beside the file).
    public func locker(folder: URL) throws -> any EvidenceLocker {
        if let sqlite = store as? SQLiteTicketStore { return try SQLiteEvidenceLocker(store: sqlite) }
        return try PostgresEvidenceLocker(store: store as! PostgresTicketStore, folder: folder)
    }

    /// The URL or path a `kefu` command takes as `--db`.
    public var location: String {
        if let sqlite { return sqlite.path }
        return postgres!.description + "?sslmode=disable"
    }
}
