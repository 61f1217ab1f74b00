import Foundation

/// Turns the official region list (`kode,nama`, Kepmendagri) into a dataset's
/// `wilayah.csv`, optionally keeping only some regions.
public enum WilayahImport {
    public struct Result: Sendable {
        public let written: Int
        /// Malformed lines of the input; they are skipped, never guessed at.
        public let problems: [DataIssue]
    }

    /// Keeps each region in `only`, all its ancestors and all its descendants, and each
    /// region in `also` with its ancestors but without its descendants (the 38 provinces
    /// and 27 kab/kota a national table needs, without their 80,000 desa).
    /// With `only` and `also` empty, keeps everything.
    /// The input may be gzip-compressed (the bundled `wilayah.csv.gz`); line and column
    /// numbers then count in the uncompressed text.
    public static func run(input: String, outputDirectory: String, only: [RegionCode], also: [RegionCode] = []) throws -> Result {
        let fileName = (input as NSString).lastPathComponent
        var bytes = try CSVReader.readWholeFile(path: input)
        if Gzip.isGzip(bytes) {
            do {
                bytes = try Gzip.decompress(bytes)
            } catch {
                return Result(written: 0, problems: [DataIssue(file: fileName, line: 0, column: 0, problem: .badGzip(error.reason))])
            }
        }
        let document = try CSVReader.parse(bytes)
        var problems: [DataIssue] = []
        guard let header = document.header else {
            return Result(written: 0, problems: [DataIssue(file: fileName, line: 1, column: 1, problem: .emptyFile)])
        }
        let names = header.fields.map { $0.lowercased() }
        guard let codeColumn = names.firstIndex(of: "kode"), let nameColumn = names.firstIndex(of: "nama") else {
            let missing = names.contains("kode") ? "nama" : "kode"
            return Result(written: 0, problems: [DataIssue(file: fileName, line: header.line, column: 1, problem: .missingColumn(missing))])
        }
        let keepAncestors = Set(only.flatMap { $0.ancestors } + also.flatMap { $0.ancestors } + also)
        var firstLine: [RegionCode: Int] = [:]
        var kept: [(RegionCode, String)] = []
        for record in document.records {
            guard record.fields.count == header.fields.count else {
                problems.append(DataIssue(file: fileName, line: record.line, column: 1,
                                          problem: .fieldCount(expected: header.fields.count, found: record.fields.count)))
                continue
            }
            let text = record.fields[codeColumn]
            guard let code = RegionCode(text), code != .indonesia else {
                problems.append(DataIssue(file: fileName, line: record.line, column: record.fieldColumns[codeColumn],
                                          problem: .badRegionCode(text)))
                continue
            }
            let name = record.fields[nameColumn]
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(DataIssue(file: fileName, line: record.line, column: record.fieldColumns[nameColumn],
                                          problem: .emptyValue(column: "nama")))
                continue
            }
            if let line = firstLine[code] {
                problems.append(DataIssue(file: fileName, line: record.line, column: record.fieldColumns[codeColumn],
                                          problem: .duplicateKey(key: "kode \(code)", firstLine: line)))
                continue
            }
            firstLine[code] = record.line
            let wanted = (only.isEmpty && also.isEmpty) || keepAncestors.contains(code)
                || only.contains { code == $0 || code.isDescendant(of: $0) }
            if wanted { kept.append((code, name)) }
        }
        kept.sort { $0.0 < $1.0 }
        var output = "kode,nama\n"
        for (code, name) in kept { output += code.text + "," + CSVWriter.escape(name) + "\n" }
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let path = (outputDirectory as NSString).appendingPathComponent("wilayah.csv")
        try output.write(toFile: path, atomically: true, encoding: .utf8)
        return Result(written: kept.count, problems: problems)
    }
}

public enum CSVWriter {
    /// Quotes a field when it holds a comma, quote, line break (CR, LF or CRLF) or edge spaces.
    /// Checked on scalars: "\r\n" is one Swift `Character`, equal to neither "\r" nor "\n".
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A report cell: sanitised like the screen, kept from being run as a spreadsheet
    /// formula, then quoted as needed.
    public static func cell(_ field: String) -> String {
        escape(neutralisingFormula(DisplayText.sanitize(field)))
    }

    /// Report CSVs are opened in spreadsheets by OPD staff, and notes and names come from
    /// many hands: a text cell starting with `=`, `+`, `-`, `@`, tab or CR would be run as
    /// a formula (CSV injection). Such a cell gets a leading apostrophe, which spreadsheets
    /// hide. Numbers such as `-3` or `-2.5` stay as they are.
    public static func neutralisingFormula(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        if Double(field) != nil { return field }
        return "'" + field
    }
}
