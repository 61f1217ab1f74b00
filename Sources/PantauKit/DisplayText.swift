/// Text from data made safe and measurable for a terminal cell grid.
///
/// Everything from a dataset or the state file reaches the screen through `sanitize`
/// (`ScreenBuffer.put` calls it), and every width is measured as the text will look
/// after sanitising, with the same per-scalar widths as the C library's `wcwidth`
/// (glibc 2.36: Unicode 14.0), which ncurses and tmux use to place characters.
public enum DisplayText {
    /// The newest Unicode version whose characters the terminal side (glibc's `wcwidth`,
    /// ncurses, tmux) can measure; newer characters are shown as U+FFFD.
    static let newestMeasurableUnicode = (major: 14, minor: 0)

    /// Removes everything that could drive the terminal, reorder text or change how
    /// wide it draws:
    /// - tab, LF, CR and the Unicode line and paragraph separators become a space;
    /// - every other C0 control, DEL and every C1 control becomes U+FFFD, so no escape
    ///   sequence (CSI, OSC 52 clipboard writes, title changes…) survives and the
    ///   problem stays visible;
    /// - format characters (general category Cf) are removed: bidirectional overrides,
    ///   embeddings, isolates and marks (U+202A–202E, U+2066–2069, U+200E/F, U+061C),
    ///   zero-width spaces and joiners, the BOM, soft hyphens, tag characters;
    /// - the emoji and text presentation selectors U+FE0E/U+FE0F are removed (terminals
    ///   disagree on how wide they make the character before them);
    /// - unassigned code points, noncharacters and characters newer than the terminal's
    ///   tables (`newestMeasurableUnicode`) become U+FFFD.
    public static func sanitize(_ text: String) -> String {
        var needsWork = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte >= 0xC2 {
            needsWork = true; break
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch disposition(scalar) {
            case .keep: result.append(scalar)
            case .space: result.append(" ")
            case .replace: result.append("\u{FFFD}")
            case .remove: continue
            }
        }
        return String(result)
    }

    /// `sanitize` for text written on a stream (standard error, `pantau check`'s output):
    /// each line sanitised, the line breaks between them kept. The one sanitiser for every
    /// message pantau prints outside the dashboard.
    public static func sanitizeLines(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 >= 0xC2 }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { sanitize(String($0)) }.joined(separator: "\n")
    }

    enum Disposition: UInt8 { case keep, space, replace, remove }

    /// What `sanitize` does with one scalar.
    static func disposition(_ scalar: Unicode.Scalar) -> Disposition {
        let value = scalar.value
        if value < 0x80 { return value < 0x20 || value == 0x7F ? (value == 0x09 || value == 0x0A || value == 0x0D ? .space : .replace) : .keep }
        if value < 0x10000 { return Disposition(rawValue: basicPlane[Int(value)] >> 2)! }
        return computeDisposition(scalar)
    }

    /// Columns a scalar occupies on screen once sanitised, as `wcwidth` counts them:
    /// 0 for combining marks, Hangul medial vowels and final consonants, and what
    /// `sanitize` removes; 2 for East Asian wide and fullwidth characters and emoji;
    /// 1 for everything else, including controls (they show as U+FFFD or a space).
    public static func width(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value == 0xAD ? 0 : 1 } // soft hyphen is a format character
        if value < 0x10000 { return Int(basicPlane[Int(value)] & 3) }
        return computeWidth(scalar)
    }

    /// Builds the table below now (about 6 ms): the dashboard asks for it on a spare
    /// thread while the dataset loads, so that the first frame does not wait for it.
    public static func prepare() { _ = basicPlane.count }

    /// Disposition (bits 2–3) and width (bits 0–1) of every scalar below U+10000, worked
    /// out once: the Unicode property look-ups are too slow to repeat for every cell.
    static let basicPlane: [UInt8] = (0..<0x10000).map { value in
        // Surrogate code points are not scalars; a String never holds them.
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return Disposition.replace.rawValue << 2 | 1 }
        // Large uniform blocks, all assigned by Unicode 14: CJK ideographs, Hangul syllables, private use.
        if (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xAC00...0xD7A3).contains(value) { return 2 }
        if (0xE000...0xF8FF).contains(value) { return 1 }
        return computeDisposition(scalar).rawValue << 2 | UInt8(computeWidth(scalar))
    }

    static func computeDisposition(_ scalar: Unicode.Scalar) -> Disposition {
        let value = scalar.value
        switch value {
        case 0x09, 0x0A, 0x0D: return .space
        case 0x00...0x1F, 0x7F...0x9F: return .replace
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF: return .keep
        case 0xFE0E, 0xFE0F: return .remove
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .format: return .remove
        case .lineSeparator, .paragraphSeparator: return .space
        case .unassigned, .surrogate: return .replace
        case .privateUse: return .keep
        default: break
        }
        guard let age = properties.age,
              (age.major, age.minor) <= newestMeasurableUnicode else { return .replace }
        return .keep
    }

    static func computeWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value == 0xAD ? 0 : 1 }
        switch computeDisposition(scalar) {
        case .remove: return 0
        case .space, .replace: return 1
        case .keep: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) || value == 0x1171E { return 0 }
        if value < 0x1100 { return 1 }
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
    /// The result is sanitised.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let text = sanitize(text)
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

    /// Cuts an identifier or code in the middle, keeping its start and the part that
    /// tells it from its neighbours, its tail: `BOGOR-BRAC24-02` in 13 columns is
    /// `BOGOR-BRA…-02`. The tail is the text from the last separator (`-`, `.`, `_`,
    /// `/`, space) when it takes at most half the room, else the last third of the
    /// room. The result is sanitised and at most `columns` wide.
    public static func truncateMiddle(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        let text = sanitize(text)
        if width(text) <= columns { return text }
        guard columns >= 5 else { return truncate(text, to: columns) }
        let scalars = Array(text.unicodeScalars)
        let room = columns - 1
        var tailStart = scalars.count
        var tailWidth = 0
        if let separator = scalars.lastIndex(where: { "-._/ ".unicodeScalars.contains($0) }), separator > 0 {
            let w = scalars[separator...].reduce(0) { $0 + width($1) }
            if w <= room / 2 { tailStart = separator; tailWidth = w }
        }
        if tailStart == scalars.count {
            while tailStart > 0 && tailWidth + width(scalars[tailStart - 1]) <= room / 3 {
                tailStart -= 1
                tailWidth += width(scalars[tailStart])
            }
        }
        var head = String.UnicodeScalarView(), used = 0
        for scalar in scalars[..<tailStart] {
            if used + width(scalar) > room - tailWidth { break }
            head.append(scalar)
            used += width(scalar)
        }
        var result = head
        result.append("…")
        result.append(contentsOf: scalars[tailStart...])
        return String(result)
    }

    /// Pads with spaces (or cuts) to exactly `columns` columns. The result is sanitised.
    public static func pad(_ text: String, to columns: Int, alignRight: Bool = false, cutInMiddle: Bool = false) -> String {
        let cut = cutInMiddle ? truncateMiddle(text, to: columns) : truncate(text, to: columns)
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
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DFF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CFF, 0x18D00...0x18D08,
        0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B2FF,
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
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
