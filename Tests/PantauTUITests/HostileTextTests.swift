import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

// Terminal safety: hostile names, notes and sources go through every pane, the help,
// the palette, the forms and presentation mode, and through `pantau screen`, `report`
// and `check`. Nothing may reach the terminal that can drive it (C0/C1 controls, DEL,
// escape sequences such as OSC 52 clipboard writes) or reorder text (bidi controls),
// and zero-width, combining, wide and emoji characters must keep every column where
// the buffer says it is.

/// Hostile text, each piece one kind of attack.
enum Hostile {
    static let osc52 = "\u{1B}]52;c;SGFja2VkIQ==\u{07}"          // clipboard write
    static let csi = "\u{1B}[2J\u{1B}[31;1m\u{1B}[?1049l"         // clear, red, leave alternate screen
    static let title = "\u{1B}]0;pwned\u{1B}\\"                   // window title, ST-terminated
    static let c1 = "\u{9B}31m\u{85}\u{90}q\u{9C}\u{9D}8;;x\u{9C}"  // 8-bit CSI, NEL, DCS, ST, OSC
    static let c0 = "\u{07}\u{08}\u{0B}\u{0C}\u{0E}\u{7F}"        // BEL BS VT FF SO DEL
    static let breaks = "a\tb\nc\rd\r\ne\u{2028}f\u{2029}g"
    static let bidi = "\u{202E}tabaR\u{202C} \u{2066}x\u{2069}\u{2067}y\u{2068}z\u{2069}\u{200E}\u{200F}\u{61C}\u{202A}\u{202B}\u{202D}"
    static let invisible = "a\u{200B}b\u{200C}c\u{200D}d\u{2060}e\u{FEFF}f\u{AD}g\u{E0041}\u{E007F}"
    static let combining = "Ce\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}k Z\u{335}\u{336}\u{337}a\u{489} \u{301}x"
    static let wide = "西爪哇省 한국 ｶﾀｶﾅ ＡＢＣ 中文字"
    static let emoji = "😀 👨‍👩‍👧 🇮🇩 👍🏽 ☺️ ✅ 🫨"
    static let spacingMarks = "का कि"                          // Devanagari vowel signs take a column each
    /// Unassigned, two noncharacters (Swift literals refuse those), private use, U+FFFD.
    static let oddities = String(String.UnicodeScalarView([0x378, 0xFFFE, 0xFDD0, 0xE000, 0xFFFD].map { Unicode.Scalar($0)! }))

    static var all: String { [osc52, csi, title, c1, c0, breaks, bidi, invisible, combining, wide, emoji, spacingMarks, oddities].joined(separator: " ") }

    /// A name that is hostile but still reads as a name, so the row it is on can be found.
    static func name(_ plain: String) -> String {
        plain + osc52 + " " + wide + " " + bidi + emoji + combining + c1 + csi + breaks + invisible + title + c0 + spacingMarks + oddities
    }

    /// Characters a person could type (a terminal turns C0 controls into keys, but C1,
    /// bidi controls, wide characters and emoji arrive as characters).
    static let typed = "ok\u{9B}2J\u{202E}lol\u{2066} 中文😀e\u{301}\u{200B}x"
}

/// Scalars that must never be in a cell, in `pantau screen` output or in a sanitised
/// report: C0 (but LF between lines), DEL, C1, format characters (bidi controls, zero
/// width joiners …), presentation selectors, unassigned code points, and characters too
/// new for the terminal's width tables.
func isForbidden(_ scalar: Unicode.Scalar, allowNewline: Bool = false) -> Bool {
    let value = scalar.value
    if value == 0x0A { return !allowNewline }
    if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
    if value == 0xFE0E || value == 0xFE0F { return true }
    switch scalar.properties.generalCategory {
    case .format, .unassigned, .surrogate, .lineSeparator, .paragraphSeparator: return true
    default: break
    }
    guard let age = scalar.properties.age else { return true }
    return (age.major, age.minor) > DisplayText.newestMeasurableUnicode
}

