import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

@Suite struct ReducerTests {
    @Test func opensOnTheProvincesWithTheFirstOneSelected() {
        let state = makeState()
        #expect(state.path == [0])
        #expect(state.focus == .regions)
        #expect(state.regionRows.map { code(state, $0) } == ["0", "16", "32", "35", "64"])
        #expect(code(state, state.selectedRegion) == "16")
    }

    @Test func tabCyclesPanesAndShiftTabGoesBack() {
        var state = makeState()
        press(&state, "Tab")
        #expect(state.focus == .indicators)
        press(&state, "Tab Tab")
        #expect(state.focus == .detail)
        press(&state, "Tab")
        #expect(state.focus == .regions)
        press(&state, "S-Tab")
        #expect(state.focus == .detail)
        press(&state, "3")
        #expect(state.focus == .recommendations)
        press(&state, "1")
        #expect(state.focus == .regions)
    }

    @Test func enterDrillsAndEscapeComesBackToTheSameRow() {
        var state = makeState()
        press(&state, "j") // Jawa Barat
        #expect(code(state, state.selectedRegion) == "32")
        press(&state, "Enter")
        #expect(state.path.map { code(state, $0) } == ["0", "32"])
        #expect(code(state, state.selectedRegion) == "32.01")
        press(&state, "Enter")
        #expect(state.path.map { code(state, $0) } == ["0", "32", "32.01"])
        #expect(code(state, state.selectedRegion) == "32.01.01")
        press(&state, "j j Esc")
        #expect(state.path.map { code(state, $0) } == ["0", "32"])
        #expect(code(state, state.selectedRegion) == "32.01")
        press(&state, "Esc")
        #expect(code(state, state.selectedRegion) == "32")
        press(&state, "Enter")
        // The selection inside Kab. Bogor's parent was remembered.
        #expect(code(state, state.selectedRegion) == "32.01")
    }

    @Test func escapeAtTheTopSaysSo() {
        var state = makeState()
        press(&state, "Esc")
        #expect(state.path == [0])
        #expect(state.flash == "Sudah di tingkat teratas")
    }

    @Test func enterOnADesaStaysAndExplains() {
        var state = makeState()
        press(&state, "j Enter Enter Enter") // Jawa Barat › Kab. Bogor › Cibinong
        #expect(code(state, state.listedParent) == "32.01.01")
        let desa = state.selectedRegion
        press(&state, "Enter")
        #expect(state.listedParent != desa)
        #expect(state.selectedRegion == desa)
        #expect(state.flash?.hasSuffix("tidak punya wilayah di bawahnya") == true)
    }

    @Test func filterSearchesTheWholeSubtreeAndEnterJumpsThere() {
        var state = makeState()
        press(&state, "/ s e k a y u")
        #expect(state.filterEditing)
        let codes = state.regionRows.map { code(state, $0) }
        #expect(codes.contains("16.06.01"))
        #expect(codes.allSatisfy { state.dataset.region(state.dataset.index(of: RegionCode($0)!)!).name.lowercased().contains("sekayu") })
        press(&state, "Enter")
        #expect(!state.filterEditing)
        #expect(state.filterText == "sekayu")
        let kecamatan = state.regionRows.firstIndex { code(state, $0) == "16.06.01" }!
        press(&state, "g")
        for _ in 0..<kecamatan { press(&state, "j") }
        press(&state, "Enter")
        #expect(state.path.map { code(state, $0) } == ["0", "16", "16.06", "16.06.01"])
        #expect(state.filterText.isEmpty)
    }

    @Test func filterByCodePrefixAndEscapeRestores() {
        var state = makeState()
        press(&state, "j / 3 5 . 1 7")
        #expect(state.regionRows.allSatisfy { code(state, $0).hasPrefix("35.17") })
        #expect(!state.regionRows.isEmpty)
        press(&state, "Esc")
        #expect(state.filterText.isEmpty)
        #expect(code(state, state.selectedRegion) == "32")
    }

