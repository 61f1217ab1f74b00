import Foundation
import Testing
@testable import PantauKit
import PantauNational
@testable import PantauTUI

/// The national benchmark dataset (all 91,599 regions of `../shared/data/wilayah/wilayah.csv`,
/// ~465,000 synthetic figures, 50,000 synthetic recommendations), generated in memory.
/// Skipped when the official list is not next to the package.
enum National {
    /// The official list: `../shared/data/wilayah/` when present, else the bundled copy.
    static let list = try! NationalDataset.officialList(packageRoot: packageRoot.path)
    static let today = LocalDate(iso: "2026-11-23")!

    /// The generated files and the dataset loaded from them, made once for all tests.
    static let loaded: (files: [String: [UInt8]], dataset: Dataset)? = {
        guard let list else { return nil }
        let files = try! NationalDataset.files(wilayah: list.wilayah, penduduk: list.penduduk)
        return (files, try! DatasetLoader.load(files: files, currentYear: 2026, directory: "national"))
    }()

    static let context: DashboardContext? = loaded.map { DashboardContext(dataset: $0.dataset, today: today) }

    /// Every row of a CSV file as text fields (header dropped), read with the public reader.
    static func rows(_ name: String) throws -> [[String]] {
        try CSVReader.parse(loaded!.files[name]!).records.map(\.fields)
    }
}