/// Writes the sample data with hostile rows and a state file with hostile decisions.
struct HostileDataset {
    let directory: URL
    var state: String { directory.appendingPathComponent("pantau.sqlite").path }

    static func csvField(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-hostile-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sample = packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample")
        for file in try FileManager.default.contentsOfDirectory(atPath: sample.path) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        let f = Self.csvField
        try edit("wilayah.csv") { lines in
            lines = lines.map { line in
                if line == "32,Jawa Barat" { return "32," + f(Hostile.name("Jawa Barat")) }
                if line == "32.01,Kabupaten Bogor" { return "32.01," + f(Hostile.name("Kabupaten Bogor")) }
                return line
            }
            lines.append("32.01.90," + f(Hostile.name("Kecamatan Jahat")))
        }
        try edit("rekomendasi.csv") { lines in
            lines.append(["HOSTILE-01", "32.01", f("2024 S1" + Hostile.bidi), "aks", f("Kategori" + Hostile.osc52 + Hostile.wide),
                          f("Temuan " + Hostile.all), f("Rekomendasi " + Hostile.all + String(repeating: " panjang" + Hostile.emoji, count: 40)),
                          // An OPD is a name: the loader refuses controls, bidi and joiners (emoji ZWJ sequences) in it (TextRules,
                          // TextRulesTests); hostile OPDs reach the screen through decisions below.
                          f("Dinas" + Hostile.wide), "2025-01-31", "belum"].joined(separator: ","))
            lines.append(["HOSTILE-02", "32", "2024", "rakor", "", f(Hostile.combining), f(Hostile.spacingMarks + Hostile.wide),
                          f("中文字中文字中文字中文字中文字中文字中文字中文字中文字中文字中文字中文字"), "2027-06-30", "proses"].joined(separator: ","))
        }
        try edit("sumber.csv") { lines in
            lines = lines.map { line in
                guard line.hasPrefix("bps-jabar-p0-2024,") else { return line }
                return ["bps-jabar-p0-2024", f("Judul" + Hostile.title + Hostile.c0 + Hostile.osc52 + Hostile.bidi), f("BPS" + Hostile.c1 + Hostile.wide + Hostile.emoji),
                        "2024", f("https://example.org/" + Hostile.csi)].joined(separator: ",")
            }
        }
        try edit("program.csv") { lines in
            lines.append(["32.01", f("Program" + Hostile.osc52 + Hostile.wide), f("Mitra" + Hostile.bidi + Hostile.emoji),
                          f("aset" + Hostile.c1 + ";" + Hostile.combining), "2024-01-01", "", "10", ""].joined(separator: ","))
        }
        try edit("konvergensi.csv") { lines in
            lines.append(["32.01", "2022", "1", "50", f("catatan" + Hostile.all)].joined(separator: ","))
        }
        try edit("target.csv") { lines in
            lines.append(["32.01", "stunting", "2030", "10", f("dasar" + Hostile.osc52 + Hostile.bidi + Hostile.wide)].joined(separator: ","))
        }
        let store = try SQLiteFollowUpStore(path: state)
        let author = "notulis" + Hostile.osc52 + Hostile.bidi + Hostile.wide + Hostile.c1
        let events = [
            FollowUpEvent(recommendationID: "HOSTILE-01", field: .note, oldValue: nil, newValue: "catatan " + Hostile.all,
                          author: author, recordedAt: "2026-11-20T09:00:00Z"),
            FollowUpEvent(recommendationID: "HOSTILE-01", field: .status, oldValue: "belum", newValue: "proses",
                          note: "alasan" + Hostile.csi + Hostile.emoji + Hostile.bidi, author: author, recordedAt: "2026-11-20T09:05:00Z"),
            FollowUpEvent(recommendationID: "HOSTILE-01", field: .owner, oldValue: "Dinas", newValue: "OPD" + Hostile.title + Hostile.wide,
                          author: Hostile.all, recordedAt: "2026-11-20T09:06:00Z"),
            FollowUpEvent(recommendationID: "HOSTILE-01", field: .deadline, oldValue: "2025-01-31", newValue: "2025-12-31",
                          author: author, recordedAt: "2026-11-21" + Hostile.osc52),   // a time stamp no one wrote
            FollowUpEvent(recommendationID: "BOGOR-BRAC24-02", field: .note, oldValue: nil, newValue: Hostile.all,
                          author: author, recordedAt: Hostile.csi + Hostile.bidi),
            FollowUpEvent(recommendationID: "HOSTILE-02", field: .status, oldValue: "proses", newValue: "selesai" + Hostile.osc52,
                          author: author, recordedAt: "2026-11-22T08:00:00Z"),          // invalid value: ignored, named by check
            FollowUpEvent(recommendationID: "ORPHAN" + Hostile.osc52 + Hostile.bidi, field: .note, oldValue: nil, newValue: Hostile.all,
                          author: author, recordedAt: "2026-11-22T08:00:00Z"),           // not in the dataset: named by check
        ]
        for event in events { _ = try store.append(event) }
    }

