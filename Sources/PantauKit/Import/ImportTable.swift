/// One cell of an imported table, whatever the file format.
public struct ImportCell: Sendable, Equatable {
    /// The cell as text; for a workbook number its shortest decimal form.
    public var text: String
    public var location: ImportLocation
    /// A workbook cell that holds a number (not text that looks like one).
    public var number: Double?
    /// A workbook date (number formatted as a date).
    public var date: LocalDate?
    /// A workbook formula error such as `#DIV/0!`.
    public var error: String?

    public init(text: String, location: ImportLocation, number: Double? = nil, date: LocalDate? = nil, error: String? = nil) {
        self.text = text; self.location = location; self.number = number; self.date = date; self.error = error
    }

    public var isEmpty: Bool { error == nil && text.allSatisfy { $0 == " " || $0 == "\u{A0}" || $0 == "\t" } }
}

/// A sheet of cells read from a CSV/TSV/TXT file or a workbook sheet.
public struct ImportTable: Sendable {
    public var file: String
    public var rows: [[ImportCell]]
    /// The location of a cell that is not in the file (past the end of a short row).
    public var locate: @Sendable (_ row: Int, _ column: Int) -> ImportLocation
    /// Header rows: 2 when a workbook's header has cells merged across columns (`P0` over
    /// `2023` and `2024`), whose texts are then read together (`P0 2023`).
    public var headerDepth = 1

    public init(file: String, rows: [[ImportCell]], locate: @escaping @Sendable (Int, Int) -> ImportLocation) {
        self.file = file; self.rows = rows; self.locate = locate
    }
}

/// Text encodings a delimited file may come in.
public enum ImportEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8", utf16 = "utf-16", windows1252 = "windows-1252"

    public init?(name: String) {
        let folded = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch folded {
        case "utf-8", "utf8": self = .utf8
        case "utf-16", "utf16", "utf-16le", "utf-16be", "ucs-2": self = .utf16
        case "windows-1252", "cp1252", "win1252", "latin-1", "latin1", "iso-8859-1", "ansi": self = .windows1252
        default: return nil
        }
    }
}

/// Reads `.csv`, `.tsv` and `.txt` files as Excel and portals write them: `,`, `;` or tab
/// (detected from the header line, or a `sep=;` first line, or given), UTF-8 with or
/// without a byte-order mark, UTF-16 with one, or Windows-1252.
public enum DelimitedText {
    public struct Options: Sendable {
        public var delimiter: UInt8?
        public var encoding: ImportEncoding?
        public init(delimiter: UInt8? = nil, encoding: ImportEncoding? = nil) {
            self.delimiter = delimiter; self.encoding = encoding
        }
    }

