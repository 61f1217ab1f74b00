import Foundation
import Testing

let sampleData = packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample").path
/// The sample data with decisions in a state file of this test run, never in
/// `sample-data/pantau.sqlite`: other tests copy `sample-data/` while these run.
let dashboardArguments = ["--data", sampleData, "--today", "2026-11-23", "--state",
                          FileManager.default.temporaryDirectory.appendingPathComponent("pantau-e2e-\(getpid()).sqlite").path]

@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed"))
struct DashboardEndToEndTests {
    @Test func opensOnTheProvincesWithRealFiguresAndTheCursorOnTheSelection() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        let screen = try session.waitFor("? bantuan")
        #expect(screen.contains(" pantau Indonesia"))
        #expect(screen.contains("Jawa Barat ›"))
        #expect(screen.contains("9,03 % ▼ 2024"))   // BPS P0 Maret 2024, national
        #expect(screen.contains("19,8 % ▼ 2024"))   // SSGI 2024, national
        #expect(screen.contains("▶ 1 Wilayah"))
        let cursor = try session.cursor()
        #expect(session.row(of: "Sumatera Selatan ›", in: screen) == cursor.y)
    }

    @Test func tabAndNumbersSwitchPanes() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("Tab")
        try session.waitFor("▶ 2 Indikator")
        try session.send("3")
        let screen = try session.waitFor("▶ 3 Rekomendasi")
        #expect(!screen.contains("▶ 2 Indikator"))
        try session.send("BTab")
        try session.waitFor("▶ 2 Indikator")
    }

    @Test func drillDownShowsTheBreadcrumbAndEscapeGoesBack() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("j", "Enter")
        try session.waitFor("pantau Indonesia › Jawa Barat ")
        try session.send("Enter")
        let screen = try session.waitFor("Indonesia › Jawa Barat › Kabupaten Bogor")
        #expect(screen.contains("Cibinong"))
        try session.send("Escape")
        try session.waitUntilGone("› Kabupaten Bogor")
        try session.send("Escape")
        let top = try session.waitUntilGone("› Jawa Barat")
        let cursor = try session.cursor()
        #expect(session.row(of: "Jawa Barat ›", in: top) == cursor.y) // selection restored
    }

    @Test func filterAsYouTypeThenJumpToTheMatch() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("/")
        try session.waitFor("Cari:")
        try session.type("sekayu")
        let filtered = try session.waitFor("Cari: sekayu")
        #expect(filtered.contains("16.06.01"))
        #expect(!filtered.contains("Jawa Barat ›"))
        try session.send("Enter", "Enter")
        try session.waitFor("Sumatera Selatan › Kabupaten Musi Banyuasin › Sekayu")
    }

    @Test func resizeRelaysOutAndSaysWhenTooSmall() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.resize(width: 60, height: 20)
        var small = try session.waitFor("Tab panel")
        #expect(small.contains("▶ 1 Wilayah") && !small.contains("2 Indikator"), "\(small)")
        try session.send("Tab")
        small = try session.waitFor("▶ 2 Indikator")
        #expect(!small.contains("1 Wilayah"), "\(small)")
        try session.send("BTab")
        try session.resize(width: 36, height: 10)
        try session.waitFor("terminal terlalu kecil: perlu 40×12")
        try session.resize(width: 160, height: 48)
        let screen = try session.waitFor("▶ 1 Wilayah")
        #expect(screen.contains("Keterangan")) // the wide recommendations columns
        #expect(!screen.contains("terlalu kecil"))
    }

    @Test func helpListsTheCommands() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("?")
        let help = try session.waitFor("Bantuan")
        #expect(help.contains("Cari wilayah (nama atau kode)"))
        try session.send("Escape")
        try session.waitUntilGone("Cari wilayah (nama atau kode)")
    }

    @Test func englishWithLangFlag() throws {
        let session = try TmuxSession(arguments: dashboardArguments + ["--lang", "en"])
        let screen = try session.waitFor("? help")
        #expect(screen.contains("▶ 1 Regions"))
        #expect(screen.contains("9.03% ▼ 2024"))
    }

    @Test func quitLeavesTheTerminalAsItWas() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        #expect(session.file("exit")?.contains("EXIT=0") == true)
        #expect(session.file("before") != nil)
        #expect(session.file("before") == session.file("after"))
    }

    @Test(arguments: [("TERM", 15), ("INT", 2), ("HUP", 1)])
    func signalsRestoreTheTerminal(signal: String, number: Int) throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        let pid = try #require(session.pid)
        try run("/bin/kill", ["-\(signal)", String(pid)])
        try session.waitFor("PANTAU-ENDED")
        #expect(session.file("exit")?.contains("EXIT=\(128 + number)") == true, "\(session.file("exit") ?? "no exit file")")
        #expect(session.file("before") == session.file("after"))
    }

    @Test func aDecisionInOneTerminalShowsInTheOther() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-meeting-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("pantau.sqlite"))
        let arguments = ["--data", directory.path, "--today", "2026-11-23"]
        let coordinator = try TmuxSession(arguments: arguments + ["--as", "koordinator"])
        let projector = try TmuxSession(arguments: arguments, width: 160, height: 48)
        for session in [coordinator, projector] {
            try session.waitFor("▶ 1 Wilayah")
            try session.send("Enter", "j", "3") // Sumatera Selatan › Kab. Musi Banyuasin, recommendations
            try session.waitFor("MUBA-AKS22-07")
        }
        let before = try projector.screen()
        #expect(before.contains("LEWAT 1333 hari"))
        try coordinator.send("c")
        try coordinator.waitFor("Ubah status · MUBA-AKS22-07")
        try coordinator.send("Down", "Down", "Enter")
        try coordinator.waitFor("Tersimpan: MUBA-AKS22-07")
        // The projector was not touched: it must pick the decision up by itself.
        let after = try projector.waitUntilGone("LEWAT 1333 hari", timeout: 5)
        #expect(after.contains("MUBA-AKS22-07"))
        try projector.send("Enter")
        try projector.waitFor("koordinator · status belum →")
        let result = try run(pantauBinary, ["report", "--data", directory.path, "--today", "2026-11-23", "--format", "csv"])
        #expect(result.output.contains("keputusan,MUBA-AKS22-07"))
    }

    @Test func presentationWalksAThreeRegionAgenda() throws {
        let agenda = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-agenda-\(UUID().uuidString.prefix(8)).txt")
        try "# rakor\n16.06\n35.17\n64.74\n".write(to: agenda, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: agenda) }
        let session = try TmuxSession(arguments: ["present"] + dashboardArguments + ["--agenda", agenda.path, "--theme", "light"],
                                      width: 120, height: 36)
        var screen = try session.waitFor("Kabupaten Musi Banyuasin  16.06")
        #expect(screen.contains("1/3"))
        #expect(screen.contains("12,88 % · 2024"))                 // BPS P0 2024
        #expect(screen.contains("0,47 % · 2024"))                  // BPS extreme poverty 2024
        #expect(screen.contains("16,5 % · 2023"))                  // SKI 2023
        #expect(screen.contains("target 2029: 4,5 % · tidak sesuai"))
        try session.send("Space")
        screen = try session.waitFor("Kabupaten Jombang  35.17")
        #expect(screen.contains("2/3"))
        #expect(screen.contains("8,60 % · 2024"))                  // BPS 2024
        try session.send("n")
        screen = try session.waitFor("Kota Bontang  64.74")
        #expect(screen.contains("3/3"))
        #expect(screen.contains("3,74 % · 2024"))
        #expect(screen.contains("27,4 % · 2023"))
        try session.send("b")
        try session.waitFor("Kabupaten Jombang  35.17")
        // The light theme paints its own white background, whatever the terminal's: the
        // 256-colour white (SGR 48;5;231) on this xterm-256color terminal.
        let attributes = try session.screen(withAttributes: true)
        #expect(attributes.contains("48;5;231"), "no white background in light theme")
        try session.send("Escape")
        try session.waitFor("▶ 1 Wilayah")
    }

    @Test func ranksTheKecamatanOfMusiBanyuasinAndOpensTheFirst() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("Enter", "j", "Enter")
        try session.waitFor("Sumatera Selatan › Kabupaten Musi Banyuasin")
        for _ in 0..<6 { try session.send("s") }
        let ranked = try session.waitFor("urut prioritas (0,3/0,3/0,2/0,2)")
        let lines = ranked.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("∑ Kab. Musi") })
        #expect(lines[first + 1].contains("Lais ›"))      // 2 overdue recommendations
        #expect(lines[first + 2].contains("Sekayu ›"))    // 1 overdue
        try session.send("g", "j")
        try session.waitFor("Skor prioritas")
        try session.send("Enter")
        try session.waitFor("Kabupaten Musi Banyuasin › Lais")
    }

    @Test func comparesKabupatenBogorWithKabupatenJombangFromAnotherProvince() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("j", "Enter")                      // Jawa Barat: Kab. Bogor selected
        try session.waitFor("Indonesia › Jawa Barat")
        try session.send("m")
        try session.waitFor("Ditandai: Kab. Bogor (1/4)")
        try session.send("Escape", "j", "Enter")            // back, then Jawa Timur: Kab. Jombang
        try session.waitFor("Indonesia › Jawa Timur")
        try session.send("m")
        try session.waitFor("Ditandai: Kab. Jombang (2/4) · M bandingkan")
        try session.send("M")
        let screen = try session.waitFor("Perbandingan wilayah")
        let lines = screen.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("Kab. Bogor") })
        #expect(header.contains("Kab. Jombang"))
        // The latest BPS P0 of each, with its year; Jombang's regent's 9,5 % stays a separate series.
        let poverty = try #require(lines.first { $0.contains("Kemiskinan (P0)") })
        #expect(poverty.contains("7,05 % ▼ 2024"))
        #expect(poverty.contains("8,60 % ▼ 2024"))
        #expect(lines.contains { $0.contains("seri lain") && $0.contains("9,5 % 2023") })
        try session.send("Escape")
        try session.waitFor("▶ 1 Wilayah")
    }

    @Test func scorecardOfBontangAndTheBRACProgrammeOfBogor() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("G", "Enter", "A")                 // Kalimantan Timur › Kota Bontang
        var screen = try session.waitFor("8 aksi konvergensi — Kota Bontang")
        #expect(screen.contains("Terlemah 2024"))
        #expect(screen.contains("6. Sistem Manajemen Data"))
        try session.send("Escape", "Escape", "g", "j", "j", "Enter", "P")   // Jawa Barat › Kab. Bogor
        screen = try session.waitFor("Program — Kabupaten Bogor")
        #expect(screen.contains("BRAC International"))
        #expect(screen.contains("Komponen (7)"))
        #expect(screen.contains("7. keterampilan produktif"))
    }

    @Test func monochromeTerminalGetsNoColour() throws {
        let session = try TmuxSession(arguments: dashboardArguments + ["--theme", "light"], environment: ["TERM": "xterm-mono"])
        try session.waitFor("▶ 1 Wilayah")
        let screen = try session.screen(withAttributes: true)
        let sgr = try Regex(#"\x1b\[([0-9;]*)m"#)
        for match in screen.matches(of: sgr) {
            let parameters = String(screen[match.range]).dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) }
            let colours = parameters.filter { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
            #expect(colours.isEmpty, "colour escape \(screen[match.range].debugDescription)")
        }
    }

    @Test func dumbTerminalGetsPlainText() throws {
        let session = try TmuxSession(arguments: dashboardArguments, environment: ["TERM": "dumb"])
        let screen = try session.waitFor("PANTAU-ENDED")
        #expect(screen.contains("Jawa Barat"))
        #expect(screen.contains("TERM=dumb"))
        #expect(session.file("exit")?.contains("EXIT=0") == true)
    }

    @Test func noColorMeansNoColourEscapes() throws {
        let session = try TmuxSession(arguments: dashboardArguments, environment: ["NO_COLOR": "1"])
        try session.waitFor("▶ 1 Wilayah")
        let screen = try session.screen(withAttributes: true)
        // SGR colour parameters 30–37/39, 40–47/49, 38;…/48;… must not appear; bold/reverse may.
        let sgr = try Regex(#"\x1b\[([0-9;]*)m"#)
        for match in screen.matches(of: sgr) {
            let parameters = String(screen[match.range]).dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) }
            // 39/49 reset to the terminal's own colours and are not colour.
            let colours = parameters.filter { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }
            #expect(colours.isEmpty, "colour escape \(screen[match.range].debugDescription)")
        }
        #expect(screen.contains("\u{1b}[7m") || screen.contains(";7m") || screen.contains("[1;7m"), "selection shown in reverse video")
    }
}

