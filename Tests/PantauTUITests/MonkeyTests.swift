import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI
import PantauNational

/// 10,000 random keys (two walks of 5,000, which run in parallel) at random sizes on the
/// sample data, with decisions really written
/// to an in-memory follow-up store. After every step: nothing trapped, every list
/// selection is in range and on screen, the terminal cursor is on the screen and — on a
/// list pane with rows and nothing over it — on the selected row, and every row of the
/// frame is exactly as wide as the screen.
@Suite struct MonkeyTests {
    static let steps = 5_000

    /// Keys the monkey presses: every key in the registry, letters, digits and the named keys.
    static let keyPool: [Key] = {
        var keys = CommandRegistry.all.flatMap(\.keys).filter { $0 != .interrupt }
        keys += "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".map { Key.character($0) }
        keys += [.enter, .escape, .tab, .backTab, .up, .down, .left, .right, .pageUp, .pageDown,
                 .backspace, .delete, .home, .end, .character(" ")]
        return keys
    }()

    @Test(arguments: [0x5EED_0001, 0x5EED_0002] as [UInt64])
    func randomKeysKeepEveryInvariant(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let session = FollowUpSession(store: try SQLiteFollowUpStore.inMemory(), clock: { "2026-11-23T10:00:00Z" })
        var state = makeState(width: 120, height: 36)
        state.author = "monkey"
        var stats: [String: Int] = [:]
        var failures = 0
        let started = Date()
        var recent: [String] = [] // the steps before a failure, to replay it by hand
        for step in 0..<Self.steps where failures < 5 {
            var what: String
            if Int.random(in: 0..<100, using: &random) < 3 {
                // Mostly usable sizes, sometimes anything down to 20×8 (below the 80×24 minimum).
                let usable = Int.random(in: 0..<100, using: &random) < 80
                let size = Size(width: Int.random(in: (usable ? 80 : 20)...240, using: &random),
                                height: Int.random(in: (usable ? 24 : 8)...67, using: &random))
                reduce(&state, .resize(size))
                what = "resize \(size.width)×\(size.height)"
                stats["resize", default: 0] += 1
            } else {
                let key = Self.keyPool.randomElement(using: &random)!
                reduce(&state, .key(key))
                what = "key \(key.label)"
            }
            recent = Array((recent + [what]).suffix(12))
            if session.synchronise(&state) { stats["store changes", default: 0] += 1 }
            if state.shouldQuit {
                state.shouldQuit = false // the monkey does not get to leave
                stats["quit", default: 0] += 1
            }
            let problems = Self.invariantProblems(state)
            let screen = render(state)
            let screenProblems = Self.cursorProblems(state, screen)
            if !problems.isEmpty || !screenProblems.isEmpty {
                failures += 1
                let all: [String] = problems + screenProblems
                let summary = all.joined(separator: "\n")
                Issue.record("step \(step) (seed \(seed)), \(what) after \(recent.joined(separator: ", ")):\n\(summary)\n\(screen.text())")
            }
            if !expectSafeScreen(screen, state, "step \(step) (seed \(seed)), \(what)", checkScalars: false) { failures += 1 }
            Self.count(state, into: &stats)
        }
        let seconds = Date().timeIntervalSince(started)
        print("monkey: \(Self.steps) steps in \(String(format: "%.1f", seconds)) s; \(stats.sorted { $0.key < $1.key })")
        // The monkey must actually have been everywhere, or the invariants prove little.
        for place in ["pane regions", "pane indicators", "pane recommendations", "pane detail", "too small", "help", "palette",
                      "form", "filter", "presentation", "view", "resize", "store changes", "quit"] {
            #expect(stats[place, default: 0] > 0, "the monkey never reached \(place)")
        }
    }

    static func count(_ state: AppState, into stats: inout [String: Int]) {
        if case .tooSmall = Layout.compute(state.size) { stats["too small", default: 0] += 1; return }
        switch state.overlay {
        case .help?: stats["help", default: 0] += 1
        case .palette?: stats["palette", default: 0] += 1
        case .form?: stats["form", default: 0] += 1
        case nil: break
        }
        if state.filterEditing { stats["filter", default: 0] += 1 }
        if state.presentation != nil { stats["presentation", default: 0] += 1 }
        if state.view != nil { stats["view", default: 0] += 1 }
        stats["pane \(state.focus)", default: 0] += 1
    }

    /// Every list cursor: the selection inside its rows (0 when there are none) and on screen.
    static func invariantProblems(_ state: AppState) -> [String] {
        var problems: [String] = []
        let lists: [(Pane, ListCursor, Int)] = [
            (.regions, state.regionCursor, state.regionRows.count),
            (.indicators, state.indicatorCursor, state.indicatorRows.count),
            (.recommendations, state.recommendationCursor, state.recommendationRows.count),
        ]
        for (pane, cursor, count) in lists {
            let visible = visibleRows(state, pane)
            if count == 0 {
                if cursor.selected != 0 || cursor.top != 0 { problems.append("\(pane): \(cursor) with no rows") }
                continue
            }
            if !(0..<count).contains(cursor.selected) { problems.append("\(pane): selected \(cursor.selected) of \(count) rows") }
            if !(cursor.top...(cursor.top + visible - 1)).contains(cursor.selected) || cursor.top < 0 {
                problems.append("\(pane): selected \(cursor.selected) outside rows \(cursor.top)..<\(cursor.top + visible) on screen")
            }
        }
        if state.detailScroll < 0 { problems.append("detail scroll \(state.detailScroll)") }
        if state.viewScroll < 0 || state.viewScroll > maxViewScroll(state) {
            problems.append("view scroll \(state.viewScroll) outside 0...\(maxViewScroll(state))")
        }
        return problems
    }

    /// The terminal cursor is on the screen, and on the selected row of a focused list.
    static func cursorProblems(_ state: AppState, _ screen: ScreenBuffer) -> [String] {
        guard let cursor = screen.cursor else { return [] }
        guard cursor.x >= 0, cursor.y >= 0, cursor.x < screen.size.width, cursor.y < screen.size.height else {
            return ["cursor \(cursor) off the \(screen.size.width)×\(screen.size.height) screen"]
        }
        guard state.overlay == nil, !state.filterEditing, state.presentation == nil, state.view == nil,
              case .panes(let layout) = Layout.compute(state.size) else { return [] }
        let inner = layout.rect(for: state.focus).inner
        let expected: Point
        switch state.focus {
        case .regions where !state.regionRows.isEmpty:
            expected = Point(x: inner.x, y: inner.y + 1 + state.regionCursor.selected - state.regionCursor.top)
        case .indicators where !state.indicatorRows.isEmpty:
            expected = Point(x: inner.x, y: inner.y + state.indicatorCursor.selected - state.indicatorCursor.top)
        case .recommendations where !state.recommendationRows.isEmpty:
            expected = Point(x: inner.x, y: inner.y + 1 + state.recommendationCursor.selected - state.recommendationCursor.top)
        default:
            return []
        }
        return cursor == expected ? [] : ["cursor at \(cursor), the selected row of \(state.focus) is at \(expected)"]
    }
}
