/// A key press, independent of the terminal library.
public enum Key: Hashable, Sendable {
    case character(Character)
    case tab, backTab, enter, escape, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case interrupt
    /// A control key (Ctrl plus a letter), as text fields use them: `C-a`, `C-e`, `C-u`,
    /// `C-w`, `C-k`. The letter is lower case.
    case control(Character)

    /// Parses the key names used by `pantau screen --keys` and in docs: a single
    /// character, or `Tab`, `S-Tab`, `Enter`, `Esc`, `BSpace`, `Space`, `Up`, `Down`,
    /// `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`, and `C-a` … `C-z` for control keys.
    public init?(name: String) {
        switch name {
        case "Tab": self = .tab
        case "S-Tab", "BTab": self = .backTab
        case "Enter", "Return": self = .enter
        case "Esc", "Escape": self = .escape
        case "BSpace", "Backspace": self = .backspace
        case "Delete", "Del", "DC": self = .delete
        case "Space": self = .character(" ")
        case "Up", "↑": self = .up
        case "Down", "↓": self = .down
        case "Left", "←": self = .left
        case "Right", "→": self = .right
        case "PgUp", "PageUp", "PPage": self = .pageUp
        case "PgDn", "PageDown", "NPage": self = .pageDown
        case "Home": self = .home
        case "End": self = .end
        case _ where name.count == 3 && name.hasPrefix("C-") && name.last!.isLetter && name.last!.isASCII:
            self = .control(Character(name.last!.lowercased()))
        default:
            guard name.count == 1, let character = name.first else { return nil }
            self = .character(character)
        }
    }

    /// The name shown in help and hints.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "BSpace"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .interrupt: "^C"
        case .control(let c): "C-" + String(c)
        }
    }

    /// Parses a whitespace-separated list of key names; returns the first unknown name on failure.
    public static func parseList(_ text: String) -> Result<[Key], KeyNameError> {
        var keys: [Key] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            guard let key = Key(name: String(word)) else { return .failure(KeyNameError(name: String(word))) }
            keys.append(key)
        }
        return .success(keys)
    }
}

public struct KeyNameError: Error, Sendable, Equatable {
    public let name: String
}

/// A mouse event at a screen cell, independent of the terminal library.
public struct MouseEvent: Equatable, Sendable {
    public enum Kind: Sendable, Equatable { case click, doubleClick, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
