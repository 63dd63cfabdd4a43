import Foundation

/// A PostgreSQL database as a URL names it: `postgres://[user[:password]@]host[:port]/dbname`
/// with optional `?sslmode=…&connect_timeout=…&application_name=…`. The password is never part
/// of `description`, so it cannot reach an error, a log line or the status bar.
public struct PostgresAddress: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    /// From the URL; `nil` when it has none (then `PGPASSWORD` or `~/.pgpass` may give one).
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// Seconds to wait for the server to answer a connection.
    public var connectTimeout: Int
    public var applicationName: String
    public var sslMode: SSLMode

    /// As libpq reads `sslmode`: `prefer` (the default) uses TLS when the server offers it,
    /// `require` insists on it; neither checks the certificate, as libpq does not without a
    /// root certificate. `verify-ca` checks it against `sslrootcert` (else the system's
    /// roots), `verify-full` also checks that it names the host.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// `sslrootcert`: the certificate(s) of the authority the server's certificate must come from.
    public var sslRootCertificate: String?

    public init(
        user: String, password: String? = nil, host: String, port: Int = 5432, database: String,
        connectTimeout: Int = 10, applicationName: String = "kefu", sslMode: SSLMode = .prefer
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.connectTimeout = connectTimeout
        self.applicationName = applicationName
        self.sslMode = sslMode
    }

    /// `defaultUser` is the user when the URL names none (libpq takes `$PGUSER`, else the login name).
    public init(parsing text: String, defaultUser: String = "postgres") throws(StoreLocationError) {
        func fail(_ problem: String) -> StoreLocationError { StoreLocationError(text: text, problem: problem) }
        guard let schemeEnd = text.range(of: "://") else { throw fail("is not a postgres:// URL") }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw fail("names no database (add /dbname at the end)") }
        let authority = rest[..<slash]
        let database = String(rest[rest.index(after: slash)...]).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw fail("names no database (add /dbname at the end)") }
        var hostPart = authority
        var user = defaultUser
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            hostPart = authority[authority.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = String(credentials[..<colon]).removingPercentEncoding ?? ""
                password = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding
            } else {
                user = String(credentials).removingPercentEncoding ?? ""
            }
            guard !user.isEmpty else { throw fail("names an empty user") }
        }
        var host = String(hostPart)
        var port = 5432
        if host.hasPrefix("[") {
            // [::1]:5432
            guard let close = host.firstIndex(of: "]") else { throw fail("has an unclosed [ in its host") }
            let after = host[host.index(after: close)...]
            let inside = String(host[host.index(after: host.startIndex)..<close])
            if after.hasPrefix(":") {
                guard let value = Int(after.dropFirst()), (1...65535).contains(value) else { throw fail("has a port that is not a number from 1 to 65535") }
                port = value
            }
            host = inside
        } else if let colon = host.lastIndex(of: ":") {
            guard let value = Int(host[host.index(after: colon)...]), (1...65535).contains(value) else {
                throw fail("has a port that is not a number from 1 to 65535")
            }
            port = value
            host = String(host[..<colon])
        }
        if host.isEmpty { host = "localhost" }
        var address = PostgresAddress(user: user, password: password, host: host, port: port, database: database)
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
            switch key {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw fail("has sslmode=\(value); Kefu knows \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                address.sslMode = mode
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else { throw fail("has connect_timeout=\(value), not a number of seconds") }
                address.connectTimeout = seconds
            case "application_name":
                address.applicationName = value
            case "sslrootcert":
                guard !value.isEmpty else { throw fail("has an empty sslrootcert (give the path of the CA certificate file)") }
                address.sslRootCertificate = value
            default:
                throw fail("has the parameter \(key), which Kefu does not know (it knows sslmode, sslrootcert, connect_timeout, application_name)")
            }
        }
        self = address
    }

    /// `postgres://user@host:port/dbname`, never with the password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)"
    }

    /// `text` with the password of a `scheme://user:password@…` URL replaced by `***`.
    public static func redacting(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<authority.index(after: colon)]) + "***" + String(text[at...])
    }
}
