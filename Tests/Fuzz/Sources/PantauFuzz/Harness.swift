// The fuzz target for the CSV reader and the dataset loader (`LLVMFuzzerTestOneInput`,
// called by libFuzzer through main.swift). Build and run: README.md.
//
// One input is used four times:
// 1. All of its bytes go to `CSVReader.parse`.
// 2. It is split into dataset files and loaded with `DatasetLoader.load(files:)`. A line
//    starting with `%%% ` (at the start of the input or after a LF) begins a file; the rest
//    of that line is its name. Bytes before the first marker are `wilayah.csv`. At most 7
//    files are taken; a name seen before keeps its first content. So a corpus file reads:
//
//        %%% wilayah.csv
//        kode,nama
//        32,Jawa Barat
//        %%% indikator.csv
//        kode,indikator,tahun,nilai,sumber
//        ...
//
// 3. Each of its lines is text typed or pasted into a form (`TextRules`, `DisplayText`).
// 4. All of its bytes are a file imported into a small dataset (`pantau import`).
//
// Invariants are checked after each input; a violation calls `fatalError`, which libFuzzer
// reports as a crash and saves. The same rules run as ordinary tests over the kept corpus in
// Tests/PantauKitTests/FuzzRegressionTests.swift (keep the two in step).

import PantauKit

/// "Today" for the future-year rule: fixed so that every run is reproducible.
let fuzzYear = 2026

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    checkReader(bytes)
    checkLoader(splitIntoFiles(bytes))
    checkTypedText(bytes)
    checkImport(bytes)
    return 0
}

func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant violated: " + message()) }
}

/// Splits a fuzz input into dataset files (see the top of this file).
func splitIntoFiles(_ bytes: [UInt8]) -> [String: [UInt8]] {
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

func checkReader(_ bytes: [UInt8]) {
    do {
        let document = try CSVReader.parse(bytes)
        var previousLine = 0
        for record in (document.header.map { [$0] } ?? []) + document.records {
            require(!record.fields.isEmpty, "a record with no fields")
            require(record.fieldLines.count == record.fields.count && record.fieldColumns.count == record.fields.count,
                    "field positions do not match the fields")
            require(record.line > previousLine, "records out of line order")
            require(record.fieldLines.first == record.line, "first field not on the record's line")
            var line = record.line
            for (fieldLine, column) in zip(record.fieldLines, record.fieldColumns) {
                require(fieldLine >= line && column >= 1, "field position \(fieldLine):\(column) after line \(line)")
                line = fieldLine
            }
            previousLine = line
            for field in record.fields {
                // The field parsers the loader uses must not trap on any text.
                _ = NumberParser.parse(field)
                _ = RegionCode(field)
                _ = LocalDate(iso: field)
            }
        }
    } catch {
        require(error.line >= 1 && error.column >= 1, "syntax error at \(error.line):\(error.column)")
    }
}

func checkIssue(_ issue: DataIssue) {
    require(issue.line >= 0 && issue.column >= 0, "negative position \(issue.line):\(issue.column)")
    require(issue.line > 0 || issue.column == 0, "a column without a line")
    switch issue.problem {
    case .missingRequiredFile, .unreadable, .unknownFile, .dataDirectory, .fileTooLarge, .brokenLink:
        require(issue.line == 0, "whole-file problem with a line")
    default:
        require(issue.line >= 1 && issue.column >= 1, "\(issue.problem) without line and column")
    }
    for lang in [Language.id, Language.en] {
        let text = issue.formatted(lang, directory: "/data")
        let scalars = text.unicodeScalars
        require(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value) },
                "control or bidi character in a message")
        require(scalars.count <= 1_500 + issue.file.unicodeScalars.count, "message of \(scalars.count) scalars")
    }
}

func checkLoader(_ files: [String: [UInt8]]) {
    do {
        let dataset = try DatasetLoader.load(files: files, currentYear: fuzzYear)
        for warning in dataset.warnings {
            require(warning.severity == .warning, "a loaded dataset carries an error")
            checkIssue(warning)
        }
        let count = dataset.regions.count
        require(count >= 1 && dataset.regions[0].code == .indonesia && dataset.regions[0].parent == nil, "no root")
        for (index, region) in dataset.regions.enumerated() {
            if index > 0 { require(region.parent.map { Int($0) < count } == true, "region without a valid parent") }
            require(region.children.allSatisfy { Int($0) < count }, "child out of range")
        }
        require(dataset.observations.allSatisfy { Int($0.region) < count && $0.year <= fuzzYear }, "observation out of range")
        require(dataset.recommendations.allSatisfy { Int($0.region) < count }, "recommendation out of range")
        for observation in dataset.observations {
            require(observation.value.isFinite, "a non-finite value")
        }
    } catch {
        require(!error.errors.isEmpty, "rejected without an error")
        for issue in error.issues { checkIssue(issue) }
    }
}

