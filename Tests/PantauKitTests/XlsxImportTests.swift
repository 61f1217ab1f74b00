import Foundation
import Testing
import ZIPFoundation
@testable import PantauKit

/// Workbooks written part by part here (so every feature is known to be in the file):
/// shared and inline strings, cached formula values, a formula error, a `%` format, a
/// date serial, merged header cells, and broken workbooks.
@Suite struct XlsxImportTests {
    static func workbook(_ parts: [String: String], name: String = "in.xlsx") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-xlsx-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url.path
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func parts(sheets: [(String, String)], strings: [String]?, extra: [String: String] = [:]) -> [String: String] {
        var parts: [String: String] = [:]
        parts["xl/workbook.xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets>"
            + sheets.enumerated().map { "<sheet name=\"\($0.element.0)\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
            + "</sheets></workbook>"
        parts["xl/_rels/workbook.xml.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
            + "</Relationships>"
        for (index, sheet) in sheets.enumerated() {
            parts["xl/worksheets/sheet\(index + 1).xml"] = "<?xml version=\"1.0\"?><worksheet xmlns=\"\(main)\">\(sheet.1)</worksheet>"
        }
        if let strings {
            parts["xl/sharedStrings.xml"] = "<?xml version=\"1.0\"?><sst xmlns=\"\(main)\" count=\"\(strings.count)\">"
                + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        }
        parts["xl/styles.xml"] = "<?xml version=\"1.0\"?><styleSheet xmlns=\"\(main)\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.00%\"/></numFmts>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>"
        parts["[Content_Types].xml"] = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
        for (key, value) in extra { parts[key] = value }
        return parts
    }

    /// Sheet "Data": a BPS-style table with `P0` and `TPT` merged over their years.
    static let dataSheet = """
    <sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>TPT</t></is></c></row>
    <row r="2"><c r="B2"><v>2023</v></c><c r="C2"><v>2024</v></c><c r="D2" t="str"><v>2023</v></c><c r="E2"><v>2024</v></c></row>
    <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><f>ROUND(7.2712,2)</f><v>7.27</v></c><c r="C3" s="1"><v>0.0705</v></c><c r="D3"><v>8.47</v></c><c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
    <row r="4"><c r="A4" t="inlineStr"><is><t>Kota Bogor</t></is></c><c r="B4" t="s"><v>3</v></c><c r="C4"><v>6.53</v></c><c r="D4"><v>9.39</v></c></row>
    <row r="6"><c r="A6" t="s"><v>4</v></c></row>
    </sheetData>
    <mergeCells count="3"><mergeCell ref="A1:A2"/><mergeCell ref="B1:C1"/><mergeCell ref="D1:E1"/></mergeCells>
    """

    static let strings = ["Kabupaten/Kota", "P0", "Kab. Bogor", "–", "Sumber: sintetis, untuk uji"]

    static func plan(_ path: String, sheet: String?, options: Importer.Options = ImportTests.options()) throws -> Importer.Plan {
        var read = ImportReader.Options()
        read.sheet = sheet
        switch ImportReader.read(path: path, options: read) {
        case .success(let table):
            return Importer.plan(table: table, dataset: try ImportTests.dataset(), datasetFiles: ImportTests.files, options: options)
        case .failure(let issue):
            var plan = Importer.Plan()
            plan.issues = [issue]
            return plan
        }
    }

    @Test func sharedInlineFormulaPercentMergedHeaderAndFormulaError() throws {
        let path = try Self.workbook(Self.parts(sheets: [("Info", "<sheetData/>"), ("Data", Self.dataSheet)], strings: Self.strings))
        let plan = try Self.plan(path, sheet: "Data")
        #expect(ImportTests.messages(plan) == ["\(path):Data!E3: error: the formula in this cell gives the error #DIV/0!; fix the formula in the workbook"])
        let skipped = try Self.plan(path, sheet: "data", options: ImportTests.options { $0.skipBadRows = true })
        #expect(skipped.isClean)
        // Row 3 (Kab. Bogor) had the error and is skipped as a whole; "–" is no figure.
        #expect(skipped.added["indikator.csv"] == [["32.71", "kemiskinan", "2024", "6.53", "uji"], ["32.71", "tpt", "2023", "9.39", "uji"]])
        // Without the error cell, every kind of value comes through.
        let fixed = Self.dataSheet.replacingOccurrences(of: "<c r=\"E3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>", with: "<c r=\"E3\" t=\"s\"><v>3</v></c>")
        let clean = try Self.plan(try Self.workbook(Self.parts(sheets: [("Data", fixed)], strings: Self.strings)), sheet: nil)
        #expect(clean.isClean, "\(ImportTests.messages(clean))")
        #expect(clean.added["indikator.csv"] == [
            ["32.01", "kemiskinan", "2024", "7.05", "uji"], ["32.01", "tpt", "2023", "8.47", "uji"],
            ["32.71", "kemiskinan", "2024", "6.53", "uji"], ["32.71", "tpt", "2023", "9.39", "uji"],
        ])
        #expect(clean.unchanged == 1)  // Kab. Bogor 2023 7.27 (a cached formula value) is already there
    }

    @Test func recommendationsWithDateSerials() throws {
        let sheet = """
        <sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><c r="B1" t="inlineStr"><is><t>Rekomendasi</t></is></c><c r="C1" t="inlineStr"><is><t>OPD</t></is></c><c r="D1" t="inlineStr"><is><t>Tenggat</t></is></c><c r="E1" t="inlineStr"><is><t>No. HP</t></is></c></row>
        <row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>Perkuat kelas ibu hamil</t></is></c><c r="C2" t="inlineStr"><is><t>Dinas Kesehatan</t></is></c><c r="D2" s="2"><v>45657</v></c><c r="E2" t="inlineStr"><is><t>0812000000</t></is></c></row>
        </sheetData>
        """
        let path = try Self.workbook(Self.parts(sheets: [("RTL", sheet)], strings: nil), name: "aks.xlsx")
        let plan = try Self.plan(path, sheet: nil, options: ImportTests.options { $0.region = RegionCode("32.01"); $0.cycle = "2024 S2" })
        #expect(plan.isClean, "\(ImportTests.messages(plan))")
        #expect(ImportTests.messages(plan).count == 1)
        #expect(ImportTests.messages(plan).first?.hasPrefix("\(path):RTL!E1: note: column 'No. HP' not imported: personal data") == true)
        #expect(plan.added["rekomendasi.csv"] == [["AKS-01", "32.01", "2024 S2", "aks", "", "", "Perkuat kelas ibu hamil", "Dinas Kesehatan", "2024-12-31", "belum"]])
    }

    @Test func brokenWorkbooksGetClearMessages() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-xlsx-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let notZip = directory.appendingPathComponent("teks.xlsx").path
        try Data("kode,nama\n".utf8).write(to: URL(fileURLWithPath: notZip))
        #expect(ImportTests.messages(try Self.plan(notZip, sheet: nil), .id) == ["\(notZip): galat: bukan buku kerja .xlsx (bukan berkas zip); simpan ulang sebagai Excel Workbook (.xlsx)"])

        let noWorkbook = try Self.workbook(["[Content_Types].xml": "<Types/>"])
        #expect(ImportTests.messages(try Self.plan(noWorkbook, sheet: nil)) == ["\(noWorkbook): error: part 'xl/workbook.xml' is missing from the workbook; the file is damaged, save it again from Excel or LibreOffice"])

        let noSheet = try Self.workbook(Self.parts(sheets: [], strings: nil))
        #expect(ImportTests.messages(try Self.plan(noSheet, sheet: nil)) == ["\(noSheet): error: this workbook has no worksheet"])

        let path = try Self.workbook(Self.parts(sheets: [("Data", Self.dataSheet)], strings: nil))
        #expect(ImportTests.messages(try Self.plan(path, sheet: nil)) == ["\(path): error: part 'xl/sharedStrings.xml' is missing from the workbook; the file is damaged, save it again from Excel or LibreOffice"])
        #expect(ImportTests.messages(try Self.plan(path, sheet: "Nope")) == ["\(path): error: there is no sheet 'Nope' in this workbook"])

        // A sheet cut off in the middle (a download that stopped).
        let badXML = try Self.workbook(Self.parts(sheets: [("Data", "")], strings: nil,
                                                  extra: ["xl/worksheets/sheet1.xml": "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1"]))
        let damaged = ImportTests.messages(try Self.plan(badXML, sheet: nil))
        #expect(damaged.first?.hasPrefix("\(badXML): error: damaged workbook: xl/worksheets/sheet1.xml") == true, "\(damaged)")
    }

    @Test func dateSerialsAndNumberTexts() {
        #expect(XlsxReader.date(serial: 45657, date1904: false) == LocalDate(year: 2024, month: 12, day: 31))
        #expect(XlsxReader.date(serial: 1, date1904: false) == LocalDate(year: 1900, month: 1, day: 1))
        #expect(XlsxReader.date(serial: 61, date1904: false) == LocalDate(year: 1900, month: 3, day: 1))
        #expect(XlsxReader.date(serial: 0, date1904: true) == LocalDate(year: 1904, month: 1, day: 1))
        #expect(XlsxReader.date(serial: 44196, date1904: true) == LocalDate(year: 2025, month: 1, day: 1))
        #expect(XlsxReader.shortest(7.05) == "7.05")
        #expect(XlsxReader.shortest(1e-7) == "0.0000001")
        #expect(XlsxReader.shift("0.0705", by: 2) == "7.05")
        #expect(XlsxReader.shift("0.1", by: 2) == "10")
        #expect(XlsxReader.reference("AB12")! == (27, 12))
        #expect(XlsxReader.reference("12") == nil)
    }
}
