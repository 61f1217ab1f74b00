import Testing
@testable import PantauKit
@testable import PantauTUI

@Suite struct ConfigTests {
    @Test func readsEveryKey() throws {
        let config = try PantauConfig.parse("""
        # pantau di ruang rapat Bappeda
        theme = "light"
        lang = "en"
        data = "/srv/pantau/jatim"
        agenda = "/srv/pantau/agenda.txt"
        """, path: "config.toml")
        #expect(config == PantauConfig(theme: .light, lang: .en, data: "/srv/pantau/jatim", agenda: "/srv/pantau/agenda.txt"))
    }

    @Test func mouseCanBeTurnedOffAndMustBeABoolean() throws {
        #expect(try PantauConfig.parse("mouse = false\n", path: "c.toml").mouse == false)
        #expect(try PantauConfig.parse("", path: "c.toml").mouse == nil)
        #expect(throws: ConfigError(path: "c.toml", line: 2, column: 1, problem: .notBoolean("mouse"))) {
            try PantauConfig.parse("theme = \"light\"\nmouse = \"no\"\n", path: "c.toml")
        }
        let error = ConfigError(path: "c.toml", line: 2, column: 1, problem: .notBoolean("mouse"))
        #expect(error.message(.en) == "c.toml:2:1: config error: 'mouse' must be true or false (without quotes)")
    }

    @Test func oneTimeZoneForEveryRegion() throws {
        #expect(try PantauConfig.parse("time_zone = \"WIB\"\n", path: "c.toml").timeZones == LocalTimeZones(fixed: .wib))
        #expect(try PantauConfig.parse("time_zone = \"auto\"\n", path: "c.toml").timeZones == .byProvince)
        #expect(try PantauConfig.parse("", path: "c.toml").timeZones == nil)
        #expect(throws: ConfigError(path: "c.toml", line: 2, column: 1,
                                    problem: .badChoice(key: "time_zone", value: "Asia/Jakarta", allowed: ["auto", "WIB", "WITA", "WIT"]))) {
            try PantauConfig.parse("lang = \"id\"\ntime_zone = \"Asia/Jakarta\"\n", path: "c.toml")
        }
    }

    @Test func anEmptyFileChangesNothing() throws {
        #expect(try PantauConfig.parse("", path: "config.toml") == PantauConfig())
    }

    @Test func aBadThemeNamesTheLineAndTheChoices() {
        #expect(throws: ConfigError(path: "c.toml", line: 3, column: 1,
                                    problem: .badChoice(key: "theme", value: "ungu", allowed: ["dark", "light", "high-contrast", "monochrome"]))) {
            try PantauConfig.parse("lang = \"id\"\n\ntheme = \"ungu\"\n", path: "c.toml")
        }
        let error = ConfigError(path: "c.toml", line: 3, column: 1,
                                problem: .badChoice(key: "theme", value: "ungu", allowed: ["dark", "light"]))
        #expect(error.message(.id) == "c.toml:3:1: galat konfigurasi: theme = \"ungu\" tidak dikenal; pilih: dark, light")
        #expect(error.message(.en) == "c.toml:3:1: config error: theme = \"ungu\" is not allowed; choose: dark, light")
    }

    @Test func brokenTOMLGivesItsLine() {
        do {
            _ = try PantauConfig.parse("theme = \"light\"\nlang = \"en\n", path: "c.toml")
            Issue.record("no error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message(.en).hasPrefix("c.toml:2:"))
        }
    }

    @Test func unknownKeysAndWrongTypesAreErrors() {
        #expect(throws: ConfigError(path: "c.toml", line: 2, column: 1, problem: .unknownKey("warna"))) {
            try PantauConfig.parse("theme = \"dark\"\nwarna = \"biru\"\n", path: "c.toml")
        }
        #expect(throws: ConfigError(path: "c.toml", line: 1, column: 1, problem: .notText("lang"))) {
            try PantauConfig.parse("lang = 3\n", path: "c.toml")
        }
    }

    @Test func xdgConfigHomeComesFirst() {
        #expect(PantauConfig.defaultPath(["XDG_CONFIG_HOME": "/x", "HOME": "/home/a"]) == "/x/pantau/config.toml")
        #expect(PantauConfig.defaultPath(["HOME": "/home/a"]) == "/home/a/.config/pantau/config.toml")
    }
}
