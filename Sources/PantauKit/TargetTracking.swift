/// Is a region on track for its target? The method is written out in docs/scores.md so an
/// analyst can recompute it by hand:
///
/// - latest value v at year y (headline series), target T at year Y (the applicable target:
///   the first target year at or after y, else the last);
/// - needed annual change = (T − v) / (Y − y);
/// - observed average annual change = (v − v₀) / (y − y₀), from the series' first figure
///   (v₀, y₀) — missing years in between are simply not used;
/// - verdict: reached when v ≤ T (every indicator here is better when lower); missed when
///   Y ≤ y and not reached; on track when the observed change is at least as steep a fall
///   as the needed one; off track otherwise; not enough data without an earlier figure.
public struct TargetTrack: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        case reached, onTrack = "on-track", offTrack = "off-track", missed, insufficientData = "insufficient-data"

        public func title(_ lang: Language) -> String {
            switch self {
            case .reached: lang.pick("tercapai", "reached")
            case .onTrack: lang.pick("sesuai jalur", "on track")
            case .offTrack: lang.pick("tidak sesuai jalur", "off track")
            case .missed: lang.pick("terlewat", "missed")
            case .insufficientData: lang.pick("data belum cukup", "not enough data")
            }
        }
    }

    public let indicator: IndicatorID
    public let latest: Observation
    public let first: Observation?
    public let target: Target
    /// The region whose target this is (the region itself or an ancestor).
    public let targetOwner: RegionIndex
    /// Change per year needed from the latest value to reach the target in time (nil when
    /// the target year is not after the latest figure).
    public let neededPerYear: Double?
    /// Average change per year so far (nil without an earlier figure).
    public let observedPerYear: Double?
    /// The latest value carried forward at the observed pace to the target year.
    public let projected: Double?
    public let verdict: Verdict

    public static func evaluate(latest: Observation, first: Observation?, target: Target, owner: RegionIndex) -> TargetTrack {
        let years = target.year - latest.year
        let needed = years > 0 ? (target.value - latest.value) / Double(years) : nil
        var observed: Double?
        if let first, first.year < latest.year {
            observed = (latest.value - first.value) / Double(latest.year - first.year)
        }
        let projected = observed.map { latest.value + $0 * Double(max(0, years)) }
        let verdict: Verdict
        if latest.value <= target.value {
            verdict = .reached
        } else if years <= 0 {
            verdict = .missed
        } else if let observed, let needed {
            // Both are negative when falling; on track when falling at least as fast.
            verdict = observed <= needed ? .onTrack : .offTrack
        } else {
            verdict = .insufficientData
        }
        return TargetTrack(indicator: latest.indicator, latest: latest, first: first, target: target, targetOwner: owner,
                           neededPerYear: needed, observedPerYear: observed, projected: projected, verdict: verdict)
    }
}

extension Dataset {
    /// Target tracking for every indicator of a region that has targets (its own or an
    /// ancestor's): one track per target from the latest figure's year on (a path such as
    /// RPJMN 2025 → 2029 gives one per step), or the last target when all are past.
    public func targetTracks(of region: RegionIndex) -> [TargetTrack] {
        indicators(of: region).flatMap { indicator -> [TargetTrack] in
            guard let series = series(of: region, indicator).first, let latest = series.points.last,
                  let found = targets(for: region, indicator) else { return [] }
            let first = series.points.count > 1 ? series.points.first : nil
            var relevant = found.targets.filter { $0.year >= latest.year }
            if relevant.isEmpty, let last = found.targets.last { relevant = [last] }
            return relevant.map { TargetTrack.evaluate(latest: latest, first: first, target: $0, owner: found.owner) }
        }
    }
}
