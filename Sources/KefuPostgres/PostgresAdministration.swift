import Foundation
import KefuCore

/// Server-level chores done through the same driver (no `psql` needed): making a database.
public enum PostgresAdministration {
    /// Creates database `name` through a connection to `maintenance` (usually `postgres`).
    public static func createDatabase(named name: String, on maintenance: PostgresAddress, password: String? = nil) throws {
        let session = try PostgresSession(address: maintenance, password: password)
        defer { session.close() }
        try session.query("CREATE DATABASE \(quotedIdentifier(name)) TEMPLATE template0 ENCODING 'UTF8'")
    }

    /// `"name"` with inner quotes doubled.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Runs one statement on `address` (set-up and tests).
    public static func run(_ sql: String, on address: PostgresAddress, password: String? = nil) throws {
        let session = try PostgresSession(address: address, password: password)
        defer { session.close() }
        try session.query(sql)
    }
}
