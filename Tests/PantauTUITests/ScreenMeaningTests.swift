import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

/// The screen problems people stumbled on (issue 14): at 80×24 and 120×36, in both
/// languages, rows that differ look different and every command can be found.
@Suite struct ScreenMeaningTests {
    static let sizes: [(Int, Int, Language)] = [(80, 24, .id), (80, 24, .en), (120, 36, .id), (120, 36, .en)]

    /// The dashboard on a region: its parent's list with it selected.
    func on(_ regionCode: String, width: Int, height: Int, lang: Language, keys: String = "") -> AppState {
        var state = makeState(width: width, height: height, lang: lang)
        let region = state.dataset.index(of: RegionCode(regionCode)!)!
        show(region, &state)
        press(&state, keys)
        return state
    }

    func lines(_ state: AppState) -> [String] {
        render(state).text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A trend is coloured because it is a run of its own, never because a ▲ was found on
    /// the row: a region named with an arrow keeps the row's colour.
    @Test func onlyTheTrendRunIsColouredNotAnArrowInAName() {
        var screen = ScreenBuffer(size: Size(width: 30, height: 1))
        drawRow(&screen, [RowCell("Desa ▲ Maju", width: 12),
                          RowCell(runs: [StyledRun("7,05"), StyledRun("▲", .bad), StyledRun("'24")], width: 9, alignRight: true),
                          RowCell("3", width: 3, alignRight: true, role: .overdue)], x: 0, y: 0, role: .normal)
        #expect(screen.text() == "Desa ▲ Maju   7,05▲'24   3")
        let roles = (0..<30).map { screen[$0, 0].role }
        #expect(roles[5] == .normal) // the arrow in the name
        #expect(roles[18] == .bad) // the trend
        #expect(roles[14] == .normal && roles[17] == .normal && roles[19] == .normal)
        #expect(roles[23..<26].allSatisfy { $0 == .overdue }) // the whole overdue column, padding too
        // Too wide for its column: cut with …, in the row's role.
        drawRow(&screen, [RowCell(runs: [StyledRun("123456789"), StyledRun("▲", .bad)], width: 6)], x: 0, y: 0, role: .normal)
        #expect(screen.text().hasPrefix("12345…"))
        #expect((0..<6).allSatisfy { screen[$0, 0].role == .normal })
    }

    @Test func middleTruncationKeepsTheTail() {
        #expect(DisplayText.truncateMiddle("BOGOR-BRAC24-02", to: 13) == "BOGOR-BRA…-02")
        #expect(DisplayText.truncateMiddle("JBG-RAKOR24-07", to: 9) == "JBG-R…-07")
        #expect(DisplayText.truncateMiddle("JBG-RAKOR24-07", to: 14) == "JBG-RAKOR24-07")
        #expect(DisplayText.truncateMiddle("16.06.02.2005", to: 10) == "16.06.…005")
        #expect(DisplayText.truncateMiddle("tanpapemisahsamasekali", to: 10) == "tanpap…ali")
        for columns in 1...16 {
            #expect(DisplayText.width(DisplayText.truncateMiddle("JABAR-RAKOR24-DINSOS-07", to: columns)) <= columns)
        }
    }

    @Test(arguments: sizes)
    func recommendationIDsStayDistinct(width: Int, height: Int, lang: Language) throws {
        // Kabupaten Jombang: seven JBG-RAKOR24-0n, once cut to the same text at 80 columns.
        let state = on("35.17", width: width, height: height, lang: lang, keys: "3")
        let ids = state.recommendationRows.map { state.dataset.recommendations[$0].id }
        #expect(ids.count >= 7)
        guard case .panes(let layout) = Layout.compute(state.size) else { Issue.record("too small"); return }
        // The Recommendations pane's part of each line (the Detail pane beside it names the selected id).
        let screen = lines(state).map { String($0.prefix(layout.rect(for: .recommendations).width)) }
        for id in ids.prefix(state.recommendationCursor.top + 5) {
            let tail = String(id.suffix(3)) // "-07"
            let rows = screen.filter { $0.contains(String(id.prefix(4))) && $0.contains(tail + " ") }
            #expect(rows.count == 1, "\(id) at \(width)×\(height): \(rows)")
        }
    }

    @Test(arguments: sizes)
    func sourceIDsStayDistinct(width: Int, height: Int, lang: Language) throws {
        // Jombang's figures come from several sources whose ids share a long start.
        let state = on("35.17", width: width, height: height, lang: lang)
        guard case .panes(let layout) = Layout.compute(state.size) else { Issue.record("too small"); return }
        let inner = layout.rect(for: .indicators).inner
        let screen = render(state)
        var shownBySource: [String: Set<String>] = [:]
        for (offset, row) in state.indicatorRows.prefix(inner.height).enumerated() {
            guard case .figure(let figure) = row else { continue }
            let text = (inner.x..<(inner.x + inner.width)).map { screen[$0, inner.y + offset].text }.joined()
            let source = String(text.split(separator: " ").last ?? "")
            shownBySource[figure.sourceID, default: []].insert(source)
        }
        #expect(shownBySource.count >= 2, "\(shownBySource)")
        let shown = shownBySource.values.flatMap { $0 }
        #expect(Set(shown).count == shown.count, "two sources look alike: \(shownBySource)")
    }

    @Test(arguments: sizes)
    func theVerdictFits(width: Int, height: Int, lang: Language) throws {
        let state = on("32.01", width: width, height: height, lang: lang)
        let targets = lines(state).filter { $0.contains("  target ") }
        #expect(!targets.isEmpty)
        let all: [TargetTrack.Verdict] = [.reached, .onTrack, .offTrack, .missed, .insufficientData]
        let verdicts = all.map { $0.word(lang) } + all.map { $0.title(lang) }
        for line in targets {
            let target = String(line[line.range(of: "  target ")!.lowerBound...])
            #expect(verdicts.contains { target.contains($0) }, "\(target)")
            #expect(!target.contains("…"), "\(target)")
        }
    }

    @Test(arguments: sizes)
    func searchResultsShowNameCodeAndLevel(width: Int, height: Int, lang: Language) throws {
        var state = makeState(width: width, height: height, lang: lang)
        press(&state, "/ l a i s")
        let screen = lines(state)
        let desa = try #require(screen.first { $0.contains("16.06.02.2005") }, "\(screen.joined(separator: "\n"))")
        #expect(desa.contains("Lais · " + levelShort(.desa, lang)))
        let kecamatan = try #require(screen.first { $0.contains("16.06.02 ") })
        #expect(kecamatan.contains("Lais · " + levelShort(.kecamatan, lang)))
    }

    @Test(arguments: sizes)
    func theHintBarShowsTheFocusedPanesCommandsAndAlwaysHelpAndPalette(width: Int, height: Int, lang: Language) throws {
        var state = on("16.06", width: width, height: height, lang: lang, keys: "3")
        var bar = try #require(lines(state).last)
        #expect(bar.contains("? " + lang.pick("bantuan", "help")))
        #expect(bar.contains(": " + lang.pick("perintah", "commands")))
        #expect(bar.contains("c " + lang.pick("ubah", "change")))
        #expect(bar.contains("n " + lang.pick("catat", "note")))
        #expect(bar.contains("f status"))
        // Nothing to undo yet in this session: no `u` hint.
        #expect(!bar.contains("u " + lang.pick("batal", "undo")))
        press(&state, "1")
        bar = try #require(lines(state).last)
        #expect(bar.contains("/ " + lang.pick("cari", "filter")))
        #expect(bar.contains("? " + lang.pick("bantuan", "help")))
        #expect(bar.contains(": " + lang.pick("perintah", "commands")))
    }

    @Test(arguments: sizes)
    func readOnlyHidesWhatWouldRecordAndSaysWhyOnUse(width: Int, height: Int, lang: Language) throws {
        var state = on("16.06", width: width, height: height, lang: lang, keys: "3")
        state.storeStatus = .readOnly(.requested)
        let bar = try #require(lines(state).last)
        #expect(!bar.contains("c " + lang.pick("ubah", "change")))
        #expect(!bar.contains("n " + lang.pick("catat", "note")))
        #expect(bar.contains("f status"))
        press(&state, "n")
        #expect(state.overlay == nil)
        #expect(state.flash == lang.pick("Hanya baca: --readonly", "Read-only: --readonly"))
        // The palette runs nothing either, and says the same.
        state.flash = nil
        reduce(&state, .command(.recommendationStatus))
        #expect(state.overlay == nil)
        #expect(state.flash == lang.pick("Hanya baca: --readonly", "Read-only: --readonly"))
        // The palette lists it dim (it exists; choosing it says why), the filters in full.
        press(&state, ":")
        for character in "status" { reduce(&state, .key(.character(character))) }
        let screen = render(state)
        let rows = screen.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func role(ofRowWith title: String) -> StyleRole? {
            guard let y = rows.firstIndex(where: { $0.contains(title) }), let x = rows[y].range(of: title).map({ rows[y].distance(from: rows[y].startIndex, to: $0.lowerBound) }) else { return nil }
            return screen[x + 1, y].role
        }
        #expect(role(ofRowWith: lang.pick("Ubah status rekomendasi", "Change the recommendation's status")) == .dim)
        #expect(role(ofRowWith: lang.pick("Saring rekomendasi menurut status", "Filter recommendations by status")) != .dim)
        press(&state, "Down Enter")
        #expect(state.flash == lang.pick("Hanya baca: --readonly", "Read-only: --readonly"))
    }

    @Test(arguments: sizes)
    func thePaletteSaysWhenNothingMatches(width: Int, height: Int, lang: Language) {
        var state = makeState(width: width, height: height, lang: lang)
        press(&state, ": z q x")
        #expect(render(state).text().contains(lang.pick("tidak ada yang cocok", "no match")))
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func helpUsesTheWidthAndWrapsLongTitles(width: Int, height: Int) {
        let size = Size(width: width, height: height)
        let inner = helpRect(size).inner
        #expect(inner.width == min(118, width - 6))
        let lines = helpLines(.en, width: inner.width)
        #expect(lines.allSatisfy { DisplayText.width($0.text) <= inner.width })
        let longest = CommandRegistry.all.map { $0.title(.en) }.max { $0.count < $1.count }!
        if width >= 140 {
            #expect(lines.contains { $0.text.hasSuffix(longest) }) // whole, on one line
        } else {
            // Wrapped under itself, not cut: the continuation lines start under the title.
            let start = lines.firstIndex { $0.text.contains(String(longest.prefix(20))) }!
            var joined = String(lines[start].text.dropFirst(17))
            var next = start + 1
            while next < lines.count, lines[next].text.hasPrefix(String(repeating: " ", count: 17)) {
                joined += " " + lines[next].text.dropFirst(17)
                next += 1
            }
            #expect(joined == longest)
            #expect(next > start + 1)
        }
    }

    @Test(arguments: [(80, 24), (120, 36)])
    func anArrowInARegionsNameIsNotColouredAsATrend(width: Int, height: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-arrow-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let wilayah = directory.appendingPathComponent("wilayah.csv")
        let text = try String(contentsOf: wilayah, encoding: .utf8)
        try text.replacingOccurrences(of: "32.01,Kabupaten Bogor", with: "32.01,Kabupaten ▼ Bogor").write(to: wilayah, atomically: true, encoding: .utf8)
        let dataset = try DatasetLoader.load(directory: directory.path)
        var state = AppState(context: DashboardContext(dataset: dataset, today: LocalDate(iso: "2026-11-23")!), lang: .id,
                             size: Size(width: width, height: height))
        reduce(&state, .resize(state.size))
        show(dataset.index(of: RegionCode("32.01")!)!, &state)
        press(&state, "1 k") // the ∑ row selected, so the Bogor row keeps its own roles
        let screen = render(state)
        let y = try #require((0..<height).first { row in (0..<width).map { screen[$0, row].text }.joined().contains("▼ Bogor") })
        let arrows = (0..<(width * 11 / 20)).filter { screen[$0, y].text == "▼" }
        #expect(arrows.count == 2) // the name's and the poverty figure's (7,05▼'24 or 7,05 % ▼ 2024)
        #expect(screen[arrows[0], y].role == .normal)
        #expect(screen[arrows[1], y].role == .good)
    }

    @Test(arguments: [(80, 24), (120, 36)])
    func oneEnglishWordingAtEveryWidth(width: Int, height: Int) {
        let state = on("32.01", width: width, height: height, lang: .en)
        let text = render(state).text()
        #expect(text.contains("ongoing"))
        #expect(text.contains("to do"))
        #expect(!text.contains("in progress"))
        #expect(!text.contains("todo "))
        #expect(text.contains("Below it: 40 districts"))
    }
}
