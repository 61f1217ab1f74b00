/// An immutable, indexed dataset. Regions are sorted by code with Indonesia at index 0,
/// so the subtree of any region is one contiguous range of indices.
public struct Dataset: Sendable {
    public let directory: String
    public let regions: [Region]
    public let sources: [String: Source]
    /// Sorted by region, then indicator, then year.
    public let observations: [Observation]
    public let targets: [Target]
    /// Sorted by region index so a subtree's recommendations are one range.
    public let recommendations: [Recommendation]
    public let convergence: [ConvergenceScore]
    public let programmes: [Programme]
    /// Warnings from loading (unknown files); errors never reach a Dataset.
    public let warnings: [DataIssue]

    let indexByCode: [RegionCode: RegionIndex]
    /// One past the last index of each region's subtree.
    let subtreeEnd: [RegionIndex]
    /// Observations of region i are `observationStart[i]..<observationStart[i + 1]`.
    let observationStart: [Int32]
    /// Lowercased names for filtering, built once.
    let searchNames: [String]
    /// The same names as one UTF-8 buffer: name i is `searchBytes[searchOffsets[i]..<searchOffsets[i + 1]]`,
    /// so a filter scans 91,599 names without touching a String.
    let searchBytes: [UInt8]
    let searchOffsets: [Int32]
    /// `Source.seriesFamily` of every source, worked out once (it folds and searches text).
    let families: [String: String]

    /// The indexes that depend on the regions alone. The loader builds them on one thread
    /// while the figures are checked on the other.
    struct RegionIndexes: Sendable {
        let subtreeEnd: [RegionIndex]
        let searchNames: [String]
        let searchBytes: [UInt8]
        let searchOffsets: [Int32]

        init(_ regions: [Region]) {
            // Regions are in code order, so a region's subtree ends where the next region that
            // is not its descendant starts. Walking backwards lets each region reuse its last
            // child's end.
            var ends = [RegionIndex](repeating: 0, count: regions.count)
            for index in stride(from: regions.count - 1, through: 0, by: -1) {
                if let last = regions[index].children.last {
                    ends[index] = ends[Int(last)]
                } else {
                    ends[index] = RegionIndex(index + 1)
                }
            }
            subtreeEnd = ends
            searchNames = regions.map { TextFolding.fold($0.name) }
            (searchBytes, searchOffsets) = Dataset.searchIndex(searchNames)
        }

        init(subtreeEnd: [RegionIndex], searchNames: [String], searchBytes: [UInt8], searchOffsets: [Int32]) {
            self.subtreeEnd = subtreeEnd
            self.searchNames = searchNames
            self.searchBytes = searchBytes
            self.searchOffsets = searchOffsets
        }
    }

    /// This dataset's region indexes, for a dataset over the same regions (`AsOf`).
    var regionIndexes: RegionIndexes {
        RegionIndexes(subtreeEnd: subtreeEnd, searchNames: searchNames, searchBytes: searchBytes, searchOffsets: searchOffsets)
    }

    /// `observationsInOrder`: the caller has checked that `observations` are already sorted.
    init(directory: String, regions: [Region], sources: [String: Source], observations: [Observation],
         targets: [Target], recommendations: [Recommendation], convergence: [ConvergenceScore],
         programmes: [Programme], warnings: [DataIssue], indexByCode: [RegionCode: RegionIndex]? = nil,
         regionIndexes: RegionIndexes? = nil, observationsInOrder: Bool = false) {
        self.directory = directory
        self.regions = regions
        self.sources = sources
        self.targets = targets
        self.convergence = convergence
        self.programmes = programmes
        self.warnings = warnings
        if let indexByCode {
            self.indexByCode = indexByCode
        } else {
            var byCode: [RegionCode: RegionIndex] = [:]
            byCode.reserveCapacity(regions.count)
            for (index, region) in regions.enumerated() { byCode[region.code] = RegionIndex(index) }
            self.indexByCode = byCode
        }

        let indexes = regionIndexes ?? RegionIndexes(regions)
        subtreeEnd = indexes.subtreeEnd
        searchNames = indexes.searchNames
        searchBytes = indexes.searchBytes
        searchOffsets = indexes.searchOffsets

        func inOrder(_ a: Observation, _ b: Observation) -> Bool {
            if a.region != b.region { return a.region < b.region }
            if a.indicator != b.indicator { return a.indicator.order < b.indicator.order }
            if a.year != b.year { return a.year < b.year }
            return a.sourceID < b.sourceID
        }
        // A file written region by region is already in order: checking is cheaper than sorting.
        // (Indices, not zip: zipping copies each observation, retaining its source id.)
        let alreadySorted = observationsInOrder || observations.withUnsafeBufferPointer { all in
            all.count < 2 || (1..<all.count).allSatisfy { !inOrder(all[$0], all[$0 - 1]) }
        }
        let sortedObservations = alreadySorted ? observations : observations.sorted(by: inOrder)
        self.observations = sortedObservations
        var starts = [Int32](repeating: 0, count: regions.count + 1)
        sortedObservations.withUnsafeBufferPointer { all in
            for index in all.indices { starts[Int(all[index].region) + 1] += 1 }
        }
        for index in 0..<regions.count { starts[index + 1] += starts[index] }
        observationStart = starts
        self.recommendations = Self.sortedByRegion(recommendations)
        families = sources.mapValues(\.seriesFamily)
    }

