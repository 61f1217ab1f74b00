import Testing
@testable import PantauKit
@testable import PantauTUI

@Suite struct TextFieldTests {
    @Test func editsAtTheCursor() {
        var field = TextField("Dinas Sosial")
        #expect(field.cursor == 12)
        for _ in 0..<6 { field.moveLeft() }
        field.insert("Kes")
        #expect(field.text == "Dinas KesSosial")
        field.deleteBackward()
        field.deleteForward()
        #expect(field.text == "Dinas Keosial")
        field.moveToStart()
        field.deleteBackward() // nothing before the start
        field.insert("[")
        field.moveToEnd()
        field.insert("]")
        #expect(field.text == "[Dinas Keosial]")
    }

    @Test func controlKeysCutWordsAndLines() {
        var field = TextField("sudah dibahas di rakor  ")
        field.deleteWordBackward() // the word and the spaces after it
        #expect(field.text == "sudah dibahas di ")
        field.deleteWordBackward()
        #expect(field.text == "sudah dibahas ")
        for _ in 0..<3 { field.moveLeft() }
        field.deleteToEnd()
        #expect(field.text == "sudah dibah")
        field.moveLeft()
        field.deleteToStart()
        #expect(field.text == "h")
        #expect(field.cursor == 0)
    }

    @Test func lineBreaksBecomeSpacesAndControlsAreDropped() {
        var field = TextField()
        field.insert("baris satu\r\nbaris\tdua\nu\u{1B}[31m")
        #expect(field.text == "baris satu baris dua u[31m")
    }

    @Test func longTextScrollsToKeepTheCursorInView() {
        var field = TextField(String(repeating: "a", count: 500) + "akhir")
        field.keepVisible(width: 20)
        let end = field.visible(width: 20)
        #expect(end.text.hasSuffix("akhir"))
        #expect(DisplayText.width(end.text) == 19) // and one column for the cursor after it
        #expect(end.cursorColumn == 19)
        #expect(!end.more)
        field.moveToStart()
        field.keepVisible(width: 20)
        let start = field.visible(width: 20)
        #expect(field.offset == 0)
        #expect(start.cursorColumn == 0)
        #expect(start.more)
    }

    @Test func wideCharactersScrollByTheirWidth() {
        var field = TextField(String(repeating: "漢", count: 30))
        field.keepVisible(width: 11)
        let shown = field.visible(width: 11)
        #expect(DisplayText.width(shown.text) <= 10)
        #expect(shown.cursorColumn + 1 <= 11)
    }
}

@Suite struct FormFieldTests {
    func openForm(_ keys: String, width: Int = 80, height: Int = 24, lang: Language = .id) -> AppState {
        var state = stateOnMubaRecommendations()
        state.lang = lang
        reduce(&state, .resize(Size(width: width, height: height)))
        press(&state, keys)
        return state
    }

    func form(_ state: AppState) -> EditForm? {
        if case .form(let form)? = state.overlay { return form }
        return nil
    }

    @Test func ctrlUClearsAPrefilledDeadlineInOneKey() throws {
        var state = openForm("d")
        #expect(form(state)?.text == "2023-03-31")
        press(&state, "C-u")
        #expect(form(state)?.text == "")
        for character in "2027-06-30" { reduce(&state, .key(.character(character))) }
        press(&state, "Enter")
        let event = try #require(state.outbox.first)
        #expect(event.newValue == "2027-06-30")
    }

    @Test func cursorMovesAndTypesInTheMiddle() throws {
        var state = openForm("n")
        for character in "rapat selesai" { reduce(&state, .key(.character(character))) }
        press(&state, "C-a")
        for character in "hasil " { reduce(&state, .key(.character(character))) }
        press(&state, "C-e C-w")
        for character in "ditunda" { reduce(&state, .key(.character(character))) }
        press(&state, "Left Left Left Left Left Left Left BSpace")
        #expect(form(state)?.text == "hasil rapatditunda")
        let screen = render(state)
        #expect(screen.text().contains("Catatan: hasil rapatditunda"))
        // The terminal's cursor is where the next character goes: before "ditunda".
        let row = screen.text().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Catatan: hasil") }
        #expect(screen.cursor?.y == row)
        let line = String(screen.text().split(separator: "\n", omittingEmptySubsequences: false)[row!])
        let column = DisplayText.width(String(line[..<line.range(of: "ditunda")!.lowerBound]))
        #expect(screen.cursor?.x == column)
        press(&state, "Enter")
        #expect(state.outbox.first?.newValue == "hasil rapatditunda")
    }