@Suite struct CommandLineTests {
    @Test func checkReportsEveryErrorWithFileLineAndColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-broken-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let indicators = directory.appendingPathComponent("indikator.csv")
        var lines = try String(contentsOf: indicators, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = "32.01,kemiskinan,2024,abc,bps-p0-2020"
        lines[3] = "99.99,stunting,2024,5.5,bps-p0-2020"
        try lines.joined(separator: "\n").write(to: indicators, atomically: true, encoding: .utf8)
        let result = try run(pantauBinary, ["check", directory.path, "--lang", "en"])
        #expect(result.status == 1)
        #expect(result.output.contains("indikator.csv:3:23: error: 'abc' is not a number"), "\(result.output)")
        #expect(result.output.contains("indikator.csv:4:1: error: region code '99.99' is not in wilayah.csv"), "\(result.output)")
        #expect(result.output.contains("2 errors; dataset not loaded."))
    }

    @Test func checkReportsACorruptStateFileAndOrphanDecisions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-state-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["wilayah.csv", "rekomendasi.csv", "sumber.csv"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample/\(file)"), to: directory.appendingPathComponent(file))
        }
        let state = directory.appendingPathComponent("pantau.sqlite").path
        // Decisions about recommendations the dataset does not have: kept and reported.
        let writer = URL(fileURLWithPath: pantauBinary).deletingLastPathComponent().appendingPathComponent("pantau-store-stress").path
        try run(writer, ["--state", state, "--count", "2"])
        let orphans = try run(pantauBinary, ["check", directory.path, "--lang", "en"])
        #expect(orphans.status == 0)
        #expect(orphans.output.contains("refers to recommendation 'STRESS-"), "\(orphans.output)")
        #expect(orphans.output.contains("2 follow-up decisions in"))
        // A damaged state file is an error with its path; the dataset itself still checks.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: state + suffix) }
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: state))
        let corrupt = try run(pantauBinary, ["check", directory.path])
        #expect(corrupt.status == 1)
        #expect(corrupt.output.contains("pantau.sqlite: galat: "), "\(corrupt.output)")
        #expect(corrupt.output.contains("rusak"))
    }

    @Test func checkPassesOnTheSampleData() throws {
        let result = try run(pantauBinary, ["check", sampleData])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("OK: 1.085 wilayah"), "\(result.output)")
    }

    @Test func screenPrintsWhatTheDashboardShows() throws {
        let result = try run(pantauBinary, ["screen", "--data", sampleData, "--today", "2026-11-23", "--size", "100x30", "--keys", "j Enter Tab"])
        #expect(result.status == 0)
        #expect(result.output.contains("Indonesia › Jawa Barat"))
        #expect(result.output.contains("▶ 2 Indikator"))
        let bad = try run(pantauBinary, ["screen", "--data", sampleData, "--keys", "Tab Nope"])
        #expect(bad.status != 0)
        #expect(bad.error.contains("Nope"))
    }

    @Test func configFileSetsDefaultsAndFlagsWin() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-config-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("pantau"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let config = home.appendingPathComponent("pantau/config.toml")
        try "lang = \"en\"\ndata = \"\(sampleData)\"\n".write(to: config, atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = home.path
        let english = try run(pantauBinary, ["screen", "--today", "2026-11-23"], environment: environment)
        #expect(english.status == 0)
        #expect(english.output.contains("▶ 1 Regions"), "\(english.output)\(english.error)")
        let indonesian = try run(pantauBinary, ["screen", "--today", "2026-11-23", "--lang", "id"], environment: environment)
        #expect(indonesian.output.contains("▶ 1 Wilayah"))
        try "lang = \"en\"\ntheme = \"ungu\"\n".write(to: config, atomically: true, encoding: .utf8)
        let broken = try run(pantauBinary, ["screen", "--today", "2026-11-23"], environment: environment)
        #expect(broken.status == 2)
        #expect(broken.error.contains("config.toml:2:1: galat konfigurasi: theme = \"ungu\" tidak dikenal"), "\(broken.error)")
    }

    @Test func withoutATerminalItPointsToScreen() throws {
        // Standard input and output are pipes here: no dashboard, a clear pointer instead.
        let result = try run(pantauBinary, ["--data", sampleData])
        #expect(result.status == 2)
        #expect(result.error.contains("pantau screen"))
    }
}
