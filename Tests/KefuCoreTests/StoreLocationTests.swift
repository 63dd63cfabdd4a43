import Foundation
import Testing
import KefuCore

@Suite("Where a store lives (--db, KEFU_DB, store.url)")
struct StoreLocationTests {
    @Test("Plain paths and sqlite:/file: URLs are SQLite files")
    func sqlite() throws {
        #expect(try StoreLocation(parsing: "/tmp/shop.sqlite") == .sqlite(path: "/tmp/shop.sqlite"))
        #expect(try StoreLocation(parsing: "shop.sqlite") == .sqlite(path: "shop.sqlite"))
        #expect(try StoreLocation(parsing: "sqlite:/tmp/a b.sqlite") == .sqlite(path: "/tmp/a b.sqlite"))
        #expect(try StoreLocation(parsing: "file:///tmp/a%20b.sqlite") == .sqlite(path: "/tmp/a b.sqlite"))
        #expect(try StoreLocation(parsing: "C:/shop.sqlite") == .sqlite(path: "C:/shop.sqlite"))
    }

    @Test("postgres:// URLs: user, password, host, port, database and parameters")
    func postgres() throws {
        guard case .postgres(let address) = try StoreLocation(
            parsing: "postgresql://zhang%40shop:p%3Ass@db.shop.example:6543/kefu_team?sslmode=disable&connect_timeout=3")
        else { Issue.record("not postgres"); return }
        #expect(address.user == "zhang@shop")
        #expect(address.password == "p:ss")
        #expect(address.host == "db.shop.example")
        #expect(address.port == 6543)
        #expect(address.database == "kefu_team")
        #expect(address.sslMode == .disable)
        #expect(address.connectTimeout == 3)
        #expect(address.description == "postgres://zhang@shop@db.shop.example:6543/kefu_team")
        guard case .postgres(let plain) = try StoreLocation(parsing: "postgres://[::1]/kefu", defaultUser: "liwei") else { return }
        #expect(plain.user == "liwei")
        #expect(plain.host == "::1")
        #expect(plain.port == 5432)
        #expect(plain.sslMode == .prefer)
        guard case .postgres(let verified) = try StoreLocation(parsing: "postgres://db.shop.example/kefu?sslmode=verify-full&sslrootcert=%2Fetc%2Fkefu%2Fca.pem") else { return }
        #expect(verified.sslMode == .verifyFull)
        #expect(verified.sslRootCertificate == "/etc/kefu/ca.pem")
    }

    @Test("Mistakes are refused with what is wrong, and a password never shows", arguments: [
        ("mysql://root@localhost/kefu", "scheme mysql:"),
        ("https://example.com/kefu.sqlite", "scheme https:"),
        ("postgres://localhost", "names no database"),
        ("postgres://localhost:99999/kefu", "port"),
        ("postgres://u:topsecret@localhost:x/kefu", "port"),
        ("postgres://localhost/kefu?sslmode=sometimes", "sslmode=sometimes"),
        ("postgres://localhost/kefu?pool=3", "parameter pool"),
        ("postgres://localhost/kefu?sslrootcert=", "empty sslrootcert"),
        ("   ", "is empty"),
    ])
    func refused(text: String, expected: String) {
        do {
            _ = try StoreLocation(parsing: text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(!error.description.contains("topsecret"))
        }
    }

    @Test("The password file is read as libpq reads it")
    func passwordFile() {
        let address = PostgresAddress(user: "clerk", host: "db", port: 5432, database: "kefu")
        let text = """
            # comment
            other:5432:kefu:clerk:wrong
            db:5432:*:clerk:pa\\:ss\\\\word
            *:*:*:*:fallback
            """
        #expect(PasswordFile.password(for: address, in: text) == "pa:ss\\word")
        #expect(PasswordFile.password(for: PostgresAddress(user: "x", host: "y", database: "z"), in: text) == "fallback")
        #expect(PasswordFile.password(for: address, in: "db:5432:kefu:someone:else") == nil)
    }
}