    @Test func sortByPovertyPutsTheHighestFirstAndKeepsTheSelection() {
        var state = makeState()
        press(&state, "j") // Jawa Barat
        press(&state, "s s") // code → name → poverty
        #expect(state.sortKey == .poverty)
        #expect(state.regionRows.dropFirst().map { code(state, $0) } == ["16", "35", "32", "64"]) // 10,97 · 9,79 · 7,46 · 5,78
        #expect(code(state, state.selectedRegion) == "32")
        #expect(state.flash == "Urut menurut: kemiskinan")
    }

    @Test func statusFilterCyclesAndShowsOnlyMatchingRecommendations() {
        var state = makeState()
        press(&state, "k") // Indonesia (all)
        let all = state.recommendationRows.count
        #expect(all == state.dataset.recommendations.count)
        press(&state, "f")
        #expect(state.statusFilter == .pending)
        #expect(state.recommendationRows.allSatisfy { state.dataset.recommendations[$0].status.isPending })
        press(&state, "f")
        #expect(state.statusFilter == .overdue)
        let overdue = state.recommendationRows
        #expect(overdue.count == state.context.rollUp.overdue(0))
        #expect(overdue.allSatisfy { state.dataset.recommendations[$0].isOverdue(today: state.context.today) })
        press(&state, "f f f")
        #expect(state.statusFilter == .all)
    }

    @Test func recommendationsListOverdueFirst() {
        var state = makeState()
        press(&state, "k")
        let rows = state.recommendationRows.map { state.dataset.recommendations[$0] }
        let today = state.context.today
        let firstNotOverdue = rows.firstIndex { !$0.isOverdue(today: today) } ?? rows.count
        #expect(firstNotOverdue > 0)
        #expect(rows[firstNotOverdue...].allSatisfy { !$0.isOverdue(today: today) })
    }

    @Test func movementStopsAtTheEnds() {
        var state = makeState()
        press(&state, "k k k")
        #expect(state.regionCursor.selected == 0)
        press(&state, "G")
        #expect(state.regionCursor.selected == state.regionRows.count - 1)
        press(&state, "j")
        #expect(state.regionCursor.selected == state.regionRows.count - 1)
    }

    @Test func pageDownScrollsALongListAndKeepsTheSelectionVisible() {
        var state = makeState()
        press(&state, "j Enter Enter") // Kab. Bogor: 40 kecamatan
        press(&state, "PgDn PgDn")
        let visible = visibleRows(state, .regions)
        #expect(state.regionCursor.selected >= visible)
        #expect(state.regionCursor.selected >= state.regionCursor.top)
        #expect(state.regionCursor.selected < state.regionCursor.top + visible)
    }

    @Test func movingInAnotherPaneFollowsTheSelectedRegion() {
        var state = makeState()
        press(&state, "j Enter")
        #expect(state.indicatorRows.first == .indicator(.kemiskinan))
        press(&state, "2 j j")
        #expect(state.indicatorCursor.selected == 2)
        press(&state, "1 k") // back on the aggregate row: another region, so the cursor resets
        #expect(state.indicatorCursor.selected == 0)
    }

    @Test func detailFollowsTheLastListPane() {
        var state = makeState()
        press(&state, "3 j")
        #expect(state.detailSource == .recommendations)
        press(&state, "Enter")
        #expect(state.focus == .detail)
        #expect(state.detailSource == .recommendations)
        press(&state, "Esc")
        #expect(state.focus == .recommendations)
    }

    @Test func quitAndInterruptStop() {
        var state = makeState()
        press(&state, "q")
        #expect(state.shouldQuit)
        var other = makeState()
        reduce(&other, .key(.interrupt))
        #expect(other.shouldQuit)
    }

    @Test func languageToggles() {
        var state = makeState()
        press(&state, "L")
        #expect(state.lang == .en)
        #expect(state.flash == "Language: English")
    }

    @Test func paletteRunsTheChosenCommand() {
        var state = makeState()
        press(&state, ": u r u t")
        guard case .palette(let query, _)? = state.overlay else { Issue.record("palette not open"); return }
        #expect(query == "urut")
        #expect(paletteMatches(query, .id).first?.id == .regionSort)
        press(&state, "Enter")
        #expect(state.overlay == nil)
        #expect(state.sortKey == .name)
    }

