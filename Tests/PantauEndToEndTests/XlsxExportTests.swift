import Foundation
import Testing

/// 18.2: `pantau report … --format xlsx --out FILE` for the minutes and every decision
/// view, read back by an independent reader (Debian's python3-openpyxl): the same values
/// as the CSV, typed (numbers, dates, date-times; codes stay text), a bold frozen header,
/// column widths, and the sources on their own sheet.
@Suite struct XlsxExportTests {
    static let checker = """
        import csv, datetime, io, json, sys
        import openpyxl
        workbook_path, csv_text = sys.argv[1], sys.stdin.read()
        book = openpyxl.load_workbook(workbook_path)
        sheet = book.worksheets[0]
        problems = []
        rows = list(csv.reader(io.StringIO(csv_text)))
        def plain(cell):
            return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@") else cell
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row, start=1):
                value = sheet.cell(row=r, column=c).value
                text = plain(text)
                if text == "":
                    ok = value is None
                elif isinstance(value, datetime.datetime):
                    ok = value.strftime("%Y-%m-%dT%H:%M:%SZ") == text if "T" in text else value.date().isoformat() == text
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ok = float(text) == float(value)
                else:
                    ok = value == text
                if not ok:
                    problems.append(f"{sheet.cell(row=r, column=c).coordinate}: {value!r} for {text!r}")
        header_bold = all(cell.font.b for cell in sheet[1] if cell.value is not None)
        kinds = {}
        for column in sheet.iter_cols(min_row=2):
            name = column[0].offset(row=-1).value
            kinds[name] = sorted({type(cell.value).__name__ for cell in column if cell.value is not None})
        print(json.dumps({"sheets": book.sheetnames, "frozen": sheet.freeze_panes, "bold": header_bold,
                          "rows": sheet.max_row, "csv_rows": len(rows), "problems": problems[:5], "kinds": kinds,
                          "widths": [sheet.column_dimensions[l].width for l in "AB"],
                          "sources": [row[0].value for row in book.worksheets[1].iter_rows(min_row=2)]}))
        """

    struct Checked: Decodable {
        let sheets: [String]
        let frozen: String?
        let bold: Bool
        let rows: Int
        let csv_rows: Int
        let problems: [String]
        let kinds: [String: [String]]
        let widths: [Double]
        let sources: [String]
    }

    /// Writes the report as xlsx and as csv, and checks the workbook against the CSV.
    func export(_ arguments: [String], data: String, in directory: URL) throws -> Checked {
        let book = directory.appendingPathComponent("laporan-\(UUID().uuidString.prefix(6)).xlsx").path
        let common = ["report", "--data", data, "--today", "2026-11-23"] + arguments
        let written = try run(pantauBinary, common + ["--format", "xlsx", "--out", book])
        #expect(written.status == 0 && written.output.isEmpty, "\(written.error)")
        let csv = try run(pantauBinary, common + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.error)")
        let input = directory.appendingPathComponent("in-\(UUID().uuidString.prefix(6)).csv").path
        try csv.output.write(toFile: input, atomically: true, encoding: .utf8)
        let checked = try run("/bin/sh", ["-c", "/usr/bin/python3 -c \(shellQuote(Self.checker)) \(shellQuote(book)) < \(shellQuote(input))"])
        #expect(checked.status == 0, "\(checked.error)")
        return try JSONDecoder().decode(Checked.self, from: Data(checked.output.utf8))
    }

    @Test func everyReportIsAWorkbookWithTheCSVsValuesTyped() throws {
        let directory = try sampleDataCopy("xlsx")
        defer { try? FileManager.default.removeItem(at: directory) }
        // Decisions for the minutes: one with a note that looks like a formula, which the
        // workbook keeps as text.
        try writeFirstSchemaState(directory.appendingPathComponent("pantau.sqlite").path, rows: [
            "(1, 'a', 'MUBA-AKS22-07', 'status', 'belum', 'proses', '=SUM(A1:A9)', 'siti', '2026-11-20T02:00:00Z', NULL)",
            "(2, 'b', 'MUBA-AKS22-03', 'tenggat', '2023-06-30', '2027-01-31', NULL, 'budi', '2026-11-23T03:15:00Z', NULL)",
        ])

        let minutes = try export(["--region", "16.06"], data: directory.path, in: directory)
        #expect(minutes.sheets == ["notulen", "sumber"])
        #expect(minutes.frozen == "A2" && minutes.bold)
        #expect(minutes.problems.isEmpty, "\(minutes.problems)")
        #expect(minutes.rows == minutes.csv_rows && minutes.rows > 5)
        #expect(minutes.kinds["waktu"] == ["datetime"], "\(minutes.kinds)")
        #expect(minutes.kinds["tenggat"] == ["datetime"], "\(minutes.kinds)")
        #expect(minutes.kinds["kode"] == ["str"], "\(minutes.kinds)")          // 16.06 stays a code
        #expect(minutes.kinds["tertunda"] == ["int"], "\(minutes.kinds)")
        #expect(minutes.kinds["catatan"] == ["str"], "\(minutes.kinds)")       // "=SUM(A1:A9)" is text, never a formula
        #expect(minutes.widths.allSatisfy { $0 >= 8 })
        #expect(minutes.sources.contains("bps-muba-p0-2024"))

        for view in [["--view", "targets", "--region", "32.01"], ["--view", "ranking", "--region", "16.06"],
                     ["--view", "scorecard", "--region", "64.74"], ["--view", "compare", "--region", "32.01,35.17"],
                     ["--view", "programmes", "--region", "32"]] {
            let checked = try export(view, data: directory.path, in: directory)
            #expect(checked.sheets == [view[1], "sumber"], "\(view)")
            #expect(checked.frozen == "A2" && checked.bold, "\(view)")
            #expect(checked.problems.isEmpty, "\(view): \(checked.problems)")
            #expect(checked.rows == checked.csv_rows, "\(view)")
        }
        let ranking = try export(["--view", "ranking", "--region", "16.06"], data: directory.path, in: directory)
        #expect(ranking.kinds["skor"]?.allSatisfy { $0 == "float" || $0 == "int" } == true, "\(ranking.kinds)")
    }

    @Test func aWorkbookNeedsAFileAndAFailedWriteLeavesNone() throws {
        let toTerminal = try run(pantauBinary, ["report", "--format", "xlsx"])
        #expect(toTerminal.status != 0)
        #expect(toTerminal.error.contains("--format xlsx: beri --out"), "\(toTerminal.error)")
        let full = try run(pantauBinary, ["report", "--format", "xlsx", "--out", "/dev/full"])
        #expect(full.status == 1)
        #expect(full.error.contains("/dev/full: galat: buku kerja tidak dapat ditulis"), "\(full.error)")
    }
}