    private func edit(_ file: String, _ change: (inout [String]) -> Void) throws {
        let url = directory.appendingPathComponent(file)
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        while lines.last == "" { lines.removeLast() }
        change(&lines)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Checks one frame: no forbidden scalar in any cell, every row exactly as wide as the
/// screen with wide characters followed by their empty continuation cell, the pane
/// borders in their columns on every row, and the cursor on the screen. (`checkScalars`
/// false checks only for controls, for speed on data known to be clean.)
func expectSafeScreen(_ screen: ScreenBuffer, _ state: AppState, _ step: String, checkScalars: Bool = true,
                      sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    var problems: [String] = []
    let size = screen.size
    for y in 0..<size.height {
        var columns = 0
        var x = 0
        while x < size.width {
            let cell = screen[x, y]
            let utf8 = cell.text.utf8
            if utf8.count == 1, let byte = utf8.first, byte >= 0x20, byte < 0x7F { // plain ASCII: one column
                columns += 1; x += 1; continue
            }
            if utf8.isEmpty {
                problems.append("row \(y) column \(x): continuation cell without a wide character before it")
                x += 1; continue
            }
            var width = 0, count = 0
            for scalar in cell.text.unicodeScalars {
                if (checkScalars || scalar.value < 0xA0) && isForbidden(scalar) { // controls: always
                    problems.append("row \(y) column \(x): forbidden U+\(String(scalar.value, radix: 16, uppercase: true)) in \(cell.text.debugDescription)")
                }
                let scalarWidth = DisplayText.width(scalar)
                if (count == 0) == (scalarWidth == 0) {
                    problems.append("row \(y) column \(x): \(cell.text.debugDescription) is not one spacing character and its marks")
                }
                width += scalarWidth; count += 1
            }
            if count > 5 { problems.append("row \(y) column \(x): \(count) scalars in one cell") }
            columns += width
            if width == 2 {
                if x + 1 >= size.width || !screen[x + 1, y].text.isEmpty {
                    problems.append("row \(y) column \(x): wide \(cell.text.debugDescription) without its continuation cell")
                    x += 1; continue
                }
                x += 2
            } else {
                x += 1
            }
        }
        if columns != size.width { problems.append("row \(y) is \(columns) columns wide, not \(size.width)") }
    }
    if let cursor = screen.cursor, cursor.x < 0 || cursor.y < 0 || cursor.x >= size.width || cursor.y >= size.height {
        problems.append("cursor \(cursor) is off the \(size.width)×\(size.height) screen")
    }
    if state.overlay == nil, state.presentation == nil, case .panes(let layout) = Layout.compute(size) {
        let verticals: Set<String> = ["│", "┃", "|"], corners: Set<String> = ["┌", "┏", "┐", "┓", "└", "┗", "┘", "┛", "+"]
        // A full-screen view has one box; the dashboard four.
        let rects = state.view != nil ? [("view", viewRect(size))] : PaneRegistry.standard.panes.map { ("\($0)", layout.rect(for: $0)) }
        for (pane, rect) in rects {
            for (x, y) in [(rect.x, rect.y), (rect.x + rect.width - 1, rect.y), (rect.x, rect.y + rect.height - 1),
                           (rect.x + rect.width - 1, rect.y + rect.height - 1)] where !corners.contains(screen[x, y].text) {
                problems.append("\(pane) corner at \(x),\(y) is \(screen[x, y].text.debugDescription)")
            }
            for y in (rect.y + 1)..<(rect.y + rect.height - 1) {
                for x in [rect.x, rect.x + rect.width - 1] where !verticals.contains(screen[x, y].text) {
                    problems.append("\(pane) border at \(x),\(y) is \(screen[x, y].text.debugDescription)")
                }
            }
        }
    }
    if !problems.isEmpty {
        let summary = problems.prefix(12).joined(separator: "\n")
        Issue.record("after \(step) at \(size.width)×\(size.height):\n\(summary)\n\(screen.text())", sourceLocation: sourceLocation)
    }
    return problems.isEmpty
}

@Suite(.serialized) struct HostileTextTests {
    /// Every scalar the C library knows (glibc 2.36 here) gets the same width from
    /// `DisplayText` as from `wcwidth`, which ncurses and tmux use to place characters;
    /// the ones it does not know are replaced by `sanitize`.
    @Test func widthsAgreeWithTheCLibrary() throws {
        // The C library's wcwidth, in a UTF-8 locale for this thread only.
        let symbol = try #require(dlsym(nil, "wcwidth"))
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        let utf8 = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))
        let previous = uselocale(utf8)
        defer { uselocale(previous); freelocale(utf8) }
        var disagreements: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            guard DisplayText.disposition(scalar) == .keep else { continue }
            let theirs = wcwidth(Int32(bitPattern: value))
            guard theirs >= 0 else {
                // Kept, but the C library cannot measure it: only acceptable for private use.
                if scalar.properties.generalCategory != .privateUse { disagreements.append("U+\(String(value, radix: 16)) unknown to wcwidth") }
                continue
            }
            if DisplayText.width(scalar) != Int(theirs) {
                disagreements.append("U+\(String(value, radix: 16)): \(DisplayText.width(scalar)) here, \(theirs) in wcwidth")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements: \(disagreements.prefix(20))")
    }

    @Test func sanitizeLeavesNothingThatDrivesOrReordersTheTerminal() {
        let clean = DisplayText.sanitize(Hostile.all)
        #expect(!clean.unicodeScalars.contains(where: { isForbidden($0) }), "\(clean.debugDescription)")
        #expect(clean.contains("]52;c;SGFja2VkIQ=="))           // visible, but inert: its ESC is gone
        #expect(clean.contains("\u{FFFD}]52;c;"))
        #expect(clean.contains("西爪哇省"))
        #expect(clean.contains("Ce\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}k")) // combining marks stay
        #expect(DisplayText.sanitize("\u{1FAE8}") == "\u{FFFD}")  // too new for wcwidth here
        #expect(DisplayText.sanitize("☺\u{FE0F}") == "☺")
        #expect(DisplayText.sanitize("a\u{2028}b") == "a b")
        // Width is measured as shown: what truncate and pad cut is what put draws.
        for text in [Hostile.all, Hostile.name("x"), Hostile.c0 + Hostile.c1] {
            #expect(DisplayText.width(text) == DisplayText.width(DisplayText.sanitize(text)))
            for columns in [0, 1, 2, 5, 17, 40] {
                let padded = DisplayText.pad(text, to: columns)
                #expect(DisplayText.width(padded) == columns)
                #expect(!padded.unicodeScalars.contains(where: { isForbidden($0) }))
                var buffer = ScreenBuffer(size: Size(width: 60, height: 1))
                #expect(buffer.put(padded, x: 0, y: 0, role: .normal) == columns)
            }
        }
    }

    @Test func putKeepsEveryRowExactlyAsWideAsTheScreen() {
        let state = makeState()
        var buffer = ScreenBuffer(size: Size(width: 30, height: 6))
        buffer.put(Hostile.all, x: 0, y: 0, role: .normal)
        buffer.put(Hostile.wide, x: 3, y: 1, role: .normal)
        buffer.put("abc", x: 4, y: 1, role: .normal)               // lands on the second half of 爪
        buffer.put(Hostile.emoji, x: 0, y: 2, role: .normal)
        buffer.put("中", x: 1, y: 2, role: .normal)                 // lands on the second half of 😀
        buffer.put(Hostile.spacingMarks + Hostile.combining, x: 0, y: 3, role: .normal)
        buffer.put("中文字中文字中文字中文字中文字中文字", x: 0, y: 4, role: .normal)
        buffer.fill(Rect(x: 3, y: 4, width: 5, height: 1), role: .help) // cuts 中 at both edges
        buffer.put("\u{301}\u{302}leading marks", x: 0, y: 5, role: .normal)
        #expect(expectSafeScreen(buffer, state, "direct puts"))
        #expect(buffer.text().components(separatedBy: "\n")[5].hasPrefix("leading marks"))
        // The Devanagari vowel sign takes its own column, as wcwidth says.
        var marks = ScreenBuffer(size: Size(width: 4, height: 1))
        #expect(marks.put("का", x: 0, y: 0, role: .normal) == 2)
    }

    /// The whole dashboard on the hostile dataset, at the minimum and a large size, in
    /// Indonesian and English, with ASCII only and every theme: after each key, the
    /// frame must pass `expectSafeScreen`. Decisions typed into forms are written to the
    /// hostile state file and read back, as in the dashboard.
    @Test(arguments: [(80, 24, false), (160, 48, false), (80, 24, true), (120, 36, true)])
    func everyPaneOnTheHostileDataset(width: Int, height: Int, asciiAndEnglish: Bool) throws {
        let data = try HostileDataset()
        defer { data.remove() }
        let dataset = try DatasetLoader.load(directory: data.directory.path)
        let store = try SQLiteFollowUpStore(path: data.state)
        let session = FollowUpSession(store: store, clock: { "2026-11-23T10:00:00Z" + Hostile.bidi })
        var state = AppState(context: DashboardContext(dataset: dataset, today: LocalDate(iso: "2026-11-23")!, events: try store.allEvents()),
                             lang: asciiAndEnglish ? .en : .id, size: Size(width: width, height: height))
        state.author = "rapat" + Hostile.osc52 + Hostile.bidi + Hostile.wide
        state.ascii = asciiAndEnglish
        reduce(&state, .resize(state.size))
        var frames = 0, failures = 0
        func check(_ step: String) {
            frames += 1
            if !expectSafeScreen(render(state), state, step) { failures += 1 }
        }
        func press(_ names: String) {
            guard case .success(let keys) = Key.parseList(names) else { Issue.record("bad key names \(names)"); return }
            for key in keys where failures < 3 {
                reduce(&state, .key(key))
                session.synchronise(&state)
                check(names)
            }
        }
        func type(_ text: String) {
            for character in text where failures < 3 {
                reduce(&state, .key(.character(character)))
                check("typing \(text.debugDescription)")
            }
        }
        func select(recommendation id: String) {
            press("3 g")
            for _ in 0..<state.recommendationRows.count where state.selectedRecommendation?.id != id { press("j") }
            #expect(state.selectedRecommendation?.id == id)
        }
        check("start")
        // Regions: Jawa Barat's hostile name in the list, the Indicators title and Detail.
        press("j 4 j j j j j j j j j j 1")
        // Drill: the breadcrumb holds two hostile names; the hostile kecamatan has no children.
        press("Enter Enter G Enter Esc")
        #expect(state.dataset.region(state.selectedRegion).code.text == "32.01")
        // Indicators of Bogor, then of Jawa Barat (hostile source title and publisher): every row and its Detail.
        for back in ["", "Esc"] {
            press(back + " 2 g")
            for _ in 0..<max(1, state.indicatorRows.count) { press("Enter 4 j j j j j j Esc j") }
            press("1")
        }
        #expect(state.dataset.region(state.selectedRegion).code.text == "32")
        // Recommendations in Jawa Barat: every row, its Detail and history (hostile notes and authors).
        press("3 g")
        for _ in 0..<max(1, state.recommendationRows.count) { press("Enter 4 j j j j j j j j j j j j PgDn Esc j") }
        press("f f f f f a a a a a")
        for _ in 0..<50 where failures < 3 {
            press("o")
            if state.ownerFilter == nil { break }
        }
        // Forms: hostile text typed into each, recorded, and shown back.
        select(recommendation: "HOSTILE-01")
        press("n"); type(Hostile.typed); press("Enter")
        press("c Down"); type(Hostile.typed); press("Enter")
        press("O"); type(Hostile.typed); press("Enter")
        press("d"); type(Hostile.typed); press("Enter BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace")
        press("BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace Esc")
        press("u Enter 4 j j j j j j j j j j j j Esc")
        // Filter, palette, help, themes, language and presentation mode.
        press("1 /"); type(Hostile.typed); press("Enter Esc /"); type("jahat"); press("Enter Enter Esc")
        press(":"); type(Hostile.typed); press("BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace Esc")
        press("? j j j PgDn PgDn PgUp Esc")
        press("t t t t L L")
        press("1 j p Space Space Space b ? Esc t p")
        #expect(failures == 0)
        #expect(frames > 200)
        // What was typed holds a C1 control and a bidi override: the form refused it
        // (TextRules), so it was never recorded.
        let notes = try store.allEvents().filter { $0.recommendationID == "HOSTILE-01" && $0.field == .note }
        #expect(!notes.contains { $0.newValue.contains("\u{202E}lol") })
    }
}

// MARK: The binary: pantau screen, report and check

/// The pantau binary built beside the test bundle (the end-to-end target depends on it).
let builtPantau: String? = {
    if let override = ProcessInfo.processInfo.environment["PANTAU_BIN"] { return override }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pantau").path
    return FileManager.default.isExecutableFile(atPath: beside) ? beside : nil
}()

func runPantau(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    // Output goes to files, so a full pipe can never block the child.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-hostile-run-\(UUID().uuidString)").path
    defer { unlink(scratch + ".out"); unlink(scratch + ".err") }
    for suffix in [".out", ".err"] { _ = FileManager.default.createFile(atPath: scratch + suffix, contents: nil) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtPantau!)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["LANG"] = "C.UTF-8"
    environment["XDG_CONFIG_HOME"] = scratch + ".noconfig" // no user config file
    process.environment = environment
    let output = try #require(FileHandle(forWritingAtPath: scratch + ".out"))
    let error = try #require(FileHandle(forWritingAtPath: scratch + ".err"))
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try output.close(); try error.close()
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    return (process.terminationStatus, read(scratch + ".out"), read(scratch + ".err"))
}

func forbiddenScalars(in text: String) -> [String] {
    text.unicodeScalars.filter { isForbidden($0, allowNewline: true) }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
}

@Suite(.serialized, .enabled(if: builtPantau != nil, "the pantau binary is not built beside the tests"))
struct HostileOutputTests {
    @Test func screenPrintsNothingThatDrivesTheTerminal() throws {
        let data = try HostileDataset()
        defer { data.remove() }
        let tours = ["", "j", "j Enter Enter", "j Enter Enter G", "j Enter Enter 2 j Enter", "j Enter 2 G Enter", "j Enter Enter 3 j Enter",
                     "j Enter Enter 3 j j Enter 4 j j j j j j j j", "?", "j Enter Enter 3 n", "j p", "j Enter Enter / a"]
        for size in ["80x24", "160x48"] {
            for keys in tours {
                let result = try runPantau(["screen", "--data", data.directory.path, "--today", "2026-11-23", "--size", size, "--keys", keys])
                #expect(result.status == 0, "\(keys): \(result.error)")
                #expect(forbiddenScalars(in: result.output).isEmpty, "\(size) \(keys): \(forbiddenScalars(in: result.output))")
                let width = Int(size.prefix { $0 != "x" })!
                for line in result.output.split(separator: "\n", omittingEmptySubsequences: false) {
                    #expect(DisplayText.width(String(line)) <= width, "\(size) \(keys): \(line)")
                }
            }
        }
    }

