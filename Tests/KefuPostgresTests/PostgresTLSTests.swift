import Foundation
import Testing
import KefuCore
import KefuPostgres
import KefuTestSupport

/// `sslmode` as libpq means it, against a real server with TLS on (a self-signed certificate
/// for 127.0.0.1): the connection is encrypted when asked, the certificate is checked only by
/// the `verify-` modes, and each refusal says what to change.
@Suite("PostgreSQL over TLS", .serialized)
struct PostgresTLSTests {
    static let server = Result { try TestPostgresServer.dedicated(tls: true) }

    static func address(_ query: String) throws -> PostgresAddress {
        let database = try server.get().newDatabase()
        return try PostgresAddress(parsing: "postgres://kefu@127.0.0.1:\(database.port)/\(database.database)?\(query)")
    }

    /// Whether the store's own connection is encrypted, as the server sees it.
    static func encrypted(_ store: PostgresTicketStore) throws -> Bool {
        try store.connectionIsEncrypted()
    }

    @Test("require and prefer encrypt; disable does not")
    func encrypts() throws {
        for (mode, expected) in [("require", true), ("prefer", true), ("disable", false)] {
            let store = try PostgresTicketStore(address: try Self.address("sslmode=\(mode)"), policy: TestPolicy.standard, environment: [:])
            #expect(try Self.encrypted(store) == expected, "sslmode=\(mode)")
        }
    }

    @Test("verify-full trusts the certificate given by sslrootcert and refuses one it cannot check, saying how to fix it")
    func verifies() throws {
        let certificate = try #require(try Self.server.get().certificate)
        let trusted = try PostgresTicketStore(
            address: try Self.address("sslmode=verify-full&sslrootcert=\(certificate)"), policy: TestPolicy.standard, environment: [:])
        #expect(try Self.encrypted(trusted))
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: try Self.address("sslmode=verify-full"), policy: TestPolicy.standard, environment: [:])
        }
        let text = error?.description ?? ""
        #expect(text.contains("TLS certificate of PostgreSQL at 127.0.0.1:"), "\(text)")
        #expect(text.contains("sslrootcert=PATH"), "\(text)")
        let unreadable = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: try Self.address("sslmode=verify-ca&sslrootcert=/nonexistent/ca.crt"), policy: TestPolicy.standard, environment: [:])
        }
        #expect(unreadable?.description.contains("cannot read the sslrootcert /nonexistent/ca.crt") == true, "\(unreadable?.description ?? "")")
    }

    @Test("require against a server without TLS is refused, naming the mode; prefer falls back to plain")
    func serverWithoutTLS() throws {
        let plain = try TestPostgresServer.shared().newDatabase()
        let url = "postgres://kefu@127.0.0.1:\(plain.port)/\(plain.database)"
        let error = #expect(throws: PostgresStoreError.self) {
            try PostgresTicketStore(address: try PostgresAddress(parsing: url + "?sslmode=require"), policy: TestPolicy.standard, environment: [:])
        }
        #expect(error?.description.contains("does not offer TLS, which sslmode=require asks for") == true, "\(error?.description ?? "")")
        let store = try PostgresTicketStore(address: try PostgresAddress(parsing: url + "?sslmode=prefer"), policy: TestPolicy.standard, environment: [:])
        #expect(try !Self.encrypted(store))
    }
}
