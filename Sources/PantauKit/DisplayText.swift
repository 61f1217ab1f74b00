/// Text from data made safe and measurable for a terminal cell grid.
public enum DisplayText {
    /// Removes everything that could drive the terminal or reorder text: C0 and C1
    /// controls (so no escape sequence survives), DEL, and bidirectional overrides,
    /// embeddings and isolates. Tabs and newlines become spaces; other controls become
    /// U+FFFD so that their presence stays visible.
    public static func sanitize(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte >= 0xC2 {
            needsWork = true; break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: result.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: result.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Columns a scalar occupies in a terminal: 0 for combining marks and zero-width
    /// characters, 2 for East Asian wide/fullwidth characters and emoji, else 1.
    public static func width(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (0x7F...0x9F).contains(value) ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0xFE00...0xFE0F).contains(value) { return 0 }
        for range in wideRanges where range.contains(value) { return 2 }
        return 1
    }

    /// Columns a string occupies.
    public static func width(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += width(scalar) }
        return total
    }

    /// Cuts `text` to at most `columns` columns, ending with `…` when something was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(text) <= columns { return text }
        var result = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let w = width(scalar)
            if used + w > columns - 1 { break }
            result.append(scalar)
            used += w
        }
        return String(result) + "…"
    }

    /// Pads with spaces (or cuts) to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: columns)
        let fill = String(repeating: " ", count: max(0, columns - width(cut)))
        return alignRight ? fill + cut : cut + fill
    }

    /// Splits text into lines of at most `columns` columns at spaces (a word longer than
    /// a line is cut hard). Existing line breaks start new paragraphs.
    public static func wrap(_ text: String, columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in sanitize(String(paragraph)).split(separator: " ") {
                var word = String(word)
                var wordWidth = width(word)
                while wordWidth > columns && word.unicodeScalars.count > 1 {
                    if !line.isEmpty { lines.append(line); line = ""; lineWidth = 0 }
                    var head = String.UnicodeScalarView(), used = 0
                    var rest = String.UnicodeScalarView()
                    for scalar in word.unicodeScalars {
                        // Always take at least one scalar, or a character wider than the
                        // line would never be consumed.
                        if rest.isEmpty && (head.isEmpty || used + width(scalar) <= columns) { head.append(scalar); used += width(scalar) }
                        else { rest.append(scalar) }
                    }
                    lines.append(String(head))
                    word = String(rest); wordWidth = width(word)
                }
                if line.isEmpty {
                    line = word; lineWidth = wordWidth
                } else if lineWidth + 1 + wordWidth <= columns {
                    line += " " + word; lineWidth += 1 + wordWidth
                } else {
                    lines.append(line); line = word; lineWidth = wordWidth
                }
            }
            lines.append(line)
        }
        return lines
    }

    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
        0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
        0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
        0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
        0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
        0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
        0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0,
        0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC,
        0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
        0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5,
        0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF,
        0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0,
        0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
