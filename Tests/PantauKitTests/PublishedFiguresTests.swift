import Foundation
import Testing
@testable import PantauKit

/// Every confirmed cell of `../shared/data/published-figures-2.md` (Tables 1–3: P0 of the
/// 38 provinces, provincial stunting surveys, the 27 kab/kota of Jawa Barat) is in
/// `sample-data/` with the same value, the table is parsed here, not copied.
@Suite struct PublishedFiguresTests {
    static let path = TestData.packageRoot().appendingPathComponent("../shared/data/published-figures-2.md").path

    struct Cell { let code: String; let indicator: IndicatorID; let year: Int; let value: Double; let derived: Bool; let text: String }

    /// Cells of a markdown table section `## Table N`: `(row, column header, text)`.
    static func table(_ number: Int, in text: String) -> [[String]] {
        var rows: [[String]] = []
        var inside = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## ") { inside = line.hasPrefix("## Table \(number) ") ; continue }
            guard inside, line.hasPrefix("|") else { continue }
            let cells = line.trimmingCharacters(in: .whitespaces).dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy({ $0.allSatisfy { $0 == "-" } }) { continue }
            rows.append(cells)
        }
        return rows
    }

    static func cells() throws -> [Cell] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [Cell] = []
        func add(_ code: String, _ indicator: IndicatorID, _ year: Int, _ raw: String, scale: Double = 1) {
            guard raw != "—", raw != "n/a", !raw.isEmpty else { return }
            let derived = raw.hasPrefix("~")
            let digits = raw.drop { $0 == "~" }.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(digits) else { Issue.record("cannot read \(raw)"); return }
            out.append(Cell(code: code, indicator: indicator, year: year, value: value * scale, derived: derived, text: raw))
        }
        let one = table(1, in: text)
        #expect(one.first == ["kode", "region", "Mar 2023", "Mar 2024"])
        for row in one.dropFirst() { add(row[0], .kemiskinan, 2023, row[2]); add(row[0], .kemiskinan, 2024, row[3]) }
        let two = table(2, in: text)
        #expect(two.first == ["kode", "region", "SSGI 2022", "SKI 2023", "SSGI 2024"])
        for row in two.dropFirst() {
            add(row[0], .stunting, 2022, row[2]); add(row[0], .stunting, 2023, row[3]); add(row[0], .stunting, 2024, row[4])
        }
        let three = table(3, in: text)
        #expect(three.first == ["kode", "kab/kota", "P0 2023", "P0 2024", "miskin 2024 (ribu)", "TPT Aug 2023", "TPT Aug 2024", "SSGI 2022", "SKI 2023"])
        for row in three.dropFirst() {
            add(row[0], .kemiskinan, 2023, row[2]); add(row[0], .kemiskinan, 2024, row[3])
            add(row[0], .pendudukMiskin, 2024, row[4], scale: 1000)
            add(row[0], .tpt, 2023, row[5]); add(row[0], .tpt, 2024, row[6])
            add(row[0], .stunting, 2022, row[7]); add(row[0], .stunting, 2023, row[8])
        }
        return out
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: path), "needs ../shared/data/published-figures-2.md"))
    func everyConfirmedCellIsInTheSampleData() throws {
        let cells = try Self.cells()
        // Tables 1–3 count 69 + 3 stated/derived P0 cells, 73 stunting cells and 137 + 2
        // Jawa Barat cells (the file's own count).
        #expect(cells.count == 72 + 73 + 139)
        let data = try DatasetLoader.load(directory: SampleDataTests.directory)
        for cell in cells {
            guard let region = data.index(of: RegionCode(cell.code)!) else {
                Issue.record("region \(cell.code) is not in sample-data/wilayah.csv"); continue
            }
            let matches = data.observations(of: region).filter { $0.indicator == cell.indicator && $0.year == cell.year }
            let same = matches.filter { abs($0.value - cell.value) < 1e-9 }
            #expect(!same.isEmpty, "\(cell.code) \(cell.indicator.rawValue) \(cell.year): published \(cell.text), sample-data has \(matches.map(\.value))")
            for observation in same {
                let publisher = data.sources[observation.sourceID]?.publisher ?? ""
                // Derived values carry a source that says so, and stated ones never do.
                #expect(publisher.contains("turunan") == cell.derived, "\(cell.code) \(cell.year) \(cell.text) from \(observation.sourceID)")
            }
        }
    }
}
