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
