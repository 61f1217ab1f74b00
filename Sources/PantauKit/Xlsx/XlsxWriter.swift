import Foundation
import ZIPFoundation

/// One sheet of a workbook: a header row, then the data rows.
public struct XlsxSheet: Sendable, Equatable {
    public var name: String
    public var rows: [[String]]
    public init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }
}

/// Writes an Office Open XML workbook (`.xlsx`) from tables of text, the way a report is
/// read in a spreadsheet: numbers as numbers, `YYYY-MM-DD` as dates and UTC instants
/// (`2026-11-23T02:00:00Z`) as date-times, everything else as text (never a formula);
/// the header row bold and frozen, columns as wide as their content (within bounds).
/// Code and id columns (`kode`, `id`, `kunci`, …) stay text: `16.06` is a region, not a number.
public enum XlsxWriter {
    public struct Failure: Error, Sendable, Equatable {
        public let reason: String
    }

    public static func data(_ sheets: [XlsxSheet]) throws(Failure) -> Data {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw Failure(reason: "\(error)")
        }
        var names: [String] = []
        for sheet in sheets {
            // Sheet names: at most 31 characters, none of []:*?/\ , unique.
            var name = String(sheet.name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if name.isEmpty { name = "Sheet" }
            var candidate = name, number = 2
            while names.contains(candidate) { candidate = String(name.prefix(28)) + " \(number)"; number += 1 }
            names.append(candidate)
        }
        var files: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets.count)),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbook(names)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.count)),
            ("xl/styles.xml", styles),
        ]
        for (index, sheet) in sheets.enumerated() { files.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet.rows))) }
        do {
            for (path, text) in files {
                let bytes = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        } catch {
            throw Failure(reason: "\(error)")
        }
        guard let data = archive.data else { throw Failure(reason: "no archive data") }
        return data
    }

    // MARK: Cells

    /// What a cell holds once typed.
    enum Value: Equatable {
        case text(String)
        case number(String)
        /// Days since 1899-12-30 (Excel's 1900 system), with the style of a date or a date-time.
        case date(Double, withTime: Bool)
    }

    /// Columns whose values are names of things, whatever they look like.
    static func isTextColumn(_ header: String) -> Bool {
        let name = header.lowercased()
        return name == "id" || name == "kunci" || name == "key" || name.hasPrefix("kode") || name.hasSuffix("_id")
            || name == "code" || name == "sumber" || name.hasPrefix("sumber_") || name == "tautan"
    }

    static func value(_ text: String, textColumn: Bool) -> Value {
        if text.isEmpty || textColumn { return .text(text) }
        if isPlainNumber(text) { return .number(text) }
        let bytes = Array(text.utf8)
        if bytes.count == 10, let date = LocalDate(iso: text) { return .date(Double(date.dayNumber + 25_569), withTime: false) }
        if bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
           let date = LocalDate(iso: String(text.prefix(10))),
           let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)),
           let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)),
           let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)) {
            let fraction = Double(hour * 3600 + minute * 60 + second) / 86_400
            return .date(Double(date.dayNumber + 25_569) + fraction, withTime: true)
        }
        return .text(text)
    }

    /// `-12`, `7.05`, `0.5`: what the reports write for numbers (no thousands separators,
    /// no leading zeros that a code would have, at most 15 significant digits).
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.hasPrefix("-") { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        if parts[0].count > 1 && parts[0].hasPrefix("0") { return false }
        return parts.joined().count <= 15
    }

    static func column(_ index: Int) -> String {
        var number = index + 1, name = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in DisplayText.sanitize(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // XML 1.0 allows no other control characters; tab and line breaks stay.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func worksheet(_ rows: [[String]]) -> String {
        let header = rows.first ?? []
        let textColumns = header.map(isTextColumn)
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 8, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], min(60, DisplayText.width(cell) + 2)) }
        }
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if !rows.isEmpty {
            xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        }
        if columnCount > 0 {
            xml += "<cols>"
            for (index, width) in widths.enumerated() { xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"# }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in rows.enumerated() {
            xml += #"<row r="\#(rowIndex + 1)">"#
            for (columnIndex, cell) in row.enumerated() where !cell.isEmpty {
                let reference = column(columnIndex) + String(rowIndex + 1)
                let typed = rowIndex == 0 ? .text(cell) : value(cell, textColumn: columnIndex < textColumns.count && textColumns[columnIndex])
                let style = rowIndex == 0 ? #" s="1""# : ""
                switch typed {
                case .text(let text):
                    xml += #"<c r="\#(reference)"\#(style) t="inlineStr"><is><t xml:space="preserve">\#(escape(text))</t></is></c>"#
                case .number(let number):
                    xml += #"<c r="\#(reference)"\#(style)><v>\#(number)</v></c>"#
                case .date(let serial, let withTime):
                    xml += #"<c r="\#(reference)" s="\#(withTime ? 3 : 2)"><v>\#(serial)</v></c>"#
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    // MARK: Package parts

    static func contentTypes(_ count: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        xml += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for index in 0..<count {
            xml += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return xml + "</Types>"
    }

    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbook(_ names: [String]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (index, name) in names.enumerated() {
            xml += #"<sheet name="\#(escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return xml + "</sheets></workbook>"
    }

    static func workbookRelationships(_ count: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 0..<count {
            xml += #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        xml += #"<Relationship Id="rId\#(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return xml + "</Relationships>"
    }

    /// Styles: 0 normal, 1 bold (the header), 2 date, 3 date and time.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}

/// A report's CSV as rows again, for a workbook: the apostrophe that keeps a CSV cell
/// from running as a formula (`CSVWriter.neutralisingFormula`) is not needed there, where
/// every text is written as text.
public enum ReportTable {
    public static func rows(ofCSV text: String) -> [[String]] {
        guard let document = try? CSVReader.parse(Array(text.utf8)) else { return [] }
        let rows = (document.header.map { [$0.fields] } ?? []) + document.records.map(\.fields)
        return rows.map { $0.map(restoringFormulaText) }
    }

    static func restoringFormulaText(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let next = cell.dropFirst().first, "=+-@\t\r".contains(next) else { return cell }
        return String(cell.dropFirst())
    }
}
