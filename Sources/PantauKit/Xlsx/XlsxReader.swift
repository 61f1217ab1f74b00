import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads one sheet of an Office Open XML workbook (`.xlsx`) into an `ImportTable`: the zip
/// through ZIPFoundation, each XML part with a streaming (SAX) parse. Shared and inline
/// strings, cached formula values, formula errors, date serials and `%` formats are
/// understood; cells of a merged range all show the range's value.
public enum XlsxReader {
    public enum Failure: Error, Equatable {
        case notAZip
        case noSheet(String?)
        case missingPart(String)
        case damaged(String)
    }

    public static func read(path: String, sheet wanted: String?) -> Result<ImportTable, ImportIssue> {
        let file = path
        func fail(_ failure: Failure) -> Result<ImportTable, ImportIssue> {
            let problem: ImportProblem
            switch failure {
            case .notAZip: problem = .notAZip
            case .noSheet(let name): problem = .noSheet(name)
            case .missingPart(let part): problem = .missingPart(part)
            case .damaged(let detail): problem = .badWorkbook(detail)
            }
            return .failure(ImportIssue(file: file, location: .file, problem: problem))
        }
        do {
            return .success(try table(path: path, sheet: wanted))
        } catch let failure as Failure {
            return fail(failure)
        } catch {
            return fail(Failure.damaged(String(describing: error)))
        }
    }

