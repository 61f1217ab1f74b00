import PantauKit

/// A row of the Indicators pane.
public enum IndicatorRow: Equatable, Sendable {
    /// The indicator with its headline value.
    case indicator(IndicatorID)
    /// The target that applies and the gap to it (target owned by `owner`).
    case target(IndicatorID, owner: RegionIndex, Target)
    /// WHO public-health band of the latest survey stunting figure.
    case band(WHOBand)
    /// One published figure.
    case figure(Observation)
}

/// Values derived from the state that views and the reducer both need.
extension AppState {
    /// True when the first row of the Regions pane is the listed parent itself.
    public var regionRowsStartWithParent: Bool { filterText.isEmpty }

    public var regionRows: [RegionIndex] {
        if !filterText.isEmpty {
            return dataset.sorted(dataset.search(filterText, within: listedParent), by: sortKey, rollUp: context.rollUp, weights: weights)
        }
        return [listedParent] + dataset.sorted(dataset.children(of: listedParent), by: sortKey, rollUp: context.rollUp, weights: weights)
    }

    public var selectedRegion: RegionIndex {
        let rows = regionRows
        guard !rows.isEmpty else { return listedParent }
        return rows[min(max(0, regionCursor.selected), rows.count - 1)]
    }

    public var indicatorRows: [IndicatorRow] {
        let region = selectedRegion
        var rows: [IndicatorRow] = []
        for indicator in dataset.indicators(of: region) {
            rows.append(.indicator(indicator))
            if let headline = dataset.headline(of: region, indicator),
               let applicable = dataset.applicableTarget(for: region, indicator, year: headline.latest.year) {
                rows.append(.target(indicator, owner: applicable.owner, applicable.target))
            }
            if indicator == .stunting, let headline = dataset.headline(of: region, indicator) {
                rows.append(.band(WHOBand(prevalence: headline.latest.value)))
            }
            let figures = dataset.observations(of: region).filter { $0.indicator == indicator }
            for figure in figures.sorted(by: { ($0.year, $0.sourceID) > ($1.year, $1.sourceID) }) {
                rows.append(.figure(figure))
            }
        }
        return rows
    }

    /// Recommendations of the selected region and everything below it, filtered, pending
    /// first (overdue first among them, then by deadline).
    public var recommendationRows: [Int] {
        let today = context.today
        let range = dataset.recommendationIndices(inSubtreeOf: selectedRegion)
        let matching = range.filter { index in
            let recommendation = dataset.recommendations[index]
            return statusFilter.accepts(recommendation, today: today)
                && (ownerFilter == nil || recommendation.owner == ownerFilter)
                && (originFilter == nil || recommendation.origin == originFilter)
        }
        return matching.sorted { a, b in
            let x = dataset.recommendations[a], y = dataset.recommendations[b]
            func rank(_ r: Recommendation) -> Int {
                r.isOverdue(today: today) ? 0 : r.status.isPending ? 1 : r.status == .selesai ? 2 : 3
            }
            if rank(x) != rank(y) { return rank(x) < rank(y) }
            switch (x.deadline, y.deadline) {
            case let (p?, q?) where p != q: return p < q
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x.id < y.id
            }
        }
    }

    public var selectedRecommendation: Recommendation? {
        let rows = recommendationRows
        guard !rows.isEmpty else { return nil }
        return dataset.recommendations[rows[min(recommendationCursor.selected, rows.count - 1)]]
    }

    public var selectedIndicatorRow: IndicatorRow? {
        let rows = indicatorRows
        guard !rows.isEmpty else { return nil }
        return rows[min(indicatorCursor.selected, rows.count - 1)]
    }

    /// Owners (OPD) present among the selected region's recommendations, for `o`.
    var ownersInScope: [String] {
        Set(dataset.recommendationIndices(inSubtreeOf: selectedRegion).map { dataset.recommendations[$0].owner }).sorted()
    }
}
