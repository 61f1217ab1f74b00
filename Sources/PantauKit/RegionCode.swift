/// A Kemendagri region code such as `32.01` (Kabupaten Bogor). `0` is Indonesia.
///
/// The level follows from the number of dot-separated parts; the official shapes are
/// 2 digits (provinsi), 2 (kabupaten/kota), 2 (kecamatan) and 4 (desa/kelurahan).
public struct RegionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String

    public static let indonesia = RegionCode(unchecked: "0")

    /// Validates the shape of a code; returns nil for anything that is not `0` or an
    /// official dotted code.
    public init?(_ text: String) {
        guard Self.hasValidShape(text.utf8) else { return nil }
        self.text = text
    }

    /// Whether bytes have a code's shape: `0`, or 2, 2, 2 and 4 digits separated by
    /// single dots (1 to 4 parts). The loader checks bytes with it before making a String.
    @inline(__always)
    static func hasValidShape<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        if bytes.count == 1 { return bytes.first == UInt8(ascii: "0") }
        // Digits in each part: provinsi 2, kabupaten/kota 2, kecamatan 2, desa/kelurahan 4
        // (a function rather than an array, read for every byte of half a million codes).
        @inline(__always) func partLength(_ part: Int) -> Int { part == 3 ? 4 : 2 }
        var part = 0, length = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard part < 3, length == partLength(part) else { return false }
                part &+= 1
                length = 0
            } else {
                guard byte &- UInt8(ascii: "0") <= 9, length < partLength(part) else { return false }
                length &+= 1
            }
        }
        return length == partLength(part)
    }

    private init(unchecked text: String) { self.text = text }

    public var description: String { text }

    /// Hashes the code as one integer (four bits per character) rather than as text: a
    /// national dataset looks up ~600,000 codes while loading. Equal codes have equal text.
    public func hash(into hasher: inout Hasher) {
        var packed: UInt64 = 0
        for byte in text.utf8 { packed = packed &<< 4 | UInt64(byte & 0x0F) }
        hasher.combine(packed)
    }

    public static func == (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.text == rhs.text }

    /// A valid code's length alone tells its level (2, 5, 8 or 13 characters); loading
    /// asks for it for every region, so it counts bytes rather than dots.
    public var level: RegionLevel {
        switch text.utf8.count {
        case 2: .provinsi
        case 5: .kabupatenKota
        case 8: .kecamatan
        case 13: .desa
        default: .nasional  // "0"
        }
    }

    /// The code one level up; Indonesia for a province; nil for Indonesia itself.
    public var parent: RegionCode? {
        let length = text.utf8.count
        switch length {
        case 1: return nil
        case 2: return .indonesia
        default:
            // Parts have fixed widths, so the parent is a prefix of known length.
            let parentLength = length == 13 ? 8 : length - 3
            return RegionCode(unchecked: String(decoding: text.utf8.prefix(parentLength), as: UTF8.self))
        }
    }

    /// Every ancestor from Indonesia down to the direct parent.
    public var ancestors: [RegionCode] {
        var chain: [RegionCode] = []
        var current = parent
        while let code = current { chain.append(code); current = code.parent }
        return chain.reversed()
    }

    /// Whether `other` is the code one level up, without building the parent's text.
    public func isChild(of other: RegionCode) -> Bool {
        let length = text.utf8.count
        switch length {
        case 1: return false
        case 2: return other.text == "0"
        default:
            let parentLength = length == 13 ? 8 : length - 3
            guard other.text.utf8.count == parentLength else { return false }
            var child = text, parent = other.text
            return child.withUTF8 { a in
                parent.withUTF8 { b in (0..<parentLength).allSatisfy { a[$0] == b[$0] } }
            }
        }
    }

    public func isDescendant(of other: RegionCode) -> Bool {
        if other == .indonesia { return self != .indonesia }
        return text.count > other.text.count && text.hasPrefix(other.text + ".")
    }

    /// Numeric order part by part, which for fixed-width parts equals text order,
    /// except that Indonesia (`0`) comes first.
    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool {
        if lhs.text == "0" { return rhs.text != "0" }
        if rhs.text == "0" { return false }
        // Byte by byte on contiguous UTF-8 (the generic sequence comparison is several
        // times slower, and loading compares every code with the one before).
        var left = lhs.text, right = rhs.text
        return left.withUTF8 { a in
            right.withUTF8 { b in
                for index in 0..<min(a.count, b.count) where a[index] != b[index] { return a[index] < b[index] }
                return a.count < b.count
            }
        }
    }
}

public enum RegionLevel: Int, Sendable, CaseIterable, Comparable {
    case nasional = 0, provinsi, kabupatenKota, kecamatan, desa

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public func title(_ lang: Language) -> String {
        switch self {
        case .nasional: lang.pick("nasional", "national")
        case .provinsi: lang.pick("provinsi", "province")
        case .kabupatenKota: lang.pick("kabupaten/kota", "regency/city")
        case .kecamatan: lang.pick("kecamatan", "district")
        case .desa: lang.pick("desa/kelurahan", "village")
        }
    }
}
