import Foundation
import Testing

/// `scripts/import-published-figures.py` puts every confirmed cell of
/// `../shared/data/published-figures-2.md` (Tables 1–3: P0 of the 38 provinces, provincial
/// stunting surveys, the 27 kab/kota of Jawa Barat) into a copy of the sample data through
/// `pantau import-wilayah --also` and `pantau import`; the table is parsed here, not copied,
/// and every cell must come out with the same value. `sample-data/` holds the result (its
/// README gives the commands), so importing into a copy of it changes nothing.
@Suite struct PublishedFiguresTests {
    static let figures = packageRoot.appendingPathComponent("../shared/data/published-figures-2.md").standardizedFileURL.path
    static let official = packageRoot.appendingPathComponent("../shared/data/wilayah/wilayah.csv").standardizedFileURL.path

    struct Cell { let code: String; let indicator: String; let year: String; let value: Double; let derived: Bool; let text: String }

    /// The rows of the markdown table under `## Table N`.
    static func table(_ number: Int, in text: String) -> [[String]] {
        var rows: [[String]] = []
        var inside = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## ") { inside = line.hasPrefix("## Table \(number) "); continue }
            guard inside, line.hasPrefix("|") else { continue }
            let cells = line.trimmingCharacters(in: .whitespaces).dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy({ $0.allSatisfy { $0 == "-" } }) { continue }
            rows.append(cells)
        }
        return rows
    }

    static func cells() throws -> [Cell] {
        let text = try String(contentsOfFile: figures, encoding: .utf8)
        var out: [Cell] = []
        func add(_ code: String, _ indicator: String, _ year: String, _ raw: String, scale: Double = 1) {
            guard raw != "—", raw != "n/a", !raw.isEmpty else { return }
            let digits = raw.drop { $0 == "~" }.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }  // not the marker ¹
            guard let value = Double(digits) else { Issue.record("cannot read \(raw)"); return }
            out.append(Cell(code: code, indicator: indicator, year: year, value: value * scale, derived: raw.hasPrefix("~"), text: raw))
        }
        let one = table(1, in: text)
        #expect(one.first == ["kode", "region", "Mar 2023", "Mar 2024"])
        for row in one.dropFirst() { add(row[0], "kemiskinan", "2023", row[2]); add(row[0], "kemiskinan", "2024", row[3]) }
        let two = table(2, in: text)
        #expect(two.first == ["kode", "region", "SSGI 2022", "SKI 2023", "SSGI 2024"])
        for row in two.dropFirst() {
            add(row[0], "stunting", "2022", row[2]); add(row[0], "stunting", "2023", row[3]); add(row[0], "stunting", "2024", row[4])
        }
        let three = table(3, in: text)
        #expect(three.first == ["kode", "kab/kota", "P0 2023", "P0 2024", "miskin 2024 (ribu)", "TPT Aug 2023", "TPT Aug 2024", "SSGI 2022", "SKI 2023"])
        for row in three.dropFirst() {
            add(row[0], "kemiskinan", "2023", row[2]); add(row[0], "kemiskinan", "2024", row[3])
            add(row[0], "penduduk_miskin", "2024", row[4], scale: 1000)
            add(row[0], "tpt", "2023", row[5]); add(row[0], "tpt", "2024", row[6])
            add(row[0], "stunting", "2022", row[7]); add(row[0], "stunting", "2023", row[8])
        }
        return out
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: figures) && FileManager.default.fileExists(atPath: official),
                   "needs ../shared/data/published-figures-2.md and wilayah/"))
    func everyConfirmedCellIsImportedWithItsPublishedValue() throws {
        let cells = try Self.cells()
        // Tables 1–3 count 69 + 3 P0 cells, 73 stunting cells and 137 + 2 Jawa Barat cells.
        #expect(cells.count == 72 + 73 + 139)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-published-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("sample-data"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let codes = try String(contentsOfFile: Self.official, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
            .map { String($0.prefix { $0 != "," }) }
            .filter { !$0.contains(".") || ($0.hasPrefix("32.") && $0.count == 5) }
        #expect(codes.count == 38 + 27)
        let wilayah = try run(pantauBinary, ["import-wilayah", Self.official, "--out", directory.path, "--only", "32.01,35.17,64.74,16.06", "--also", codes.joined(separator: ",")])
        #expect(wilayah.status == 0, "\(wilayah.output)\(wilayah.error)")
        let script = try run("/usr/bin/python3", [packageRoot.appendingPathComponent("scripts/import-published-figures.py").path, "--data", directory.path, "--pantau", pantauBinary])
        #expect(script.status == 0, "\(script.output)\(script.error)")
        let check = try run(pantauBinary, ["check", directory.path])
        #expect(check.status == 0 && check.output.hasPrefix("OK: 1.145 wilayah, 355 angka indikator"), "\(check.output)\(check.error)")
        // Figures as written: kode,indikator,tahun,nilai,sumber (no field of these needs quotes).
        let rows = try String(contentsOf: directory.appendingPathComponent("indikator.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // sample-data itself holds every cell already (the import above adds nothing new).
        let shipped = try String(contentsOf: packageRoot.appendingPathComponent("sample-data/indikator.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(shipped.count == rows.count)
        for cell in cells {
            let inSample = shipped.filter { $0[0] == cell.code && $0[1] == cell.indicator && $0[2] == cell.year }
            #expect(inSample.contains { Double($0[3]).map { abs($0 - cell.value) < 1e-9 } ?? false },
                    "sample-data lacks \(cell.code) \(cell.indicator) \(cell.year) = \(cell.text)")
            let matches = rows.filter { $0[0] == cell.code && $0[1] == cell.indicator && $0[2] == cell.year }
            let same = matches.filter { Double($0[3]).map { abs($0 - cell.value) < 1e-9 } ?? false }
            #expect(!same.isEmpty, "\(cell.code) \(cell.indicator) \(cell.year): published \(cell.text), imported \(matches.map { $0[3] })")
            // Derived values carry a turunan-* source (publisher "pantau (angka turunan …)"), stated ones never do.
            for row in same { #expect(row[4].hasPrefix("turunan-") == cell.derived, "\(cell.code) \(cell.year) \(cell.text) from \(row[4])") }
        }
        // Running it again changes nothing.
        let before = try Data(contentsOf: directory.appendingPathComponent("indikator.csv"))
        let again = try run("/usr/bin/python3", [packageRoot.appendingPathComponent("scripts/import-published-figures.py").path, "--data", directory.path, "--pantau", pantauBinary])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: directory.appendingPathComponent("indikator.csv")) == before)
    }
}