    @Test func helpOpensAndCloses() {
        var state = makeState()
        press(&state, "?")
        #expect(state.overlay == .help(scroll: 0))
        press(&state, "j q")
        #expect(state.overlay == nil)
        #expect(!state.shouldQuit) // q closes help first
    }

    @Test func ownerFilterCyclesThroughOwnersInScope() {
        var state = makeState()
        press(&state, "j Enter") // Jawa Barat subtree
        let owners = state.ownersInScope
        #expect(owners.count >= 2)
        press(&state, "o")
        #expect(state.ownerFilter == owners[0])
        #expect(state.recommendationRows.allSatisfy { state.dataset.recommendations[$0].owner == owners[0] })
        for _ in owners.indices { press(&state, "o") }
        #expect(state.ownerFilter == nil)
    }

    @Test func originFilterShowsOnlyThatOrigin() {
        var state = makeState()
        press(&state, "k a")
        #expect(state.originFilter == .aks)
        #expect(!state.recommendationRows.isEmpty)
        #expect(state.recommendationRows.allSatisfy { state.dataset.recommendations[$0].origin == .aks })
        press(&state, "a")
        #expect(state.recommendationRows.allSatisfy { state.dataset.recommendations[$0].origin == .konvergensi })
        press(&state, "a a a")
        #expect(state.originFilter == nil)
        #expect(state.recommendationRows.count == state.dataset.recommendations.count)
    }

    @Test func resizeKeepsTheSelectionOnScreen() {
        var state = makeState(width: 120, height: 40)
        press(&state, "j Enter Enter G")
        reduce(&state, .resize(Size(width: 80, height: 24)))
        let visible = visibleRows(state, .regions)
        #expect(state.regionCursor.selected < state.regionCursor.top + visible)
        #expect(state.regionCursor.selected >= state.regionCursor.top)
    }
}

@Suite struct RegistryTests {
    @Test func everyCommandIsRegisteredOnceWithBothTitles() {
        for id in CommandID.allCases {
            let commands = CommandRegistry.all.filter { $0.id == id }
            #expect(commands.count == 1, "\(id.rawValue)")
            #expect(!(commands.first?.titleID.isEmpty ?? true))
            #expect(!(commands.first?.titleEN.isEmpty ?? true))
            #expect(commands.first?.titleID != commands.first?.titleEN)
        }
    }

    @Test(arguments: [Mode.dashboard, .presentation, .view])
    func noKeyIsBoundTwiceInAMode(_ mode: Mode) {
        // Within a scope no key is listed twice; across the scopes a mode combines (a slide's
        // own keys before the dashboard's decisions), a key runs one command, and every
        // command of the mode keeps at least one key that runs it.
        for scope in [CommandScope.global, .dashboard, .presentation, .view] {
            var seen: [Key: CommandID] = [:]
            for command in CommandRegistry.all where command.scope == scope {
                for key in command.keys {
                    #expect(seen[key] == nil, "\(key.label) bound to \(seen[key]?.rawValue ?? "") and \(command.id.rawValue)")
                    seen[key] = command.id
                }
            }
        }
        for command in CommandRegistry.commands(in: mode) {
            #expect(CommandRegistry.key(of: command, in: mode) != nil,
                    "\(command.id.rawValue) has no key of its own in this mode")
        }
    }

    @Test func keyNamesRoundTrip() {
        for name in ["Tab", "S-Tab", "Enter", "Esc", "BSpace", "Space", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "j", "/", "?"] {
            #expect(Key(name: name) != nil, "\(name)")
        }
        #expect(Key(name: "Foo") == nil)
        #expect(Key.parseList("Tab Nope") == .failure(KeyNameError(name: "Nope")))
    }
}

/// A terminal that replays events and records what the loop did with it.
final class ScriptedTerminal: TerminalDevice {
    var events: [TerminalEvent]
    var presented: [ScreenBuffer] = []
    var restoreCount = 0
    let size: Size