    /// Stable by region: sort small keys, then move each recommendation once. The loader
    /// calls it on its second thread, so that here it finds them sorted.
    static func sortedByRegion(_ recommendations: [Recommendation], regionCount: Int? = nil) -> [Recommendation] {
        let keys = recommendations.map(\.region)
        if zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) { return recommendations }
        guard let regionCount else {
            let order = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
            return order.map { recommendations[$0] }
        }
        // A counting sort: each region's place from the counts before it.
        var next = [Int](repeating: 0, count: regionCount + 1)
        for key in keys { next[Int(key) + 1] += 1 }
        for region in 0..<regionCount { next[region + 1] += next[region] }
        var order = [Int](repeating: 0, count: keys.count)
        for (position, key) in keys.enumerated() {
            order[next[Int(key)]] = position
            next[Int(key)] += 1
        }
        return order.map { recommendations[$0] }
    }

    static func searchIndex(_ names: [String]) -> ([UInt8], [Int32]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(names.reduce(0) { $0 + $1.utf8.count })
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(names.count + 1)
        for name in names {
            bytes.append(contentsOf: name.utf8)
            offsets.append(Int32(bytes.count))
        }
        return (bytes, offsets)
    }

    // MARK: Regions

    public var root: RegionIndex { 0 }

    public func region(_ index: RegionIndex) -> Region { regions[Int(index)] }

    public func index(of code: RegionCode) -> RegionIndex? { indexByCode[code] }

    public func children(of index: RegionIndex) -> [RegionIndex] { regions[Int(index)].children }

    /// Indices from Indonesia down to `index` itself.
    public func breadcrumb(_ index: RegionIndex) -> [RegionIndex] {
        var chain: [RegionIndex] = [index]
        var current = regions[Int(index)].parent
        while let parent = current { chain.append(parent); current = regions[Int(parent)].parent }
        return chain.reversed()
    }

    /// The index range of `index` and all its descendants.
    public func subtree(_ index: RegionIndex) -> Range<RegionIndex> { index..<subtreeEnd[Int(index)] }

    public func isInSubtree(_ candidate: RegionIndex, of index: RegionIndex) -> Bool {
        subtree(index).contains(candidate)
    }

    /// Regions below `index` (any depth) whose name contains `query` (case and accent
    /// insensitive) or whose code starts with it. Results keep code order.
    public func search(_ query: String, within index: RegionIndex, limit: Int = .max) -> [RegionIndex] {
        let folded = Self.searchKey(query)
        guard !folded.isEmpty else { return children(of: index) }
        let range = subtree(index)
        return search(folded: folded, among: (range.lowerBound + 1)..<range.upperBound, limit: limit)
    }

    /// The form of a query that `search` matches: trimmed and folded.
    public static func searchKey(_ query: String) -> String {
        TextFolding.fold(query.trimmingCharacters(in: .whitespaces))
    }

    /// Whether a folded query is matched against codes (digits and dots) rather than names.
    public static func searchesCodes(_ folded: String) -> Bool {
        folded.utf8.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
    }

    /// `search` over given candidates (in code order), for a query already folded with
    /// `searchKey`. The filter narrows as the user types: the regions matching "band" are
    /// found among those that matched "ban".
    public func search(folded: String, among candidates: [RegionIndex], limit: Int = .max) -> [RegionIndex] {
        searchAmong(folded: folded, candidates, limit: limit)
    }

    /// `search` over a range of region indices (a whole subtree).
    public func search(folded: String, among candidates: Range<RegionIndex>, limit: Int = .max) -> [RegionIndex] {
        searchAmong(folded: folded, candidates, limit: limit)
    }

    /// Specialised here for both kinds of candidates (a generic public function would run
    /// unspecialised from another module).
    @inline(__always)
    private func searchAmong<C: Collection>(folded: String, _ candidates: C, limit: Int) -> [RegionIndex]
    where C.Element == RegionIndex {
        guard !folded.isEmpty else { return Array(candidates) }
        var results: [RegionIndex] = []
        if Self.searchesCodes(folded) {
            let prefix = Array(folded.utf8)
            for candidate in candidates where regions[Int(candidate)].code.text.utf8.starts(with: prefix) {
                results.append(candidate)
                if results.count >= limit { break }
            }
            return results
        }
        let needle = Array(folded.utf8)
        let count = needle.count
        let first = needle[0]
        searchBytes.withUnsafeBufferPointer { names in
            needle.withUnsafeBufferPointer { needle in
                for candidate in candidates {
                    let start = Int(searchOffsets[Int(candidate)]), end = Int(searchOffsets[Int(candidate) + 1])
                    guard end - start >= count else { continue }
                    var position = start
                    let last = end - count
                    while position <= last {
                        if names[position] == first,
                           count == 1 || memcmp(names.baseAddress! + position + 1, needle.baseAddress! + 1, count - 1) == 0 {
                            results.append(candidate)
                            break
                        }
                        position += 1
                    }
                    if results.count >= limit { break }
                }
            }
        }
        return results
    }

    // MARK: Indicators

    /// Every observation of a region, sorted by indicator then year.
    public func observations(of region: RegionIndex) -> ArraySlice<Observation> {
        let index = Int(region)
        guard index >= 0, index + 1 < observationStart.count else { return [] }
        return observations[Int(observationStart[index])..<Int(observationStart[index + 1])]
    }

    public func indicators(of region: RegionIndex) -> [IndicatorID] {
        var seen: [IndicatorID] = []
        for observation in observations(of: region) where seen.last != observation.indicator {
            seen.append(observation.indicator)
        }
        return seen
    }

    /// The series of one indicator for one region, one per publisher, the headline series
    /// first. Figures from different publishers are never joined into one series: a
    /// regent's statement and a BPS release for the same year stay side by side.
    public func series(of region: RegionIndex, _ indicator: IndicatorID) -> [IndicatorSeries] {
        var byPublisher: [String: [Observation]] = [:]
        var order: [String] = []
        for observation in observations(of: region) where observation.indicator == indicator {
            let publisher = families[observation.sourceID] ?? observation.sourceID
            if byPublisher[publisher] == nil { order.append(publisher) }
            byPublisher[publisher, default: []].append(observation)
        }
        let all = order.map { IndicatorSeries(indicator: indicator, publisher: $0, points: onePerYear(byPublisher[$0]!)) }
        // Headline: the longest series, then the most recent, then publisher name for stability.
        return all.sorted {
            ($0.points.count, $0.points.last!.year, $1.publisher) > ($1.points.count, $1.points.last!.year, $0.publisher)
        }
    }

    /// One figure per year within a series: when two offices of the same family publish
    /// the same year (a national and a kabupaten BPS release), the more recent
    /// publication wins, then the source id; the other stays visible in the pane.
    private func onePerYear(_ points: [Observation]) -> [Observation] {
        var byYear: [Int: Observation] = [:]
        for point in points {
            guard let existing = byYear[point.year] else { byYear[point.year] = point; continue }
            let a = (sources[point.sourceID]?.year ?? 0, point.sourceID)
            let b = (sources[existing.sourceID]?.year ?? 0, existing.sourceID)
            if a > b { byYear[point.year] = point }
        }
        return byYear.values.sorted { $0.year < $1.year }
    }

    /// Latest value and trend of the headline series.
    public func headline(of region: RegionIndex, _ indicator: IndicatorID) -> Headline? {
        guard let series = series(of: region, indicator).first, let latest = series.points.last else { return nil }
        let previous = series.points.dropLast().last
        return Headline(latest: latest, previous: previous)
    }

    /// Targets for an indicator: the region's own, else those of the nearest ancestor
    /// that has any (a kabupaten without its own target is shown the national one).
    public func targets(for region: RegionIndex, _ indicator: IndicatorID) -> (owner: RegionIndex, targets: [Target])? {
        for candidate in breadcrumb(region).reversed() {
            let found = targets.filter { $0.region == candidate && $0.indicator == indicator }.sorted { $0.year < $1.year }
            if !found.isEmpty { return (candidate, found) }
        }
        return nil
    }

    /// The target that applies to a figure of `year`: the first target year at or after
    /// it, else the last one.
    public func applicableTarget(for region: RegionIndex, _ indicator: IndicatorID, year: Int) -> (owner: RegionIndex, target: Target)? {
        guard let found = targets(for: region, indicator) else { return nil }
        let target = found.targets.first { $0.year >= year } ?? found.targets.last!
        return (found.owner, target)
    }

    // MARK: Recommendations

    /// Indices into `recommendations` for a region and everything below it.
    public func recommendationIndices(inSubtreeOf index: RegionIndex) -> Range<Int> {
        let range = subtree(index)
        let lower = firstRecommendation(atOrAfter: range.lowerBound)
        let upper = firstRecommendation(atOrAfter: range.upperBound)
        return lower..<upper
    }

    private func firstRecommendation(atOrAfter region: RegionIndex) -> Int {
        var low = 0, high = recommendations.count
        while low < high {
            let mid = (low + high) / 2
            if recommendations[mid].region < region { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Pending and overdue counts for every region, each including all its descendants.
    public func rollUp(today: LocalDate) -> RollUp {
        var pending = [Int32](repeating: 0, count: regions.count)
        var overdue = [Int32](repeating: 0, count: regions.count)
        for recommendation in recommendations where recommendation.status.isPending {
            pending[Int(recommendation.region)] += 1
            if recommendation.isOverdue(today: today) { overdue[Int(recommendation.region)] += 1 }
        }
        // Children always come after their parent, so one backward pass adds each
        // region's complete total into its parent.
        for index in stride(from: regions.count - 1, through: 1, by: -1) {
            if let parent = regions[index].parent {
                pending[Int(parent)] += pending[index]
                overdue[Int(parent)] += overdue[index]
            }
        }
        return RollUp(today: today, pending: pending, overdue: overdue)
    }

    /// `previous` (this dataset's roll-up before some recommendations changed) updated
    /// for `changes`: each changed recommendation's old count is taken off its region and
    /// every region above it, and its new one added. The cost is the changes times the
    /// depth of the tree (at most 5), not the number of recommendations.
    public func rollUp(_ previous: RollUp, changing changes: [(before: Recommendation, after: Recommendation)]) -> RollUp {
        var pending = previous.pending, overdue = previous.overdue
        let today = previous.today
        func add(_ recommendation: Recommendation, _ sign: Int32) {
            guard recommendation.status.isPending else { return }
            let late = recommendation.isOverdue(today: today)
            var region: RegionIndex? = recommendation.region
            while let index = region {
                pending[Int(index)] += sign
                if late { overdue[Int(index)] += sign }
                region = regions[Int(index)].parent
            }
        }
        for change in changes {
            add(change.before, -1)
            add(change.after, 1)
        }
        return RollUp(today: today, pending: pending, overdue: overdue)
    }

    // MARK: Convergence and programmes

    public func convergenceScores(of region: RegionIndex) -> [ConvergenceScore] {
        convergence.filter { $0.region == region }.sorted { ($0.year, $0.action.rawValue) < ($1.year, $1.action.rawValue) }
    }

    /// Programmes run in a region or in any region above it (which cover it too).
    public func programmes(covering region: RegionIndex) -> [Programme] {
        let chain = Set(breadcrumb(region))
        return programmes.filter { chain.contains($0.region) }
    }
}

extension Source {
    /// The statistical series a source belongs to. Releases of any BPS office (national,
    /// provincial, kabupaten) continue one official series, as do Ministry of Health
    /// surveys; any other publisher (a regent's statement, a press article) is its own
    /// series and is never joined to these.
    public var seriesFamily: String {
        let folded = TextFolding.fold(publisher)
        if folded.hasPrefix("bps") || folded.contains("badan pusat statistik") { return "BPS" }
        if folded.contains("kementerian kesehatan") || folded.contains("kemenkes") { return "Kementerian Kesehatan" }
        return publisher
    }
}

public struct IndicatorSeries: Sendable, Equatable {
    public let indicator: IndicatorID
    /// The series family (see `Source.seriesFamily`).
    public let publisher: String
    /// Sorted by year, oldest first.
    public let points: [Observation]
}

public enum Trend: Sendable, Equatable {
    case up, down, same

    public var symbol: String {
        switch self {
        case .up: "▲"
        case .down: "▼"
        case .same: "＝"
        }
    }

    public func title(_ lang: Language) -> String {
        switch self {
        case .up: lang.pick("naik", "up")
        case .down: lang.pick("turun", "down")
        case .same: lang.pick("tetap", "unchanged")
        }
    }
}

public struct Headline: Sendable, Equatable {
    public let latest: Observation
    public let previous: Observation?

    /// Compared at the precision the figures were written with, so 7.0 and 7.00 are equal.
    public var trend: Trend? {
        guard let previous else { return nil }
        let decimals = max(latest.decimals, previous.decimals)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let a = (latest.value * scale).rounded(), b = (previous.value * scale).rounded()
        return a > b ? .up : a < b ? .down : .same
    }
}

/// Pending/overdue counts per region (indexed by RegionIndex), including descendants.
public struct RollUp: Sendable, Equatable {
    public let today: LocalDate
    public let pending: [Int32]
    public let overdue: [Int32]

    public func pending(_ region: RegionIndex) -> Int { Int(pending[Int(region)]) }
    public func overdue(_ region: RegionIndex) -> Int { Int(overdue[Int(region)]) }
}

/// WHO public-health significance bands for stunting prevalence (de Onis et al. 2019).
public enum WHOBand: Sendable, CaseIterable {
    case veryLow, low, medium, high, veryHigh

    public init(prevalence: Double) {
        switch prevalence {
        case ..<2.5: self = .veryLow
        case ..<10: self = .low
        case ..<20: self = .medium
        case ..<30: self = .high
        default: self = .veryHigh
        }
    }

    public func title(_ lang: Language) -> String {
        switch self {
        case .veryLow: lang.pick("sangat rendah (<2,5 %)", "very low (<2.5%)")
        case .low: lang.pick("rendah (2,5–<10 %)", "low (2.5–<10%)")
        case .medium: lang.pick("sedang (10–<20 %)", "medium (10–<20%)")
        case .high: lang.pick("tinggi (20–<30 %)", "high (20–<30%)")
        case .veryHigh: lang.pick("sangat tinggi (≥30 %)", "very high (≥30%)")
        }
    }
}

/// Case- and accent-insensitive matching for Indonesian names.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        // ASCII (nearly every Indonesian name): lowercase byte by byte.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
                var count = 0
                for byte in text.utf8 {
                    buffer[count] = byte >= 65 && byte <= 90 ? byte + 32 : byte
                    count += 1
                }
                return count
            }
        }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                if value >= 65 && value <= 90 {
                    result.unicodeScalars.append(Unicode.Scalar(value + 32)!)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            } else {
                // Strip combining marks after decomposition; lowercase the rest.
                for part in String(scalar).decomposedStringWithCanonicalMappingScalars
                where !(0x0300...0x036F).contains(part.value) {
                    result.unicodeScalars.append(contentsOf: String(part).lowercased().unicodeScalars)
                }
            }
        }
        return result
    }
}

import Foundation

private extension String {
    var decomposedStringWithCanonicalMappingScalars: String.UnicodeScalarView {
        decomposedStringWithCanonicalMapping.unicodeScalars
    }
}
