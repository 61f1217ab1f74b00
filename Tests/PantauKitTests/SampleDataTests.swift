import Foundation
import Testing
@testable import PantauKit

/// The authored dataset in `sample-data/` at the package root.
@Suite struct SampleDataTests {
    static let directory = TestData.packageRoot().appendingPathComponent("sample-data").path

    let data: Dataset

    init() throws {
        do throws(DatasetLoadError) {
            data = try DatasetLoader.load(directory: Self.directory)
        } catch {
            let text = error.issues.map { $0.formatted(.en) }.joined(separator: "\n")
            Issue.record("sample-data did not load:\n\(text)")
            throw error
        }
    }

    private func at(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RegionIndex {
        try #require(data.index(code), "no region \(code)", sourceLocation: sourceLocation)
    }

    private func records(_ file: String) throws -> [CSVRecord] {
        try CSVReader.read(path: (Self.directory as NSString).appendingPathComponent(file)).records
    }

    @Test func loadsWithoutErrorsOrWarnings() {
        #expect(data.warnings.isEmpty)
        #expect(data.directory == Self.directory)
    }

    @Test func regionCountIsTheListPlusIndonesia() throws {
        let rows = try records("wilayah.csv")
        #expect(rows.count > 1000)
        #expect(data.regions.count == rows.count + 1)
        // All 38 provinces (issue 18.3), and all 27 kab/kota of Jawa Barat.
        let provinces = data.codes(data.children(of: data.root))
        #expect(provinces.count == 38 && provinces.first == "11" && provinces.last == "96", "\(provinces)")
        #expect(data.children(of: try at("32")).count == 27)
        #expect(data.region(try at("32.73")).name == "Kota Bandung")
        #expect(data.region(try at("35.17")).name == "Kabupaten Jombang")
        #expect(data.region(try at("64.74")).name == "Kota Bontang")
        #expect(data.region(try at("32.01")).name == "Kabupaten Bogor")
        #expect(data.region(try at("16.06")).name == "Kabupaten Musi Banyuasin")
    }

    /// Every cell of the seed tables of `../shared/data/published-figures.md` (P0, survey
    /// stunting, TPT) is in `sample-data/indikator.csv` with the published value, parsed
    /// from the table, not copied; derived cells (`~`) carry a `turunan-*` source.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: SampleDataTests.seedTable)))
    func everySeedTableCellIsInTheSampleData() throws {
        let text = try String(contentsOfFile: Self.seedTable, encoding: .utf8)
        var indicator: String?
        var years: [Int?] = []
        var checked = 0
        let rows = try records("indikator.csv").map(\.fields)
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## ") {
                indicator = line.hasPrefix("## Poverty") ? "kemiskinan" : line.hasPrefix("## Stunting") ? "stunting"
                    : line.hasPrefix("## Open unemployment") ? "tpt" : nil
                continue
            }
            guard let indicator, line.hasPrefix("|") else { continue }
            let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == "region" {
                years = cells.dropFirst(2).map { Int($0.split(separator: " ").last ?? "") }
                continue
            }
            guard cells.count == years.count + 2, !cells[0].hasPrefix("---") else { continue }
            let code = cells[1]
            for (offset, raw) in cells.dropFirst(2).enumerated() where raw != "—" {
                guard let year = years[offset], let value = Double(raw.drop { $0 == "~" }) else { continue }
                let found = rows.filter { $0[0] == code && $0[1] == indicator && Int($0[2]) == year }
                #expect(found.contains { Double($0[3]).map { abs($0 - value) < 1e-9 } ?? false },
                        "\(code) \(indicator) \(year): published \(raw), sample-data has \(found.map { $0[3] })")
                if raw.hasPrefix("~") { #expect(found.allSatisfy { $0[4].hasPrefix("turunan-") }, "\(code) \(year) derived: \(found)") }
                checked += 1
            }
        }
        // The tables' cells without a dash: 50 of P0, 26 of survey stunting, 12 of TPT.
        #expect(checked == 50 + 26 + 12, "\(checked)")
    }

    static let seedTable = TestData.packageRoot().appendingPathComponent("../shared/data/published-figures.md").standardizedFileURL.path

    @Test func everyIndicatorRowNamesAnExistingSource() throws {
        let sourceIDs = Set(try records("sumber.csv").map { $0.fields[0] })
        let rows = try records("indikator.csv")
        #expect(rows.count == data.observations.count)
        for row in rows {
            #expect(sourceIDs.contains(row.fields[4]), "indikator.csv:\(row.line): unknown source \(row.fields[4])")
        }
        for observation in data.observations {
            #expect(data.sources[observation.sourceID] != nil)
        }
    }

    @Test func indonesiaPovertyHeadline() throws {
        let headline = try #require(data.headline(of: data.root, .kemiskinan))
        #expect(headline.latest.value == 9.03)
        #expect(headline.latest.year == 2024)
        #expect(headline.latest.decimals == 2)
        #expect(headline.latest.sourceID == "bps-p0-2024")
        #expect(data.sources[headline.latest.sourceID]?.seriesFamily == "BPS")
        #expect(headline.previous?.value == 9.36)
        #expect(headline.trend == .down)
        #expect(Format.value(headline.latest.value, decimals: headline.latest.decimals, unit: .percent, .id) == "9,03 %")
        #expect(data.series(of: data.root, .kemiskinan).first?.points.map(\.year) == [2019, 2020, 2021, 2022, 2023, 2024])
    }

    @Test func nationalStuntingSurveySeries() throws {
        let series = data.series(of: data.root, .stunting)
        #expect(series.count == 1)
        #expect(series.first?.publisher == "Kementerian Kesehatan")
        #expect(series.first?.points.map(\.value) == [24.4, 21.6, 21.5, 19.8])
        #expect(series.first?.points.map(\.year) == [2021, 2022, 2023, 2024])
        let target = try #require(data.applicableTarget(for: data.root, .stunting, year: 2026))
        #expect(target.target.year == 2029)
        #expect(target.target.value == 14.2)
    }

    @Test func jombangConflictingSourcesStaySideBySide() throws {
        let jombang = try at("35.17")
        let series = data.series(of: jombang, .kemiskinan)
        #expect(series.count == 2)
        let bps = try #require(series.first)
        #expect(bps.publisher == "BPS")
        #expect(bps.points.first { $0.year == 2023 }?.value == 9.15)
        let regent = try #require(series.last)
        #expect(regent.publisher != "BPS")
        #expect(regent.points.map(\.year) == [2023])
        #expect(regent.points.map(\.value) == [9.5])
        #expect(regent.points.first?.sourceID == "pemkab-jombang-2024")

        let headline = try #require(data.headline(of: jombang, .kemiskinan))
        #expect(headline.latest.value == 8.60)
        #expect(headline.latest.decimals == 2)
        #expect(headline.latest.year == 2024)
        #expect(headline.previous?.value == 9.15)
        #expect(Format.value(headline.latest.value, decimals: headline.latest.decimals, unit: .percent, .id) == "8,60 %")

        let extreme = try #require(data.targets(for: jombang, .kemiskinanEkstrem))
        #expect(extreme.owner == jombang)
        #expect(extreme.targets.map(\.value) == [0])
    }

    @Test func bontangHasScoresForAllEightActions() throws {
        let scores = data.convergenceScores(of: try at("64.74"))
        #expect(Set(scores.map(\.action)) == Set(ConvergenceAction.allCases))
        for year in [2023, 2024] {
            #expect(scores.filter { $0.year == year }.map(\.action.rawValue) == Array(1...8), "\(year)")
        }
    }

    @Test func noSeriesHasTwoPointsInOneYear() throws {
        // Guards the sample data against the double-counting a shared series family allows.
        for region in Set(data.observations.map(\.region)) {
            for indicator in data.indicators(of: region) {
                for series in data.series(of: region, indicator) {
                    let years = series.points.map(\.year)
                    #expect(Set(years).count == years.count, "\(data.region(region).code) \(indicator) \(series.publisher)")
                }
            }
        }
    }

    @Test func rollUpCountsEveryPendingRecommendation() throws {
        let today = LocalDate(iso: "2025-01-01")!
        let rollUp = data.rollUp(today: today)
        #expect(rollUp.pending(data.root) == data.recommendations.filter { $0.status.isPending }.count)
        #expect(rollUp.overdue(data.root) == data.recommendations.filter { $0.isOverdue(today: today) }.count)
        #expect(data.recommendations.count == (try records("rekomendasi.csv")).count)
    }
}