    init(size: Size, events: [TerminalEvent]) { self.size = size; self.events = events }

    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        events.isEmpty ? .key(.character("q")) : events.removeFirst()
    }
    func present(_ screen: ScreenBuffer) { presented.append(screen) }
    func restore() { restoreCount += 1 }
}

@Suite struct LoopTests {
    @Test func quitRestoresTheTerminalAndExitsZero() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.tab), .key(.character("q"))])
        let status = runDashboard(makeState(), on: terminal)
        #expect(status == 0)
        #expect(terminal.restoreCount == 1)
        #expect(terminal.presented.count == 2) // first frame, then after Tab
        #expect(terminal.presented.last!.text().contains("▶ 2 Indikator"))
    }

    @Test func aSignalRestoresAndExitsWith128PlusTheSignal() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.key(.down), .signal(15)])
        let status = runDashboard(makeState(), on: terminal)
        #expect(status == 143)
        #expect(terminal.restoreCount == 1)
    }

    @Test func resizeRedrawsAtTheNewSize() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), events: [.resize(Size(width: 50, height: 10))])
        _ = runDashboard(makeState(), on: terminal)
        #expect(terminal.presented.last!.size == Size(width: 50, height: 10))
        #expect(terminal.presented.last!.text().contains("terminal terlalu kecil: perlu 40×12"))
    }
}

@Suite struct DocsTests {
    /// docs/keys.md lists every command of the registry with its keys and both titles.
    @Test func keyReferenceMatchesTheRegistry() throws {
        let keys = try String(contentsOf: packageRoot.appendingPathComponent("docs/keys.md"), encoding: .utf8)
        for command in CommandRegistry.all {
            #expect(keys.contains("`\(command.id.rawValue)`"), "\(command.id.rawValue) missing from docs/keys.md")
            #expect(keys.contains(command.titleID), "\(command.titleID)")
            #expect(keys.contains(command.titleEN), "\(command.titleEN)")
        }
    }
}

/// A message too long for the status line, or gone at the next key, can still be read
/// in full: the line says where, and the help lists the recent messages.
@Suite struct RecentMessageTests {
    static let long = "Server menolak 1 keputusan yang menunggu dikirim (permission denied for table pantau_event); keputusan itu tetap disimpan di komputer ini dan dikirim setelah server menerimanya."

    @Test func aCutMessageSaysWhereTheWholeOneIs() {
        var state = makeState(width: 80, height: 24)
        state.flash = Self.long
        let status = render(state).text().components(separatedBy: "\n")[23]
        #expect(status.contains("… (? lengkap)"), "\(status)")
        #expect(!status.contains("menerimanya"))
        state.flash = "Urut menurut: kemiskinan"
        #expect(!render(state).text().contains("(? lengkap)"))
    }

    @Test func theHelpListsTheRecentMessagesInFullNewestFirst() {
        var state = makeState(width: 80, height: 24)
        state.flash = "pesan pertama"
        press(&state, "j")
        #expect(state.flash == nil)
        state.flash = Self.long
        press(&state, "?")
        let help = render(state).text()
        #expect(help.contains("Pesan terakhir (terbaru di atas)"), "\(help)")
        // Wrapped in the box, every word of it there.
        let lines = helpLines(state, width: helpRect(state.size).inner.width).map { $0.text.trimmingCharacters(in: .whitespaces) }
        #expect(lines.joined(separator: " ").contains("• " + Self.long), "\(lines)")
        #expect(lines.allSatisfy { DisplayText.width($0) <= helpRect(state.size).inner.width })
        let newest = help.range(of: "Server menolak")
        let older = help.range(of: "pesan pertama")
        #expect(newest != nil && older != nil && newest!.lowerBound < older!.lowerBound, "\(help)")
        // At most five are kept, and a message repeated is kept once.
        for index in 0..<8 { state.flash = "pesan \(index)"; state.flash = "pesan \(index)" }
        state.flash = nil
        #expect(state.recentMessages == ["pesan 7", "pesan 6", "pesan 5", "pesan 4", "pesan 3"])
    }
}
