import Foundation
import Testing
import PantauKit
import PantauNational

// MARK: - Helpers

private func parse(_ text: String) throws(CSVSyntaxError) -> CSVDocument {
    try CSVReader.parse(Array(text.utf8))
}

/// All records including the header, as plain fields.
private func allRecords(_ document: CSVDocument) -> [CSVRecord] {
    (document.header.map { [$0] } ?? []) + document.records
}

private func rows(_ document: CSVDocument) -> [[String]] {
    allRecords(document).map(\.fields)
}

private func syntaxError(_ bytes: [UInt8]) -> CSVSyntaxError? {
    do {
        _ = try CSVReader.parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func syntaxError(_ text: String) -> CSVSyntaxError? {
    syntaxError(Array(text.utf8))
}

/// A fresh temporary directory, removed by the caller.
private func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("pantau-csv-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The first executable `python3` on PATH, or nil.
private let python3Path: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":") where !directory.isEmpty {
        let candidate = "\(directory)/python3"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}()

/// `shared/data/wilayah/wilayah.csv` beside the package root. This file lives at
/// `<root>/Tests/PantauKitTests/CSVReaderTests.swift`, so the root is three levels up.
private func wilayahPath(testFile: String = #filePath) -> String {
    URL(fileURLWithPath: testFile)
        .deletingLastPathComponent()  // PantauKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/data/wilayah/wilayah.csv")
        .standardizedFileURL
        .path
}

/// Deterministic pseudo-random numbers (PantauNational's SplitMix64), so the stress file
/// is the same every run.
private extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Builds a stress file: escaped quotes, commas, CR/LF/CRLF inside quotes, leading and trailing
/// spaces, non-ASCII, blank lines, mixed line ends, a BOM and no final newline.
private func makeStressFile(rows: Int, seed: UInt64) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    let pieces: [String] = [
        "a", "kode", "Aceh", " ", "  ", ",", "\"", "\"\"", "\n", "\r\n", "\r", "x y",
        "\u{F9}", "Ma'rang", "Pulau-Pulau Aru", "\u{062C}\u{0627}", "\u{A997}\u{A9AE}", "\u{1F1EE}\u{1F1E9}",
        "\u{1F334}", "\u{FEFF}", "12.5", "-", "\t",
    ]
    let lineEnds = ["\n", "\r\n", "\r"]
    var out: [UInt8] = [0xEF, 0xBB, 0xBF]
    for row in 0..<rows {
        if random.chance(3) { out += Array(lineEnds[random.below(2)].utf8) }  // blank line (LF or CRLF)
        let fieldCount = 1 + random.below(6)
        for f in 0..<fieldCount {
            if f > 0 { out.append(0x2C) }
            var field = ""
            for _ in 0..<random.below(5) { field += pieces[random.below(pieces.count)] }
            // Fields that need quotes are always quoted; others sometimes.
            let needsQuotes: Set<UInt8> = [0x2C, 0x22, 0x0A, 0x0D]
            let special = field.utf8.contains(where: needsQuotes.contains)
            if special || random.chance(15) {
                out.append(0x22)
                out += Array(field.replacingOccurrences(of: "\"", with: "\"\"").utf8)
                out.append(0x22)
            } else {
                out += Array(field.utf8)
            }
        }
        if row < rows - 1 {
            out += Array(lineEnds[random.below(lineEnds.count)].utf8)
            if random.chance(2) { out += [0x0D, 0x0D, 0x0A] }  // blank lines: lone CR, then CRLF
        }
    }
    return out
}

@Suite struct CSVReaderTests {
    // MARK: - Basic structure

    @Test func simpleFile() throws {
        let document = try parse("kode,nama\n11,Aceh\n12,Sumatera Utara\n")
        #expect(document.header?.fields == ["kode", "nama"])
        #expect(document.header?.line == 1)
        #expect(document.records.map(\.fields) == [["11", "Aceh"], ["12", "Sumatera Utara"]])
        #expect(document.records.map(\.line) == [2, 3])
        #expect(document.records[1].fieldLines == [3, 3])
        #expect(document.records[1].fieldColumns == [1, 4])
    }

    @Test func fullRecordValue() throws {
        let document = try parse("a,b\n1,2\n")
        #expect(document == CSVDocument(
            header: CSVRecord(fields: ["a", "b"], line: 1, fieldLines: [1, 1], fieldColumns: [1, 3]),
            records: [CSVRecord(fields: ["1", "2"], line: 2, fieldLines: [2, 2], fieldColumns: [1, 3])]
        ))
    }

    @Test func emptyFields() throws {
        let document = try parse("a,b,c\n,,\nx,,\n,y,\n")
        #expect(document.records.map(\.fields) == [["", "", ""], ["x", "", ""], ["", "y", ""]])
        #expect(document.records[0].fieldColumns == [1, 2, 3])
        #expect(document.records[1].fieldColumns == [1, 3, 4])
    }

    @Test func trailingCommaAtEndOfFileIsAnEmptyField() throws {
        let document = try parse("a,b\n1,")
        #expect(document.records.map(\.fields) == [["1", ""]])
        #expect(document.records[0].fieldColumns == [1, 3])
    }

    @Test func differingFieldCountsAreNotAnError() throws {
        let document = try parse("a,b,c\n1\n1,2,3,4\n")
        #expect(document.records.map(\.fields) == [["1"], ["1", "2", "3", "4"]])
    }

    @Test func emptyFile() throws {
        let document = try parse("")
        #expect(document.header == nil)
        #expect(document.records.isEmpty)
    }

    @Test func fileOfOnlyLineEndsIsEmpty() throws {
        let document = try parse("\n\r\n\r\n")
        #expect(document.header == nil)
        #expect(document.records.isEmpty)
    }

    @Test func bomOnlyFileIsEmpty() throws {
        let document = try CSVReader.parse([0xEF, 0xBB, 0xBF])
        #expect(document.header == nil)
        #expect(document.records.isEmpty)
    }

    @Test func headerOnly() throws {
        for text in ["kode,nama\n", "kode,nama", "kode,nama\r\n\r\n"] {
            let document = try parse(text)
            #expect(document.header?.fields == ["kode", "nama"])
            #expect(document.records.isEmpty)
        }
    }

    @Test func noFinalNewline() throws {
        let document = try parse("a,b\n1,2\n3,4")
        #expect(document.records.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(document.records.map(\.line) == [2, 3])
    }

    @Test func noFinalNewlineAfterQuotedField() throws {
        let document = try parse("a,b\n1,\"x,y\"")
        #expect(document.records.map(\.fields) == [["1", "x,y"]])
    }

    // MARK: - Quotes

    @Test func quotesWithEscapedQuotes() throws {
        let document = try parse("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\",\"x\"\n")
        #expect(document.records.map(\.fields) == [["say \"hi\"", "\""], ["", "x"]])
        #expect(document.records[0].fieldColumns == [1, 14])
    }

    @Test func commasAndNewlinesInsideQuotes() throws {
        let text = "kode,nama,catatan\n"  // line 1
            + "11,\"Aceh, Daerah\nIstimewa\",ok\n"  // lines 2–3
            + "12,\"satu\r\ndua\r\ntiga\",\"x\"\n"  // lines 4–6, CRLF inside quotes becomes LF
            + "13,\"\n\",z\n"  // lines 7–8
        let document = try parse(text)
        #expect(document.records.map(\.fields) == [
            ["11", "Aceh, Daerah\nIstimewa", "ok"],
            ["12", "satu\ndua\ntiga", "x"],
            ["13", "\n", "z"],
        ])
        #expect(document.records.map(\.line) == [2, 4, 7])
        #expect(document.records[0].fieldLines == [2, 2, 3])
        #expect(document.records[0].fieldColumns == [1, 4, 11])
        #expect(document.records[1].fieldLines == [4, 4, 6])
        #expect(document.records[1].fieldColumns == [1, 4, 7])
        #expect(document.records[2].fieldLines == [7, 7, 8])
        #expect(document.records[2].fieldColumns == [1, 4, 3])
    }

    @Test func loneCRInsideQuotesIsKept() throws {
        let document = try parse("a\n\"x\ry\",z\nnext\n")
        #expect(document.records.map(\.fields) == [["x\ry", "z"], ["next"]])
        // A lone CR is a line end, inside quotes too, for line numbering.
        #expect(document.records[0].fieldLines == [2, 3])
        #expect(document.records[0].fieldColumns == [1, 4])
        #expect(document.records[1].line == 4)
    }

    // MARK: - Line ends

    @Test func crlf() throws {
        let document = try parse("a,b\r\n1,2\r\n3,4\r\n")
        #expect(rows(document) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(document.records.map(\.line) == [2, 3])
    }

    @Test func mixedCRLFAndLF() throws {
        let document = try parse("a,b\r\n1,2\n3,4\r\n5,6")
        #expect(rows(document) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(document.records.map(\.line) == [2, 3, 4])
    }

    @Test func loneCREndsALine() throws {
        let document = try parse("a,b\r1,2\r3,4\n5,6\r")
        #expect(rows(document) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(document.records.map(\.line) == [2, 3, 4])
    }

    @Test func crCRLFIsTwoLineEnds() throws {
        // CR, then CRLF: line 2 is empty and skipped.
        let document = try parse("a\r\r\nb\n")
        #expect(rows(document) == [["a"], ["b"]])
        #expect(document.records.map(\.line) == [3])
    }

    @Test func emptyLinesSkippedWithCorrectLineNumbers() throws {
        let document = try parse("\n\na,b\n\n1,2\r\n\r\n\r\n3,4\r\r5,6\n\n")
        #expect(document.header?.line == 3)
        #expect(document.records.map(\.fields) == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(document.records.map(\.line) == [5, 8, 10])
        #expect(document.records[2].fieldLines == [10, 10])
    }

    @Test func lineOfOnlySpacesIsARecord() throws {
        let document = try parse("a\n   \n\nb\n")
        #expect(document.records.map(\.fields) == [["   "], ["b"]])
        #expect(document.records.map(\.line) == [2, 4])
    }

    @Test func quotedEmptyFieldLineIsARecord() throws {
        let document = try parse("a\n\"\"\n")
        #expect(document.records.map(\.fields) == [[""]])
    }

    // MARK: - BOM, spaces, non-ASCII

    @Test func bomIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("kode,nama\n11,Aceh\n".utf8)
        let document = try CSVReader.parse(bytes)
        #expect(document.header?.fields == ["kode", "nama"])
        #expect(document.header?.fieldColumns == [1, 6])
        #expect(document.records.map(\.fields) == [["11", "Aceh"]])
    }

    @Test func bomThenErrorOnFirstLineCountsColumnsAfterBOM() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab\"c\n".utf8)
        #expect(syntaxError(bytes) == CSVSyntaxError(problem: .quoteInUnquotedField, line: 1, column: 3))
    }

    @Test func bomOnlyAtStartIsSkipped() throws {
        // A BOM later in the file is ordinary data (U+FEFF).
        let bytes: [UInt8] = Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8)
        let document = try CSVReader.parse(bytes)
        #expect(document.records.map(\.fields) == [["\u{FEFF}b"]])
    }

    @Test func leadingAndTrailingSpacesKept() throws {
        let document = try parse("kode, nama \n 11 ,  Aceh\n12,\"  Sumut  \"\n")
        #expect(document.header?.fields == ["kode", " nama "])
        #expect(document.records.map(\.fields) == [[" 11 ", "  Aceh"], ["12", "  Sumut  "]])
        #expect(document.records[0].fieldColumns == [1, 6])
    }

    @Test func nonASCIINamesWithColumnsInScalars() throws {
        let text = "kode,nama,catatan\n"
            + "81.05,Pulau-Pulau Aru,ok\n"
            + "71.01,\"Bolaang Mongondow\",ok\n"
            + "73.18,Ma'rang,ok\n"
            + "35.78,S\u{F9}rabaya,ok\n"  // ù precomposed: one scalar
            + "35.79,Su\u{300}rabaya,ok\n"  // u + combining grave: two scalars, one Character
            + "11.01,\u{062C}\u{0627}\u{0648}\u{0627},ok\n"  // Arabic script (Pegon): 2-byte UTF-8
            + "34.71,\u{A997}\u{A9AE},ok\n"  // Javanese script: 3-byte UTF-8
            + "99.01,\u{1F1EE}\u{1F1E9} Indonesia,\u{1F334}\n"  // flag: two scalars, one Character
        let document = try parse(text)
        #expect(document.records.map { $0.fields[1] } == [
            "Pulau-Pulau Aru", "Bolaang Mongondow", "Ma'rang", "S\u{F9}rabaya", "Su\u{300}rabaya",
            "\u{062C}\u{0627}\u{0648}\u{0627}", "\u{A997}\u{A9AE}", "\u{1F1EE}\u{1F1E9} Indonesia",
        ])
        #expect(document.records.last?.fields[2] == "\u{1F334}")
        #expect(document.records.map { $0.fieldColumns[2] } == [23, 27, 15, 16, 17, 12, 10, 20])
    }

    @Test func nonASCIIBeforeErrorCountsScalars() {
        // 🌴 is one scalar (4 bytes), ù one scalar (2 bytes): the stray quote is at column 11.
        #expect(syntaxError("a\n\u{1F334},S\u{F9}rabaya\"x\n")
            == CSVSyntaxError(problem: .quoteInUnquotedField, line: 2, column: 11))
    }

    // MARK: - Problems

    @Test func unterminatedQuote() {
        #expect(syntaxError("a,b\n1,\"abc\n2,3\n")
            == CSVSyntaxError(problem: .unterminatedQuote, line: 2, column: 3))
        #expect(syntaxError("\"")
            == CSVSyntaxError(problem: .unterminatedQuote, line: 1, column: 1))
        // An escaped quote at the end does not close the field.
        #expect(syntaxError("a\n\u{F9},\"x\"\"")
            == CSVSyntaxError(problem: .unterminatedQuote, line: 2, column: 3))
    }

    @Test func textAfterClosingQuote() {
        #expect(syntaxError("a,b\n1,\"ab\"cd\n")
            == CSVSyntaxError(problem: .textAfterClosingQuote, line: 2, column: 7))
        // A space after the closing quote is text too.
        #expect(syntaxError("a,b\n\"x\" ,2\n")
            == CSVSyntaxError(problem: .textAfterClosingQuote, line: 2, column: 4))
        // Location after a multi-line quoted field is on the field's last line.
        #expect(syntaxError("a,b\n1,\"x\n\u{F9}y\"z\n")
            == CSVSyntaxError(problem: .textAfterClosingQuote, line: 3, column: 4))
    }

    @Test func quoteInUnquotedField() {
        #expect(syntaxError("a,b\n1,ab\"cd\n")
            == CSVSyntaxError(problem: .quoteInUnquotedField, line: 2, column: 5))
        // Spaces before an opening quote make the field unquoted (RFC 4180: spaces are data).
        #expect(syntaxError("a,b\n1, \"x\"\n")
            == CSVSyntaxError(problem: .quoteInUnquotedField, line: 2, column: 4))
    }

    @Test func invalidUTF8() {
        // Lone continuation byte.
        #expect(syntaxError(Array("a,b\n1,x".utf8) + [0x80] + Array("y\n".utf8))
            == CSVSyntaxError(problem: .invalidUTF8, line: 2, column: 4))
        // Location counts scalars before the bad byte (ù is one scalar, two bytes).
        #expect(syntaxError(Array("a\n\u{F9}\u{F9},".utf8) + [0xFF])
            == CSVSyntaxError(problem: .invalidUTF8, line: 2, column: 4))
        // Inside a quoted field spanning lines.
        #expect(syntaxError(Array("a\n\"x\ny".utf8) + [0xC3, 0x28] + Array("\"\n".utf8))
            == CSVSyntaxError(problem: .invalidUTF8, line: 3, column: 2))
        // Right after a closing quote: the bad byte is reported, not the text after the quote.
        #expect(syntaxError(Array("\"x\"".utf8) + [0xC0, 0x80])
            == CSVSyntaxError(problem: .invalidUTF8, line: 1, column: 4))
    }

    @Test(arguments: [
        [0xC0, 0x80],  // overlong NUL
        [0xC1, 0xBF],  // overlong
        [0xE0, 0x80, 0x80],  // overlong 3-byte
        [0xE0, 0x9F, 0xBF],  // overlong 3-byte
        [0xF0, 0x8F, 0xBF, 0xBF],  // overlong 4-byte
        [0xED, 0xA0, 0x80],  // surrogate U+D800
        [0xED, 0xBF, 0xBF],  // surrogate U+DFFF
        [0xF4, 0x90, 0x80, 0x80],  // U+110000
        [0xF5, 0x80, 0x80, 0x80],  // lead byte beyond range
        [0xFF],
        [0xE2, 0x82],  // truncated at end of file
        [0xE2, 0x82, 0x41],  // truncated before ASCII
        [0xF0, 0x9F, 0x8C],  // truncated 4-byte at end of file
        [0xC3, 0xC3, 0xA9],  // lead byte followed by a lead byte
    ] as [[UInt8]])
    func invalidUTF8Forms(_ bad: [UInt8]) {
        let bytes = Array("kode,nama\n1,\u{1F334}".utf8) + bad + Array("\n".utf8)
        #expect(syntaxError(bytes) == CSVSyntaxError(problem: .invalidUTF8, line: 2, column: 4))
    }

    @Test func validUTF8Boundaries() throws {
        let text = "a\n\u{80},\u{7FF},\u{800},\u{D7FF},\u{E000},\u{FFFF},\u{10000},\u{10FFFF}\n"
        let document = try parse(text)
        #expect(document.records[0].fields
            == ["\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"])
        #expect(document.records[0].fieldColumns == [1, 3, 5, 7, 9, 11, 13, 15])
    }

    @Test func firstErrorWins() {
        // A syntax error before invalid UTF-8 is reported; invalid UTF-8 before a syntax error is reported.
        #expect(syntaxError(Array("a\"b\n".utf8) + [0xFF])
            == CSVSyntaxError(problem: .quoteInUnquotedField, line: 1, column: 2))
        #expect(syntaxError([0xFF] + Array("\na\"b\n".utf8))
            == CSVSyntaxError(problem: .invalidUTF8, line: 1, column: 1))
        // An unclosed quote cut short by invalid UTF-8 reports the bad byte.
        #expect(syntaxError(Array("\"abc\n".utf8) + [0xFF] + Array("\n".utf8))
            == CSVSyntaxError(problem: .invalidUTF8, line: 2, column: 1))
    }

    // MARK: - Files

    @Test func readFromFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("kecil.csv")
        try Data("kode,nama\n11,Aceh\n".utf8).write(to: url)
        let document = try CSVReader.read(path: url.path)
        #expect(rows(document) == [["kode", "nama"], ["11", "Aceh"]])

        let empty = directory.appendingPathComponent("kosong.csv")
        try Data().write(to: empty)
        #expect(try CSVReader.read(path: empty.path) == CSVDocument(header: nil, records: []))
    }

    @Test func readMissingFileThrowsFileError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tidak-ada.csv").path
        #expect(throws: CSVFileError(path: path, errno: ENOENT)) {
            try CSVReader.read(path: path)
        }
        #expect(throws: CSVFileError(path: directory.path, errno: EISDIR)) {
            try CSVReader.read(path: directory.path)
        }
    }

    @Test func readFileWithSyntaxErrorThrowsSyntaxError() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("rusak.csv")
        try Data("a\n\"b".utf8).write(to: url)
        #expect(throws: CSVSyntaxError(problem: .unterminatedQuote, line: 2, column: 1)) {
            try CSVReader.read(path: url.path)
        }
    }

    /// The official list from `../shared` beside the package, else the copy that travels
    /// with pantau (`data/wilayah/wilayah.csv.gz`, the same 91,599 rows).
    @Test func wilayahFile() throws {
        let document: CSVDocument
        if FileManager.default.fileExists(atPath: wilayahPath()) {
            document = try CSVReader.read(path: wilayahPath())
        } else {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let compressed = try [UInt8](Data(contentsOf: root.appendingPathComponent("data/wilayah/wilayah.csv.gz")))
            document = try CSVReader.parse(try Gzip.decompress(compressed))
        }
        #expect(document.header?.fields == ["kode", "nama"])
        #expect(document.records.count == 91_599)
        #expect(document.records.allSatisfy { $0.fields.count == 2 })
        #expect(document.records.first?.fields == ["11", "Aceh"])
        #expect(document.records.last?.line == 91_600)
    }

    // MARK: - Differential test against Python's csv module

    @Test(.enabled(if: python3Path != nil, "python3 is not on PATH; skipping the differential test"))
    func matchesPythonCSVModule() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("stress.csv")
        let output = directory.appendingPathComponent("python.json")
        let bytes = makeStressFile(rows: 4_000, seed: 20_240_617)
        try Data(bytes).write(to: input)

        // Python keeps CRLF inside quoted fields and yields [] for blank lines; we normalise CRLF
        // to LF and skip blank lines, so adjust Python's rows the same way.
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                rows = [[field.replace('\\r\\n', '\\n') for field in row] for row in csv.reader(f, strict=True) if row]
            with open(sys.argv[2], 'w', encoding='utf-8') as f:
                json.dump(rows, f)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python3Path!)
        process.arguments = ["-c", script, input.path, output.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python3 failed")

        let expected = try JSONDecoder().decode([[String]].self, from: Data(contentsOf: output))
        let document = try CSVReader.parse(bytes)
        let actual = rows(document)
        #expect(expected.count > 3_000)
        #expect(actual.count == expected.count)
        for (index, (ours, theirs)) in zip(actual, expected).enumerated() where ours != theirs {
            Issue.record("row \(index) differs: ours \(ours) vs python \(theirs)")
            break
        }
        // Every field has a recorded position.
        #expect(allRecords(document).allSatisfy { $0.fieldLines.count == $0.fields.count })
    }

    @Test func stressFileFieldPositionsPointAtFieldStarts() throws {
        let bytes = makeStressFile(rows: 500, seed: 7)
        let document = try CSVReader.parse(bytes)
        // Split the text into physical lines the same way the reader counts them.
        var lines: [[Unicode.Scalar]] = [[]]
        var previousWasCR = false
        for scalar in String(decoding: bytes.dropFirst(3), as: UTF8.self).unicodeScalars {
            if scalar == "\n" {
                if !previousWasCR { lines.append([]) }
                previousWasCR = false
            } else if scalar == "\r" {
                lines.append([])
                previousWasCR = true
            } else {
                lines[lines.count - 1].append(scalar)
                previousWasCR = false
            }
        }
        for record in allRecords(document) {
            for (index, field) in record.fields.enumerated() {
                let line = lines[record.fieldLines[index] - 1]
                let column = record.fieldColumns[index]
                if index == 0 {
                    #expect(column == 1)
                } else {
                    // Every field after the first starts right after a comma.
                    #expect(column >= 2 && line[column - 2] == ",")
                }
                let atStart: Unicode.Scalar? = column <= line.count ? line[column - 1] : nil
                if atStart != "\"" {
                    // Unquoted: the field's text is at its position, on one line.
                    #expect(Array(line.dropFirst(column - 1).prefix(field.unicodeScalars.count))
                        == Array(field.unicodeScalars))
                }
            }
        }
    }
}
