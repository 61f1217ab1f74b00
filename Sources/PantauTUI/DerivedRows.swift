import Foundation
import PantauKit

/// A memo of the rows derived from a state (`regionRows`, `recommendationRows`), kept by
/// the `DashboardContext` they were computed from.
///
/// Why: a frame asks for the same rows many times (each pane, the cursor clamps, the
/// Detail pane), and on the national dataset one computation can mean searching 91,599
/// names or sorting 50,000 recommendations. Every entry is keyed by ALL the inputs of its
/// computation (the context is implied), so a lookup returns exactly what computing would;
/// states stay values, `reduce` stays the only place state changes and views stay pure.
/// See docs/architecture.md, "Derived rows".
final class SelectorMemo: @unchecked Sendable {
    struct RegionKey: Equatable, Sendable {
        var parent: RegionIndex
        var filter: String
        var sort: RegionSortKey
        var weights: PriorityWeights
    }

    struct RecommendationKey: Equatable, Sendable {
        var region: RegionIndex
        var status: StatusFilter
        var owner: String?
        var origin: RecommendationOrigin?
    }

    /// One filter's matches in code order, before sorting.
    struct Search: Sendable {
        var parent: RegionIndex
        var folded: String
        var matches: [RegionIndex]
    }

    struct Entries: Sendable {
        var regions: [(key: RegionKey, rows: [RegionIndex])] = []
        var recommendations: [(key: RecommendationKey, rows: [Int])] = []
        /// Recent filters, newest last: typing one more character searches only the
        /// matches of the query before it; Backspace finds the shorter query here.
        var searches: [Search] = []
        /// Every recommendation in display order (depends on the context only).
        var order: [Int]?
    }

    /// How many entries of each kind are kept (a few states may be alive at once: undo,
    /// tests comparing two states).
    static let regionEntries = 4, recommendationEntries = 4, searchEntries = 64

    /// Guarded by `lock` (an NSLock, which ThreadSanitizer understands).
    private var storage = Entries()
    private let lock = NSLock()

    private func withLock<T>(_ body: (inout Entries) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&storage)
    }

    func regionRows(_ key: RegionKey, compute: (Search?) -> (rows: [RegionIndex], search: Search?)) -> [RegionIndex] {
        // Never compute under the lock: computing may ask for other rows.
        let (cached, narrowest) = withLock { entries -> ([RegionIndex]?, Search?) in
            if let hit = entries.regions.last(where: { $0.key == key }) { return (hit.rows, nil) }
            let folded = key.filter.isEmpty ? "" : Dataset.searchKey(key.filter)
            let codes = Dataset.searchesCodes(folded)
            // The longest earlier query of the same kind that this one extends.
            let base = entries.searches.filter {
                $0.parent == key.parent && folded.hasPrefix($0.folded) && Dataset.searchesCodes($0.folded) == codes
            }.max { $0.folded.utf8.count < $1.folded.utf8.count }
            return (nil, base)
        }
        if let cached { return cached }
        let result = compute(narrowest)
        withLock { entries in
            entries.regions.append((key, result.rows))
            if entries.regions.count > Self.regionEntries { entries.regions.removeFirst() }
            if let search = result.search, !entries.searches.contains(where: { $0.parent == search.parent && $0.folded == search.folded }) {
                entries.searches.append(search)
                if entries.searches.count > Self.searchEntries { entries.searches.removeFirst() }
            }
        }
        return result.rows
    }

    func recommendationOrder(compute: () -> [Int]) -> [Int] {
        if let order = withLock({ $0.order }) { return order }
        let order = compute()
        withLock { $0.order = order }
        return order
    }

    /// How the recommendations of a context differ from those of the one before: the
    /// places withdrawn (before), and added or changed (after). Every other one kept its
    /// order, its place shifted by what was withdrawn or added before it.
    struct Moves: Sendable {
        var removed: [Int] = []
        var added: [Int] = []
        var changed: [Int] = []
    }

    /// Takes over what stays true from the memo of the context this one follows: the
    /// display order of every recommendation, with the withdrawn ones taken out, the others
    /// renumbered, and the added and changed ones put in their places; and the name
    /// searches (names do not change with decisions). So a decision from another terminal
    /// costs what it changed, not a sort of 50,000.
    func carry(from previous: SelectorMemo, moves: Moves?, recommendations: [Recommendation], today: LocalDate) {
        let (order, searches) = previous.withLock { ($0.order, $0.searches) }
        var patched: [Int]?
        if let old = order, let moves, old.count - moves.removed.count + moves.added.count == recommendations.count {
            let removed = Set(moves.removed), added = moves.added.sorted()
            let removedSorted = moves.removed.sorted()
            // An old place → its new place: less what was withdrawn before it, plus what
            // was added at or before where it lands.
            func renumbered(_ index: Int) -> Int {
                guard !removedSorted.isEmpty || !added.isEmpty else { return index }
                var below = 0, above = removedSorted.count
                while below < above {
                    let middle = (below + above) / 2
                    if removedSorted[middle] < index { below = middle + 1 } else { above = middle }
                }
                var place = index - below
                for new in added where new <= place { place += 1 }
                return place
            }
            let moved = Set(moves.changed).union(added)
            var order: [Int] = []
            order.reserveCapacity(recommendations.count)
            for index in old where !removed.contains(index) {
                let place = renumbered(index)
                if !moved.contains(place) { order.append(place) }
            }
            for index in moved {
                let key = AppState.displayKey(recommendations[index], today: today)
                let item = (key.rank, key.deadline, index)
                // The first place whose recommendation comes after this one.
                var low = 0, high = order.count
                while low < high {
                    let middle = (low + high) / 2
                    let other = AppState.displayKey(recommendations[order[middle]], today: today)
                    if AppState.displayOrder((other.rank, other.deadline, order[middle]), before: item, recommendations) {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                order.insert(index, at: low)
            }
            patched = order
        }
        withLock { entries in
            entries.order = patched
            entries.searches = searches
        }
    }

    /// Whether the display order of every recommendation is remembered (tests).
    var hasOrder: Bool { withLock { $0.order != nil } }

    func recommendationRows(_ key: RecommendationKey, compute: () -> [Int]) -> [Int] {
        if let hit = withLock({ $0.recommendations.last(where: { $0.key == key })?.rows }) { return hit }
        let rows = compute()
        withLock { entries in
            entries.recommendations.append((key, rows))
            if entries.recommendations.count > Self.recommendationEntries { entries.recommendations.removeFirst() }
        }
        return rows
    }
}
