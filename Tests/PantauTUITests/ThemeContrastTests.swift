import Testing
@testable import PantauTUI

/// WCAG 2 contrast of every role in every colour theme, against the background the role
/// paints: at least 4.5:1 for text and 3:1 for border lines, in the xterm 256-colour cube
/// (the same values in every emulator) and, for terminals with eight colours, against
/// xterm's default palette.
@Suite struct ThemeContrastTests {
    typealias RGB = (red: Double, green: Double, blue: Double)

    /// xterm's default values of the eight basic colours.
    static func basic(_ colour: TerminalColour) -> RGB {
        switch colour {
        case .black, .defaultColour: (0, 0, 0)
        case .red: (205, 0, 0)
        case .green: (0, 205, 0)
        case .yellow: (205, 205, 0)
        case .blue: (0, 0, 238)
        case .magenta: (205, 0, 205)
        case .cyan: (0, 205, 205)
        case .white: (229, 229, 229)
        }
    }

    /// The standard values of indices 16–231 (6×6×6 cube) and 232–255 (grey ramp).
    static func indexed(_ index: Int16) -> RGB {
        if index >= 232 {
            let level = Double(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
        let levels: [Double] = [0, 95, 135, 175, 215, 255]
        let cube = Int(index) - 16
        return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
    }

    static func luminance(_ colour: RGB) -> Double {
        func channel(_ value: Double) -> Double {
            let c = value / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)
    }

    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// Foreground and background as painted, after `reverse`; `dim` (basic colours only:
    /// the terminal ignores it where indexed colours carry their own greys) is taken as
    /// halfway to the background, the dimmest rendering terminals use.
    static func painted(_ style: CellStyle, indexedColours: Bool) -> (text: RGB, background: RGB) {
        var text = indexedColours ? indexed(style.foregroundIndex!) : basic(style.foreground)
        var background = indexedColours ? indexed(style.backgroundIndex!) : basic(style.background)
        if style.reverse { swap(&text, &background) }
        if style.dim && !indexedColours {
            text = ((text.red + background.red) / 2, (text.green + background.green) / 2, (text.blue + background.blue) / 2)
        }
        return (text, background)
    }

    @Test(arguments: [Theme.dark, .light, .highContrast], [false, true])
    func everyRoleIsReadableAgainstItsBackground(theme: Theme, indexedColours: Bool) {
        for role in StyleRole.allCases {
            let style = theme.style(role)
            if indexedColours {
                guard let foreground = style.foregroundIndex, let background = style.backgroundIndex else {
                    Issue.record("\(theme) \(role) has no 256-colour look"); continue
                }
                #expect((16...255).contains(foreground) && (16...255).contains(background),
                        "\(theme) \(role): indices 0–15 are painted differently by every terminal")
            }
            let (text, background) = Self.painted(style, indexedColours: indexedColours)
            let needed = [.border, .borderFocused].contains(role) ? 3.0 : 4.5
            let ratio = Self.contrast(text, background)
            #expect(ratio >= needed, "\(theme) \(role) \(indexedColours ? "256" : "basic"): \(ratio) < \(needed)")
        }
    }

    @Test func theFormulaMatchesKnownValues() {
        #expect(abs(Self.contrast((0, 0, 0), (255, 255, 255)) - 21) < 0.01)
        #expect(abs(Self.contrast((255, 255, 255), (255, 255, 255)) - 1) < 0.001)
        // Basic green on xterm's white: the arrow colour the projector washed out.
        #expect(Self.contrast(Self.basic(.green), Self.basic(.white)) < 2)
        #expect(Self.indexed(196) == (255, 0, 0) && Self.indexed(244) == (128, 128, 128))
    }
}

import Foundation
