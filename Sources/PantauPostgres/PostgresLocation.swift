import Foundation

/// Where a shared follow-up store lives: `postgres://user@host[:port]/database[?sslmode=…]`.
///
/// The password is never expected on the command line (anyone on the machine can read
/// it in `ps`): it comes from `PGPASSWORD`, else the password file (`PGPASSFILE`, else
/// `~/.pgpass`, readable by its owner only), as for PostgreSQL's own tools.
public struct PostgresLocation: Sendable, Equatable {
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain connection only.
        case disable
        /// TLS when the server offers it (the default, as in libpq); certificate not verified.
        case prefer
        /// TLS or nothing; certificate not verified.
        case require
        /// TLS with the certificate checked against `sslrootcert` (or the system's roots)
        /// and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tls: TLSMode
    /// A CA certificate file (PEM) for `verify-full`.
    public var rootCertificate: String?
    /// A password given in the URL itself (accepted from `PANTAU_STATE_URL`, never
    /// printed); nil when it comes from the environment or a password file.
    public var urlPassword: String?

    /// `host:port/database`, for messages (never the password).
    public var display: String { "\(host):\(port)/\(database)" }

    /// The URL without the password, for messages and the journal's name.
    public var redacted: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    public init(host: String, port: Int = 5432, user: String, database: String, tls: TLSMode = .prefer,
                rootCertificate: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.tls = tls
        self.rootCertificate = rootCertificate
    }

    /// Whether `text` names a PostgreSQL server rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public struct ParseError: Error, Sendable, Equatable {
        public var message: String
    }

    /// Parses a URL; `user` defaults to the login name, `database` to `pantau`.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ParseError) -> PostgresLocation {
        guard isURL(text), let components = URLComponents(string: text) else {
            throw ParseError(message: "'\(redact(text))' is not a postgres://user@host/database URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ParseError(message: "'\(redact(text))' names no host")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding ?? $0 }
            ?? environment["PGUSER"] ?? environment["USER"] ?? "pantau"
        var database = String(components.path.drop(while: { $0 == "/" }))
        database = database.removingPercentEncoding ?? database
        if database.isEmpty { database = environment["PGDATABASE"] ?? "pantau" }
        var location = PostgresLocation(host: host, port: components.port ?? 5432, user: user, database: database)
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw ParseError(message: "sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                location.tls = mode
            case "sslrootcert":
                location.rootCertificate = item.value
            default:
                throw ParseError(message: "unknown URL parameter '\(item.name)' (known: sslmode, sslrootcert)")
            }
        }
        location.urlPassword = components.password.flatMap { $0.removingPercentEncoding ?? $0 }
        return location
    }

    /// The URL with any password replaced by `***`.
    public static func redact(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }

    /// Whether a URL carries a password (refused on the command line).
    public static func hasPassword(_ text: String) -> Bool {
        URLComponents(string: text)?.password != nil
    }

    /// The password: the URL's, else `PGPASSWORD`, else the first matching line of the
    /// password file. A password file others can read is ignored (as libpq does); the
    /// second value says so.
    public func password(environment: [String: String]) -> (password: String?, warning: String?) {
        if let urlPassword { return (urlPassword, nil) }
        if let password = environment["PGPASSWORD"] { return (password, nil) }
        let file = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        guard let file, FileManager.default.fileExists(atPath: file) else { return (nil, nil) }
        var info = stat()
        if stat(file, &info) == 0, info.st_mode & 0o077 != 0 {
            return (nil, "password file \(file) is readable by others (chmod 0600 \(file)); ignored")
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return (nil, nil) }
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") { continue }
            let fields = Self.passFields(String(line))
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
            if matches(fields[0], host), matches(fields[1], String(port)), matches(fields[2], database), matches(fields[3], user) {
                return (fields[4], nil)
            }
        }
        return (nil, nil)
    }

    /// Splits a `.pgpass` line on unescaped colons (`\:` and `\\` are escapes).
    static func passFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
