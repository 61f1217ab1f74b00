/// The contract's field rules that more than one reader applies, each written once. The
/// loader's reporting parsers (`LoadContext.year`, `checkRange`), the byte decoding of
/// plainly valid fields in `LoadContext.loadObservations` and importers that write contract
/// files call these; the other rules live in one place each already: a code's shape in
/// `RegionCode.hasValidShape`, a date in `LocalDate(iso:)`, a number in `NumberParser`,
/// the indicator ids, origins and statuses in their enums' raw values.
public enum FieldRules {
    /// The years a figure, target, score or source may be for.
    public static let years = 1900...2100

    /// A year: exactly four ASCII digits, within `years`; nil otherwise.
    @inline(__always)
    public static func year<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        guard bytes.count == 4 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return years.contains(value) ? value : nil
    }

    /// The same for text.
    public static func year(_ text: String) -> Int? { year(text.utf8) }

    /// Whether an `indikator.csv` figure for `year` is in the future (after `currentYear`).
    @inline(__always)
    public static func isFuture(_ year: Int, currentYear: Int) -> Bool { year > currentYear }

    /// What is wrong with a value for an indicator of `unit`, or nil when it fits:
    /// percentages within 0–100, counts of people or families whole and not negative,
    /// the p1/p2 indices not negative. `text` is the value as written (for the message).
    @inline(__always)
    public static func valueProblem(_ value: Double, decimals: Int, unit: IndicatorUnit, text: String) -> DataProblem? {
        switch unit {
        case .percent: (0...100).contains(value) ? nil : .percentOutOfRange(text)
        case .people, .families: value < 0 || decimals > 0 ? .notWholeCount(text) : nil
        case .index: value < 0 ? .negativeValue(text) : nil
        }
    }

    /// The range of a convergence score (`konvergensi.csv`'s `nilai`).
    public static let scores = 0.0...100.0

    /// Whether a value fits its unit (`valueProblem` is nil).
    @inline(__always)
    public static func valueFits(_ value: Double, decimals: Int, unit: IndicatorUnit) -> Bool {
        valueProblem(value, decimals: decimals, unit: unit, text: "") == nil
    }
}
