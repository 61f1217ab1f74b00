import Foundation

/// The one rule for text that enters pantau: CSV fields of the loader, text typed into a
/// form, and events copied between stores (`pantau state export|import`). Two values
/// that look the same must be the same value, and nothing invisible may ride along.
///
/// - **Identifiers and names** (recommendation and source ids, OPD names, authors):
///   NFC-normalised, leading and trailing white space (any Unicode space, NBSP
///   included) removed and inner runs of it made one space; refused when they hold a
///   control character (C0 including NUL, tab and line breaks, DEL, C1), an invisible
///   format character (zero-width space and joiners, bidirectional overrides,
///   embeddings and isolates, the BOM, soft hyphen, word joiner: general category Cf)
///   or a line or paragraph separator.
/// - **Free text** (notes, findings): NFC-normalised and trimmed; tab and line breaks
///   are kept; every other control character and the bidirectional controls (which
///   reorder what is shown) are refused.
///
/// Display is a separate, later guard: `DisplayText.sanitize` makes whatever is printed
/// safe for a terminal; these rules decide what is accepted as data at all.
public enum TextRules {
    /// Why a value was refused: the first offending character and where it is
    /// (1-based, in Unicode scalars of the value as given, as `DataIssue` columns count).
    public struct Violation: Error, Equatable, Sendable {
        public let scalar: Unicode.Scalar
        public let position: Int

        /// `U+200B (karakter tak terlihat) pada karakter ke-4`.
        public func message(_ lang: Language) -> String {
            lang.pick("\(TextRules.describe(scalar.value, lang)) pada karakter ke-\(position)",
                      "\(TextRules.describe(scalar.value, lang)) at character \(position)")
        }
    }

    /// An identifier or a name, canonical, or the first character that makes it unusable.
    public static func identifier(_ text: String) -> Result<String, Violation> {
        if isPlainASCII(text) { return .success(collapsingSpaces(text)) }
        if let violation = firstViolation(text, allowed: { _ in false }, refused: isInvisible) { return .failure(violation) }
        return .success(collapsingSpaces(text.precomposedStringWithCanonicalMapping))
    }

    /// Free text, canonical, or the first character that must not be in it.
    public static func freeText(_ text: String) -> Result<String, Violation> {
        let lineBreaksAndTab: (Unicode.Scalar) -> Bool = { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        if let violation = firstViolation(text, allowed: lineBreaksAndTab, refused: isBidiControl) { return .failure(violation) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(isPlainASCII(trimmed) ? trimmed : trimmed.precomposedStringWithCanonicalMapping)
    }

    /// The same canonical form for a value already stored (an older pantau may have
    /// kept it as typed): never refuses, drops what `identifier` would refuse. Used to
    /// group stored values, so that `Dinas Sosial ` and `Dinas\u{202E} Sosial` are one OPD.
    public static func canonicalName(_ text: String) -> String {
        if isPlainASCII(text) { return collapsingSpaces(text) }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isControl(scalar) && !isInvisible(scalar) { kept.append(scalar) }
        return collapsingSpaces(String(kept).precomposedStringWithCanonicalMapping)
    }

    /// `U+200B (karakter tak terlihat)`, `U+0000 (karakter kendali)`.
    public static func describe(_ value: UInt32, _ lang: Language) -> String {
        let code = "U+" + String(value, radix: 16, uppercase: true).leftPadded(to: 4)
        let control = value < 0x20 || (0x7F...0x9F).contains(value)
        let kind = control ? lang.pick("karakter kendali", "control character") : lang.pick("karakter tak terlihat", "invisible character")
        return "\(code) (\(kind))"
    }

    /// Whether UTF-8 bytes are an identifier already in canonical form made of printable
    /// ASCII (no leading, trailing or doubled space): the loader's fast path.
    @inline(__always)
    public static func isPlainIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte >= 0x7F || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return true
    }

    // MARK: Character classes

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Format characters (Cf) and the line and paragraph separators.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0xAD { return false }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Bidirectional embeddings, overrides, isolates and marks.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func firstViolation(_ text: String, allowed: (Unicode.Scalar) -> Bool,
                                       refused: (Unicode.Scalar) -> Bool) -> Violation? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if !allowed(scalar) && (isControl(scalar) || refused(scalar)) { return Violation(scalar: scalar, position: position) }
        }
        return nil
    }

    /// Printable ASCII only: nothing to normalise or refuse, only spaces to tidy.
    private static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Trims white space and makes each inner run of it one U+0020.
    private static func collapsingSpaces(_ text: String) -> String {
        var needsWork = false
        var previousSpace = true
        for scalar in text.unicodeScalars {
            let space = scalar.properties.isWhitespace
            if space && (previousSpace || scalar != " ") { needsWork = true; break }
            previousSpace = space
        }
        if !needsWork && !previousSpace { return text }
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
