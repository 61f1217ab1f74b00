import Testing
@testable import PantauKit
@testable import PantauTUI

@Suite struct MouseTests {
    func layout(_ state: AppState) -> PaneLayout {
        guard case .panes(let layout) = Layout.compute(state.size) else { fatalError("too small") }
        return layout
    }

    @Test(arguments: [(80, 24), (120, 36)])
    func aClickSelectsThePaneAndTheRowUnderIt(width: Int, height: Int) throws {
        var state = makeState(width: width, height: height)
        let regions = layout(state).rect(for: .regions).inner
        // Row 0 is the column header; the third list row is the third region listed.
        reduce(&state, .mouse(MouseEvent(.click, x: regions.x + 3, y: regions.y + 1 + 2)))
        #expect(state.selectedRegion == state.regionRows[2])
        let recommendations = layout(state).rect(for: .recommendations).inner
        reduce(&state, .mouse(MouseEvent(.click, x: recommendations.x + 3, y: recommendations.y + 2)))
        #expect(state.focus == .recommendations)
        #expect(state.recommendationCursor.selected == 1)
        // The column header and the empty rows below the list select nothing.
        reduce(&state, .mouse(MouseEvent(.click, x: recommendations.x + 3, y: recommendations.y)))
        #expect(state.recommendationCursor.selected == 1)
    }

    @Test func aDoubleClickDrillsAndTheWheelScrolls() throws {
        var state = makeState()
        let regions = layout(state).rect(for: .regions).inner
        let target = state.regionRows[2]
        reduce(&state, .mouse(MouseEvent(.doubleClick, x: regions.x + 3, y: regions.y + 3)))
        #expect(state.listedParent == target)
        let indicators = layout(state).rect(for: .indicators).inner
        reduce(&state, .mouse(MouseEvent(.wheelDown, x: indicators.x + 3, y: indicators.y + 3)))
        #expect(state.focus == .indicators)
        #expect(state.indicatorCursor.selected == 3)
        reduce(&state, .mouse(MouseEvent(.wheelUp, x: indicators.x + 3, y: indicators.y + 3)))
        #expect(state.indicatorCursor.selected == 0)
    }

    @Test(arguments: [Language.id, .en])
    func aClickOnAHintRunsItsCommand(lang: Language) throws {
        var state = makeState(lang: lang)
        let status = layout(state).status
        let help = try #require(hintBar(state, width: status.width).items.first { $0.command == .helpShow })
        // The hint is where it is drawn.
        let drawn = render(state).text().split(separator: "\n").last!
        #expect(String(drawn).contains(help.key + " " + help.text))
        reduce(&state, .mouse(MouseEvent(.click, x: help.x + 1, y: status.y)))
        #expect(state.overlay == .help(scroll: 0))
        // Overlays ignore the mouse.
        reduce(&state, .mouse(MouseEvent(.click, x: help.x + 1, y: status.y)))
        #expect(state.overlay == .help(scroll: 0))
    }

    @Test func readOnlyOffersNoHintThatWouldRecord() {
        var state = stateOnMubaRecommendations()
        state.storeStatus = .readOnly(.requested)
        let items = hintBar(state, width: state.size.width).items.map(\.command)
        #expect(!items.contains(.recommendationStatus))
        #expect(!items.contains(.recommendationNote))
        #expect(items.contains(.helpShow))
    }
}
