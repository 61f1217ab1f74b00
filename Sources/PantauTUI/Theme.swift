import PantauKit

/// Colours a terminal can show; `defaultColour` keeps the user's own background.
public enum TerminalColour: Int16, Sendable, CustomStringConvertible {
    case defaultColour = -1, black = 0, red, green, yellow, blue, magenta, cyan, white

    public var description: String {
        switch self {
        case .defaultColour: "default"
        case .black: "black"
        case .red: "red"
        case .green: "green"
        case .yellow: "yellow"
        case .blue: "blue"
        case .magenta: "magenta"
        case .cyan: "cyan"
        case .white: "white"
        }
    }
}

public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColour
    public var background: TerminalColour
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
    /// The same look in the xterm 256-colour cube and grey ramp (indices 16–255), whose
    /// values every emulator shares, unlike the eight basic colours that each terminal
    /// (and each user) paints differently. Used when the terminal has 256 colours; the
    /// basic colours above are the fallback.
    public var foregroundIndex: Int16?
    public var backgroundIndex: Int16?
}

/// Maps meanings to looks. Every theme paints its own background, so a light theme is
/// light on any terminal. Monochrome uses attributes only, so nothing depends on colour.
public enum Theme: String, Sendable, CaseIterable {
    case dark, light
    case highContrast = "high-contrast"
    case monochrome

    public func title(_ lang: Language) -> String {
        switch self {
        case .dark: lang.pick("gelap", "dark")
        case .light: lang.pick("terang (proyektor)", "light (projector)")
        case .highContrast: lang.pick("kontras tinggi", "high contrast")
        case .monochrome: lang.pick("monokrom", "monochrome")
        }
    }

    public var next: Theme {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public func style(_ role: StyleRole) -> CellStyle {
        switch self {
        case .dark: Self.darkStyle(role)
        case .light: Self.lightStyle(role)
        case .highContrast: Self.highContrastStyle(role)
        case .monochrome: Self.monoStyle(role)
        }
    }

    // Each role names its basic colours and its 256-colour indices. Both tables keep text
    // at a contrast of at least 4.5:1 (borders 3:1) against the painted background, as
    // ThemeContrastTests computes: in the 256-colour cube exactly, and for the basic
    // colours against xterm's default palette. Where a basic colour cannot reach that as
    // text (green or magenta on white, red on black), the role becomes a badge: dark
    // text on the coloured background.

    static func darkStyle(_ role: StyleRole) -> CellStyle {
        func on(_ fg: TerminalColour, _ fgIndex: Int16, _ bg: TerminalColour = .black, _ bgIndex: Int16 = 16) -> CellStyle {
            CellStyle(foreground: fg, background: bg, foregroundIndex: fgIndex, backgroundIndex: bgIndex)
        }
        var style: CellStyle
        switch role {
        case .normal, .hint, .help: style = on(.white, 252)
        case .dim: style = on(.white, 245)
        case .header: style = on(.black, 16, .cyan, 44); style.bold = true
        case .border: style = on(.white, 242); style.dim = true
        case .borderFocused, .titleFocused: style = on(.cyan, 44); style.bold = true
        case .title, .aggregate: style = on(.white, 231); style.bold = true
        case .selected: style = on(.black, 16, .cyan, 44); style.bold = true
        case .selectedUnfocused: style = on(.white, 252); style.reverse = true
        case .columnHeader: style = on(.white, 252); style.bold = true; style.underline = true
        case .good: style = on(.green, 41); style.bold = true
        // Basic red on black is 3.6:1: a white-on-red badge in the fallback.
        case .bad, .overdue, .error: style = on(.white, 203, .red, 16); style.bold = true
        case .warning: style = on(.yellow, 220)
        case .flash: style = on(.yellow, 220); style.bold = true
        case .hintKey: style = on(.black, 16, .white, 252); style.bold = true
        }
        return style
    }

    /// Dark text on white, for projectors and bright rooms: no yellow, cyan, green or
    /// magenta text, which wash out on a projected white background.
    static func lightStyle(_ role: StyleRole) -> CellStyle {
        func on(_ fg: TerminalColour, _ fgIndex: Int16, _ bg: TerminalColour = .white, _ bgIndex: Int16 = 231) -> CellStyle {
            CellStyle(foreground: fg, background: bg, foregroundIndex: fgIndex, backgroundIndex: bgIndex)
        }
        var style: CellStyle
        switch role {
        case .normal, .hint, .help, .border: style = on(.black, 16)
        case .dim: style = on(.blue, 240)
        case .header: style = on(.white, 231, .blue, 19); style.bold = true
        case .borderFocused, .titleFocused: style = on(.blue, 19); style.bold = true
        case .title, .aggregate: style = on(.black, 16); style.bold = true
        case .selected: style = on(.white, 231, .blue, 19); style.bold = true
        case .selectedUnfocused: style = on(.black, 16); style.reverse = true
        case .columnHeader: style = on(.black, 16); style.bold = true; style.underline = true
        // Basic green on white is 1.7:1: a black-on-green badge; dark green in 256 colours.
        case .good: style = on(.black, 22, .green, 231); style.bold = true
        case .bad, .overdue, .error: style = on(.red, 124); style.bold = true
        // Basic magenta on white is 3.7:1: a black-on-yellow badge; dark amber in 256 colours.
        case .warning, .flash: style = on(.black, 94, .yellow, 231); style.bold = true
        case .hintKey: style = on(.white, 231, .black, 16); style.bold = true
        }
        return style
    }

    /// White and yellow on black, bold, nothing dimmed.
    static func highContrastStyle(_ role: StyleRole) -> CellStyle {
        func on(_ fg: TerminalColour, _ fgIndex: Int16, _ bg: TerminalColour = .black, _ bgIndex: Int16 = 16) -> CellStyle {
            CellStyle(foreground: fg, background: bg, bold: true, foregroundIndex: fgIndex, backgroundIndex: bgIndex)
        }
        var style: CellStyle
        switch role {
        case .normal, .hint, .help, .dim, .border, .title, .aggregate: style = on(.white, 231)
        case .header, .hintKey: style = on(.black, 16, .white, 231)
        case .borderFocused, .titleFocused, .flash, .warning: style = on(.yellow, 226)
        case .selected: style = on(.black, 16, .yellow, 226)
        case .selectedUnfocused: style = on(.black, 16, .white, 231)
        case .columnHeader: style = on(.white, 231); style.underline = true
        case .good: style = on(.green, 46)
        case .bad, .overdue, .error: style = on(.white, 203, .red, 16); style.underline = role == .overdue
        }
        return style
    }

    static func monoStyle(_ role: StyleRole) -> CellStyle {
        var style = CellStyle(foreground: .defaultColour, background: .defaultColour)
        switch role {
        case .header, .selected, .hintKey: style.reverse = true; style.bold = true
        case .selectedUnfocused: style.reverse = true
        case .borderFocused, .titleFocused, .title, .aggregate, .flash, .error, .bad, .good: style.bold = true
        case .columnHeader: style.underline = true; style.bold = true
        case .overdue: style.bold = true; style.underline = true
        case .dim, .border: style.dim = true
        case .normal, .warning, .hint, .help: break
        }
        return style
    }
}
