import Foundation
import PantauKit
import TOMLKit

/// Settings from `$XDG_CONFIG_HOME/pantau/config.toml` (else `~/.config/pantau/config.toml`).
/// Command-line flags win over these.
///
///     theme = "light"          # dark, light, high-contrast, monochrome
///     lang = "id"              # id or en
///     data = "/srv/pantau/jatim"
///     agenda = "/srv/pantau/rakor-agenda.txt"
///     mouse = false            # leave the mouse to the terminal, as --no-mouse
///     time_zone = "WIB"        # one zone for every time shown (default auto: the province's)
public struct PantauConfig: Equatable, Sendable {
    public var theme: Theme?
    public var lang: Language?
    public var data: String?
    public var agenda: String?
    /// Priority weights, as for `--weights`.
    public var weights: String?
    /// false: no mouse events (as `--no-mouse`).
    public var mouse: Bool?
    /// One zone for every time a person reads, as `--time-zone`.
    public var timeZones: LocalTimeZones?

    public init(theme: Theme? = nil, lang: Language? = nil, data: String? = nil, agenda: String? = nil, weights: String? = nil) {
        self.theme = theme; self.lang = lang; self.data = data; self.agenda = agenda; self.weights = weights
    }

    /// Where the file is looked for.
    public static func defaultPath(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/pantau/config.toml" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/pantau/config.toml" }
        return nil
    }

    /// Reads the file if it exists (nil config when it does not).
    public static func load(path: String) throws(ConfigError) -> PantauConfig {
        guard FileManager.default.fileExists(atPath: path) else { return PantauConfig() }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(path: path, line: 0, column: 0, problem: .unreadable)
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(ConfigError) -> PantauConfig {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(path: path, line: error.source.begin.line, column: error.source.begin.column,
                              problem: .syntax(error.description))
        } catch {
            throw ConfigError(path: path, line: 0, column: 0, problem: .syntax("\(error)"))
        }
        /// The line where `key` is set, for messages about its value.
        func line(of key: String) -> Int { TOMLLines.line(of: key, in: text) }
        func string(_ key: String) throws(ConfigError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string else {
                throw ConfigError(path: path, line: line(of: key), column: 1, problem: .notText(key))
            }
            return text
        }
        var config = PantauConfig()
        for key in table.keys where !["theme", "lang", "data", "agenda", "weights", "mouse", "time_zone"].contains(key) {
            throw ConfigError(path: path, line: line(of: key), column: 1, problem: .unknownKey(key))
        }
        if let value = try string("theme") {
            guard let theme = Theme(rawValue: value) else {
                throw ConfigError(path: path, line: line(of: "theme"), column: 1,
                                  problem: .badChoice(key: "theme", value: value, allowed: Theme.allCases.map(\.rawValue)))
            }
            config.theme = theme
        }
        if let value = try string("lang") {
            guard let lang = Language(rawValue: value) else {
                throw ConfigError(path: path, line: line(of: "lang"), column: 1,
                                  problem: .badChoice(key: "lang", value: value, allowed: Language.allCases.map(\.rawValue)))
            }
            config.lang = lang
        }
        if let value = table["mouse"] {
            guard let flag = value.bool else {
                throw ConfigError(path: path, line: line(of: "mouse"), column: 1, problem: .notBoolean("mouse"))
            }
            config.mouse = flag
        }
        if let value = try string("time_zone") {
            guard let zones = LocalTimeZones.parse(value) else {
                throw ConfigError(path: path, line: line(of: "time_zone"), column: 1,
                                  problem: .badChoice(key: "time_zone", value: value, allowed: LocalTimeZones.choices))
            }
            config.timeZones = zones
        }
        config.data = try string("data")
        config.agenda = try string("agenda")
        if let weights = try string("weights") {
            guard PriorityWeights.parse(weights) != nil else {
                throw ConfigError(path: path, line: line(of: "weights"), column: 1,
                                  problem: .badChoice(key: "weights", value: weights, allowed: ["kemiskinan=…", "stunting=…", "ekstrem=…", "lewat=…"]))
            }
            config.weights = weights
        }
        return config
    }
}

public struct ConfigError: Error, Equatable, Sendable {
    public enum Problem: Equatable, Sendable {
        case unreadable
        case syntax(String)
        case unknownKey(String)
        case notText(String)
        case notBoolean(String)
        case badChoice(key: String, value: String, allowed: [String])
    }
    public let path: String
    public let line: Int
    public let column: Int
    public let problem: Problem

    public func message(_ lang: Language) -> String {
        var location = path
        if line > 0 { location += ":\(line)" }
        if line > 0 && column > 0 { location += ":\(column)" }
        let label = lang.pick("galat konfigurasi", "config error")
        let text: String
        switch problem {
        case .unreadable:
            text = lang.pick("berkas tidak dapat dibaca", "the file cannot be read")
        case .syntax(let detail):
            text = lang.pick("TOML tidak sah (\(detail)); periksa tanda kutip dan tanda =", "invalid TOML (\(detail)); check the quotes and the =")
        case .unknownKey(let key):
            text = lang.pick("kunci '\(key)' tidak dikenal; yang dikenal: theme, lang, data, agenda, weights, mouse, time_zone",
                             "unknown key '\(key)'; known: theme, lang, data, agenda, weights, mouse, time_zone")
        case .notText(let key):
            text = lang.pick("'\(key)' harus teks dalam tanda kutip", "'\(key)' must be quoted text")
        case .notBoolean(let key):
            text = lang.pick("'\(key)' harus true atau false (tanpa tanda kutip)", "'\(key)' must be true or false (without quotes)")
        case .badChoice(let key, let value, let allowed):
            text = lang.pick("\(key) = \"\(value)\" tidak dikenal; pilih: \(allowed.joined(separator: ", "))",
                             "\(key) = \"\(value)\" is not allowed; choose: \(allowed.joined(separator: ", "))")
        }
        return "\(location): \(label): \(text)"
    }
}

/// Where a TOML file sets a key, for messages about its value (TOMLKit gives positions for
/// syntax errors only). Used by the config and by `pantau import --map`.
public enum TOMLLines {
    /// The 1-based line where `key` (bare or quoted) is set, 0 when none.
    public static func line(of key: String, in text: String) -> Int {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for spelled in [key, "\"\(key)\"", "'\(key)'"] where trimmed.hasPrefix(spelled)
                && trimmed.dropFirst(spelled.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                return number + 1
            }
        }
        return 0
    }
}

/// The config file, read and parsed once per run.
public struct ProcessConfig: Sendable {
    public static let shared = ProcessConfig(ProcessInfo.processInfo.environment)
    public let config: PantauConfig?
    /// Why the file cannot be used, in both languages. The message, not the error value:
    /// a ConfigError kept in this static was reported by LeakSanitizer at exit.
    let errorMessages: (id: String, en: String)?

    public init(_ environment: [String: String]) {
        guard let path = PantauConfig.defaultPath(environment) else { config = nil; errorMessages = nil; return }
        do {
            config = try PantauConfig.load(path: path)
            errorMessages = nil
        } catch let problem {
            config = nil
            errorMessages = (problem.message(.id), problem.message(.en))
        }
    }

    public func errorMessage(_ lang: Language) -> String? { errorMessages.map { lang.pick($0.id, $0.en) } }
}
