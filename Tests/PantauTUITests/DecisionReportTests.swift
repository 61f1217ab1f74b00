import Testing
@testable import PantauKit
@testable import PantauTUI

/// Golden files of the decision views on screen and of `pantau report --view
/// targets|ranking|scorecard|compare|programmes` in every format (the CLI prints exactly
/// these functions' output).
@Suite struct DecisionReportTests {
    let dataset = sampleContext.dataset
    let rollUp = sampleContext.rollUp

    func region(_ code: String) throws -> RegionIndex {
        let parsed = try #require(RegionCode(code))
        return try #require(dataset.index(of: parsed))
    }

    @Test func targetReports() throws {
        let national = dataset.root
        assertSnapshot(ScoreReports.targets(dataset, region: national, lang: .id), named: "report-targets-0.md")
        assertSnapshot(ScoreReports.targets(dataset, region: national, lang: .en), named: "report-targets-0-en.md")
        assertSnapshot(ScoreReports.targetsCSV(dataset, region: national), named: "report-targets-0.csv")
        assertSnapshot(ScoreReports.targetsJSON(dataset, region: national), named: "report-targets-0.json")
        assertSnapshot(ScoreReports.targets(dataset, region: try region("35.17"), lang: .id), named: "report-targets-35.17.md")
    }

    @Test func rankingReports() throws {
        let muba = try region("16.06")
        assertSnapshot(ScoreReports.ranking(dataset, region: muba, weights: .standard, rollUp: rollUp, lang: .id), named: "report-ranking-16.06.md")
        assertSnapshot(ScoreReports.rankingCSV(dataset, region: muba, weights: .standard, rollUp: rollUp), named: "report-ranking-16.06.csv")
        assertSnapshot(ScoreReports.rankingJSON(dataset, region: muba, weights: .standard, rollUp: rollUp), named: "report-ranking-16.06.json")
        assertSnapshot(ScoreReports.ranking(dataset, region: dataset.root, weights: .standard, rollUp: rollUp, lang: .en), named: "report-ranking-0-en.md")
    }

    @Test func scorecardReports() throws {
        let bontang = dataset.scorecardTable(for: try region("64.74"), rollUp: rollUp, lang: .id)
        assertSnapshot(bontang.markdown(), named: "report-scorecard-64.74.md")
        assertSnapshot(bontang.csv(), named: "report-scorecard-64.74.csv")
        assertSnapshot(bontang.json(), named: "report-scorecard-64.74.json")
        let all = dataset.scorecardTable(for: dataset.root, rollUp: rollUp, lang: .id)
        assertSnapshot(all.markdown(), named: "report-scorecard-0.md")
        assertSnapshot(all.csv(), named: "report-scorecard-0.csv")
        assertSnapshot(all.json(), named: "report-scorecard-0.json")
        assertSnapshot(dataset.scorecardTable(for: dataset.root, rollUp: rollUp, lang: .en).markdown(), named: "report-scorecard-0-en.md")
    }

    @Test func compareAndProgrammeReports() throws {
        let compare = dataset.comparison(of: [try region("32.01"), try region("35.17")], rollUp: rollUp, weights: .standard, lang: .id)
        assertSnapshot(compare.markdown(), named: "report-compare-32.01-35.17.md")
        assertSnapshot(compare.csv(), named: "report-compare-32.01-35.17.csv")
        assertSnapshot(compare.json(), named: "report-compare-32.01-35.17.json")
        let programmes = dataset.programmeTable(for: try region("32.01"), lang: .id)
        assertSnapshot(programmes.markdown(), named: "report-programmes-32.01.md")
        assertSnapshot(programmes.csv(), named: "report-programmes-32.01.csv")
        assertSnapshot(programmes.json(), named: "report-programmes-32.01.json")
        assertSnapshot(dataset.programmeTable(for: try region("32.01"), lang: .en).markdown(), named: "report-programmes-32.01-en.md")
    }

    /// Screens: the full scorecard of Kota Bontang, the kab/kota comparison on Indonesia,
    /// and the programmes of Kab. Bogor.
    @Test(arguments: [(80, 24, Language.id), (80, 24, .en), (120, 36, .id), (120, 36, .en)])
    func scorecardScreens(width: Int, height: Int, lang: Language) {
        var state = makeState(width: width, height: height, lang: lang)
        press(&state, "G Enter A")  // Kalimantan Timur › Kota Bontang
        #expect(state.view == .scorecard(state.dataset.index(of: RegionCode("64.74")!)!))
        assertSnapshot(render(state).text(), named: "scorecard-bontang-\(width)x\(height)-\(lang.rawValue)")
        press(&state, "Esc Esc g A")  // Indonesia: the kab/kota compared
        assertSnapshot(render(state).text(), named: "scorecard-indonesia-\(width)x\(height)-\(lang.rawValue)")
    }

    @Test(arguments: [(80, 24, Language.id), (80, 24, .en), (120, 36, .id), (120, 36, .en)])
    func programmeScreens(width: Int, height: Int, lang: Language) {
        var state = makeState(width: width, height: height, lang: lang)
        press(&state, "j Enter P")  // Jawa Barat › Kab. Bogor
        assertSnapshot(render(state).text(), named: "programmes-bogor-\(width)x\(height)-\(lang.rawValue)")
    }

    @Test func reportCommandChecksTheCompareRegions() throws {
        guard builtPantau != nil else { return }
        let data = packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample").path
        let one = try runPantau(["report", "--data", data, "--today", "2026-11-23", "--view", "compare", "--region", "32.01", "--lang", "en"])
        #expect(one.status != 0)
        #expect(one.error.contains("give 2–4 region codes, e.g. --region 32.01,35.17 (now 1)"))
        let two = try runPantau(["report", "--data", data, "--today", "2026-11-23", "--view", "compare", "--region", "32.01,35.17", "--format", "csv"])
        #expect(two.status == 0)
        #expect(two.output == dataset.comparison(of: [try region("32.01"), try region("35.17")], rollUp: rollUp, weights: .standard, lang: .id).csv())
        let bad = try runPantau(["report", "--data", data, "--today", "2026-11-23", "--view", "targets", "--region", "32.01,35.17"])
        #expect(bad.status != 0)
    }
}
