import Foundation

/// A table that answers one question (compare regions, 8-aksi scorecard, programmes): the
/// dashboard draws it as a full-screen view and `pantau report` prints it as Markdown,
/// CSV or JSON, so the screen and the minutes always show the same figures.
///
/// Rows have a label and one cell per column; a row may instead carry one `text` that
/// spans every column (a sentence such as the weakest actions in words).
public struct DecisionTable: Sendable, Equatable {
    public enum Tone: String, Sendable, Equatable {
        case normal, heading, dim, good, warning
    }

    public struct Row: Sendable, Equatable {
        /// A stable machine name (CSV/JSON `kunci`), e.g. `kemiskinan.nilai`.
        public var key: String
        public var label: String
        public var cells: [String]
        /// Text spanning every column (then `cells` is empty).
        public var text: String?
        public var tone: Tone
        /// Per-cell tones (empty = the row's tone everywhere).
        public var cellTones: [Tone]
        /// The text takes the whole width, label column included (a message such as "no data").
        public var fullWidth: Bool
        /// The region the row stands for: the dashboard lets the user select it and open it.
        public var region: RegionIndex?

        public init(key: String, label: String, cells: [String] = [], text: String? = nil, tone: Tone = .normal, cellTones: [Tone] = [],
                    fullWidth: Bool = false, region: RegionIndex? = nil) {
            self.key = key; self.label = label; self.cells = cells; self.text = text; self.tone = tone; self.cellTones = cellTones
            self.fullWidth = fullWidth; self.region = region
        }
    }

    public var title: String
    /// Header of the label column.
    public var labelHeader: String
    /// One header per value column (a region's name, a year).
    public var columns: [String]
    /// Second header line per column (code and province), may be empty.
    public var columnNotes: [String]
    /// Machine ids per column for CSV/JSON (region codes, years).
    public var columnKeys: [String]
    public var rows: [Row]
    /// Sentences under the table: method, reasons for missing data, illustrative data.
    public var notes: [String]

    public init(title: String, labelHeader: String, columns: [String], columnNotes: [String] = [], columnKeys: [String] = [],
                rows: [Row] = [], notes: [String] = []) {
        self.title = title; self.labelHeader = labelHeader; self.columns = columns; self.columnNotes = columnNotes
        self.columnKeys = columnKeys.isEmpty ? columns : columnKeys; self.rows = rows; self.notes = notes
    }

    // MARK: Output

    static func mdCell(_ text: String) -> String { DisplayText.sanitize(text).replacingOccurrences(of: "|", with: "\\|") }

    public func markdown() -> String {
        var out = "# " + Self.mdCell(title) + "\n\n"
        if columns.isEmpty {
            var previousKey = ""
            for row in rows {
                let text = row.text ?? row.cells.joined(separator: " · ")
                if row.tone == .heading {
                    out += (out.hasSuffix("\n\n") ? "" : "\n") + "## " + Self.mdCell(row.label) + "\n\n"
                    previousKey = ""
                    continue
                }
                if row.label.isEmpty && row.key == previousKey {
                    // A continuation (the next component): on the same item.
                    out.removeLast()
                    out += "; " + Self.mdCell(text) + "\n"
                    continue
                }
                out += "- " + (row.label.isEmpty ? "" : "**" + Self.mdCell(row.label.trimmingCharacters(in: .whitespaces)) + "**: ") + Self.mdCell(text) + "\n"
                previousKey = row.key
            }
        } else {
            let headers = columns.enumerated().map { index, name in
                index < columnNotes.count && !columnNotes[index].isEmpty ? name + " (" + columnNotes[index] + ")" : name
            }
            out += "| " + Self.mdCell(labelHeader) + " | " + headers.map(Self.mdCell).joined(separator: " | ") + " |\n"
            out += "|---|" + columns.map { _ in "---|" }.joined() + "\n"
            for row in rows {
                var label = Self.mdCell(row.label)
                // Markdown drops leading spaces: indentation becomes a visible marker.
                if label.hasPrefix("  ") { label = "· " + label.trimmingCharacters(in: .whitespaces) }
                if row.tone == .heading { label = "**" + label + "**" }
                let cells: [String]
                if let text = row.text {
                    cells = [Self.mdCell(text)] + Array(repeating: "", count: max(0, columns.count - 1))
                } else {
                    cells = (0..<columns.count).map { $0 < row.cells.count ? Self.mdCell(row.cells[$0]) : "" }
                }
                out += "| " + label + " | " + cells.joined(separator: " | ") + " |\n"
            }
        }
        if !notes.isEmpty {
            out += "\n" + notes.map { Self.mdCell($0) }.joined(separator: "\n\n") + "\n"
        }
        return out
    }

    /// Header `kunci,label,<column keys…>`; a spanning row puts its text in the first
    /// value column. Notes follow as rows with the key `catatan`.
    public func csv() -> String {
        var lines = [["kunci", "label"] + columnKeys]
        for row in rows {
            let cells = row.text.map { [$0] + Array(repeating: "", count: max(0, columnKeys.count - 1)) }
                ?? (0..<columnKeys.count).map { $0 < row.cells.count ? row.cells[$0] : "" }
            lines.append([row.key, row.label.trimmingCharacters(in: .whitespaces)] + cells)
        }
        for note in notes { lines.append(["catatan", note] + Array(repeating: "", count: columnKeys.count)) }
        return lines.map { $0.map(Self.csvCell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A shown number such as `+2,55` or `+0.08 %` is not a formula and stays as it is;
    /// any other text starting with `=`, `+`, `-` or `@` is neutralised (see `CSVWriter.cell`).
    static func csvCell(_ text: String) -> String {
        let clean = DisplayText.sanitize(text)
        if clean.hasPrefix("+"), clean.count > 1,
           clean.dropFirst().allSatisfy({ $0.isNumber || $0 == "," || $0 == "." || $0 == " " || $0 == "%" }) {
            return CSVWriter.escape(clean)
        }
        return CSVWriter.cell(clean)
    }

    struct JSONTable: Encodable {
        struct JSONRow: Encodable {
            let kunci: String
            let label: String
            let nilai: [String]
            let teks: String?

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(kunci, forKey: .kunci); try c.encode(label, forKey: .label)
                try c.encode(nilai, forKey: .nilai); try c.encode(teks, forKey: .teks) // null when the row has cells
            }
            enum CodingKeys: String, CodingKey { case kunci, label, nilai, teks }
        }
        let judul: String
        let kolom: [String]
        let kunci_kolom: [String]
        let baris: [JSONRow]
        let catatan: [String]
    }

    /// Keys sorted, so the output is stable; every string is shown as the screen shows it.
    public func json() -> String {
        let table = JSONTable(judul: title, kolom: columns, kunci_kolom: columnKeys,
                              baris: rows.map { .init(kunci: $0.key, label: $0.label.trimmingCharacters(in: .whitespaces), nilai: $0.cells, teks: $0.text) },
                              catatan: notes)
        return Self.encode(table)
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
        return FollowUpReport.escapingUnsafeScalars(text) + "\n"
    }
}
