import Testing
@testable import PantauKit
@testable import PantauTUI

/// Compare mode, the 8-aksi scorecard views and the programme list.
@Suite struct DecisionViewTests {
    /// Marks Kab. Bogor (Jawa Barat) and Kab. Jombang (Jawa Timur): the marks survive drilling.
    func markBogorAndJombang(_ state: inout AppState) {
        press(&state, "j Enter m Esc j Enter m")
    }

    @Test func marksSurviveDrillingAndShowInTheRegionsPane() {
        var state = makeState(width: 120, height: 36)
        markBogorAndJombang(&state)
        #expect(state.marks.map { code(state, $0) } == ["32.01", "35.17"])
        #expect(state.flash == "Ditandai: Kab. Jombang (2/4) · M bandingkan")
        let text = render(state).text()
        #expect(text.contains("●2 Kab. Jombang ›"))
        #expect(text.contains("urut kode · ●2"))
        press(&state, "Esc j Enter")
        #expect(render(state).text().contains("●1 Kab. Bogor ›") == false) // Kalimantan Timur: Bogor is not listed here
        press(&state, "Esc k k Enter")
        #expect(render(state).text().contains("●1 Kab. Bogor ›"))
    }

    @Test func markingTwiceUnmarks() {
        var state = makeState()
        press(&state, "m")
        #expect(state.marks.count == 1)
        press(&state, "m")
        #expect(state.marks.isEmpty)
        #expect(state.flash == "Tanda dilepas: Sumatera Selatan (0/4)")
    }

