/// A Kemendagri region code such as `32.01` (Kabupaten Bogor). `0` is Indonesia.
///
/// The level follows from the number of dot-separated parts; the official shapes are
/// 2 digits (provinsi), 2 (kabupaten/kota), 2 (kecamatan) and 4 (desa/kelurahan).
public struct RegionCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String

    public static let indonesia = RegionCode(unchecked: "0")

    private static let partLengths = [2, 2, 2, 4]

    /// Validates the shape of a code; returns nil for anything that is not `0` or an
    /// official dotted code.
    public init?(_ text: String) {
        if text == "0" { self.text = text; return }
        // One pass: 2, 2, 2 and 4 digits, separated by single dots, 1 to 4 parts.
        var part = 0, length = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard length == Self.partLengths[part], part < 3 else { return nil }
                part += 1
                length = 0
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), length < Self.partLengths[part] else { return nil }
                length += 1
            }
        }
        guard length == Self.partLengths[part] else { return nil }
        self.text = text
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

    public var level: RegionLevel {
        if text == "0" { return .nasional }
        let dots = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
        return RegionLevel(rawValue: dots + 1) ?? .desa
    }

    /// The code one level up; Indonesia for a province; nil for Indonesia itself.
    public var parent: RegionCode? {
        if text == "0" { return nil }
        guard let lastDot = text.lastIndex(of: ".") else { return .indonesia }
        return RegionCode(unchecked: String(text[..<lastDot]))
    }

    /// Every ancestor from Indonesia down to the direct parent.
    public var ancestors: [RegionCode] {
        var chain: [RegionCode] = []
        var current = parent
        while let code = current { chain.append(code); current = code.parent }
        return chain.reversed()
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
        return lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8)
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
