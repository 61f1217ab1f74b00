import Foundation
import Testing
@testable import PantauKit

// Runs every input kept in FuzzCorpus/ through the CSV reader, the loader, the text rules
// (each line as typed text) and the importer (all bytes as an imported file), with the
// invariants the libFuzzer target checks (Tests/Fuzz/Sources/PantauFuzz/Harness.swift;
// keep the two in step). A corpus file is a fuzz input: all of its bytes are one CSV file
// for the reader, and split at lines starting with `%%% NAME` it is a dataset for the
// loader (bytes before the first marker are wilayah.csv; at most 7 files).
//
// Set PANTAU_FUZZ_CORPUS=DIR to run a whole fuzzing corpus (e.g. .build-fuzz/corpus) the
// same way, without the fuzzer.

private let corpusYear = 2026

enum FuzzInput {
    /// The kept corpus, beside this file.
    static func corpusDirectory(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus")
    }

    static func corpusFiles() -> [URL] {
        var directories = [corpusDirectory()]
        if let extra = ProcessInfo.processInfo.environment["PANTAU_FUZZ_CORPUS"], !extra.isEmpty {
            directories.append(URL(fileURLWithPath: extra))
        }
        return directories.flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { !$0.hasPrefix(".") }
                .sorted()
                .map { directory.appendingPathComponent($0) }
        }
    }

    /// Splits an input into dataset files, exactly as the fuzz target does.
    static func split(_ bytes: [UInt8]) -> [String: [UInt8]] {
        let marker: [UInt8] = Array("%%% ".utf8)
        let lf = UInt8(ascii: "\n")
        func isMarker(at i: Int) -> Bool {
            (i == 0 || bytes[i - 1] == lf) && i + marker.count <= bytes.count && Array(bytes[i..<i + marker.count]) == marker
        }
        var files: [String: [UInt8]] = [:]
        var order = 0
        var name = "wilayah.csv"
        var start = 0
        var i = 0
        func close(at end: Int) {
            if files[name] == nil, order < 7, !(order == 0 && end == 0 && isMarker(at: 0)) {
                files[name] = Array(bytes[start..<end])
                order += 1
            }
        }
        while i < bytes.count {
            if isMarker(at: i) {
                close(at: i)
                var nameEnd = i + marker.count
                while nameEnd < bytes.count, bytes[nameEnd] != lf { nameEnd += 1 }
                name = String(decoding: bytes[(i + marker.count)..<nameEnd], as: UTF8.self)
                start = min(nameEnd + 1, bytes.count)
                i = start
                continue
            }
            i += 1
        }
        close(at: bytes.count)
        return files
    }
}

/// The reader's invariants: positions are 1-based and in order; field parsers never trap.
private func checkReader(_ bytes: [UInt8], _ name: String) {
    do {
        let document = try CSVReader.parse(bytes)
        var previousLine = 0
        for record in (document.header.map { [$0] } ?? []) + document.records {
            #expect(!record.fields.isEmpty, "\(name): a record with no fields")
            #expect(record.fieldLines.count == record.fields.count && record.fieldColumns.count == record.fields.count, "\(name)")
            #expect(record.line > previousLine, "\(name): records out of line order")
            #expect(record.fieldLines.first == record.line, "\(name)")
            var line = record.line
            for (fieldLine, column) in zip(record.fieldLines, record.fieldColumns) {
                #expect(fieldLine >= line && column >= 1, "\(name): field at \(fieldLine):\(column) after line \(line)")
                line = fieldLine
            }
            previousLine = line
            for field in record.fields {
                _ = NumberParser.parse(field)
                _ = RegionCode(field)
                _ = LocalDate(iso: field)
            }
        }
    } catch {
        #expect(error.line >= 1 && error.column >= 1, "\(name): syntax error at \(error.line):\(error.column)")
    }
}

private func checkIssue(_ issue: DataIssue, _ name: String) {
    #expect(issue.line >= 0 && issue.column >= 0, "\(name): \(issue)")
    #expect(issue.line > 0 || issue.column == 0, "\(name): a column without a line: \(issue)")
    switch issue.problem {
    case .missingRequiredFile, .unreadable, .unknownFile, .dataDirectory, .fileTooLarge, .brokenLink:
        #expect(issue.line == 0, "\(name): \(issue)")
    default:
        #expect(issue.line >= 1 && issue.column >= 1, "\(name): no line and column: \(issue)")
    }
    for lang in [Language.id, .en] {
        let scalars = issue.formatted(lang, directory: "/data").unicodeScalars
        #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value) },
                "\(name): control or bidi character in a message: \(issue)")
        #expect(scalars.count <= 1_500 + issue.file.unicodeScalars.count, "\(name): message of \(scalars.count) scalars")
    }
}

