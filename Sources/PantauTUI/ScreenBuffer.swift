import PantauKit

/// What a cell means; a theme turns it into colours and attributes. Views never pick
/// colours themselves, so every theme (and monochrome) gets the same information.
public enum StyleRole: UInt8, Sendable, CaseIterable {
    case normal, dim, header, border, borderFocused, title, titleFocused
    case selected, selectedUnfocused, columnHeader, aggregate
    case good, bad, warning, overdue, hintKey, hint, flash, error, help
}

public struct Cell: Equatable, Sendable {
    /// One grapheme; empty for the second column of a wide character.
    public var text: String
    public var role: StyleRole

    public static let blank = Cell(text: " ", role: .normal)
}

public struct Size: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

public struct Point: Equatable, Sendable {
    public var x: Int
    public var y: Int
}

public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: max(0, width - 2), height: max(0, height - 2)) }
}

/// A frame as a grid of styled cells: what views produce and what the terminal shows.
public struct ScreenBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes: the selected row, for screen readers and magnifiers.
    public var cursor: Point?
    /// How roles look; the terminal falls back to monochrome when it has no colour.
    public var theme: Theme = .dark

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Writes text from (x, y), clipped at `x + maxWidth` and the screen edge. Text is
    /// sanitised here, the single door from data to the screen. Returns columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(size.width, x + (maxWidth ?? size.width))
        var column = x
        for character in DisplayText.sanitize(text) {
            let width = Self.width(of: character)
            if width == 0 { continue }
            if column + width > limit { break }
            if column >= 0 {
                cells[y * size.width + column] = Cell(text: String(character), role: role)
                if width == 2 { cells[y * size.width + column + 1] = Cell(text: "", role: role) }
            }
            column += width
        }
        return column - x
    }

    /// Sets the role of a run of cells without changing their text (for highlighting a row).
    public mutating func restyle(x: Int, y: Int, width: Int, role: StyleRole) {
        guard y >= 0, y < size.height else { return }
        for column in max(0, x)..<min(size.width, x + width) {
            cells[y * size.width + column].role = role
        }
    }

    public mutating func fill(_ rect: Rect, role: StyleRole) {
        for row in max(0, rect.y)..<min(size.height, rect.y + rect.height) {
            for column in max(0, rect.x)..<min(size.width, rect.x + rect.width) {
                cells[row * size.width + column] = Cell(text: " ", role: role)
            }
        }
    }

    static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let width = DisplayText.width(first)
        // A grapheme that starts with a combining mark still occupies one cell.
        return width == 0 && character.unicodeScalars.count > 1 ? 1 : width
    }

    /// The screen as plain text, one line per row, trailing spaces removed.
    public func text() -> String {
        var lines: [String] = []
        for row in 0..<size.height {
            var line = ""
            for column in 0..<size.width { line += cells[row * size.width + column].text }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One line per row giving each cell's role as a letter, for snapshots of styling.
    public func roleMap() -> String {
        let letters = Array("ndhbBtTsSca+-wokife?")
        var lines: [String] = []
        for row in 0..<size.height {
            var line = ""
            for column in 0..<size.width {
                line.append(letters[Int(cells[row * size.width + column].role.rawValue)])
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

extension ScreenBuffer {
    /// One letter per cell naming its look (colour and attributes) under `theme`, then a
    /// legend: golden files of themes check what a person sees, not only the text.
    public func styleMap(_ theme: Theme) -> String {
        var letters: [CellStyle: Character] = [:]
        var legend: [String] = []
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var lines: [String] = []
        for row in 0..<size.height {
            var line = ""
            for column in 0..<size.width {
                let style = theme.style(self[column, row].role)
                if letters[style] == nil {
                    let letter = alphabet[min(letters.count, alphabet.count - 1)]
                    letters[style] = letter
                    var attributes: [String] = []
                    if style.bold { attributes.append("bold") }
                    if style.reverse { attributes.append("reverse") }
                    if style.underline { attributes.append("underline") }
                    if style.dim { attributes.append("dim") }
                    legend.append("\(letter) = \(style.foreground) on \(style.background)" + (attributes.isEmpty ? "" : " " + attributes.joined(separator: "+")))
                }
                line.append(letters[style]!)
            }
            lines.append(line)
        }
        return (lines + [""] + legend).joined(separator: "\n")
    }
}

extension ScreenBuffer {
    /// Replaces every non-ASCII cell with an ASCII stand-in, for `--ascii` and for
    /// locales that are not UTF-8 (where such cells would show as blanks or garbage).
    public mutating func transliterateToASCII() {
        for index in cells.indices {
            let text = cells[index].text
            guard !text.isEmpty, !text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            cells[index].text = Self.asciiStandIn(text)
        }
    }

    static func asciiStandIn(_ text: String) -> String {
        guard let scalar = text.unicodeScalars.first else { return " " }
        switch scalar.value {
        case 0x2500, 0x2501: return "-"
        case 0x2502, 0x2503: return "|"
        case 0x250C...0x254B: return "+"
        case 0x2580...0x259F: return "#"          // block elements, block numerals
        case 0x2581...0x2588: return "#"
        case 0x25B2: return "^"                    // ▲
        case 0x25BC: return "v"                    // ▼
        case 0xFF1D: return "="                    // ＝
        case 0x25B6, 0x203A: return ">"            // ▶ ›
        case 0x2211: return "S"                    // ∑
        case 0x2026: return "."                    // …
        case 0x2013, 0x2014, 0x2212: return "-"    // – — −
        case 0x00B7, 0x2022, 0x25CF: return "*"    // · • ●
        case 0x2190: return "<"
        case 0x2192: return ">"
        case 0x2191: return "^"
        case 0x2193: return "v"
        case 0x00D7: return "x"                    // ×
        case 0x201C, 0x201D: return "\""
        case 0x2018, 0x2019: return "'"
        case 0x26A0: return "!"                    // ⚠
        case 0x258F: return "_"                    // ▏ text cursor
        case 0x2265: return ">"
        default:
            // Letters with accents keep their base letter; anything else becomes '?'.
            let base = TextFolding.fold(text).unicodeScalars.first { $0.isASCII }
            return base.map { String($0) } ?? "?"
        }
    }
}
