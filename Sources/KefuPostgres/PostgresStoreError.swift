import Foundation
import KefuCore
import PostgresNIO

/// What went wrong talking to the server, as one line that names the server (never the
/// password) and says what to do. SQLSTATE codes are kept so callers can match on them.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The server's SQLSTATE (e.g. `23505` unique violation), when the server answered.
    public var sqlState: String?

    public var description: String { message }

    static func connecting(_ address: PostgresAddress, _ error: any Error) -> PostgresStoreError {
        let target = "PostgreSQL at \(address.host):\(address.port)"
        if let psql = error as? PSQLError {
            if let state = psql.serverInfo?[.sqlState] {
                let text = psql.serverInfo?[.message] ?? "refused"
                switch state {
                case "28P01", "28000":
                    return .init(message: "cannot log in to \(target) as \(address.user): \(text) (check the password in the URL, PGPASSWORD or ~/.pgpass)", sqlState: state)
                case "3D000":
                    return .init(message: "\(target) has no database \(address.database) (create it with: createdb -h \(address.host) -p \(address.port) -U \(address.user) \(address.database))", sqlState: state)
                default:
                    return .init(message: "\(target) refused the connection: \(text)", sqlState: state)
                }
            }
            switch psql.code {
            case .sslUnsupported:
                return .init(message: "\(target) does not offer TLS, which sslmode=\(address.sslMode.rawValue) asks for (turn ssl on at the server, or use sslmode=prefer)", sqlState: nil)
            case .authMechanismRequiresPassword:
                return .init(message: "\(target) asks \(address.user) for a password; give it in the URL, PGPASSWORD or ~/.pgpass", sqlState: nil)
            case .unsupportedAuthMechanism:
                return .init(message: "\(target) asks for a way of logging in Kefu does not support (use scram-sha-256, md5 or trust)", sqlState: nil)
            default:
                break
            }
        }
        // PSQLError's description is deliberately generic; its reflection names the cause
        // (used only to choose our own words: it is never shown).
        let text = String(reflecting: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("handshakeFailed") || text.contains("unableToValidateCertificate") {
            let advice = address.sslRootCertificate == nil ? "give its CA with sslrootcert=PATH" : "check that \(address.sslRootCertificate!) is the CA that signed it"
            let what = text.contains("HOSTNAME") || text.contains("hostname") ? "does not name \(address.host)" : "is not trusted"
            return .init(message: "the TLS certificate of \(target) \(what) (sslmode=\(address.sslMode.rawValue)); \(advice), or use sslmode=require to encrypt without checking it", sqlState: nil)
        }
        if text.contains("connectTimeout") || text.lowercased().contains("timeout") || text.contains("timedOut") {
            return .init(message: "\(target) did not answer within \(address.connectTimeout) s (is the server running and reachable?)", sqlState: nil)
        }
        if text.lowercased().contains("refused") {
            return .init(message: "cannot connect to \(target): connection refused (is the server running on that port?)", sqlState: nil)
        }
        if text.contains("NXDOMAIN") || text.lowercased().contains("resolve") || text.contains("unknown host") {
            return .init(message: "cannot connect to \(target): the host name does not resolve", sqlState: nil)
        }
        return .init(message: "cannot connect to \(target) (\(Self.kind(of: error))); is the server running and reachable?", sqlState: nil)
    }

    static func statement(_ address: PostgresAddress, _ error: PSQLError) -> PostgresStoreError {
        if let state = error.serverInfo?[.sqlState] {
            let text = error.serverInfo?[.message] ?? "error"
            if state == "57014" {
                return .init(message: "PostgreSQL at \(address.host):\(address.port) cancelled a statement that ran over \(PostgresSession.statementTimeoutSeconds) s", sqlState: state)
            }
            return .init(message: "PostgreSQL at \(address.host):\(address.port): \(text)", sqlState: state)
        }
        if error.code == .serverClosedConnection || error.code == .clientClosedConnection || error.code == .connectionError {
            return connectionLost(address, "\(error.code)")
        }
        return .init(message: "PostgreSQL at \(address.host):\(address.port): \(Self.brief("\(error)"))", sqlState: nil)
    }

    static func connectionLost(_ address: PostgresAddress, _ detail: String) -> PostgresStoreError {
        .init(message: "lost the connection to PostgreSQL at \(address.host):\(address.port) (\(Self.brief(detail))); it is opened again on the next try", sqlState: nil)
    }

    /// The error's type and code, never its payload (which may carry connection details).
    static func kind(of error: any Error) -> String {
        if let psql = error as? PSQLError { return "\(psql.code)" }
        return "\(type(of: error))"
    }

    /// One line, not too long.
    static func brief(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    var isUniqueViolation: Bool { sqlState == "23505" }
}
