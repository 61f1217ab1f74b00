// Micro benchmarks of pantau on the synthetic national dataset (docs/performance.md):
// the loader, the roll-up, the `/` filter and the render at 200×60.
//
//   cd Benchmarks && swift package --allow-writing-to-package-directory benchmark
//
// With PANTAU_BENCH_SMOKE=1 each benchmark runs a few iterations only: CI runs them that
// way as a smoke test, with no thresholds.
import Benchmark
import Foundation
import PantauKit
import PantauNational
import PantauTUI

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardizedFileURL.path
let smoke = ProcessInfo.processInfo.environment["PANTAU_BENCH_SMOKE"] == "1"

/// The generated files, made once per process.
nonisolated(unsafe) var cachedFiles: [String: [UInt8]]?
func nationalFiles() throws -> [String: [UInt8]]? {
    if let cachedFiles { return cachedFiles }
    guard let directory = NationalDataset.officialListDirectory(packageRoot: root) else { return nil }
    let files = try NationalDataset.files(
        wilayah: [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/wilayah.csv"))),
        penduduk: try? [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/penduduk.csv"))))
    cachedFiles = files
    return files
}

let today = LocalDate(iso: "2026-11-23")!

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: smoke ? 0 : 1,
        maxDuration: smoke ? .seconds(2) : .seconds(10),
        maxIterations: smoke ? 2 : 30
    )

    Benchmark("Load national dataset (in memory)") { benchmark in
        guard let files = try nationalFiles() else { return }
        benchmark.startMeasurement()
        blackHole(try DatasetLoader.load(files: files, currentYear: 2026, directory: "national"))
    }

    Benchmark("Roll-up 50,000 recommendations to the nation") { benchmark in
        guard let files = try nationalFiles() else { return }
        let dataset = try DatasetLoader.load(files: files, currentYear: 2026)
        benchmark.startMeasurement()
        blackHole(dataset.rollUp(today: today))
    }

    Benchmark("Filter 91,599 names, typed character by character") { benchmark in
        guard let files = try nationalFiles() else { return }
        let dataset = try DatasetLoader.load(files: files, currentYear: 2026)
        var state = AppState(context: DashboardContext(dataset: dataset, today: today), lang: .id, size: Size(width: 200, height: 60))
        benchmark.startMeasurement()
        reduce(&state, .key(.character("/")))
        for character in "sukamaju" {
            reduce(&state, .key(.character(character)))
            blackHole(state.regionRows.count)
        }
    }

    Benchmark("Render 200x60, national root") { benchmark in
        guard let files = try nationalFiles() else { return }
        let dataset = try DatasetLoader.load(files: files, currentYear: 2026)
        let state = AppState(context: DashboardContext(dataset: dataset, today: today), lang: .id, size: Size(width: 200, height: 60))
        blackHole(render(state))  // fills the memo, as the first frame does
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(render(state)) }
    }
}
