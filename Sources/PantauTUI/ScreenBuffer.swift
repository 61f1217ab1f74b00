import PantauKit

/// What a cell means; a theme turns it into colours and attributes. Views never pick
/// colours themselves, so every theme (and monochrome) gets the same information.
public enum StyleRole: UInt8, Sendable, CaseIterable {
    case normal, dim, header, border, borderFocused, title, titleFocused
    case selected, selectedUnfocused, columnHeader, aggregate
    case good, bad, warning, overdue, hintKey, hint, flash, error, help
}

public struct Cell: Equatable, Sendable {
    /// One character (a scalar and up to four combining marks); empty for the second
    /// column of a wide character.
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
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
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
    /// Each scalar that takes columns starts a cell (wide ones two: the second cell is
    /// `""`), with the widths `wcwidth` gives, so the terminal puts every character
    /// where the buffer says; combining marks join the cell before them (at most four,
    /// as an ncurses cell holds five characters) and are dropped when there is none.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(size.width, x + (maxWidth ?? size.width))
        var column = x
        let clean = DisplayText.sanitize(text)
        if clean.utf8.allSatisfy({ $0 < 0x80 }) { // sanitised ASCII: one printable character per column
            for byte in clean.utf8 {
                if column + 1 > limit { break }
                if column >= 0 {
                    detachWideCharacter(x: column, y: y)
                    cells[y * size.width + column] = Cell(text: String(Unicode.Scalar(byte)), role: role)
                }
                column += 1
            }
            return column - x
        }
        var base: Int? // the cell that combining marks attach to
        for scalar in clean.unicodeScalars {
            let width = DisplayText.width(scalar)
            if width == 0 {
                if let base, cells[base].text.unicodeScalars.count < 5 { cells[base].text.unicodeScalars.append(scalar) }
                continue
            }
            base = nil
            if column + width > limit { break }
            if column >= 0 {
                for offset in 0..<width { detachWideCharacter(x: column + offset, y: y) }
                cells[y * size.width + column] = Cell(text: String(scalar), role: role)
                if width == 2 { cells[y * size.width + column + 1] = Cell(text: "", role: role) }
                base = y * size.width + column
            }
            column += width
        }
        return column - x
    }

    /// Before the cell at (x, y) is overwritten: if it is half of a wide character, the
    /// other half becomes a blank, so no half-drawn character is left in the buffer.
    private mutating func detachWideCharacter(x: Int, y: Int) {
        let index = y * size.width + x
        if cells[index].text.isEmpty {
            if x > 0 { cells[index - 1].text = " " }
        } else if x + 1 < size.width, cells[index + 1].text.isEmpty {
            cells[index + 1].text = " "
        }
    }

    /// Sets the role of a run of cells without changing their text (for highlighting a row).
    public mutating func restyle(x: Int, y: Int, width: Int, role: StyleRole) {
        guard y >= 0, y < size.height else { return }
        let start = max(0, x), end = min(size.width, x + width)
        guard start < end else { return }
        for column in start..<end {
            cells[y * size.width + column].role = role
        }
    }

    public mutating func fill(_ rect: Rect, role: StyleRole) {
        let left = max(0, rect.x), right = min(size.width, rect.x + rect.width)
        let top = max(0, rect.y), bottom = min(size.height, rect.y + rect.height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            detachWideCharacter(x: left, y: row)
            detachWideCharacter(x: right - 1, y: row)
            for column in left..<right {
                cells[row * size.width + column] = Cell(text: " ", role: role)
            }
        }
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
            // A wide character's stand-in is one column: its second cell becomes a blank.
            if DisplayText.width(text) == 2, index + 1 < cells.count, cells[index + 1].text.isEmpty { cells[index + 1].text = " " }
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
        case 0x00F7: return "/"                    // ÷
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
