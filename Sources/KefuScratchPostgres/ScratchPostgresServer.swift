import Foundation
import Glibc
import KefuCore
import KefuPostgres

/// A real, throwaway PostgreSQL server for the tests and the benchmarks: `initdb` into a
/// temporary folder, started on a free loopback port, one per process and shared by its users
/// (each test or benchmark gets a database of its own). PostgreSQL refuses to run as root, so as root (CI) it runs as the `postgres` user
/// through `runuser`, in a folder that user owns.
///
/// It is stopped when the process ends, however it ends: a watchdog shell started with the
/// server stops it (`pg_ctl stop -m immediate`) and removes the folder as soon as the process
/// is gone, so a crashed or killed run leaves no server behind. Never for a real store.
public final class ScratchPostgresServer: @unchecked Sendable {
    public let port: Int
    public let folder: String
    public let binaries: String
    private let runAs: String?
    private let lock = NSLock()
    private var databases = 0

    /// The server of this process, started on first use. A machine without PostgreSQL fails
    /// the test or benchmark that needs it with what to install (never a skip).
    public static func shared() throws -> ScratchPostgresServer {
        try sharedServer.get()
    }

    nonisolated(unsafe) private static let sharedServer: Result<ScratchPostgresServer, any Error> = Result { try ScratchPostgresServer() }

    /// A server of the calling test's own, for tests that stop and start it (a server that
    /// goes away under running consoles). Stopped with the test process like the shared one.
    public static func dedicated(tls: Bool = false) throws -> ScratchPostgresServer { try ScratchPostgresServer(tls: tls) }

    /// With `tls`, the server's self-signed certificate (for 127.0.0.1), a PEM file a client
    /// can trust as its CA (`sslrootcert`).
    public private(set) var certificate: String?

    private init(tls: Bool = false) throws {
        guard let binaries = Self.findBinaries() else {
            throw ScratchPostgresError("PostgreSQL's server programs are not installed (apt-get install postgresql); the store tests and benchmarks need a real server")
        }
        self.binaries = binaries
        runAs = geteuid() == 0 ? "postgres" : nil
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let runAs {
            guard let user = getpwnam(runAs) else { throw ScratchPostgresError("running as root, but there is no \(runAs) user to run PostgreSQL as") }
            chown(folder, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        port = try Self.freePort()
        let data = folder + "/data"
        try run(["\(binaries)/initdb", "-D", data, "-U", "kefu", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        // Only the test's own superuser is trusted; any other role must give its password.
        try Data("local all all trust\nhost all kefu 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n".utf8)
            .write(to: URL(fileURLWithPath: data + "/pg_hba.conf"))
        if tls { try makeCertificate(in: data) }
        try start()
        startWatchdog(data: data)
    }

    /// Starts the server (again) on its port.
    public func start() throws {
        let ssl = certificate == nil ? "" : " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
        try run([
            "\(binaries)/pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "-o",
            "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" + ssl,
            "start",
        ])
    }

    /// A self-signed certificate for 127.0.0.1 in the data folder (the key readable by the
    /// server's user alone, as PostgreSQL demands).
    private func makeCertificate(in data: String) throws {
        try run(["/usr/bin/openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=127.0.0.1",
                 "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", data + "/server.key", "-out", data + "/server.crt"])
        chmod(data + "/server.key", 0o600)
        let copy = folder + "/ca.crt"
        try FileManager.default.copyItem(atPath: data + "/server.crt", toPath: copy)
        chmod(copy, 0o644)
        certificate = copy
    }

    /// Stops the server as an outage would (connections cut, `-m fast`); `start()` brings it back.
    public func stop() throws {
        try run(["\(binaries)/pg_ctl", "-D", folder + "/data", "-w", "-t", "60", "stop", "-m", "fast"])
    }

    /// A new, empty database on this server, and its URL.
    public func newDatabase() throws -> PostgresAddress {
        let name: String = lock.withLock {
            databases += 1
            return "kefu_test_\(databases)"
        }
        let admin = PostgresAddress(user: "kefu", host: "127.0.0.1", port: port, database: "postgres", sslMode: .disable)
        try PostgresAdministration.createDatabase(named: name, on: admin)
        return PostgresAddress(user: "kefu", host: "127.0.0.1", port: port, database: name, sslMode: .disable)
    }

    /// `postgres://kefu@127.0.0.1:PORT/NAME` for a new database, for the `kefu` binary.
    public func newDatabaseURL() throws -> String {
        try newDatabase().description + "?sslmode=disable"
    }

    private func startWatchdog(data: String) {
        let stop = command(["\(binaries)/pg_ctl", "-D", data, "stop", "-m", "immediate"]).map(Self.shellQuoted).joined(separator: " ")
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 0.5; done; \(stop) >/dev/null 2>&1; rm -rf \(Self.shellQuoted(folder))"
        _ = try? Self.spawn(["/usr/bin/setsid", "/bin/sh", "-c", script], errors: "/dev/null")
    }

    private func command(_ arguments: [String]) -> [String] {
        runAs.map { ["/usr/sbin/runuser", "-u", $0, "--"] + arguments } ?? arguments
    }

    /// Runs a program to its end (posix_spawn and waitpid: nothing here may depend on a run
    /// loop or a thread pool the test runner also uses).
    private func run(_ arguments: [String]) throws {
        let errors = folder + "/command-errors"
        let pid = try Self.spawn(command(arguments), errors: errors)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            throw ScratchPostgresError("\(arguments[0]) failed (status \(status)): \(text) \(log.suffix(2000))")
        }
    }

    /// Starts a program with standard input from /dev/null, output discarded, errors to a file,
    /// and the signals the test runner blocks unblocked and at their defaults.
    private static func spawn(_ arguments: [String], errors: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { throw ScratchPostgresError("cannot start \(arguments[0]): error \(result)") }
        return pid
    }

    private static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/pg_ctl") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }

    /// A port nobody listens on now (the kernel's choice for port 0).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ScratchPostgresError("no socket: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ScratchPostgresError("cannot bind a loopback port: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

public struct ScratchPostgresError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
