import PantauKit

/// A one-line text field (the note, deadline and OPD of a decision form): its
/// characters, where the cursor is, and the first character shown when the text is
/// wider than the field.
///
/// Every edit costs time proportional to what it changes, not to the length of the
/// text, and drawing looks only at the characters on screen (`visible`), so typing or
/// pasting long text stays linear (issue 19, finding 14).
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Index into `characters`: the cursor stands before this character.
    public private(set) var cursor: Int
    /// The first character shown; kept so the cursor is in view (`keepVisible`).
    public private(set) var offset = 0

    public init(_ text: String = "") {
        characters = TextField.clean(text)
        cursor = characters.count
    }

    /// `text` with the cursor before character `cursor` (a follower's copy of a field).
    init(_ text: String, cursor: Int) {
        self.init(text)
        self.cursor = min(max(0, cursor), characters.count)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Text as a one-line field takes it: a line break or tab (also CR LF, one
    /// character in Swift) becomes a space; other control characters are dropped.
    static func clean(_ text: some StringProtocol) -> [Character] {
        var result: [Character] = []
        for character in text {
            if character.isNewline || character == "\t" { result.append(" "); continue }
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) { continue }
            result.append(character)
        }
        return result
    }

    /// Inserts typed or pasted text at the cursor.
    public mutating func insert(_ text: some StringProtocol) {
        let new = TextField.clean(text)
        if cursor == characters.count { characters.append(contentsOf: new) } else { characters.insert(contentsOf: new, at: cursor) }
        cursor += new.count
    }

    public mutating func replaceAll(with text: String) {
        characters = TextField.clean(text)
        cursor = characters.count
        offset = 0
    }

    /// BSpace: the character before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        if cursor == characters.count - 1 { characters.removeLast() } else { characters.remove(at: cursor) }
    }

    /// Del: the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    /// C-u: everything before the cursor.
    public mutating func deleteToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// C-k: everything from the cursor on.
    public mutating func deleteToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// C-w: the word before the cursor, and the spaces after it.
    public mutating func deleteWordBackward() {
        var start = cursor
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    private static func width(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += DisplayText.width(scalar) }
        return total
    }

    /// Scrolls so the cursor is in a field `width` columns wide; the column after the
    /// last character is the cursor's too. Walks only the characters between the old
    /// first one and the cursor, at most one screen's worth.
    public mutating func keepVisible(width: Int) {
        let width = max(1, width)
        offset = min(offset, cursor)
        // The cursor's own column (a wide character under it, or the end cell) must fit.
        var used = cursor < characters.count ? TextField.width(characters[cursor]) : 1
        var start = cursor
        while start > offset {
            let w = TextField.width(characters[start - 1])
            if used + w > width { break }
            used += w
            start -= 1
        }
        offset = start
    }

    /// What a field `width` columns wide shows: the text from `offset` (cut to the
    /// width) and the cursor's column in it. `‹`/`›` are not drawn here: the caller marks
    /// hidden text when `offset > 0` or `more` is true.
    public func visible(width: Int) -> (text: String, cursorColumn: Int, more: Bool) {
        var text = "", used = 0, cursorColumn = 0
        var index = min(offset, cursor)
        while index < characters.count {
            let w = TextField.width(characters[index])
            if used + w > width { break }
            if index == cursor { cursorColumn = used }
            text.append(characters[index])
            used += w
            index += 1
        }
        if cursor >= index { cursorColumn = min(used, max(0, width - 1)) }
        return (text, cursorColumn, index < characters.count)
    }
}
