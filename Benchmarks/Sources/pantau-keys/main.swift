// Times every key of `NationalDataset.keystrokeScript` on the national dataset at 200×60:
// reduce, render, and the diff against the previous frame (what the terminal then draws).
// Prints p50, p90, p99 and the slowest keys. docs/performance.md has the results.
//
//   swift run -c release pantau-keys [--repeat N] [--size 200x60] [--data DIR]
import Foundation
import PantauKit
import PantauNational
import PantauTUI

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardizedFileURL.path
var repeats = 5
var size = Size(width: 200, height: 60)
var dataDirectory: String? = nil
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let name = arguments.removeFirst()
    let value = arguments.isEmpty ? "" : arguments.removeFirst()
    switch name {
    case "--repeat": repeats = Int(value) ?? repeats
    case "--data": dataDirectory = value
    case "--size":
        let parts = value.split(separator: "x").compactMap { Int($0) }
        if parts.count == 2 { size = Size(width: parts[0], height: parts[1]) }
    default: print("usage: pantau-keys [--repeat N] [--size WxH] [--data DIR]"); exit(2)
    }
}
func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

let loadStart = now()
// --data: a dataset directory on disk (a shape of scripts/shape-bench.py), else the
// national dataset generated in memory.
let loaded: Dataset?
if let dataDirectory {
    loaded = try DatasetLoader.load(directory: dataDirectory, currentYear: 2026)
} else {
    loaded = try NationalDataset.load(packageRoot: root)
}
guard let dataset = loaded else {
    print("pantau-keys: ../shared/data/wilayah/wilayah.csv not found next to the package; nothing to time")
    exit(0)
}
print("loaded national dataset in memory: \(dataset.regions.count - 1) regions, \(dataset.observations.count) figures, \(dataset.recommendations.count) recommendations (\((now() - loadStart) / 1_000_000) ms)")
guard case .success(let keys) = Key.parseList(NationalDataset.keystrokeScript) else { fatalError("bad script") }

var timings: [(key: String, index: Int, nanoseconds: UInt64)] = []
for round in 0..<repeats {
    // A fresh context each round: nothing remembered from the round before.
    let context = DashboardContext(dataset: dataset, today: LocalDate(iso: "2026-11-23")!)
    var state = AppState(context: context, lang: .id, size: size)
    var previous = render(state)
    for (index, key) in keys.enumerated() {
        let start = now()
        reduce(&state, .key(key))
        let frame = render(state)
        var changed = 0
        for y in 0..<frame.size.height {
            for x in 0..<frame.size.width where frame[x, y] != previous[x, y] { changed += 1 }
        }
        previous = frame
        let elapsed = now() - start
        if round > 0 || repeats == 1 { timings.append((key.label, index, elapsed)) }
        _ = changed
    }
}
let sorted = timings.map(\.nanoseconds).sorted()
func percentile(_ p: Double) -> Double { Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1_000_000 }
print(String(format: "%d keys × %d rounds at %dx%d: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
             keys.count, max(1, repeats - 1), size.width, size.height, percentile(0.5), percentile(0.9), percentile(0.99),
             Double(sorted.last ?? 0) / 1_000_000))
print("slowest keys (key, position in script, ms):")
for timing in timings.sorted(by: { $0.nanoseconds > $1.nanoseconds }).prefix(8) {
    print("  \(timing.key) #\(timing.index) " + String(format: "%.2f", Double(timing.nanoseconds) / 1_000_000))
}
