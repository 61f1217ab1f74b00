/// The dataset and the follow-up history "as they were" on a past day (`--today`,
/// `--as-of`, docs/user-guide.md): the one rule for what a day before the data's newest
/// year leaves out. Nothing here is an error: what is left out is counted, and said once.
public struct AsOf: Sendable, Equatable {
    public let date: LocalDate
    /// Indicator figures and 8-aksi scores for years after `date`'s year, and figures
    /// from sources published after it.
    public private(set) var laterFigures = 0
    /// Recommendations whose cycle (`2024`, `2022 S2`) starts in a later year, and
    /// programmes that start after `date`.
    public private(set) var laterRecommendations = 0
    public private(set) var laterProgrammes = 0
    /// Decisions recorded after the end of `date` in the recommendation's local time.
    public private(set) var laterDecisions = 0

    public init(_ date: LocalDate) { self.date = date }

    /// Whether anything was left out.
    public var hidesAnything: Bool { laterFigures + laterRecommendations + laterProgrammes + laterDecisions > 0 }

    /// The dataset without what did not exist yet on `date`. Years are the granularity: a
    /// figure for `date`'s own year, or from a source of that year, stays, though it may
    /// have been published later in that year. With `recommendations` false, every recommendation stays (for
    /// `--today`, which replays a day but still records decisions on the whole list).
    public mutating func dataset(_ dataset: Dataset, recommendations hidingRecommendations: Bool) -> Dataset {
        let year = date.year
        // A figure for an earlier year that a later publication gave (a 2022 figure in a
        // 2024 report) was not known on `date` either.
        let laterSources = Set(dataset.sources.values.filter { ($0.year ?? year) > year }.map(\.id))
        let observations = dataset.observations.filter {
            $0.year <= year && (laterSources.isEmpty || !laterSources.contains($0.sourceID))
        }
        let convergence = dataset.convergence.filter { $0.year <= year }
        let recommendations = hidingRecommendations
            ? dataset.recommendations.filter { (Self.cycleYear($0.cycle) ?? year) <= year }
            : dataset.recommendations
        let programmes = hidingRecommendations
            ? dataset.programmes.filter { ($0.start ?? date) <= date }
            : dataset.programmes
        laterFigures = (dataset.observations.count - observations.count) + (dataset.convergence.count - convergence.count)
        laterRecommendations = dataset.recommendations.count - recommendations.count
        laterProgrammes = dataset.programmes.count - programmes.count
        guard laterFigures + laterRecommendations + laterProgrammes > 0 else { return dataset }
        return Dataset(directory: dataset.directory, regions: dataset.regions, sources: dataset.sources,
                       observations: observations, targets: dataset.targets, recommendations: recommendations,
                       convergence: convergence, programmes: programmes, warnings: dataset.warnings,
                       indexByCode: dataset.indexByCode, regionIndexes: dataset.regionIndexes, observationsInOrder: true)
    }

    /// The events recorded on or before `date`, read in the local time of the province of
    /// each event's recommendation (a decision at 08:30 WIT on 2 December belongs to
    /// 2 December); an event for a recommendation the dataset lacks is read in WIB.
    public mutating func events(_ events: [FollowUpEvent], in dataset: Dataset, zones: LocalTimeZones = .byProvince) -> [FollowUpEvent] {
        var regionOf: [String: RegionCode] = [:]
        for recommendation in dataset.recommendations { regionOf[recommendation.id] = dataset.region(recommendation.region).code }
        let kept = events.filter { event in
            let zone = zones.fixed ?? regionOf[event.recommendationID].map(IndonesianTimeZone.of) ?? .wib
            guard let day = zone.localDate(ofUTC: event.recordedAt) else { return true }
            return day <= date
        }
        laterDecisions = events.count - kept.count
        return kept
    }

    /// The leading year of a cycle text (`2022 S2` → 2022), nil when it has none.
    static func cycleYear(_ cycle: String) -> Int? {
        let digits = cycle.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard digits.count == 4 else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// The one line that says what was left out, or nil when nothing was.
    public func notice(_ lang: Language) -> String? {
        guard hidesAnything else { return nil }
        func count(_ n: Int, _ id: String, _ en: String) -> String? {
            n == 0 ? nil : Format.integer(n, lang) + " " + lang.pick(id, n == 1 ? en : en + "s")
        }
        let parts = [count(laterFigures, "angka", "figure"), count(laterRecommendations, "rekomendasi", "recommendation"),
                     count(laterProgrammes, "program", "programme"), count(laterDecisions, "keputusan", "decision")].compactMap { $0 }
        return lang.pick("Per \(Format.date(date, lang)) disembunyikan: ", "As of \(Format.date(date, lang)), hidden: ")
            + parts.joined(separator: ", ") + lang.pick(" (dari sesudah tanggal itu)", " (from after that day)")
    }
}