@Suite(.enabled(if: National.list != nil, "needs ../shared/data/wilayah/ or the bundled data/wilayah/"), .serialized)
struct NationalTests {
    @Test func generatorWritesTheWholeCountryDeterministically() throws {
        let (files, dataset) = try #require(National.loaded)
        // The same seed gives the same bytes.
        let (wilayah, penduduk) = try #require(National.list)
        #expect(try NationalDataset.files(wilayah: wilayah, penduduk: penduduk) == files)
        // Counts by level, from the official list read independently of the loader.
        let official = try CSVReader.parse(wilayah).records.map(\.fields)
        let levels = official.map { $0[0].split(separator: ".").count }
        let upper = levels.filter { $0 <= 2 }.count, lower = levels.filter { $0 >= 3 }.count
        #expect(official.count == 91_599)
        #expect(dataset.regions.count == 91_599 + 1)
        #expect(lower - levels.filter { $0 == 3 }.count == 83_762)  // desa
        // 3 indicators × 6 years above; 2 + 3 figures below.
        #expect(dataset.observations.count == upper * 18 + lower * 5)
        #expect(dataset.observations.count == 465_171)
        #expect(dataset.recommendations.count == 50_000)
        // Every source says it is synthetic.
        let sources = try National.rows("sumber.csv")
        #expect(!sources.isEmpty)
        for source in sources { #expect(source[1].contains("DATA SINTETIS") && source[2].contains("data sintetis")) }
    }

    /// Decisions from another terminal (`with(newEvents:)`) move only the changed
    /// recommendations in the remembered display order of all 50,000; the rows then
    /// equal those of a context that sorted everything again, at the nation and below.
    @Test func remoteDecisionsKeepTheDisplayOrderOfAFreshSort() throws {
        let context = try #require(National.context)
        var state = AppState(context: context, lang: .id, size: Size(width: 200, height: 60))
        _ = state.recommendationRows // the order of all 50,000, remembered
        let recommendations = context.dataset.recommendations
        var events: [FollowUpEvent] = []
        var id: Int64 = 0
        func event(_ index: Int, _ field: FollowUpField, _ value: String) -> FollowUpEvent {
            id += 1
            var made = FollowUpEvent(recommendationID: recommendations[index].id, field: field, oldValue: nil, newValue: value,
                                     author: "tes", recordedAt: "2026-11-23T01:00:00Z")
            made.id = id
            return made
        }
        // A recommendation recorded in a meeting (added, then edited, then withdrawn) in the
        // region of recommendation 20,000: every later place shifts by one.
        let kode = context.dataset.region(recommendations[20_000].region).code.text
        func recorded(_ text: String, deadline: String?, withdrawn: Bool = false) -> FollowUpEvent {
            var record = RecommendationRecord(id: "RAPAT-BARU-1", kode: kode, siklus: "2026 S2", asal: .rakor, rekomendasi: text,
                                              opd: "Bappeda", tenggat: deadline.flatMap(LocalDate.init(iso:)))
            record.ditarik = withdrawn
            id += 1
            var made = FollowUpEvent(recommendationID: record.id, field: .recommendation, oldValue: nil, newValue: record.encoded(),
                                     author: "tes", recordedAt: "2026-11-23T01:00:00Z")
            made.id = id
            return made
        }
        // Done, reopened, a deadline moved into the past and far ahead, twice on one; a
        // recorded recommendation added, changed with a decision beside it, withdrawn.
        let batches = [[event(7, .status, "selesai"), event(49_990, .status, "belum")],
                       [event(123, .deadline, "2020-01-01"), event(25_000, .deadline, "2030-12-31"), event(7, .status, "proses")],
                       [event(3, .status, "tidak_dapat"), event(3, .status, "selesai")],
                       [recorded("Cek data sasaran", deadline: "2026-01-31")],
                       [recorded("Cek data sasaran bulanan", deadline: nil), event(40_000, .status, "selesai")],
                       [recorded("Cek data sasaran bulanan", deadline: nil, withdrawn: true), event(10, .status, "selesai")]]
        for batch in batches {
            events += batch
            state.context = state.context.with(newEvents: batch)
            // The order was carried over, patched, not dropped (it is not asked for yet).
            #expect(state.context.memo.hasOrder)
            let fresh = AppState(context: context.with(events: events), lang: .id, size: state.size)
            #expect(state.recommendationRows == fresh.recommendationRows)
            #expect(state.dataset.recommendations[state.recommendationRows[0]].id == fresh.dataset.recommendations[fresh.recommendationRows[0]].id)
        }
    }

    /// The national figures shuffled, with CRLF line ends, load to the same figures (at
    /// the lines they moved to) and the same warnings: the loader's speed and result do
    /// not depend on the file's row order.
    @Test func shuffledNationalFiguresGiveTheSameDataset() throws {
        let (files, dataset) = try #require(National.loaded)
        var lines = String(decoding: files["indikator.csv"]!, as: UTF8.self).split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        var random = SplitMix64(seed: 0x53485546)
        for index in lines.indices.reversed() where index > 0 { lines.swapAt(index, Int(random.next() % UInt64(index + 1))) }
        var shuffled = files
        shuffled["indikator.csv"] = Array(([header] + lines).joined(separator: "\r\n").utf8)
        let other = try DatasetLoader.load(files: shuffled, currentYear: 2026, directory: "national")
        #expect(other.observations.count == 465_171)
        func withoutLine(_ figure: Observation) -> String { "\(figure.region) \(figure.indicator) \(figure.year) \(figure.value) \(figure.sourceID)" }
        #expect(other.observations.map(withoutLine) == dataset.observations.map(withoutLine))
        #expect(other.warnings == dataset.warnings)
        // Each figure's line is where the shuffle put it.
        let probe = other.observations[123_456]
        let fields = lines[probe.line - 2].split(separator: ",").map(String.init)
        #expect(fields[0] == other.regions[Int(probe.region)].code.text && fields[1] == probe.indicator.rawValue)
    }

    /// Pending and overdue per region, counted the simple way: each recommendation adds one
    /// to its region and to every ancestor found by cutting its code, compared for all regions.
    @Test func rollUpEqualsAReferenceCount() throws {
        let (_, dataset) = try #require(National.loaded)
        let context = try #require(National.context)
        var pending: [String: Int] = [:], overdue: [String: Int] = [:]
        var totalPending = 0, totalOverdue = 0
        for row in try National.rows("rekomendasi.csv") {
            let status = row[9], deadline = row[8]
            guard status == "belum" || status == "proses" else { continue }
            let late = !deadline.isEmpty && deadline < "2026-11-23"  // ISO dates compare as text
            totalPending += 1
            if late { totalOverdue += 1 }
            var code = row[1]
            while true {
                pending[code, default: 0] += 1
                if late { overdue[code, default: 0] += 1 }
                guard let dot = code.lastIndex(of: ".") else { break }
                code = String(code[..<dot])
            }
        }
        #expect(totalPending > 30_000 && totalOverdue > 10_000)  // the mix the generator promises
        #expect(context.rollUp.pending(0) == totalPending)
        #expect(context.rollUp.overdue(0) == totalOverdue)
        var mismatches = 0
        for (index, region) in dataset.regions.enumerated().dropFirst() {
            if context.rollUp.pending(RegionIndex(index)) != pending[region.code.text, default: 0]
                || context.rollUp.overdue(RegionIndex(index)) != overdue[region.code.text, default: 0] { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// The `/` filter, typed one character at a time (so each step narrows the previous
    /// matches) and corrected with Backspace, equals a plain scan of every name.
    @Test func filterEqualsAReferenceScan() throws {
        let (_, dataset) = try #require(National.loaded)
        let context = try #require(National.context)
        let names = try National.rows("wilayah.csv").map { (code: $0[0], name: $0[1].lowercased()) }
        func reference(_ query: String) -> [String] {
            names.filter { $0.name.contains(query) }.map(\.code).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        var state = AppState(context: context, lang: .id, size: Size(width: 200, height: 60))
        /// Equal lists, reported briefly (the lists hold up to 91,599 codes).
        func same(_ actual: [String], _ expected: [String], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            guard actual != expected else { return }
            let first = Array(zip(actual, expected)).firstIndex { $0 != $1 } ?? min(actual.count, expected.count)
            Issue.record("\(what): \(actual.count) rows, expected \(expected.count); first difference at row \(first)",
                         sourceLocation: sourceLocation)
        }
        press(&state, "/")
        var typed = ""
        var sizes: [Int] = []
        for key in "sukamaju".map(String.init) + ["BSpace", "BSpace", "BSpace", "a", "y", "a"] + Array(repeating: "BSpace", count: 7) {
            press(&state, key)
            if key == "BSpace" { typed.removeLast() } else { typed += key }
            #expect(state.filterText == typed)
            same(state.regionRows.map { code(state, $0) }, reference(typed), "after typing \(typed)")
            sizes.append(state.regionRows.count)
        }
        // Not a vacuous comparison: "s" matches most names, "sukamaju" some.
        #expect(typed == "s" && sizes.last! > 20_000)
        #expect(sizes[7] > 10)
        // The same through the model, and a code prefix.
        same(dataset.search("SUKAMAJU", within: 0).map { dataset.region($0).code.text }, reference("sukamaju"), "search SUKAMAJU")
        let codes = names.map(\.code).filter { $0.hasPrefix("32.01") }
        #expect(codes.count > 400)
        same(dataset.search("32.01", within: 0).map { dataset.region($0).code.text }, codes, "search 32.01")
        // On screen: the count of matches and the first of them.
        let screen = render(state).text()
        #expect(screen.contains(dataset.region(state.regionRows[0]).name))
    }

    /// The national dashboard opens on the 38 provinces and drills down to a desa.
    @Test func dashboardOpensAndDrillsToADesa() throws {
        let context = try #require(National.context)
        var state = AppState(context: context, lang: .id, size: Size(width: 200, height: 60))
        reduce(&state, .resize(state.size))
        #expect(state.regionRows.count == 38 + 1)
        #expect(render(state).text().contains("Aceh"))
        press(&state, "Enter Enter Enter")
        #expect(state.dataset.region(state.selectedRegion).level == .desa)
        let text = render(state).text()
        #expect(text.contains(state.dataset.region(state.selectedRegion).name))
        #expect(text.contains("Stunting ukur"))
    }
}

/// A dataset with only `wilayah.csv` (no figures, no recommendations) opens and is usable.
@Suite struct WilayahOnlyTests {
    static let sampleRegions = [
        "kode,nama",
        "32,Jawa Barat",
        "32.01,Kabupaten Bogor",
        "32.01.01,Cibinong",
        "32.01.01.1001,Pondok Rajeg",
        "35,Jawa Timur",
        "35.17,Kabupaten Jombang",
    ].joined(separator: "\n") + "\n"

    static func state(width: Int = 80, height: Int = 24) throws -> AppState {
        let dataset = try DatasetLoader.load(files: ["wilayah.csv": Array(sampleRegions.utf8)], currentYear: 2026, directory: "wilayah-saja")
        var state = AppState(context: DashboardContext(dataset: dataset, today: LocalDate(iso: "2026-11-23")!), lang: .id,
                             size: Size(width: width, height: height))
        reduce(&state, .resize(state.size))
        return state
    }

    @Test func opensMovesDrillsFiltersAndSorts() throws {
        var state = try Self.state()
        #expect(state.dataset.observations.isEmpty && state.dataset.recommendations.isEmpty)
        #expect(state.regionRows.map { code(state, $0) } == ["0", "32", "35"])
        press(&state, "j")
        #expect(code(state, state.selectedRegion) == "35")
        press(&state, "k Enter Enter")
        #expect(code(state, state.selectedRegion) == "32.01.01")
        #expect(state.indicatorRows.isEmpty && state.recommendationRows.isEmpty)
        press(&state, "Esc Esc / j o m b a n g Enter")
        #expect(state.regionRows.map { code(state, $0) } == ["35.17"])
        press(&state, "Esc")
        for _ in RegionSortKey.allCases { press(&state, "s"); #expect(state.regionRows.count == 3) }
        press(&state, "Tab Tab f o Tab j")  // empty panes take every key
        #expect(state.recommendationRows.isEmpty)
    }

    @Test func screen() throws {
        var state = try Self.state()
        press(&state, "Enter")
        assertSnapshot(render(state).text(), named: "wilayah-only-80x24")
    }
}
