/// Which children of a region need intervention first (lokus)? A transparent score, also
/// written out in docs/scores.md:
///
/// 1. For each component (poverty P0, survey stunting, extreme poverty — latest figures —
///    and overdue recommendations), the children that have it are scaled to 0–100:
///    100 × (value − lowest) / (highest − lowest); when all are equal, every child gets 0.
/// 2. A child's score is the weighted mean of the components it has, with the weights of
///    missing components left out and the rest re-scaled to sum to 1 — so missing data
///    neither helps nor hurts, and the row says which components were missing.
/// 3. Higher score = higher priority. Equal scores share a rank (ties are shown as such)
///    and are listed in code order.
public struct PriorityWeights: Sendable, Equatable {
    public var poverty: Double
    public var stunting: Double
    public var extremePoverty: Double
    public var overdue: Double

    public static let standard = PriorityWeights(poverty: 0.3, stunting: 0.3, extremePoverty: 0.2, overdue: 0.2)

    public init(poverty: Double, stunting: Double, extremePoverty: Double, overdue: Double) {
        self.poverty = poverty; self.stunting = stunting; self.extremePoverty = extremePoverty; self.overdue = overdue
    }

    /// Parses `kemiskinan=0.3,stunting=0.3,ekstrem=0.2,lewat=0.2` (any subset; the rest keep
    /// their standard weight). Returns nil for an unknown name or a negative/invalid number.
    public static func parse(_ text: String) -> PriorityWeights? {
        var weights = PriorityWeights.standard
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let value = NumberParser.parse(pieces[1])?.value, value >= 0 else { return nil }
            switch pieces[0] {
            case "kemiskinan", "poverty": weights.poverty = value
            case "stunting": weights.stunting = value
            case "ekstrem", "kemiskinan_ekstrem", "extreme": weights.extremePoverty = value
            case "lewat", "overdue": weights.overdue = value
            default: return nil
            }
        }
        return weights
    }
}

public struct PriorityRow: Sendable, Equatable {
    public enum Component: String, Sendable, CaseIterable { case poverty, stunting, extremePoverty, overdue }

    public let region: RegionIndex
    public let rank: Int
    public let score: Double
    /// Scaled 0–100 value of each component the region has.
    public let components: [Component: Double]
    /// Raw values used (latest figure, or the overdue count).
    public let raw: [Component: Double]
    public let missing: [Component]
    public let tied: Bool
}

extension Dataset {
    public func priorityRanking(of parent: RegionIndex, weights: PriorityWeights, rollUp: RollUp) -> [PriorityRow] {
        let children = self.children(of: parent)
        typealias Component = PriorityRow.Component
        var raw: [RegionIndex: [Component: Double]] = [:]
        for child in children {
            var values: [Component: Double] = [:]
            if let h = headline(of: child, .kemiskinan) { values[.poverty] = h.latest.value }
            if let h = headline(of: child, .stunting) { values[.stunting] = h.latest.value }
            if let h = headline(of: child, .kemiskinanEkstrem) { values[.extremePoverty] = h.latest.value }
            values[.overdue] = Double(rollUp.overdue(child))
            raw[child] = values
        }
        func weight(_ component: Component) -> Double {
            switch component {
            case .poverty: weights.poverty
            case .stunting: weights.stunting
            case .extremePoverty: weights.extremePoverty
            case .overdue: weights.overdue
            }
        }
        var scaled: [RegionIndex: [Component: Double]] = [:]
        for component in Component.allCases {
            let present = children.compactMap { child in raw[child]?[component].map { (child, $0) } }
            guard let low = present.map(\.1).min(), let high = present.map(\.1).max() else { continue }
            for (child, value) in present {
                scaled[child, default: [:]][component] = high > low ? 100 * (value - low) / (high - low) : 0
            }
        }
        let scored: [(RegionIndex, Double)] = children.map { child in
            let parts = scaled[child] ?? [:]
            let totalWeight = parts.keys.reduce(0) { $0 + weight($1) }
            let score = totalWeight > 0 ? parts.reduce(0) { $0 + weight($1.key) * $1.value } / totalWeight : 0
            // Rounded to 0.01 so that ties are decided as a person reading the table would.
            return (child, (score * 100).rounded() / 100)
        }
        let ordered = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var rows: [PriorityRow] = []
        for (position, entry) in ordered.enumerated() {
            let rank = position > 0 && ordered[position - 1].1 == entry.1 ? rows[position - 1].rank : position + 1
            let tied = ordered.filter { $0.1 == entry.1 }.count > 1
            let parts = scaled[entry.0] ?? [:]
            rows.append(PriorityRow(region: entry.0, rank: rank, score: entry.1, components: parts, raw: raw[entry.0] ?? [:],
                                    missing: Component.allCases.filter { parts[$0] == nil }, tied: tied))
        }
        return rows
    }
}
