import Testing
@testable import PantauKit
@testable import PantauTUI

/// Presentation mode on the three seed kabupaten/kota of Sumatera Selatan, Jawa Timur and
/// Kalimantan Timur, as a facilitator would walk them.
func presentingState(width: Int, height: Int, lang: Language = .id) -> AppState {
    var state = makeState(width: width, height: height, lang: lang)
    state.clock = "09:41"
    let agenda = ["16.06", "35.17", "64.74"].map { state.dataset.index(of: RegionCode($0)!)! }
    state.presentation = Presentation(agenda: agenda)
    return state
}

@Suite struct PresentationTests {
    @Test(arguments: [(80, 24, Language.id), (80, 24, Language.en), (160, 48, Language.id), (160, 48, Language.en)])
    func goldenScreens(width: Int, height: Int, lang: Language) {
        let text = render(presentingState(width: width, height: height, lang: lang)).text()
        assertSnapshot(text, named: "present-muba-\(width)x\(height)-\(lang.rawValue)")
        #expect(text.contains("Kabupaten Musi Banyuasin"))
        #expect(text.contains("1/3 · 09:41"))
        #expect(text.contains(lang == .id ? "12,88 %" : "12.88%"))   // BPS P0 2024, also in plain text
        #expect(text.contains("█"))                                  // block numerals
    }

    @Test func agendaWalksForwardAndBackAndStopsAtTheEnds() {
        var state = presentingState(width: 120, height: 36)
        press(&state, "b")
        #expect(state.presentation?.position == 0)
        #expect(state.flash == "Awal agenda")
        press(&state, "Space")
        #expect(code(state, state.presentation!.current!) == "35.17")
        #expect(render(state).text().contains("9,15") == false) // Jombang's headline is 2024: 8,60
        #expect(render(state).text().contains("8,60 %"))
        press(&state, "n")
        #expect(code(state, state.presentation!.current!) == "64.74")
        press(&state, "n")
        #expect(state.flash == "Akhir agenda")
        press(&state, "BSpace")
        #expect(code(state, state.presentation!.current!) == "35.17")
    }

    @Test func pStartsFromTheListShownAndEscReturnsToTheRegion() {
        var state = makeState(width: 120, height: 36)
        press(&state, "j p") // Jawa Barat selected among the provinces
        let presentation = try! #require(state.presentation)
        #expect(presentation.agenda.map { code(state, $0) } == ["16", "32", "35", "64"])
        #expect(presentation.position == 1)
        press(&state, "n Esc")
        #expect(state.presentation == nil)
        #expect(code(state, state.selectedRegion) == "35")
    }

    /// 17.1: the decision commands work on the slide's selected recommendation, their
    /// forms drawn on the slide; `n` stays "next", `N` notes.
    @Test(arguments: [(80, 24), (120, 36), (160, 45)])
    func decisionsAreRecordedOnTheSlidesSelection(width: Int, height: Int) throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let session = FollowUpSession(store: store, clock: { "2026-11-23T02:00:00Z" })
        var state = presentingState(width: width, height: height)
        state.author = "fasilitator"
        let muba = state.presentation!.current!
        let listed = slideRecommendations(state, muba).map(\.id)
        #expect(listed.count == 4)
        #expect(state.selectedRecommendation?.id == listed[0])
        press(&state, "j")
        #expect(state.selectedRecommendation?.id == listed[1])
        press(&state, "c")
        guard case .form(let form)? = state.overlay else { Issue.record("no form on the slide"); return }
        #expect(form.recommendationID == listed[1])
        let drawn = render(state).text()
        #expect(drawn.contains("Ubah status · \(listed[1])"), "\(drawn)")
        #expect(drawn.contains("1/3"))                             // still the slide underneath
        press(&state, "Down Down Enter")                           // proses → selesai
        session.synchronise(&state)
        #expect(state.flash == "Tersimpan: \(listed[1])")
        #expect(try store.allEvents().map(\.recommendationID) == [listed[1]])
        // Done: off the slide, which now lists three; the selection stays in the list.
        #expect(slideRecommendations(state, muba).map(\.id) == listed.filter { $0 != listed[1] })
        #expect(state.selectedRecommendation?.id == listed[2])
        #expect(render(state).text().contains("tertunda: 3"))
        // N notes (n is "next" on a slide), e evaluates, u undoes the last change.
        press(&state, "N")
        guard case .form(let note)? = state.overlay, note.kind == .note else { Issue.record("N opened no note form"); return }
        press(&state, "Esc e")
        guard case .form(let evaluation)? = state.overlay, evaluation.kind == .evaluation else { Issue.record("e opened no form"); return }
        press(&state, "Esc u")
        session.synchronise(&state)
        #expect(slideRecommendations(state, muba).count == 4)
        #expect(try store.allEvents().count == 2)
        press(&state, "n")
        #expect(code(state, state.presentation!.current!) == "35.17")
        #expect(state.presentation?.selected == 0)
    }

    @Test func theSlidesHintsAndHelpShowTheKeysOfTheSlide() {
        var state = presentingState(width: 120, height: 36)
        let hints = render(state).text().split(separator: "\n").last.map(String.init) ?? ""
        #expect(hints.contains("N catat") && hints.contains("c ubah"), "\(hints)")
        #expect(!hints.contains("n catat"), "\(hints)")
        press(&state, "?")
        let help = render(state).text()
        #expect(help.contains("Tambah catatan pada rekomendasi"), "\(help)")
        let noteLine = help.split(separator: "\n").first { $0.contains("Tambah catatan pada rekomendasi") } ?? ""
        #expect(noteLine.contains("N ") && !noteLine.contains("n N"), "\(noteLine)")
    }

    @Test func aSlideWithNothingPendingSaysWhyADecisionCannotRun() {
        var state = makeState(width: 120, height: 36)
        // A kecamatan of the sample with no pending recommendation.
        let quiet = state.dataset.regions.indices.map { RegionIndex($0) }.first { index in
            state.dataset.region(index).level == .kecamatan && slideRecommendations(state, index).isEmpty
        }!
        state.presentation = Presentation(agenda: [quiet])
        press(&state, "c")
        #expect(state.overlay == nil)
        #expect(state.flash == "Tidak ada rekomendasi tertunda di slide ini")
    }

    @Test func asciiFallbackHasOnlyASCII() {
        var state = presentingState(width: 80, height: 24)
        state.ascii = true
        let text = render(state).text()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("###"))
        var dashboard = makeState()
        dashboard.ascii = true
        let screen = render(dashboard).text()
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(screen.contains("+-"))
    }
}

