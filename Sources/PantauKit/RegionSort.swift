/// The columns of the Regions pane that a list can be sorted by.
public enum RegionSortKey: String, Sendable, CaseIterable {
    case code, name, poverty, stunting, pending, overdue
    /// The transparent priority score (docs/scores.md), highest first.
    case priority

    public func title(_ lang: Language) -> String {
        switch self {
        case .code: lang.pick("kode", "code")
        case .name: lang.pick("nama", "name")
        case .poverty: lang.pick("kemiskinan", "poverty")
        case .stunting: "stunting"
        case .pending: lang.pick("tertunda", "pending")
        case .overdue: lang.pick("lewat tenggat", "overdue")
        case .priority: lang.pick("prioritas", "priority")
        }
    }

    public var next: RegionSortKey {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

extension Dataset {
    /// Sorts regions by a column. Figures sort worst (highest) first, and regions without
    /// the figure go last; ties keep code order so the result is stable.
    public func sorted(_ list: [RegionIndex], by key: RegionSortKey, rollUp: RollUp,
                       weights: PriorityWeights = .standard) -> [RegionIndex] {
        func figure(_ indicator: IndicatorID) -> [RegionIndex: Double] {
            var values: [RegionIndex: Double] = [:]
            for region in list { if let h = headline(of: region, indicator) { values[region] = h.latest.value } }
            return values
        }
        func byDescending(_ value: (RegionIndex) -> Double?) -> [RegionIndex] {
            list.sorted { a, b in
                switch (value(a), value(b)) {
                case let (x?, y?): return x != y ? x > y : a < b
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            }
        }
        switch key {
        case .code: return zip(list, list.dropFirst()).allSatisfy { $0 < $1 } ? list : list.sorted()
        case .name:
            return list.sorted {
                let x = searchNames[Int($0)], y = searchNames[Int($1)]
                return x != y ? x < y : $0 < $1
            }
        case .poverty: let values = figure(.kemiskinan); return byDescending { values[$0] }
        case .stunting: let values = figure(.stunting); return byDescending { values[$0] }
        case .pending: return byDescending { Double(rollUp.pending($0)) }
        case .overdue: return byDescending { Double(rollUp.overdue($0)) }
        case .priority:
            // Ranked among siblings; a list that is not one parent's children (a search)
            // has no common ranking and keeps code order.
            guard let first = list.first, let parent = regions[Int(first)].parent,
                  list.allSatisfy({ regions[Int($0)].parent == parent }) else { return list.sorted() }
            let order = priorityRanking(of: parent, weights: weights, rollUp: rollUp).map(\.region)
            let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            return list.sorted { (position[$0] ?? .max, $0) < (position[$1] ?? .max, $1) }
        }
    }
}