// MARK: 3. Typed and pasted text

/// Every line of the input as text a person typed or pasted (the text rules every form
/// and every import field goes through): canonical forms are stable, what is kept holds
/// no control, bidi or invisible character, and every refusal names a real position.
func checkTypedText(_ bytes: [UInt8]) {
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
        let text = String(line)
        let name = TextRules.canonicalName(text)
        require(TextRules.canonicalName(name) == name, "canonicalName is not stable")
        require(TextRules.identifier(name) == .success(name), "a canonical name is not an identifier")
        switch TextRules.identifier(text) {
        case .success(let kept):
            require(kept == name, "identifier and canonicalName disagree")
        case .failure(let violation):
            require(violation.position >= 1 && violation.position <= text.unicodeScalars.count, "violation at \(violation.position)")
            require(Array(text.unicodeScalars)[violation.position - 1] == violation.scalar, "violation names another character")
        }
        if case .success(let kept) = TextRules.freeText(text) {
            require(!kept.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) },
                    "bidi control kept in free text")
            require(TextRules.freeText(kept) == .success(kept), "freeText is not stable")
        }
        let shown = DisplayText.sanitize(text)
        require(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value) }, "sanitised text keeps a control or bidi character")
        require(DisplayText.sanitize(shown) == shown, "sanitize is not stable")
    }
}

// MARK: 4. Import

/// A small dataset the import merges into (synthetic names from the official list).
let importBase: [String: [UInt8]] = [
    "wilayah.csv": Array("kode,nama\n32,Jawa Barat\n32.01,Kabupaten Bogor\n32.01.01,Cibinong\n32.01.01.1001,Pakansari\n32.71,Kota Bogor\n".utf8),
    "sumber.csv": Array("id,judul,penerbit,tahun,tautan\nuji,Sumber uji (sintetis),pantau (uji),2024,\n".utf8),
    "indikator.csv": Array("kode,indikator,tahun,nilai,sumber\n32.01,kemiskinan,2023,7.27,uji\n".utf8),
    "rekomendasi.csv": Array("id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status\nR-01,32.01,2024 S1,aks,,,Rekomendasi,Dinas Kesehatan,2024-12-31,belum\n".utf8),
]
nonisolated(unsafe) let importDataset = try! DatasetLoader.load(files: importBase, currentYear: fuzzYear, directory: "ds")

/// All bytes as a file an office imports (`pantau import in.csv`): every problem formats
/// as one clean line; a clean import gives a dataset that loads, keeps every row it had,
/// and importing the same file again adds nothing.
func checkImport(_ bytes: [UInt8]) {
    guard case .success(let table) = DelimitedText.read(bytes, file: "in.csv") else { return }
    var options = Importer.Options(currentYear: fuzzYear)
    options.sourceID = "uji"
    options.region = RegionCode("32")
    let plan = Importer.plan(table: table, dataset: importDataset, datasetFiles: importBase, options: options)
    for issue in plan.issues {
        for lang in [Language.id, Language.en] {
            let text = issue.formatted(lang)
            require(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                        || (0x2066...0x2069).contains($0.value) }, "control or bidi character in an import message")
        }
    }
    guard plan.isClean else { return }
    var merged = importBase
    for (name, content) in plan.files { merged[name] = content }
    let dataset: Dataset
    do {
        dataset = try DatasetLoader.load(files: merged, currentYear: fuzzYear, directory: "ds")
    } catch {
        require(false, "a clean import gives a dataset that does not load: \(error.issues.first.map { $0.formatted(.en, directory: "ds") } ?? "")")
        return
    }
    require(dataset.observations.count >= importDataset.observations.count, "the import dropped a figure")
    require(dataset.recommendations.count >= importDataset.recommendations.count, "the import dropped a recommendation")
    let again = Importer.plan(table: table, dataset: dataset, datasetFiles: merged, options: options)
    require(again.isClean && again.added.values.allSatisfy(\.isEmpty), "importing the same file twice adds rows")
}