@Suite struct ThemeTests {
    @Test(arguments: Theme.allCases)
    func everyThemeHasAGoldenStyleMap(theme: Theme) {
        var state = makeState()
        state.theme = theme
        press(&state, "j")
        let screen = render(state)
        #expect(screen.theme == theme)
        assertSnapshot(screen.styleMap(theme), named: "theme-\(theme.rawValue)-80x24")
    }

    @Test func tCyclesThemes() {
        var state = makeState()
        press(&state, "t")
        #expect(state.theme == .light)
        #expect(state.flash == "Tema: terang (proyektor)")
        press(&state, "t t t")
        #expect(state.theme == .dark)
    }

    @Test func lightAndHighContrastPaintTheirOwnBackground() {
        for theme in [Theme.light, .highContrast, .dark] {
            for role in StyleRole.allCases {
                #expect(theme.style(role).background != .defaultColour, "\(theme) \(role)")
            }
        }
        // The light theme never puts yellow or cyan text on white (unreadable when projected).
        for role in StyleRole.allCases {
            let style = Theme.light.style(role)
            if style.background == .white { #expect(![TerminalColour.yellow, .cyan, .white].contains(style.foreground), "\(role)") }
        }
    }

    @Test func monochromeUsesNoColour() {
        for role in StyleRole.allCases {
            let style = Theme.monochrome.style(role)
            #expect(style.foreground == .defaultColour && style.background == .defaultColour)
        }
        // Selection and overdue stay visible without colour.
        #expect(Theme.monochrome.style(.selected).reverse)
        #expect(Theme.monochrome.style(.overdue).underline)
    }
}

@Suite struct PriorityViewTests {
    @Test func prioritySortRanksTheKecamatanAndExplainsTheScore() throws {
        var state = makeState(width: 120, height: 36)
        press(&state, "Enter j Enter") // Sumatera Selatan › Kab. Musi Banyuasin
        while state.sortKey != .priority { press(&state, "s") }
        // Lais has 2 overdue recommendations, Sekayu 1, the others none: with no figures at
        // kecamatan level, only the overdue component counts (its weight re-scaled to 1).
        #expect(state.regionRows.dropFirst().prefix(2).map { code(state, $0) } == ["16.06.02", "16.06.01"])
        press(&state, "g j")
        #expect(code(state, state.selectedRegion) == "16.06.02")
        let text = render(state).text()
        assertSnapshot(text, named: "priority-muba-120x36")
        #expect(text.contains("urut prioritas (0,3/0,3/0,2/0,2)"))
        let detail = detailLines(state, width: 200).map(\.text).joined(separator: "\n")
        #expect(detail.contains("#1: 100,00"))
        #expect(detail.contains("kemiskinan: tanpa data (bobot tidak dihitung)"))
        #expect(detail.contains("lewat tenggat: 100,0 × 0,20"))
        press(&state, "Enter")
        #expect(code(state, state.listedParent) == "16.06.02")
    }

