/// Colours a terminal can show; `defaultColour` keeps the user's own background.
public enum TerminalColour: Int16, Sendable {
    case defaultColour = -1, black = 0, red, green, yellow, blue, magenta, cyan, white
}

public struct CellStyle: Equatable, Sendable {
    public var foreground: TerminalColour
    public var background: TerminalColour
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
}

/// Maps meanings to looks. Monochrome uses attributes only, so nothing depends on colour.
public enum Theme: String, Sendable, CaseIterable {
    case dark, monochrome

    public func style(_ role: StyleRole) -> CellStyle {
        switch self {
        case .dark: return Self.darkStyle(role)
        case .monochrome: return Self.monoStyle(role)
        }
    }

    static func darkStyle(_ role: StyleRole) -> CellStyle {
        switch role {
        case .normal: CellStyle(foreground: .defaultColour, background: .defaultColour)
        case .dim: CellStyle(foreground: .defaultColour, background: .defaultColour, dim: true)
        case .header: CellStyle(foreground: .black, background: .cyan, bold: true)
        case .border: CellStyle(foreground: .defaultColour, background: .defaultColour, dim: true)
        case .borderFocused: CellStyle(foreground: .cyan, background: .defaultColour, bold: true)
        case .title: CellStyle(foreground: .defaultColour, background: .defaultColour, bold: true)
        case .titleFocused: CellStyle(foreground: .cyan, background: .defaultColour, bold: true)
        case .selected: CellStyle(foreground: .black, background: .cyan, bold: true)
        case .selectedUnfocused: CellStyle(foreground: .defaultColour, background: .defaultColour, reverse: true)
        case .columnHeader: CellStyle(foreground: .defaultColour, background: .defaultColour, bold: true, underline: true)
        case .aggregate: CellStyle(foreground: .defaultColour, background: .defaultColour, bold: true)
        case .good: CellStyle(foreground: .green, background: .defaultColour, bold: true)
        case .bad: CellStyle(foreground: .red, background: .defaultColour, bold: true)
        case .warning: CellStyle(foreground: .yellow, background: .defaultColour)
        case .overdue: CellStyle(foreground: .red, background: .defaultColour, bold: true)
        case .hintKey: CellStyle(foreground: .black, background: .white, bold: true)
        case .hint: CellStyle(foreground: .defaultColour, background: .defaultColour)
        case .flash: CellStyle(foreground: .yellow, background: .defaultColour, bold: true)
        case .error: CellStyle(foreground: .red, background: .defaultColour, bold: true)
        case .help: CellStyle(foreground: .defaultColour, background: .defaultColour)
        }
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