/// The loader's invariants: all or nothing, positions, messages, and a consistent tree.
private func checkLoader(_ files: [String: [UInt8]], _ name: String) {
    do {
        let dataset = try DatasetLoader.load(files: files, currentYear: corpusYear)
        for warning in dataset.warnings {
            #expect(warning.severity == .warning, "\(name): a loaded dataset carries an error")
            checkIssue(warning, name)
        }
        let count = dataset.regions.count
        #expect(count >= 1 && dataset.regions[0].code == .indonesia && dataset.regions[0].parent == nil, "\(name)")
        for (index, region) in dataset.regions.enumerated() {
            if index > 0 { #expect(region.parent.map { Int($0) < count } == true, "\(name): \(region.code)") }
            #expect(region.children.allSatisfy { Int($0) < count }, "\(name): \(region.code)")
        }
        #expect(dataset.observations.allSatisfy { Int($0.region) < count && $0.year <= corpusYear && $0.value.isFinite }, "\(name)")
        #expect(dataset.recommendations.allSatisfy { Int($0.region) < count }, "\(name)")
    } catch {
        #expect(!error.errors.isEmpty, "\(name): rejected without an error")
        for issue in error.issues { checkIssue(issue, name) }
    }
}

private func hasControlOrBidi(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
        || (0x2066...0x2069).contains($0.value) }
}

/// Typed and pasted text (harness step 3): each line through the text rules.
private func checkTypedText(_ bytes: [UInt8], _ name: String) {
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
        let text = String(line)
        let canonical = TextRules.canonicalName(text)
        #expect(TextRules.canonicalName(canonical) == canonical, "\(name): canonicalName is not stable")
        #expect(TextRules.identifier(canonical) == .success(canonical), "\(name): a canonical name is not an identifier")
        switch TextRules.identifier(text) {
        case .success(let kept):
            #expect(kept == canonical, "\(name): identifier and canonicalName disagree")
        case .failure(let violation):
            #expect(violation.position >= 1 && violation.position <= text.unicodeScalars.count, "\(name): violation at \(violation.position)")
            if violation.position >= 1 && violation.position <= text.unicodeScalars.count {
                #expect(Array(text.unicodeScalars)[violation.position - 1] == violation.scalar, "\(name): violation names another character")
            }
        }
        if case .success(let kept) = TextRules.freeText(text) {
            #expect(!kept.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }, "\(name)")
            #expect(TextRules.freeText(kept) == .success(kept), "\(name): freeText is not stable")
        }
        let shown = DisplayText.sanitize(text)
        #expect(!hasControlOrBidi(shown), "\(name): sanitised text keeps a control or bidi character")
        #expect(DisplayText.sanitize(shown) == shown, "\(name): sanitize is not stable")
    }
}

/// The dataset an import merges into (harness step 4).
private let importBase: [String: [UInt8]] = [
    "wilayah.csv": Array("kode,nama\n32,Jawa Barat\n32.01,Kabupaten Bogor\n32.01.01,Cibinong\n32.01.01.1001,Pakansari\n32.71,Kota Bogor\n".utf8),
    "sumber.csv": Array("id,judul,penerbit,tahun,tautan\nuji,Sumber uji (sintetis),pantau (uji),2024,\n".utf8),
    "indikator.csv": Array("kode,indikator,tahun,nilai,sumber\n32.01,kemiskinan,2023,7.27,uji\n".utf8),
    "rekomendasi.csv": Array("id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status\nR-01,32.01,2024 S1,aks,,,Rekomendasi,Dinas Kesehatan,2024-12-31,belum\n".utf8),
]