    @Test func targetRowsSayWhetherTheRegionIsOnTrack() {
        var state = makeState(width: 160, height: 48)
        press(&state, "k") // Indonesia
        let text = render(state).text()
        #expect(text.contains("target 4,5 % (2029) · selisih +4,53 · tidak sesuai jalur"))
    }

    @Test func scorecardInDetailShowsChangeAndWeakestActions() {
        var state = makeState(width: 120, height: 36)
        press(&state, "G Enter") // Kalimantan Timur › Kota Bontang selected
        let detail = detailLines(state, width: 200).map(\.text).joined(separator: "\n")
        #expect(detail.contains("6. Sistem Manajemen Data: 55 (−10)"))
        #expect(detail.contains("Terlemah: 6. Sistem Manajemen Data, 7. Pengukuran & Publikasi, 5. Pembinaan Pelaku & Pemerintahan Desa"))
    }
}

/// Slides at every grid a projector gives, and recommendations that never silently drop.
@Suite struct SlideTests {
    @Test(arguments: [(40, 12), (60, 20), (80, 24), (120, 36), (160, 45)])
    func everyGridShowsTheFiguresTheVerdictAndTheCount(width: Int, height: Int) {
        let state = presentingState(width: width, height: height)
        let text = render(state).text()
        assertSnapshot(text, named: "slide-muba-\(width)x\(height)")
        #expect(!text.contains("terlalu kecil"))
        #expect(text.contains("Musi Banyuasin"))
        #expect(text.contains("12,88 %"))                        // P0 2024 as text, at every size
        #expect(text.contains("tidak sesuai"))                   // the P0 verdict against the 2029 target
        #expect(text.contains("tertunda: 4") || text.contains("Tertunda: 4"))
    }

    @Test func blockNumeralsGrowWithTheGrid() {
        func numeralRows(_ width: Int, _ height: Int) -> Int {
            render(presentingState(width: width, height: height)).text().split(separator: "\n").filter { $0.contains("█") }.count
        }
        #expect(numeralRows(60, 20) == 0)
        #expect(numeralRows(80, 24) == 5)
        #expect(numeralRows(120, 36) == 10)
        // About a third of the screen's height on a large grid.
        #expect(numeralRows(160, 45) == 15)
    }

    @Test func belowTheMinimumTheSlideSaysWhatItNeeds() {
        let text = render(presentingState(width: 39, height: 12)).text()
        #expect(text.contains("terminal terlalu kecil: perlu 40×12"))
    }

    @Test func bothTargetsOfAPathAreShownWithTheirVerdicts() {
        let text = render(presentingState(width: 160, height: 45, lang: .en)).text()
        // Survey stunting: the 2024 RPJMN target and the 2025 one, each with a verdict.
        #expect(text.contains("target 2024: 14% · +2.5 · on track"))
        #expect(text.contains("target 2025: 18.8% · −2.3 · reached"))
    }

    /// Scrolling walks every pending recommendation: none is left out at any size.
    @Test(arguments: [(40, 12), (80, 24)])
    func scrollingReachesEveryPendingRecommendation(width: Int, height: Int) {
        var state = presentingState(width: width, height: height)
        let region = state.presentation!.current!
        let expected = Set(slideRecommendations(state, region).map(\.id))
        #expect(expected.count == 4)
        var seen = Set<String>()
        for _ in 0..<6 {
            let text = render(state).text()
            for id in expected where text.contains(id) { seen.insert(id) }
            press(&state, "j")
        }
        #expect(seen == expected)
        let bottom = render(state).text()
        #expect(bottom.contains("di atas"))
        #expect(!bottom.contains("lagi ↓"))
        press(&state, "PgUp PgUp PgUp PgUp")
        #expect(state.presentation?.scroll == 0)
        #expect(state.presentation?.selected == 0)
        #expect(render(state).text().contains("lagi ↓"))
    }

    @Test func aRoundTripToTheDashboardKeepsTheAgendaPlace() {
        var state = presentingState(width: 120, height: 36)
        press(&state, "Space")
        #expect(state.presentation?.position == 1)
        press(&state, "p")                     // to the dashboard, e.g. to record a decision
        #expect(state.presentation == nil)
        press(&state, "p")
        #expect(state.presentation?.agenda.count == 3)
        #expect(state.presentation?.position == 1)
        #expect(render(state).text().contains("2/3"))
        press(&state, "Space")
        #expect(code(state, state.presentation!.current!) == "64.74")
    }
}
