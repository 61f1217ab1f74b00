import Foundation
import Testing
@testable import PantauKit

/// The bundled copy of the official list (gzip), as `pantau import-wilayah` reads it by default.
private let officialPath = bundledWilayahPath

/// The official list decompressed by the system's gzip, independently of pantau's reader.
private func officialText() throws -> String {
    String(decoding: try runTool("/bin/gzip", ["-dc", officialPath]), as: UTF8.self)
}

@Suite struct WilayahImportTests {
    /// An official-format file (uppercase names as in Kepmendagri) with malformed lines.
    static let input = TestData.csv(
        "kode,nama",  // 1
        "32,JAWA BARAT",  // 2
        "32.01,KABUPATEN BOGOR",  // 3
        "32.01.01,Cibinong",  // 4
        "32.1,Bad",  // 5: bad code
        "32.01.01.1001,Pondok Rajeg,extra",  // 6: wrong field count
        "32.01.01.1002,\"Karadenan, Sukahati\"",  // 7: comma in name
        "32.73,KOTA BANDUNG",  // 8
        "35.17,KABUPATEN JOMBANG",  // 9 (before its province: order does not matter)
        "35,JAWA TIMUR",  // 10
        "0,INDONESIA",  // 11: the root is never listed
        "32.01.02,  ",  // 12: empty name
        "32.01.01.2001,\"Desa \"\"Maju\"\", Jaya\""  // 13: quotes and a comma
    )

    /// Writes `input` as `wilayah-resmi.csv`, imports into `out/`, returns the result and the written text.
    private func runImport(_ input: String = input, only: [String] = []) throws -> (WilayahImport.Result, String, Dataset?) {
        try TestData.withTemporaryDirectory { directory in
            let inputPath = (directory as NSString).appendingPathComponent("wilayah-resmi.csv")
            try Data(input.utf8).write(to: URL(fileURLWithPath: inputPath))
            let output = (directory as NSString).appendingPathComponent("out")
            let result = try WilayahImport.run(input: inputPath, outputDirectory: output, only: only.compactMap(RegionCode.init))
            let text = try String(contentsOfFile: (output as NSString).appendingPathComponent("wilayah.csv"), encoding: .utf8)
            let dataset = try? DatasetLoader.load(directory: output)
            return (result, text, dataset)
        }
    }

