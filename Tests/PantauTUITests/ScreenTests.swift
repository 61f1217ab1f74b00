import Testing
@testable import PantauKit
@testable import PantauTUI

/// Golden screens: the text a person sees, at the smallest supported size and larger.
@Suite struct ScreenTests {
    @Test(arguments: [(80, 24), (120, 36)])
    func openingScreen(width: Int, height: Int) {
        let screen = render(makeState(width: width, height: height))
        assertSnapshot(screen.text(), named: "open-\(width)x\(height)")
        #expect(screen.text().contains("Indonesia"))
    }

    @Test func openingScreenStyles() {
        // Which cells are highlighted, overdue, good or bad news: the roles a theme colours.
        assertSnapshot(render(makeState()).roleMap(), named: "open-80x24-roles")
    }

    @Test(arguments: [(80, 24), (120, 36)])
    func drilledIntoKabupatenBogor(width: Int, height: Int) {
        var state = makeState(width: width, height: height)
        press(&state, "j Enter")
        let text = render(state).text()
        assertSnapshot(text, named: "bogor-\(width)x\(height)")
        #expect(text.contains("Indonesia › Jawa Barat"))
        #expect(text.contains("7,05"))
    }

    @Test func recommendationsOfMusiBanyuasinWithDetail() {
        var state = makeState(width: 120, height: 36)
        press(&state, "Enter j 3 j")
        let text = render(state).text()
        assertSnapshot(text, named: "muba-recommendations-120x36")
        #expect(text.contains("LEWAT"))
    }

    @Test func indicatorSourceInDetail() {
        var state = makeState(width: 120, height: 36)
        press(&state, "Tab j j")
        let text = render(state).text()
        assertSnapshot(text, named: "source-detail-120x36")
        #expect(text.contains("Sumber"))
    }

    @Test func englishScreen() {
        var state = makeState(width: 120, height: 36, lang: .en)
        press(&state, "j Enter")
        let text = render(state).text()
        assertSnapshot(text, named: "bogor-120x36-en")
        #expect(text.contains("Regions"))
        #expect(text.contains("7.05"))
    }

    @Test func helpIsGeneratedFromTheRegistry() {
        var state = makeState()
        press(&state, "?")
        let text = render(state).text()
        assertSnapshot(text, named: "help-80x24")
        for command in CommandRegistry.all.prefix(10) {
            #expect(text.contains(command.title(.id)), "\(command.id.rawValue)")
        }
    }

    @Test func tooSmallSaysWhatItNeeds() {
        let text = render(makeState(width: 39, height: 20)).text()
        #expect(text.contains("terminal terlalu kecil: perlu 40×12"))
        let english = render(makeState(width: 79, height: 11, lang: .en)).text()
        #expect(english.contains("terminal too small: need 40×12"))
    }

    /// 17.4: below 80×24 the focused pane alone fills the screen, `Tab` goes to the next,
    /// down to 40×12 (a projector with a large font).
    @Test(arguments: [(60, 20), (40, 12), (79, 30), (120, 23)])
    func smallGridsShowOnePaneAtATime(width: Int, height: Int) {
        var state = makeState(width: width, height: height)
        var text = render(state).text()
        #expect(text.contains("▶ 1 Wilayah"), "\(text)")
        #expect(!text.contains("2 Indikator") && !text.contains("3 Rekomendasi") && !text.contains("4 Rincian"), "\(text)")
        #expect(text.contains("Sumatera Selatan"))
        #expect(text.split(separator: "\n").last?.contains("Tab panel") == true, "\(text)")
        press(&state, "Enter Tab")
        text = render(state).text()
        #expect(text.contains("▶ 2 Indikator"), "\(text)")
        #expect(!text.contains("1 Wilayah"), "\(text)")
        press(&state, "3")
        text = render(state).text()
        #expect(text.contains("▶ 3 Rekomendasi"), "\(text)")
        #expect(text.contains("MUBA-AKS22-07") || text.contains("MUBA-AKS…"), "\(text)")
        // A decision works the same: the form opens over the one pane.
        press(&state, "c")
        #expect(render(state).text().contains("Ubah status"))
    }

    @Test func cursorSitsOnTheSelectedRow() {
        var state = makeState()
        press(&state, "j")
        let screen = render(state)
        let cursor = try! #require(screen.cursor)
        var row = ""
        for x in 0..<screen.size.width { row += screen[x, cursor.y].text }
        #expect(row.contains("Jawa Barat"))
        #expect(screen[cursor.x, cursor.y].role == .selected)
    }

    @Test func everyCellIsSanitised() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 1))
        buffer.put("a\u{1B}]52;c;aGk=\u{07}b\u{202E}c", x: 0, y: 0, role: .normal)
        let text = buffer.text()
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{202E}"))
        #expect(!text.contains("\u{07}"))
    }

    @Test func wideCharactersTakeTwoColumns() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        let used = buffer.put("＝漢a", x: 0, y: 0, role: .normal)
        #expect(used == 5)
        #expect(buffer[1, 0].text == "")
        #expect(buffer[4, 0].text == "a")
    }
}
