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

    /// Memoised per context (`SelectorMemo`): keyed by every input, so the same as computing.
    public var regionRows: [RegionIndex] {
        let key = SelectorMemo.RegionKey(parent: listedParent, filter: filterText, sort: sortKey, weights: weights)
        return context.memo.regionRows(key) { narrowest in
            let dataset = self.dataset
            if filterText.isEmpty {
                return ([listedParent] + dataset.sorted(dataset.children(of: listedParent), by: sortKey, rollUp: context.rollUp, weights: weights), nil)
            }
            let folded = Dataset.searchKey(filterText)
            let matches: [RegionIndex]
            if folded.isEmpty {
                matches = dataset.children(of: listedParent)
            } else if let narrowest {
                matches = dataset.search(folded: folded, among: narrowest.matches)
            } else {
                let range = dataset.subtree(listedParent)
                matches = dataset.search(folded: folded, among: (range.lowerBound + 1)..<range.upperBound)
            }
            let search = folded.isEmpty ? nil : SelectorMemo.Search(parent: listedParent, folded: folded, matches: matches)
            return (dataset.sorted(matches, by: sortKey, rollUp: context.rollUp, weights: weights), search)
        }
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
        let key = SelectorMemo.RecommendationKey(region: selectedRegion, status: statusFilter, owner: ownerFilter, origin: originFilter)
        return context.memo.recommendationRows(key) { computeRecommendationRows(key.region) }
    }

    private func computeRecommendationRows(_ region: RegionIndex) -> [Int] {
        let today = context.today
        let recommendations = dataset.recommendations
        let range = dataset.recommendationIndices(inSubtreeOf: region)
        let statusFilter = self.statusFilter, ownerFilter = self.ownerFilter, originFilter = self.originFilter
        return recommendations.withUnsafeBufferPointer { all in
            // Fields are read in place: copying a Recommendation retains all its texts.
            func accepted(_ index: Int) -> Bool {
                let accepts: Bool
                switch statusFilter {
                case .all: accepts = true
                case .pending: accepts = all[index].status.isPending
                case .overdue: accepts = all[index].status.isPending && (all[index].deadline.map { $0 < today } ?? false)
                case .done: accepts = all[index].status == .selesai
                case .cannot: accepts = all[index].status == .tidakDapat
                }
                return accepts && (ownerFilter == nil || all[index].owner == ownerFilter)
                    && (originFilter == nil || all[index].origin == originFilter)
            }
            // A large subtree (a province, the nation: up to 50,000) takes its rows from the
            // context's one ordering of every recommendation; the order is total (ids are
            // unique), so this equals sorting the subtree's rows.
            if range.count > 2_000 {
                let order = context.memo.recommendationOrder { Self.ordered(Array(recommendations.indices), recommendations, today: today) }
                return order.filter { range.contains($0) && accepted($0) }
            }
            return Self.ordered(range.filter(accepted), recommendations, today: today)
        }
    }

    /// The display order of recommendations, the one rule: pending first (overdue first
    /// among them), then done, then cannot; then by deadline (none last), then id.
    static func displayKey(_ recommendation: Recommendation, today: LocalDate) -> (rank: Int, deadline: Int) {
        let rank = recommendation.isOverdue(today: today) ? 0 : recommendation.status.isPending ? 1
            : recommendation.status == .selesai ? 2 : 3
        return (rank, recommendation.deadline.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? .max)
    }

    /// Whether `a` comes before `b` in the display order (`displayKey`, then id).
    static func displayOrder(_ a: (rank: Int, deadline: Int, index: Int), before b: (rank: Int, deadline: Int, index: Int),
                             _ recommendations: [Recommendation]) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if a.deadline != b.deadline { return a.deadline < b.deadline }
        return recommendations[a.index].id < recommendations[b.index].id
    }

    static func ordered(_ indices: [Int], _ recommendations: [Recommendation], today: LocalDate) -> [Int] {
        var keyed: [(rank: Int, deadline: Int, index: Int)] = []
        keyed.reserveCapacity(indices.count)
        for index in indices {
            let key = displayKey(recommendations[index], today: today)
            keyed.append((key.rank, key.deadline, index))
        }
        keyed.sort { displayOrder($0, before: $1, recommendations) }
        return keyed.map(\.index)
    }

    public var selectedRecommendation: Recommendation? {
        if let presentation, let region = presentation.current {
            // On a slide: the recommendation selected among those it lists.
            let pending = slideRecommendations(self, region)
            return pending.isEmpty ? nil : pending[min(presentation.selected, pending.count - 1)]
        }
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