    /// Decodes `bytes` to UTF-8 bytes without a byte-order mark.
    public static func decode(_ bytes: [UInt8], encoding: ImportEncoding?) -> Result<[UInt8], ImportProblem> {
        var body = bytes[...]
        var chosen = encoding
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = bytes.dropFirst(3)
            if chosen == nil { chosen = .utf8 }
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            if chosen == nil || chosen == .utf16 {
                return decodeUTF16(bytes)
            }
        }
        switch chosen {
        case .utf16:
            return decodeUTF16(bytes)
        case .windows1252:
            return .success(windows1252(body))
        case .utf8:
            guard String(validating: body, as: UTF8.self) != nil else { return .failure(.notUTF8) }
            return .success(Array(body))
        case nil:
            // Not UTF-8 (which a Windows-1252 file with any letter above ASCII never is by
            // accident): read as Windows-1252, what Excel writes for "CSV" on Windows.
            if String(validating: body, as: UTF8.self) != nil { return .success(Array(body)) }
            return .success(windows1252(body))
        }
    }

    static func decodeUTF16(_ bytes: [UInt8]) -> Result<[UInt8], ImportProblem> {
        var bigEndian = false
        var start = 0
        if bytes.starts(with: [0xFE, 0xFF]) { bigEndian = true; start = 2 } else if bytes.starts(with: [0xFF, 0xFE]) { start = 2 }
        guard (bytes.count - start) % 2 == 0 else { return .failure(.utf16OddLength) }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var index = start
        while index + 1 < bytes.count {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { output.append($0) }
        if failed { return .failure(.notUTF8) }
        return .success(output)
    }

    /// Windows-1252 bytes 0x80–0x9F that are not Latin-1 controls.
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte); continue }
            let scalar = byte < 0xA0 ? cp1252High[Int(byte - 0x80)] : UInt32(byte)
            output.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        }
        return output
    }

    /// Decodes and splits a delimited file into cells with their line and column.
    public static func read(_ bytes: [UInt8], file: String, options: Options = Options()) -> Result<ImportTable, ImportIssue> {
        let text: [UInt8]
        switch decode(bytes, encoding: options.encoding) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return .failure(ImportIssue(file: file, location: .file, problem: problem))
        }
        var start = 0
        var line = 1
        var delimiter = options.delimiter
        // Excel's `sep=;` first line names the delimiter and is not data.
        if let sepEnd = sepLine(text) {
            if delimiter == nil { delimiter = text[4] }
            start = sepEnd
            line = 2
        }
        let chosen = delimiter ?? detect(text, from: start)
        switch parse(text, from: start, firstLine: line, delimiter: chosen, file: file) {
        case .success(let rows):
            let lines = rows.map { row -> Int in
                if case .text(let line, _) = row.first?.location { return line }
                return 0
            }
            return .success(ImportTable(file: file, rows: rows, locate: { row, _ in
                row < lines.count && lines[row] > 0 ? .text(line: lines[row], column: 1) : .file
            }))
        case .failure(let issue):
            return .failure(issue)
        }
    }

    /// The end of a `sep=X` first line, if there is one.
    static func sepLine(_ text: [UInt8]) -> Int? {
        guard text.count >= 5, text[0] | 0x20 == UInt8(ascii: "s"), text[1] | 0x20 == UInt8(ascii: "e"),
              text[2] | 0x20 == UInt8(ascii: "p"), text[3] == UInt8(ascii: "=") else { return nil }
        var index = 5
        while index < text.count, text[index] == UInt8(ascii: " ") { index += 1 }
        if index == text.count { return index }
        guard text[index] == 10 || text[index] == 13 else { return nil }
        if text[index] == 13, index + 1 < text.count, text[index + 1] == 10 { return index + 2 }
        return index + 1
    }

    /// The delimiter of the first non-empty line: the one of `,` `;` tab found most often
    /// outside quotes (a tie goes to tab, then `;`, since a comma may be a decimal).
    static func detect(_ text: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [9: 0, 59: 0, 44: 0]
        var quoted = false
        var index = start
        var seen = false
        while index < text.count {
            let byte = text[index]
            if byte == 34 { quoted.toggle() } else if !quoted {
                if byte == 10 || byte == 13 { if seen { break } } else {
                    seen = true
                    if counts[byte] != nil { counts[byte]! += 1 }
                }
            }
            index += 1
        }
        let best = [UInt8(9), 59, 44].max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && $0 > $1) }!
        return counts[best]! == 0 ? 44 : best
    }

    /// RFC 4180 with any one-byte delimiter. Columns count Unicode scalars.
    static func parse(_ text: [UInt8], from start: Int, firstLine: Int, delimiter: UInt8, file: String) -> Result<[[ImportCell]], ImportIssue> {
        var rows: [[ImportCell]] = []
        var row: [ImportCell] = []
        var field: [UInt8] = []
        var line = firstLine
        var column = 1
        var fieldLine = line, fieldColumn = 1
        var index = start
        var atFieldStart = true
        var rowHasContent = false
        func endField() {
            row.append(ImportCell(text: String(decoding: field, as: UTF8.self), location: .text(line: fieldLine, column: fieldColumn)))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            if rowHasContent { rows.append(row) }
            row = []
            rowHasContent = false
        }
        while index < text.count {
            let byte = text[index]
            if atFieldStart {
                fieldLine = line; fieldColumn = column
                atFieldStart = false
                if byte == 34 {
                    // Quoted field.
                    let openLine = line, openColumn = column
                    index += 1; column += 1
                    var closed = false
                    while index < text.count {
                        let b = text[index]
                        if b == 34 {
                            if index + 1 < text.count, text[index + 1] == 34 {
                                field.append(34); index += 2; column += 2; continue
                            }
                            index += 1; column += 1; closed = true; break
                        }
                        if b == 13 {
                            field.append(10)
                            if index + 1 < text.count, text[index + 1] == 10 { index += 1 }
                            index += 1; line += 1; column = 1; continue
                        }
                        if b == 10 { field.append(10); index += 1; line += 1; column = 1; continue }
                        field.append(b)
                        if b & 0xC0 != 0x80 { column += 1 }
                        index += 1
                    }
                    guard closed else {
                        return .failure(ImportIssue(file: file, location: .text(line: openLine, column: openColumn), problem: .data(.syntax(.unterminatedQuote))))
                    }
                    rowHasContent = true
                    if index < text.count, text[index] != delimiter, text[index] != 10, text[index] != 13 {
                        return .failure(ImportIssue(file: file, location: .text(line: line, column: column), problem: .data(.syntax(.textAfterClosingQuote))))
                    }
                    continue
                }
            }
            if byte == delimiter {
                endField(); atFieldStart = true; rowHasContent = true
                index += 1; column += 1
                continue
            }
            if byte == 10 || byte == 13 {
                if atFieldStart { fieldLine = line; fieldColumn = column }
                if rowHasContent || !field.isEmpty || !row.isEmpty { rowHasContent = true; endField() }
                endRow()
                if byte == 13, index + 1 < text.count, text[index + 1] == 10 { index += 1 }
                index += 1; line += 1; column = 1
                atFieldStart = true
                continue
            }
            field.append(byte)
            rowHasContent = true
            if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        if !atFieldStart || rowHasContent || !row.isEmpty {
            if atFieldStart { fieldLine = line; fieldColumn = column }
            endField(); endRow()
        }
        return .success(rows)
    }
}