    @Test(arguments: [(80, 24, Language.id), (120, 36, Language.en)])
    func aLongNoteScrollsInsideTheBox(width: Int, height: Int, lang: Language) throws {
        var state = openForm("n", width: width, height: height, lang: lang)
        let note = (1...40).map { "kalimat\($0)" }.joined(separator: " ")
        for character in note { reduce(&state, .key(.character(character))) }
        let screen = render(state).text()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        let label = lang.pick("Catatan: ", "Note: ")
        let line = try #require(lines.first { $0.contains(label.dropLast()) })
        // The end of the note is in view, the start has scrolled off (marked ‹), and
        // nothing crosses the box's right border.
        #expect(line.contains("kalimat40▏┃"))
        #expect(!line.contains("kalimat1 "))
        #expect(line.contains("‹"))
        press(&state, "Home")
        let start = render(state).text()
        let startLine = try #require(start.split(separator: "\n").first { $0.contains(label) })
        #expect(startLine.contains(label + "kalimat1 kalimat2"))
        #expect(startLine.contains("›"))
        press(&state, "Enter")
        #expect(state.outbox.first?.newValue == note)
    }

    @Test func tabCompletesTheOwnerFromTheDatasetsOPDs() throws {
        var state = openForm("O")
        let owners = Set(state.dataset.recommendations.map(\.owner))
        press(&state, "C-u")
        for character in "dinas" { reduce(&state, .key(.character(character))) }
        press(&state, "Tab")
        let first = try #require(form(state)?.text)
        #expect(owners.contains(first))
        #expect(TextFolding.fold(first).hasPrefix("dinas"))
        let matches = try #require(form(state)?.completion?.matches)
        #expect(matches == owners.filter { TextFolding.fold($0).hasPrefix("dinas") }.sorted())
        #expect(matches.count > 1)
        if matches.count > 1 {
            press(&state, "Tab")
            #expect(form(state)?.text == matches[1])
            #expect(render(state).text().contains("Tab 2/\(matches.count)"))
        }
        press(&state, "C-u")
        for character in "zzzz" { reduce(&state, .key(.character(character))) }
        press(&state, "Tab")
        #expect(form(state)?.error == "Tidak ada OPD yang cocok dengan 'zzzz'")
        #expect(form(state)?.text == "zzzz")
    }

    @Test func aPastedBlockIsTextNeverCommands() throws {
        var state = openForm("c Down")
        let undoable = state.sessionEvents.count
        // What ran `u` (undo) and `q` before: a paste of several lines into the note.
        reduce(&state, .paste("sudah\nu\nq\r\nselesai"))
        #expect(form(state)?.text == "sudah u q selesai")
        #expect(!state.shouldQuit)
        #expect(state.outbox.isEmpty)
        #expect(state.sessionEvents.count == undoable)
        press(&state, "Enter")
        let event = try #require(state.outbox.first)
        #expect(event.field == .status)
        #expect(event.note == "sudah u q selesai")
    }

    @Test func aPasteWithNoFieldOpenRunsNothingAndSaysSo() {
        var state = stateOnMubaRecommendations()
        let before = render(state).text()
        reduce(&state, .paste("q"))
        #expect(!state.shouldQuit)
        #expect(state.overlay == nil)
        #expect(state.flash == "Tempelan diabaikan: tidak ada isian yang terbuka (tempel di formulir atau setelah /)")
        state.flash = nil
        #expect(render(state).text() == before)
    }

    @Test func aPasteGoesIntoTheFilterAndThePalette() {
        var state = makeState()
        press(&state, "/")
        reduce(&state, .paste("seka\nyu"))
        #expect(state.filterText == "seka yu")
        press(&state, "C-w")
        #expect(state.filterText == "seka ")
        press(&state, "Esc :")
        reduce(&state, .paste("sort"))
        #expect(state.overlay == .palette(query: "sort", selected: 0))
        press(&state, "C-u")
        #expect(state.overlay == .palette(query: "", selected: 0))
    }

    /// Issue 19, finding 14: the form's storage is edited in place and drawing reads only
    /// the characters in view, so a very long field draws what a short one does.
    @Test func aVeryLongFieldDrawsOnlyWhatIsInView() throws {
        var state = openForm("n")
        reduce(&state, .paste(String(repeating: "x", count: 200_000) + " ujung"))
        guard case .form(let form)? = state.overlay else { Issue.record("form closed"); return }
        #expect(form.field.characters.count == 200_006)
        let screen = render(state).text()
        #expect(screen.contains("x ujung▏"))
        press(&state, "BSpace")
        #expect(render(state).text().contains("x ujun▏"))
    }
}
