import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with posix_spawn (Foundation's Process leaves children unreaped here),
/// output to a file, and waits for it. Returns the exit status and the output.
@discardableResult
public func runProgram(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                outputTo file: String? = nil) -> (status: Int32, output: String) {
    let output = file ?? (NSTemporaryDirectory() + "pantau-run-\(UUID().uuidString).out")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, path, &actions, nil, argv, envp)
    guard result == 0 else { return (-1, "posix_spawn \(path): \(String(cString: strerror(result)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    if file == nil { unlink(output) }
    return (status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
}

/// A throwaway PostgreSQL server from Debian's `postgresql` package, in a temporary
/// directory, on 127.0.0.1 and a free port. As root, initdb and the server run as the
/// `postgres` system user (initdb refuses root).
public final class TestPostgresServer: @unchecked Sendable {
    public enum Auth { case trust, password(String) }

    public let directory: String
    public let port: Int
    public let bin: String
    /// The superuser (owner of the test databases).
    public let admin = "pantau_admin"
    private var stopped = false

    /// Where Debian puts the server programs; nil when `postgresql` is not installed.
    public static var binDirectory: String? {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(base)/\(version)/bin/initdb") {
            return "\(base)/\(version)/bin"
        }
        return nil
    }

    /// Why the PostgreSQL tests cannot run here, or nil when they can. In CI (`CI=true`)
    /// a missing server is a failure, not a skip.
    public static var unavailableReason: String? {
        binDirectory == nil ? "PostgreSQL server programs not found in /usr/lib/postgresql/*/bin (apt-get install postgresql)" : nil
    }

    public static var mustRun: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    public init(auth: Auth = .trust, tls: Bool = false) throws {
        guard let bin = Self.binDirectory else { throw TestServerError.message(Self.unavailableReason!) }
        self.bin = bin
        directory = "/tmp/pantau-pg-\(UUID().uuidString.prefix(8))"
        port = Self.freePort()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o777])
        let data = directory + "/data"
        var initArguments = ["-D", data, "-U", admin, "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]
        if case .password(let password) = auth {
            try password.write(toFile: directory + "/pwfile", atomically: true, encoding: .utf8)
            chmod(directory + "/pwfile", 0o644)
            initArguments += ["--pwfile", directory + "/pwfile", "--auth-host=scram-sha-256", "--auth-local=trust"]
        }
        try run("initdb", initArguments, log: "initdb.log")
        var conf = """
            listen_addresses = '127.0.0.1'
            port = \(port)
            unix_socket_directories = '\(directory)'
            fsync = off
            max_connections = 60

            """
        if tls {
            // A self-signed certificate made here; the hba line below refuses plain TCP.
            let openssl = "/usr/bin/openssl"
            let result = runProgram(openssl, ["req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=127.0.0.1",
                                              "-newkey", "rsa:2048", "-keyout", data + "/server.key", "-out", data + "/server.crt"])
            guard result.status == 0 else { throw TestServerError.message("openssl: \(result.output)") }
            try chownToPostgres(data + "/server.key")
            try chownToPostgres(data + "/server.crt")
            chmod(data + "/server.key", 0o600)
            conf += "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
            let method = if case .password = auth { "scram-sha-256" } else { "trust" }
            try "local all all trust\nhostssl all all 127.0.0.1/32 \(method)\n".write(toFile: data + "/pg_hba.conf", atomically: true, encoding: .utf8)
            try chownToPostgres(data + "/pg_hba.conf")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(conf.utf8))
        try handle.close()
        try start()
    }

    public var url: String { "postgres://\(admin)@127.0.0.1:\(port)/postgres" }

    public func url(database: String, user: String? = nil, query: String = "") -> String {
        "postgres://\(user ?? admin)@127.0.0.1:\(port)/\(database)" + (query.isEmpty ? "" : "?" + query)
    }

    public func start() throws {
        try run("pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "start"], log: "pg_ctl.log")
    }

    /// `pg_ctl restart -m fast`: every connection is cut.
    public func restart() throws {
        try run("pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "-m", "fast", "restart"], log: "pg_ctl.log")
    }

    public func stopServer() throws {
        try run("pg_ctl", ["-D", directory + "/data", "-w", "-t", "60", "-m", "fast", "stop"], log: "pg_ctl.log")
    }

    /// The server's processes: the postmaster (first line of postmaster.pid) and its
    /// children, to freeze it (SIGSTOP) as a hung host would.
    public func processes() throws -> [pid_t] {
        let pidFile = try String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8)
        guard let postmaster = pid_t(pidFile.split(separator: "\n")[0]) else { throw TestServerError.message("no pid in postmaster.pid") }
        var processes = [postmaster]
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == postmaster { processes.append(pid) }
        }
        return processes
    }

    /// Stops the server and removes its directory.
    public func stop() {
        if stopped { return }
        stopped = true
        try? run("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"], log: "pg_ctl.log")
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }

    /// Runs SQL as the superuser through the Unix socket (psql).
    @discardableResult
    public func sql(_ statement: String, database: String = "postgres") throws -> String {
        let result = runProgram("/usr/bin/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", String(port),
                                                  "-U", admin, "-d", database, "-c", statement])
        guard result.status == 0 else { throw TestServerError.message("psql \(statement): \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh database for one test.
    public func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try sql("CREATE DATABASE \(name)")
        return name
    }

    private func run(_ program: String, _ arguments: [String], log: String) throws {
        let path = bin + "/" + program
        let result: (status: Int32, output: String)
        if geteuid() == 0 {
            result = runProgram("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments)
        } else {
            result = runProgram(path, arguments)
        }
        guard result.status == 0 else {
            let serverLog = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            throw TestServerError.message("\(program) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)\n\(serverLog.suffix(2000))")
        }
    }

    private func chownToPostgres(_ path: String) throws {
        guard geteuid() == 0, let user = getpwnam("postgres") else { return }
        chown(path, user.pointee.pw_uid, user.pointee.pw_gid)
    }

    /// A port nobody listens on now (the kernel's pick for port 0).
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

public enum TestServerError: Error, CustomStringConvertible {
    case message(String)
    public var description: String { if case .message(let text) = self { text } else { "" } }
}

/// The server most tests share (each in its own database), started on first use and
/// stopped when the test process exits.
public enum SharedServer {
    nonisolated(unsafe) private static var server: TestPostgresServer?
    private static let lock = NSLock()

    public static func get() throws -> TestPostgresServer {
        lock.lock()
        defer { lock.unlock() }
        if let server { return server }
        let started = try TestPostgresServer()
        server = started
        atexit { SharedServer.stopAtExit() }
        return started
    }

    public static func stopAtExit() {
        server?.stop()
    }
}

/// Fails in CI and skips locally (with the reason) when the server programs are missing.
public func requirePostgres() throws -> Bool {
    if let reason = TestPostgresServer.unavailableReason {
        if TestPostgresServer.mustRun {
            Issue.record("CI=true but \(reason)")
        } else {
            print("skipped: \(reason)")
        }
        return false
    }
    return true
}