    @Test(arguments: ["md", "csv"]) func reportIsSanitised(format: String) throws {
        let data = try HostileDataset()
        defer { data.remove() }
        let result = try runPantau(["report", "--data", data.directory.path, "--today", "2026-11-23", "--format", format])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("HOSTILE-01"))
        #expect(result.output.contains("西爪哇省"))
        #expect(forbiddenScalars(in: result.output).isEmpty, "\(forbiddenScalars(in: result.output))")
        #expect(forbiddenScalars(in: result.error).isEmpty)
    }

    /// JSON keeps every value exactly, with what could drive a terminal escaped.
    @Test func reportJSONEscapesButKeepsTheValues() throws {
        let data = try HostileDataset()
        defer { data.remove() }
        let result = try runPantau(["report", "--data", data.directory.path, "--today", "2026-11-23", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        #expect(forbiddenScalars(in: result.output).isEmpty, "\(forbiddenScalars(in: result.output))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let decisions = try #require(json["keputusan"] as? [[String: Any]])
        #expect(decisions.contains { ($0["baru"] as? String) == "catatan " + Hostile.all })
        #expect(decisions.contains { ($0["oleh"] as? String) == Hostile.all })
    }

    @Test func checkNamesHostileDecisionsSafely() throws {
        let data = try HostileDataset()
        defer { data.remove() }
        let result = try runPantau(["check", data.directory.path, "--lang", "en"])
        #expect(result.output.contains("refers to recommendation 'ORPHAN"), "\(result.output)")
        #expect(result.output.contains("has an invalid value 'selesai"), "\(result.output)")
        #expect(forbiddenScalars(in: result.output).isEmpty, "\(forbiddenScalars(in: result.output))")
        #expect(forbiddenScalars(in: result.error).isEmpty, "\(forbiddenScalars(in: result.error))")
    }
}

/// A `--today` ahead of the real date moves the future-year rule with it (a scripted day
/// ahead); a day in the past does not (it hides later figures instead, AsOfEndToEndTests).
@Suite(.enabled(if: builtPantau != nil, "the pantau binary is not built beside the tests"))
struct TodayOptionTests {
    @Test func checkJudgesFutureYearsAgainstTheRealDateOrALaterGivenDay() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-today-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(at: directory.appendingPathComponent("pantau.sqlite" + suffix)) }
        let path = directory.appendingPathComponent("indikator.csv").path
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "0,kemiskinan,2090,8.10,bps-p0-2024\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n").count
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        for today in [[], ["--today", "2022-10-25"]] {
            let before = try runPantau(["check", directory.path, "--lang", "en"] + today)
            #expect(before.status == 1)
            #expect((before.output + before.error).contains("indikator.csv:\(line):14: error: year in the future: 2090 has not come yet (this year is \(thisYear))"),
                    "\(before.output)\(before.error)")
        }
        let after = try runPantau(["check", directory.path, "--lang", "en", "--today", "2090-01-02"])
        #expect(after.status == 0, "\(after.error)")
        #expect(after.output.contains("OK: "), "\(after.output)")
    }
}
