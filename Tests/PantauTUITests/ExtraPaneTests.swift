import Testing
@testable import PantauKit
@testable import PantauTUI

/// The recipe of docs/architecture.md ("Adding a pane") followed from a test target: a
/// fifth pane, the regions marked for comparison, is one value registered beside the
/// product's four, with one layout slot. Nothing else in PantauTUI knows of it, yet the
/// layout, drawing, focus keys, movement, clamping, the mouse and single-pane mode
/// all serve it.
@Suite struct ExtraPaneTests {
    static let marks = Pane(rawValue: "marks")

    static let marksPane = PaneSpec(
        id: marks, number: 5, titleID: "Bertanda", titleEN: "Marked",
        slot: LayoutSlot(row: .bottom, order: 1, width: .share(1, 5, minimum: 16)),
        content: .list(header: 0, rows: { $0.marks.count }),
        draw: { screen, state, rect in
            let spec = state.panes.spec(marks)
            drawBox(&screen, rect, title: spec.title(state.lang), focused: state.focus == marks, number: spec.number)
            let inner = rect.inner
            drawListRows(&screen, state, pane: marks, inner: inner, count: state.marks.count) { screen, row, y in
                screen.put(state.dataset.region(state.marks[row]).name, x: inner.x, y: y, role: .normal, maxWidth: inner.width)
            }
        })

    func state(width: Int, height: Int) -> AppState {
        var state = makeState(width: width, height: height)
        state.panes = PaneRegistry.standard.adding(Self.marksPane)
        reduce(&state, .resize(state.size))
        // Mark the first three provinces.
        press(&state, "m j m j m")
        return state
    }

    func lines(_ state: AppState) -> [String] {
        render(state).text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func itTakesItsSlotBetweenRecommendationsAndDetail() throws {
        let size = Size(width: 120, height: 36)
        guard case .panes(let layout) = Layout.compute(size, panes: PaneRegistry.standard.adding(Self.marksPane)) else {
            Issue.record("too small"); return
        }
        let recommendations = layout.rect(for: .recommendations), marks = layout.rect(for: Self.marks), detail = layout.rect(for: .detail)
        #expect(marks.x == recommendations.x + recommendations.width)
        #expect(detail.x == marks.x + marks.width)
        #expect(marks.width == 24) // 1/5 of 120
        #expect(detail.width == 45) // 3/8 of 120, as without it
        #expect(recommendations.width == 120 - 24 - 45)
        #expect(marks.y == recommendations.y && marks.height == recommendations.height)
        // The top half is untouched.
        guard case .panes(let standard) = Layout.compute(size) else { return }
        #expect(layout.rect(for: .regions) == standard.rect(for: .regions))
        #expect(layout.rect(for: .indicators) == standard.rect(for: .indicators))
    }

    @Test(arguments: [Language.id, .en])
    func itIsDrawnFocusedByItsDigitAndByTab(lang: Language) throws {
        var state = state(width: 120, height: 36)
        state.lang = lang
        let title = lang.pick("5 Bertanda", "5 Marked")
        #expect(lines(state).contains { $0.contains("┌─ \(title) ") })
        press(&state, "5")
        #expect(state.focus == Self.marks)
        #expect(lines(state).contains { $0.contains("┏━▶ \(title) ") })
        let names = state.marks.map { state.dataset.region($0).name }
        #expect(names.count == 3)
        for name in names { #expect(lines(state).contains { $0.contains(name) }) }
        // Tab goes on from Detail (4) to it and from it back to Regions (1).
        press(&state, "4 Tab")
        #expect(state.focus == Self.marks)
        press(&state, "Tab")
        #expect(state.focus == .regions)
        press(&state, "S-Tab")
        #expect(state.focus == Self.marks)
    }

    @Test func movementClampingAndTheMouseWorkOnItsRows() throws {
        var state = state(width: 120, height: 36)
        press(&state, "5 j j j j")
        #expect(state.cursors[Self.marks]?.selected == 2) // three rows: it stops at the last
        press(&state, "g")
        #expect(state.cursors[Self.marks]?.selected == 0)
        // Unmarking all clamps its selection to nothing.
        press(&state, "1 G")
        guard case .panes(let layout) = Layout.compute(state.size, panes: state.panes) else { return }
        let inner = layout.rect(for: Self.marks).inner
        reduce(&state, .mouse(MouseEvent(.click, x: inner.x + 2, y: inner.y + 1)))
        #expect(state.focus == Self.marks)
        #expect(state.cursors[Self.marks]?.selected == 1)
        // A click below its rows selects nothing.
        reduce(&state, .mouse(MouseEvent(.click, x: inner.x + 2, y: inner.y + 5)))
        #expect(state.cursors[Self.marks]?.selected == 1)
        press(&state, "1 X 5")
        #expect(state.cursors[Self.marks]?.selected == 0)
        #expect(!lines(state).joined().contains(state.dataset.region(state.regionRows[1]).name + "  "))
    }

    @Test func onASmallGridItIsOneOfThePanesTabVisits() throws {
        var state = state(width: 60, height: 20)
        press(&state, "Tab Tab Tab Tab")
        #expect(state.focus == Self.marks)
        let screen = lines(state)
        #expect(screen[1].contains("5 Bertanda"))
        #expect(!screen.joined().contains("Rincian"))
    }
}