    @Test func malformedLinesAreReportedAndTheRestIsWritten() throws {
        let (result, text, dataset) = try runImport()
        #expect(result.problems == [
            DataIssue(file: "wilayah-resmi.csv", line: 5, column: 1, problem: .badRegionCode("32.1")),
            DataIssue(file: "wilayah-resmi.csv", line: 6, column: 1, problem: .fieldCount(expected: 2, found: 3)),
            DataIssue(file: "wilayah-resmi.csv", line: 11, column: 1, problem: .badRegionCode("0")),
            DataIssue(file: "wilayah-resmi.csv", line: 12, column: 10, problem: .emptyValue(column: "nama")),
        ])
        #expect(result.written == 8)
        #expect(text == TestData.csv(
            "kode,nama",
            "32,JAWA BARAT",
            "32.01,KABUPATEN BOGOR",
            "32.01.01,Cibinong",
            "32.01.01.1002,\"Karadenan, Sukahati\"",
            "32.01.01.2001,\"Desa \"\"Maju\"\", Jaya\"",
            "32.73,KOTA BANDUNG",
            "35,JAWA TIMUR",
            "35.17,KABUPATEN JOMBANG"
        ))
        // The output is a valid dataset, and names survive the round trip.
        let loaded = try #require(dataset)
        #expect(loaded.regions.count == 9)
        #expect(loaded.region(try #require(loaded.index("32.01.01.1002"))).name == "Karadenan, Sukahati")
        #expect(loaded.region(try #require(loaded.index("32.01.01.2001"))).name == "Desa \"Maju\", Jaya")
    }

    @Test func onlyKeepsAncestorsAndSubtree() throws {
        let (result, text, _) = try runImport(only: ["32.01.01"])
        #expect(result.written == 5)
        #expect(text == TestData.csv(
            "kode,nama",
            "32,JAWA BARAT",
            "32.01,KABUPATEN BOGOR",
            "32.01.01,Cibinong",
            "32.01.01.1002,\"Karadenan, Sukahati\"",
            "32.01.01.2001,\"Desa \"\"Maju\"\", Jaya\""
        ))
        // Problems are still reported for the whole input.
        #expect(result.problems.map(\.line) == [5, 6, 11, 12])
    }

    @Test func onlyWithSeveralRegions() throws {
        let (result, text, dataset) = try runImport(only: ["32.73", "35"])
        #expect(result.written == 4)
        #expect(text == TestData.csv("kode,nama", "32,JAWA BARAT", "32.73,KOTA BANDUNG", "35,JAWA TIMUR", "35.17,KABUPATEN JOMBANG"))
        #expect(dataset?.regions.count == 5)
    }

    @Test func onlyARegionThatIsAbsentWritesItsAncestorsOnly() throws {
        let (result, text, _) = try runImport(only: ["32.01.05"])
        #expect(result.written == 2)
        #expect(text == TestData.csv("kode,nama", "32,JAWA BARAT", "32.01,KABUPATEN BOGOR"))
    }

    @Test func missingColumnWritesNothing() throws {
        try TestData.withTemporaryDirectory { directory in
            let inputPath = (directory as NSString).appendingPathComponent("wilayah-resmi.csv")
            try Data(TestData.csv("kode,name", "32,JAWA BARAT").utf8).write(to: URL(fileURLWithPath: inputPath))
            let output = (directory as NSString).appendingPathComponent("out")
            let result = try WilayahImport.run(input: inputPath, outputDirectory: output, only: [])
            #expect(result.written == 0)
            #expect(result.problems == [DataIssue(file: "wilayah-resmi.csv", line: 1, column: 1, problem: .missingColumn("nama"))])
            #expect(!FileManager.default.fileExists(atPath: output + "/wilayah.csv"))
        }
    }

    @Test func syntaxErrorIsThrown() throws {
        try TestData.withTemporaryDirectory { directory in
            let inputPath = (directory as NSString).appendingPathComponent("wilayah-resmi.csv")
            try Data("kode,nama\n32,\"JAWA BARAT\n".utf8).write(to: URL(fileURLWithPath: inputPath))
            let error = #expect(throws: CSVSyntaxError.self) {
                try WilayahImport.run(input: inputPath, outputDirectory: directory + "/out", only: [])
            }
            #expect(error == CSVSyntaxError(problem: .unterminatedQuote, line: 2, column: 4))
        }
    }

    @Test
    func duplicateCodeNamesTheFirstLine() throws {
        let input = TestData.csv("kode,nama", "32,JAWA BARAT", "32.01,KABUPATEN BOGOR", "32.01.01,Cibinong", "32.01,BOGOR LAGI")
        let (result, _, _) = try runImport(input)
        #expect(result.written == 3)
        #expect(result.problems == [DataIssue(file: "wilayah-resmi.csv", line: 5, column: 1,
                                              problem: .duplicateKey(key: "kode 32.01", firstLine: 3))])
        #expect(result.problems.first?.formatted(.en) == "wilayah-resmi.csv:5:1: error: duplicate kode 32.01; already on line 3")
    }

    @Test func csvWriterEscapes() {
        #expect(CSVWriter.escape("Cibinong") == "Cibinong")
        #expect(CSVWriter.escape("Karadenan, Sukahati") == "\"Karadenan, Sukahati\"")
        #expect(CSVWriter.escape("Desa \"Maju\"") == "\"Desa \"\"Maju\"\"\"")
        #expect(CSVWriter.escape("dua\nbaris") == "\"dua\nbaris\"")
        #expect(CSVWriter.escape(" spasi") == "\" spasi\"")
        #expect(CSVWriter.escape("Ma'rang") == "Ma'rang")
        // "\r\n" is a single Swift Character; it must still be quoted.
        #expect(CSVWriter.escape("dua\r\nbaris") == "\"dua\r\nbaris\"")
        #expect(CSVWriter.escape("akhir\r") == "\"akhir\r\"")
    }

    /// Report cells that a spreadsheet would run as a formula get an apostrophe; numbers do not.
    @Test func reportCellsNeverBecomeFormulas() {
        #expect(CSVWriter.cell("=HYPERLINK(\"http://x\",\"klik\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"")
        #expect(CSVWriter.cell("+62 812") == "'+62 812")
        #expect(CSVWriter.cell("@SUM(A1:A9)") == "'@SUM(A1:A9)")
        #expect(CSVWriter.cell("-lihat catatan") == "'-lihat catatan")
        #expect(CSVWriter.cell("-12") == "-12")
        #expect(CSVWriter.cell("-2.5") == "-2.5")
        #expect(CSVWriter.cell("Dinas Sosial") == "Dinas Sosial")
        #expect(CSVWriter.cell("") == "")
    }

    // MARK: The official list of all regions (the copy in data/wilayah/)

    @Test
    func importTheWholeOfficialList() throws {
        try TestData.withTemporaryDirectory { directory in
            let result = try WilayahImport.run(input: officialPath, outputDirectory: directory, only: [])
            #expect(result.problems.isEmpty)
            #expect(result.written == 91_599)

            let dataset: Dataset
            do throws(DatasetLoadError) {
                dataset = try DatasetLoader.load(directory: directory)
            } catch {
                Issue.record("imported list did not load: \(error.issues.prefix(5).map { $0.formatted(.en) })")
                return
            }
            #expect(dataset.warnings.isEmpty)
            #expect(dataset.regions.count == 91_600)
            #expect(dataset.subtree(dataset.root).count == 91_600)
            #expect(dataset.children(of: dataset.root).count == 38)
            #expect(dataset.regions.filter { $0.level == .provinsi }.count == 38)

            let rollUp = dataset.rollUp(today: LocalDate(iso: "2025-01-01")!)
            #expect(rollUp.pending.count == 91_600)
            #expect(rollUp.overdue.count == 91_600)
            #expect(rollUp.pending(dataset.root) == 0)

            // Jombang's subtree is itself plus every code below it in the official file.
            let official = try officialText()
            let below = official.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("35.17.") }.count
            let jombang = try #require(dataset.index("35.17"))
            #expect(dataset.subtree(jombang).count == below + 1)
            #expect(dataset.region(jombang).name == "Kabupaten Jombang")
            #expect(dataset.codes(dataset.search("35.17.01", within: jombang, limit: 1)) == ["35.17.01"])
        }
    }

    @Test
    func importOneKabupatenFromTheOfficialList() throws {
        try TestData.withTemporaryDirectory { directory in
            let result = try WilayahImport.run(input: officialPath, outputDirectory: directory, only: [RegionCode("64.74")!])
            let official = try officialText()
            let below = official.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("64.74.") }.count
            #expect(below > 0)
            #expect(result.written == below + 2)  // + Kalimantan Timur and Kota Bontang
            let dataset = try DatasetLoader.load(directory: directory)
            #expect(dataset.codes(dataset.children(of: dataset.root)) == ["64"])
            #expect(dataset.codes(dataset.children(of: try #require(dataset.index("64")))) == ["64.74"])
        }
    }
}
