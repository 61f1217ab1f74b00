import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

/// The package root, found from this file so tests work in any clone.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The sample dataset, loaded once. Deadlines are measured against a fixed day so that
/// snapshots do not change with the calendar.
let sampleContext: DashboardContext = {
    let dataset = try! DatasetLoader.load(directory: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample").path)
    return DashboardContext(dataset: dataset, today: LocalDate(iso: "2026-11-23")!)
}()

func makeState(width: Int = 80, height: Int = 24, lang: Language = .id) -> AppState {
    var state = AppState(context: sampleContext, lang: lang, size: Size(width: width, height: height))
    reduce(&state, .resize(state.size))
    return state
}

func press(_ state: inout AppState, _ keys: String) {
    guard case .success(let list) = Key.parseList(keys) else {
        Issue.record("bad key names in \(keys)")
        return
    }
    for key in list { reduce(&state, .key(key)) }
}

func code(_ state: AppState, _ index: RegionIndex) -> String { state.dataset.region(index).code.text }

/// Compares text with a golden file in __Snapshots__; PANTAU_RECORD=1 rewrites it.
/// A missing golden file is written and the test fails once, so nothing passes unseen.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = packageRoot.appendingPathComponent("Tests/PantauTUITests/__Snapshots__/\(name).txt")
    let record = ProcessInfo.processInfo.environment["PANTAU_RECORD"] == "1"
    let existing = try? String(contentsOf: url, encoding: .utf8)
    if record || existing == nil {
        try? (text + "\n").write(to: url, atomically: true, encoding: .utf8)
        if existing == nil && !record {
            Issue.record("snapshot \(name) recorded; run again", sourceLocation: sourceLocation)
        }
        return
    }
    if existing != text + "\n" {
        Issue.record("snapshot \(name) differs:\n--- expected\n\(existing!)\n--- actual\n\(text)", sourceLocation: sourceLocation)
    }
}