    @Test(arguments: [Language.id, .en])
    func aFifthMarkIsRefusedWithAClearMessage(lang: Language) {
        var state = makeState(lang: lang)
        press(&state, "g m j m j m j m j m") // Indonesia and the four provinces
        #expect(state.marks.count == 4)
        #expect(state.marks.map { code(state, $0) } == ["0", "16", "32", "35"])
        #expect(state.flash == lang.pick("Sudah 4 wilayah ditandai (maksimal); lepas satu dengan m atau hapus semua dengan X",
                                         "Already 4 regions marked (the most); unmark one with m or clear all with X"))
    }

    @Test func compareNeedsTwoMarks() {
        var state = makeState()
        press(&state, "m M")
        #expect(state.view == nil)
        #expect(state.flash == "Tandai 2–4 wilayah dengan m dulu (sekarang 1)")
        press(&state, "j m M")
        #expect(state.view == .compare)
        press(&state, "Esc")
        #expect(state.view == nil)
        #expect(state.marks.count == 2)
        press(&state, "X")
        #expect(state.marks.isEmpty)
        #expect(state.flash == "Semua tanda dihapus (2)")
    }

    @Test func compareShowsFiguresWithYearSeriesTargetAndVerdict() {
        var state = makeState(width: 120, height: 36)
        markBogorAndJombang(&state)
        let table = state.dataset.comparison(of: state.marks, rollUp: state.context.rollUp, weights: state.weights, lang: .id)
        func row(_ key: String) -> [String] { table.rows.first { $0.key == key }?.cells ?? [] }
        #expect(table.columns == ["Kab. Bogor", "Kab. Jombang"])
        #expect(row("induk") == ["Jawa Barat", "Jawa Timur"])
        #expect(row("kemiskinan") == ["7,05 % ▼ 2024", "8,60 % ▼ 2024"])
        #expect(row("kemiskinan.sumber") == ["BPS", "BPS"])
        // National 2029 P0 target 4,5 %: Bogor needs (4,5 − 7,05) ÷ 5 = −0,51 a year and
        // fell (7,05 − 6,66) ÷ 5 = +0,078 a year since 2019: off track.
        #expect(row("kemiskinan.target2029") == ["4,5 %", "4,5 %"])
        #expect(row("kemiskinan.target2029.perlu") == ["−0,51", "−0,82"])
        #expect(row("kemiskinan.target2029.laju") == ["+0,08", "−0,47"])
        #expect(row("kemiskinan.target2029.status") == ["tidak sesuai", "tidak sesuai"])
        // Jombang's regent's 9,5 % of 2023 is another series, on its own row.
        #expect(row("kemiskinan.seri2") == ["", "9,5 % 2023"])
        // Bogor has no extreme-poverty figure: said, not hidden; Jombang has its own 0 % target for 2024.
        #expect(row("kemiskinan_ekstrem") == ["– tanpa angka", "0,5 % 2023"])
        #expect(row("kemiskinan_ekstrem.target2024") == ["– tanpa angka", "0 %"])
        #expect(row("kemiskinan_ekstrem.target2024.status") == ["", "data kurang"]) // one figure: no pace yet
        #expect(row("stunting.who") == ["tinggi", ""])
        #expect(row("rekomendasi.tertunda").count == 2)
    }

    @Test(arguments: [(80, 24, Language.id), (80, 24, .en), (120, 36, .id), (120, 36, .en)])
    func compareSnapshots(width: Int, height: Int, lang: Language) {
        var state = makeState(width: width, height: height, lang: lang)
        markBogorAndJombang(&state)
        press(&state, "M")
        assertSnapshot(render(state).text(), named: "compare-bogor-jombang-\(width)x\(height)-\(lang.rawValue)")
    }

    /// Verdicts and overdue counts carry their meaning in words and in their role.
    @Test func compareRoles() {
        var state = makeState(width: 120, height: 36)
        markBogorAndJombang(&state)
        press(&state, "M")
        assertSnapshot(render(state).roleMap(), named: "compare-bogor-jombang-120x36-roles")
    }

    /// In ASCII mode every character of the views has a stand-in (no "?" but the help key).
    @Test(arguments: ["j Enter m Esc j Enter m M", "g A", "G Enter A", "j Enter P"])
    func viewsHaveAnASCIIStandInForEveryCharacter(keys: String) {
        for lang in [Language.id, .en] {
            var state = makeState(width: 120, height: 36, lang: lang)
            state.ascii = true
            press(&state, keys)
            #expect(state.view != nil)
            while true {
                let text = render(state).text()
                #expect(!text.unicodeScalars.contains { !$0.isASCII })
                #expect(text.components(separatedBy: "?").count - 1 == 1, "\(text)") // only "? bantuan/help"
                let before = (state.viewScroll, state.viewSelection)
                press(&state, "PgDn")
                if state.viewScroll == before.0 && state.viewSelection == before.1 { break }
            }
        }
    }

    @Test func aKabKotaOfTheComparisonOpensItsScorecardAndEscComesBack() throws {
        var state = makeState()
        press(&state, "g A")
        let bontangCode = try #require(RegionCode("64.74"))
        let bontang = try #require(state.dataset.index(of: bontangCode))
        #expect(selectedViewRegion(state).map { code(state, $0) } == "32.01")
        press(&state, "j j")
        #expect(selectedViewRegion(state) == bontang)
        let screen = render(state)
        let cursor = try #require(screen.cursor)
        #expect(screen.text().split(separator: "\n", omittingEmptySubsequences: false)[cursor.y].contains("Kota Bontang (64.74)"))
        #expect(screen[cursor.x, cursor.y].role == .selected)
        press(&state, "Enter")
        #expect(state.view == .scorecard(bontang))
        #expect(render(state).text().contains("8 aksi konvergensi — Kota Bontang"))
        press(&state, "Esc")
        #expect(state.view == .scorecard(state.dataset.root))
        #expect(selectedViewRegion(state) == bontang)
        press(&state, "Esc")
        #expect(state.view == nil)
    }

    @Test func aProgrammeOpensTheDashboardOnItsRegion() throws {
        var state = makeState()
        press(&state, "j Enter j Enter P")   // a kecamatan of Kab. Bogor: BRAC covers it from above
        #expect(render(state).text().contains("BRAC International"))
        press(&state, "Enter")
        #expect(state.view == nil)
        #expect(code(state, state.selectedRegion) == "32.01")
        press(&state, "M")
        #expect(state.view == nil)
        press(&state, "j m k m M Enter")
        #expect(state.view == .compare)
        #expect(state.flash == "Tidak ada baris untuk dibuka di sini")
    }

    @Test func compareScrollsAndNeverGoesPastTheEnd() {
        var state = makeState()
        markBogorAndJombang(&state)
        press(&state, "M G")
        let bottom = state.viewScroll
        #expect(bottom > 0)
        #expect(render(state).text().contains("Skor prioritas"))
        press(&state, "PgDn j")
        #expect(state.viewScroll == bottom)
        press(&state, "g")
        #expect(state.viewScroll == 0)
    }

    @Test func fourColumnsFitAt80Columns() {
        var state = makeState()
        press(&state, "Enter m Esc j Enter m Esc j Enter m Esc j Enter m M")
        #expect(state.marks.count == 4)
        let screen = render(state)
        let lines = screen.text().split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayText.width($0) <= 80 })
        let header = lines[2]
        for name in ["Kab. Musi", "Kab. Bogor", "Kab. Jombang", "Kota Bontang"] { #expect(header.contains(name), "\(header)") }
    }
}
