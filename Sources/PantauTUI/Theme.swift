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

    static func darkStyle(_ role: StyleRole) -> CellStyle {
        func on(_ fg: TerminalColour, _ bg: TerminalColour = .black) -> CellStyle { CellStyle(foreground: fg, background: bg) }
        var style: CellStyle
        switch role {
        case .normal, .hint, .help: style = on(.white)
        case .dim: style = on(.white); style.dim = true
        case .header: style = on(.black, .cyan); style.bold = true
        case .border: style = on(.white); style.dim = true
        case .borderFocused, .titleFocused: style = on(.cyan); style.bold = true
        case .title, .aggregate: style = on(.white); style.bold = true
        case .selected: style = on(.black, .cyan); style.bold = true
        case .selectedUnfocused: style = on(.white); style.reverse = true
        case .columnHeader: style = on(.white); style.bold = true; style.underline = true
        case .good: style = on(.green); style.bold = true
        case .bad, .overdue, .error: style = on(.red); style.bold = true
        case .warning: style = on(.yellow)
        case .flash: style = on(.yellow); style.bold = true
        case .hintKey: style = on(.black, .white); style.bold = true
        }
        return style
    }

    /// Dark text on white, for projectors and bright rooms: no yellow or cyan text,
    /// which wash out on a projected white background.
    static func lightStyle(_ role: StyleRole) -> CellStyle {
        func on(_ fg: TerminalColour, _ bg: TerminalColour = .white) -> CellStyle { CellStyle(foreground: fg, background: bg) }
        var style: CellStyle
        switch role {
        case .normal, .hint, .help, .border: style = on(.black)
        case .dim: style = on(.blue)
        case .header: style = on(.white, .blue); style.bold = true
        case .borderFocused, .titleFocused: style = on(.blue); style.bold = true
        case .title, .aggregate: style = on(.black); style.bold = true
        case .selected: style = on(.white, .blue); style.bold = true
        case .selectedUnfocused: style = on(.black); style.reverse = true
        case .columnHeader: style = on(.black); style.bold = true; style.underline = true
        case .good: style = on(.green); style.bold = true
        case .bad, .overdue, .error: style = on(.red); style.bold = true
        case .warning, .flash: style = on(.magenta); style.bold = true
        case .hintKey: style = on(.white, .black); style.bold = true
        }
        return style
    }

    /// White and yellow on black, bold, nothing dimmed.
    static func highContrastStyle(_ role: StyleRole) -> CellStyle {
        func on(_ fg: TerminalColour, _ bg: TerminalColour = .black) -> CellStyle { CellStyle(foreground: fg, background: bg, bold: true) }
        var style: CellStyle
        switch role {
        case .normal, .hint, .help, .dim, .border, .title, .aggregate: style = on(.white)
        case .header, .hintKey: style = on(.black, .white)
        case .borderFocused, .titleFocused, .flash, .warning: style = on(.yellow)
        case .selected: style = on(.black, .yellow)
        case .selectedUnfocused: style = on(.black, .white)
        case .columnHeader: style = on(.white); style.underline = true
        case .good: style = on(.green)
        case .bad, .overdue, .error: style = on(.red); style.underline = role == .overdue
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