    static func table(path: String, sheet wanted: String?) throws -> ImportTable {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Failure.notAZip
        }
        func part(_ name: String) throws -> Data? {
            guard let entry = archive[name] else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                throw Failure.damaged(name + ": " + String(describing: error))
            }
            return data
        }
        guard let workbookData = try part("xl/workbook.xml") else {
            if archive.makeIterator().next() == nil { throw Failure.notAZip }
            throw Failure.missingPart("xl/workbook.xml")
        }
        let workbook = WorkbookParser()
        try parse(workbookData, workbook, part: "xl/workbook.xml")
        guard !workbook.sheets.isEmpty else { throw Failure.noSheet(nil) }
        let chosen: (name: String, relation: String)
        if let wanted {
            guard let found = workbook.sheets.first(where: { $0.name == wanted }) ?? workbook.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                throw Failure.noSheet(wanted)
            }
            chosen = found
        } else {
            chosen = workbook.sheets[0]
        }
        var target = "xl/worksheets/sheet1.xml"
        if let relsData = try part("xl/_rels/workbook.xml.rels") {
            let rels = RelationshipsParser()
            try parse(relsData, rels, part: "xl/_rels/workbook.xml.rels")
            if let found = rels.targets[chosen.relation] {
                target = found.hasPrefix("/") ? String(found.dropFirst()) : "xl/" + found
            }
        }
        guard let sheetData = try part(target) else { throw Failure.noSheet(chosen.name) }
        var styles = Styles()
        if let stylesData = try part("xl/styles.xml") {
            let parser = StylesParser()
            try parse(stylesData, parser, part: "xl/styles.xml")
            styles = parser.styles
        }
        let sheetParser = SheetParser(sheet: chosen.name, styles: styles, date1904: workbook.date1904)
        try parse(sheetData, sheetParser, part: target)
        if sheetParser.usesSharedStrings {
            guard let stringsData = try part("xl/sharedStrings.xml") else { throw Failure.missingPart("xl/sharedStrings.xml") }
            let strings = SharedStringsParser()
            try parse(stringsData, strings, part: "xl/sharedStrings.xml")
            try sheetParser.resolveSharedStrings(strings.strings)
        }
        return sheetParser.table(file: path)
    }

    static func parse(_ data: Data, _ delegate: XMLParserDelegate & NSObject, part: String) throws {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        let parsed = parser.parse()
        if let error = (delegate as? SheetParser)?.failure { throw error }
        if !parsed || parser.parserError != nil {
            throw Failure.damaged("\(part) \(parser.lineNumber):\(parser.columnNumber): \(parser.parserError.map { String(describing: $0) } ?? "XML")")
        }
        // The parser on Linux may stop quietly at a truncated end: a sheet must close its data.
        if let sheet = delegate as? SheetParser, !sheet.closed {
            throw Failure.damaged("\(part): " + "the XML ends before </sheetData>")
        }
    }

    /// `B12` → (column 1, row 12).
    static func reference(_ text: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0, sawLetter = false, sawDigit = false
        for byte in text.utf8 {
            if byte >= 65 && byte <= 90 && !sawDigit { column = column * 26 + Int(byte - 64); sawLetter = true } else if byte >= 48 && byte <= 57 && sawLetter {
                row = row * 10 + Int(byte - 48); sawDigit = true
                if row > 10_000_000 { return nil }
            } else if byte == 36 { continue } else { return nil }
        }
        guard sawLetter, sawDigit, row > 0, column > 0, column <= 16384 else { return nil }
        return (column - 1, row)
    }

    struct Styles: Sendable {
        enum Kind: Sendable { case general, date, percent }
        var cellFormats: [Kind] = []
        func kind(_ index: Int?) -> Kind {
            guard let index, index >= 0, index < cellFormats.count else { return .general }
            return cellFormats[index]
        }

        static func kind(formatID: Int, code: String?) -> Kind {
            if let code {
                // Strip quoted text, escapes and [colour]/[locale] sections, then look.
                var bare = ""
                var quoted = false, bracket = false, escaped = false
                for ch in code {
                    if escaped { escaped = false; continue }
                    if ch == "\\" { escaped = true; continue }
                    if ch == "\"" { quoted.toggle(); continue }
                    if quoted { continue }
                    if ch == "[" { bracket = true; continue }
                    if ch == "]" { bracket = false; continue }
                    if bracket { continue }
                    bare.append(ch)
                }
                let lower = bare.lowercased()
                if lower.contains("%") { return .percent }
                if lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("0")) { return .date }
                return .general
            }
            switch formatID {
            case 9, 10: return .percent
            case 14...22, 27...36, 45...47, 50...58: return .date
            default: return .general
            }
        }
    }

    final class WorkbookParser: NSObject, XMLParserDelegate {
        var sheets: [(name: String, relation: String)] = []
        var date1904 = false
        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if element == "sheet", let name = attributes["name"] {
                sheets.append((name, attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value ?? ""))
            } else if element == "workbookPr", let value = attributes["date1904"] {
                date1904 = value == "1" || value == "true"
            }
        }
    }

    final class RelationshipsParser: NSObject, XMLParserDelegate {
        var targets: [String: String] = [:]
        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
        }
    }

    final class StylesParser: NSObject, XMLParserDelegate {
        var formats: [Int: String] = [:]
        var styles = Styles()
        var inCellXfs = false
        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch element {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { formats[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs:
                let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                styles.cellFormats.append(Styles.kind(formatID: id, code: formats[id]))
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            if element == "cellXfs" { inCellXfs = false }
        }
    }

    final class SharedStringsParser: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch element {
            case "si": current = ""
            case "t": inText = !inPhonetic
            case "rPh": inPhonetic = true
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            switch element {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": inPhonetic = false
            default: break
            }
        }
    }

    final class SheetParser: NSObject, XMLParserDelegate {
        let sheet: String
        let styles: Styles
        let date1904: Bool
        var rows: [[ImportCell]] = []
        var rowNumbers: [Int] = []
        var shared: [(row: Int, column: Int, index: Int)] = []
        var merges: [(first: (column: Int, row: Int), last: (column: Int, row: Int))] = []
        var usesSharedStrings: Bool { !shared.isEmpty }
        var failure: Failure?
        /// `</sheetData>` was seen (a truncated part never gets there).
        var closed = false

        var currentRow: [ImportCell] = []
        var currentRowNumber = 0
        var cellReference: (column: Int, row: Int)?
        var cellType = "n"
        var cellStyle: Int?
        var value = ""
        var inValue = false, inInline = false

        init(sheet: String, styles: Styles, date1904: Bool) {
            self.sheet = sheet; self.styles = styles; self.date1904 = date1904
        }

        func location(_ column: Int, _ row: Int) -> ImportLocation { .cell(sheet: sheet, column: column, row: row) }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch element {
            case "row":
                currentRow = []
                currentRowNumber = attributes["r"].flatMap(Int.init) ?? ((rowNumbers.last ?? 0) + 1)
            case "c":
                if let text = attributes["r"] {
                    guard let reference = XlsxReader.reference(text) else {
                        failure = .damaged("\(sheet): cell reference '\(text)'"); parser.abortParsing(); return
                    }
                    cellReference = reference
                } else {
                    cellReference = (currentRow.count, currentRowNumber)
                }
                cellType = attributes["t"] ?? "n"
                cellStyle = attributes["s"].flatMap(Int.init)
                value = ""
            case "v": inValue = true
            case "t" where cellType == "inlineStr": inInline = true
            case "is": break
            case "mergeCell":
                if let ref = attributes["ref"] {
                    let ends = ref.split(separator: ":")
                    if ends.count == 2, let first = XlsxReader.reference(String(ends[0])), let last = XlsxReader.reference(String(ends[1])) {
                        merges.append((first, last))
                    }
                }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue || inInline { value += string }
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            switch element {
            case "v": inValue = false
            case "t": inInline = false
            case "c":
                guard let (column, row) = cellReference else { return }
                while currentRow.count < column { currentRow.append(ImportCell(text: "", location: location(currentRow.count, row))) }
                var cell = ImportCell(text: "", location: location(column, row))
                switch cellType {
                case "s":
                    if let index = Int(value.trimmingCharacters(in: .whitespaces)) { shared.append((rows.count, column, index)) }
                    else if !value.isEmpty { failure = .damaged("\(sheet)!\(ImportLocation.columnName(column))\(row): shared string '\(value)'"); parser.abortParsing(); return }
                case "inlineStr", "str": cell.text = value
                case "e": cell.error = value; cell.text = value
                case "b": cell.text = value == "1" ? "TRUE" : "FALSE"
                default:
                    if !value.isEmpty { fillNumber(&cell, value) }
                }
                if column < currentRow.count { currentRow[column] = cell } else { currentRow.append(cell) }
                cellReference = nil
            case "row":
                rows.append(currentRow)
                rowNumbers.append(currentRowNumber)
            case "sheetData": closed = true
            default: break
            }
        }

        func fillNumber(_ cell: inout ImportCell, _ text: String) {
            guard let number = Double(text), number.isFinite else { cell.text = text; return }
            switch styles.kind(cellStyle) {
            case .date:
                if let date = XlsxReader.date(serial: number, date1904: date1904) {
                    cell.date = date; cell.text = date.iso; cell.number = number
                    return
                }
            case .percent:
                cell.text = XlsxReader.shift(XlsxReader.shortest(number), by: 2)
                cell.number = number * 100
                return
            case .general: break
            }
            cell.text = XlsxReader.shortest(number)
            cell.number = number
        }

        func resolveSharedStrings(_ strings: [String]) throws {
            for (row, column, index) in shared {
                guard index >= 0, index < strings.count else {
                    throw Failure.damaged("\(sheet)!\(ImportLocation.columnName(column))\(rowNumbers[row]): shared string \(index) of \(strings.count)")
                }
                rows[row][column].text = strings[index]
            }
        }

        func table(file: String) -> ImportTable {
            var rows = self.rows
            // A merged range shows its first cell's value in every cell.
            var rowIndex: [Int: Int] = [:]
            for (index, number) in rowNumbers.enumerated() { rowIndex[number] = index }
            for merge in merges {
                guard let firstRow = rowIndex[merge.first.row], merge.first.column < rows[firstRow].count else { continue }
                let value = rows[firstRow][merge.first.column]
                for number in merge.first.row...merge.last.row {
                    guard let index = rowIndex[number] else { continue }
                    for column in merge.first.column...merge.last.column where !(number == merge.first.row && column == merge.first.column) {
                        while rows[index].count <= column { rows[index].append(ImportCell(text: "", location: location(rows[index].count, number))) }
                        var copy = value
                        copy.location = location(column, number)
                        rows[index][column] = copy
                    }
                }
            }
            let numbers = rowNumbers
            let sheet = self.sheet
            var table = ImportTable(file: file, rows: rows, locate: { row, column in
                .cell(sheet: sheet, column: column, row: row < numbers.count ? numbers[row] : row + 1)
            })
            // A header whose cells are merged across columns has a second header row below it.
            if let headerRow = rows.firstIndex(where: { $0.filter { !$0.isEmpty }.count >= 2 }),
               merges.contains(where: { $0.first.row == numbers[headerRow] && $0.last.column > $0.first.column }) {
                table.headerDepth = 2
            }
            return table
        }
    }

    /// Excel's day count: 1 = 1900-01-01 with its 1900 leap-year bug, so day 60 does not
    /// exist and later serials count from 1899-12-30; in the 1904 system 0 = 1904-01-01.
    static func date(serial: Double, date1904: Bool) -> LocalDate? {
        guard serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        if date1904 { days += 1462 }
        if !date1904 && days == 60 { return nil }
        if !date1904 && days < 60 { days += 1 }
        // Days since 1899-12-30 → civil date (Howard Hinnant's algorithm).
        let z = days - 25569 + 719468  // 25569 = days from 1899-12-30 to 1970-01-01
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return LocalDate(year: m <= 2 ? y + 1 : y, month: m, day: d)
    }

    /// The shortest decimal text that reads back as `number`, without an exponent.
    static func shortest(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = "\(number)"
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let exponent = Int(text[text.index(after: e)...]) ?? 0
            text = shift(String(text[..<e]), by: exponent)
        }
        return text
    }

    /// Moves the decimal point of a plain decimal text: `0.0705` by 2 → `7.05`.
    static func shift(_ text: String, by places: Int) -> String {
        var body = text
        var negative = false
        if body.hasPrefix("-") { negative = true; body.removeFirst() }
        var parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var integer = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        parts = []
        if places >= 0 {
            let moved = fraction.prefix(places)
            integer += moved + String(repeating: "0", count: places - moved.count)
            fraction = String(fraction.dropFirst(moved.count))
        } else {
            let count = -places
            let padded = String(repeating: "0", count: max(0, count - integer.count + 1)) + integer
            fraction = String(padded.suffix(count)) + fraction
            integer = String(padded.dropLast(count))
        }
        while integer.count > 1 && integer.first == "0" { integer.removeFirst() }
        while fraction.last == "0" { fraction.removeLast() }
        let result = fraction.isEmpty ? integer : integer + "." + fraction
        return negative && result != "0" ? "-" + result : result
    }
}
