import Foundation
import Testing
import KefuCore
import KefuPostgres
import KefuTestSupport

/// Opening a PostgreSQL store: the schema made and versioned, and every way it can go wrong
/// reported as one line that names the server and what to do — never the password.
@Suite("Opening a PostgreSQL store")
struct PostgresOpeningTests {
    @Test("A new database gets the current schema; opening it again changes nothing")
    func migrates() throws {
        let address = try TestPostgresServer.shared().newDatabase()
        let first = try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        #expect(try first.schemaVersion() == PostgresTicketStore.latestSchemaVersion)
        _ = try first.ingest([Fixture.message("m1", conversation: "c1", at: 0)])
        let second = try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        #expect(try second.counts() == (1, 1))
    }

    @Test("Several processes opening a new database at once migrate it once")
    func concurrentOpening() throws {
        let address = try TestPostgresServer.shared().newDatabase()
        let errors = LockedErrors()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do { _ = try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:]) } catch { errors.add(error) }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
    }

    @Test("A store written by a newer Kefu is refused, naming both versions")
    func newerSchema() throws {
        let address = try TestPostgresServer.shared().newDatabase()
        _ = try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        try PostgresAdministration.run("INSERT INTO kefu_migration (version, name) VALUES (999, 'from the future')", on: address)
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        }
        #expect(error?.description.contains("schema version 999") == true)
        #expect(error?.description.contains("knows up to \(PostgresTicketStore.latestSchemaVersion)") == true)
    }

    @Test("A database of another program is refused, not taken over")
    func foreignDatabase() throws {
        let address = try TestPostgresServer.shared().newDatabase()
        try PostgresAdministration.run("CREATE TABLE invoices (id int)", on: address)
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        }
        #expect(error?.description.contains("another program") == true)
    }

    @Test("A refused connection names the host and port and says what to check")
    func refused() throws {
        let port = try TestPostgresServer.freePort()
        let address = PostgresAddress(user: "kefu", host: "127.0.0.1", port: port, database: "x", connectTimeout: 2, sslMode: .disable)
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        }
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
    }

    @Test("A missing database says how to create it")
    func missingDatabase() throws {
        var address = try TestPostgresServer.shared().newDatabase()
        address.database = "no_such_database"
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        }
        #expect(error?.description.contains("createdb") == true)
    }

    @Test("A wrong password is refused without showing it")
    func wrongPassword() throws {
        let server = try TestPostgresServer.shared()
        // The test server trusts only its own superuser; every other role logs in with a password.
        let admin = try server.newDatabase()
        try PostgresAdministration.run("CREATE ROLE clerk LOGIN PASSWORD 'right-secret'", on: admin)
        try PostgresAdministration.run("GRANT CREATE ON SCHEMA public TO clerk", on: admin)
        var address = admin
        address.user = "clerk"
        address.password = "wrong-secret-123"
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        }
        #expect(error?.description.contains("wrong-secret-123") == false)
        #expect(error?.description.contains("clerk") == true)
        // The right one from PGPASSWORD, and from a password file.
        address.password = nil
        _ = try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: ["PGPASSWORD": "right-secret"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try "# team server\n*:*:*:other:nope\n127.0.0.1:\(address.port):*:clerk:right-secret\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: ["PGPASSFILE": file.path])
    }
}

final class LockedErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ error: any Error) { lock.withLock { errors.append("\(error)") } }
    var all: [String] { lock.withLock { errors } }
}