/// All bytes as an imported file (harness step 4): clean messages; a clean import loads,
/// keeps every row, and a second import of the same file adds nothing.
private func checkImport(_ bytes: [UInt8], _ name: String) throws {
    guard case .success(let table) = DelimitedText.read(bytes, file: "in.csv") else { return }
    let base = try DatasetLoader.load(files: importBase, currentYear: corpusYear, directory: "ds")
    var options = Importer.Options(currentYear: corpusYear)
    options.sourceID = "uji"
    options.region = RegionCode("32")
    let plan = Importer.plan(table: table, dataset: base, datasetFiles: importBase, options: options)
    for issue in plan.issues {
        #expect(!hasControlOrBidi(issue.formatted(.id)) && !hasControlOrBidi(issue.formatted(.en)), "\(name): \(issue.formatted(.en))")
    }
    guard plan.isClean else { return }
    var merged = importBase
    for (file, content) in plan.files { merged[file] = content }
    let dataset = try DatasetLoader.load(files: merged, currentYear: corpusYear, directory: "ds")
    #expect(dataset.observations.count >= base.observations.count && dataset.recommendations.count >= base.recommendations.count, "\(name)")
    let again = Importer.plan(table: table, dataset: dataset, datasetFiles: merged, options: options)
    #expect(again.isClean && again.added.values.allSatisfy(\.isEmpty), "\(name): importing the same file twice adds rows")
}

@Suite struct FuzzRegressionTests {
    @Test func corpusIsPresentAndSmall() throws {
        let files = FuzzInput.corpusFiles().filter { $0.deletingLastPathComponent() == FuzzInput.corpusDirectory() }
        #expect(files.count >= 10)
        for file in files {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
            #expect(size < 20_000, "\(file.lastPathComponent) is \(size) bytes")
        }
    }

    @Test(arguments: FuzzInput.corpusFiles())
    func corpusInput(_ file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        let name = file.lastPathComponent
        checkReader(bytes, name)
        checkLoader(FuzzInput.split(bytes), name)
        checkTypedText(bytes, name)
        try checkImport(bytes, name)
    }

    @Test func splittingMatchesTheDocumentedFormat() {
        let input = Array("kode,nama\n%%% sumber.csv\nid\n%%% sumber.csv\nlater\n%%% catatan.csv\nx".utf8)
        let files = FuzzInput.split(input)
        #expect(files.mapValues { String(decoding: $0, as: UTF8.self) }
            == ["wilayah.csv": "kode,nama\n", "sumber.csv": "id\n", "catatan.csv": "x"])
        #expect(FuzzInput.split(Array("%%% indikator.csv\n".utf8)).mapValues(\.count) == ["indikator.csv": 0])
        #expect(FuzzInput.split([]).mapValues(\.count) == ["wilayah.csv": 0])
    }

    /// What some kept inputs must give: `nil` = the dataset loads, else its first error.
    @Test(arguments: [
        ("fuzz-loads-emoji-name", nil),
        ("fuzz-loads-four-files", nil),
        ("fuzz-semicolon-header-nul-bytes", DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .semicolonSeparated)),
        ("fuzz-marker-invalid-utf8-name", DataIssue(file: "wilayah.csv", line: 0, column: 0, problem: .missingRequiredFile)),
        ("fuzz-one-byte-empty", DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .emptyFile)),
        ("fuzz-one-byte-invalid-utf8", DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .syntax(.invalidUTF8))),
        ("fuzz-one-byte-header", DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .unknownColumn(";"))),
        ("seed-semicolon-excel", DataIssue(file: "indikator.csv", line: 1, column: 1, problem: .semicolonSeparated)),
        ("seed-long-field", DataIssue(file: "wilayah.csv", line: 2, column: 4, problem: .fieldTooLong(length: 15_600, limit: 10_000))),
    ] as [(String, DataIssue?)])
    func keptInputGivesItsKnownOutcome(_ name: String, _ expected: DataIssue?) throws {
        let bytes = [UInt8](try Data(contentsOf: FuzzInput.corpusDirectory().appendingPathComponent(name)))
        do throws(DatasetLoadError) {
            _ = try DatasetLoader.load(files: FuzzInput.split(bytes), currentYear: corpusYear)
            #expect(expected == nil, "\(name) loaded")
        } catch {
            #expect(error.errors.first == expected, "\(name)")
        }
    }

    @Test func seedSampleSliceLoads() throws {
        // The slice of the sample data in the corpus is a valid dataset: the fuzzer starts
        // from inputs that get past the header checks.
        let bytes = [UInt8](try Data(contentsOf: FuzzInput.corpusDirectory().appendingPathComponent("seed-sample-slice")))
        let dataset = try DatasetLoader.load(files: FuzzInput.split(bytes), currentYear: corpusYear)
        #expect(dataset.regions.count > 10)
        #expect(!dataset.observations.isEmpty)
    }
}
