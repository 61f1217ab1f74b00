/// The 8-aksi scorecard of one kab/kota (every year, change since the year before, the
/// weakest actions in words, and the `konvergensi` recommendations beside the actions),
/// the comparison of the kab/kota below a province, and the programme list.
/// The arithmetic is written out in docs/scores.md.
extension Recommendation {
    /// The action a convergence recommendation is about, when its finding or text names
    /// it ("aksi 6"); nil otherwise.
    public var convergenceAction: ConvergenceAction? {
        for text in [finding, self.text] {
            let folded = TextFolding.fold(text)
            var search = folded[...]
            while let range = search.range(of: "aksi ") {
                let after = search[range.upperBound...]
                if let digit = after.first, let number = Int(String(digit)), (after.dropFirst().first.map { !$0.isNumber } ?? true),
                   let action = ConvergenceAction(rawValue: number) {
                    return action
                }
                search = after
            }
        }
        return nil
    }
}

/// The latest year's scores of a kab/kota with the change since the year before.
public struct ScorecardSummary: Sendable, Equatable {
    public let region: RegionIndex
    public let years: [Int]
    public let latestYear: Int
    public let previousYear: Int?
    /// Latest score per action (absent when the action was not scored that year).
    public let latest: [ConvergenceAction: ConvergenceScore]
    public let previous: [ConvergenceAction: ConvergenceScore]
    /// The three lowest latest scores, lowest first; equal scores in action order.
    public let weakest: [ConvergenceScore]

    public func change(_ action: ConvergenceAction) -> Double? {
        guard let now = latest[action], let before = previous[action] else { return nil }
        return now.value - before.value
    }
}

extension Dataset {
    public func scorecardSummary(of region: RegionIndex) -> ScorecardSummary? {
        let scores = convergenceScores(of: region)
        let years = Array(Set(scores.map(\.year))).sorted()
        guard let latestYear = years.last else { return nil }
        let previousYear = years.count > 1 ? years[years.count - 2] : nil
        func byAction(_ year: Int?) -> [ConvergenceAction: ConvergenceScore] {
            Dictionary(scores.filter { $0.year == year }.map { ($0.action, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let latest = byAction(latestYear)
        let weakest = latest.values.sorted { ($0.value, $0.action.rawValue) < ($1.value, $1.action.rawValue) }.prefix(3)
        return ScorecardSummary(region: region, years: years, latestYear: latestYear, previousYear: previousYear,
                                latest: latest, previous: byAction(previousYear), weakest: Array(weakest))
    }

    /// The kab/kota whose scorecard a region shows: itself, or its kab/kota ancestor.
    public func kabupatenKota(of region: RegionIndex) -> RegionIndex? {
        breadcrumb(region).first { self.region($0).level == .kabupatenKota }
    }

    /// A kab/kota (or a region inside one): its full scorecard. A province or Indonesia:
    /// the comparison of the kab/kota below it.
    public func scorecardTable(for region: RegionIndex, rollUp: RollUp, lang: Language) -> DecisionTable {
        if let kabKota = kabupatenKota(of: region) { return scorecard(of: kabKota, lang: lang, today: rollUp.today) }
        return scorecardComparison(below: region, rollUp: rollUp, lang: lang)
    }

    static func weakestText(_ scores: [ConvergenceScore], _ lang: Language) -> String {
        scores.map { "\($0.action.rawValue). " + $0.action.title(lang) + " (" + Format.number($0.value, decimals: $0.decimals, lang) + ")" }
            .joined(separator: ", ")
    }

    func scorecardNotes(_ scores: [ConvergenceScore], _ lang: Language) -> [String] {
        var notes = [lang.pick(
            "Perubahan = skor tahun terakhir − skor tahun penilaian sebelumnya. Aksi terlemah = tiga skor terendah tahun terakhir (skor sama: nomor aksi lebih kecil dulu). Rekomendasi dikaitkan ke aksi bila temuan atau teksnya menyebut “aksi N”. Metode: docs/scores.md.",
            "Change = latest year's score − the previous assessment's. Weakest actions = the three lowest scores of the latest year (equal scores: lower action number first). A recommendation is linked to an action when its finding or text names “aksi N”. Method: docs/scores.md.")]
        if scores.contains(where: { TextFolding.fold($0.note).contains("ilustratif") }) {
            notes.append(lang.pick("Skor ini ILUSTRATIF, bukan skor resmi (lihat catatan di konvergensi.csv).",
                                   "These scores are ILLUSTRATIVE, not official scores (see the notes in konvergensi.csv)."))
        }
        return notes
    }

    func recommendationLine(_ recommendation: Recommendation, today: LocalDate?, lang: Language) -> String {
        var parts = [recommendation.status.title(lang), recommendation.owner]
        if let deadline = recommendation.deadline { parts.append(lang.pick("tenggat ", "due ") + Format.date(deadline, lang)) }
        if let today, recommendation.isOverdue(today: today), let deadline = recommendation.deadline {
            parts.append(lang.pick("LEWAT \(deadline.days(until: today)) hari", "OVERDUE \(deadline.days(until: today)) days"))
        }
        return parts.joined(separator: " · ") + ": " + recommendation.text
    }

    public func scorecard(of region: RegionIndex, lang: Language, today: LocalDate? = nil) -> DecisionTable {
        typealias Row = DecisionTable.Row
        let place = self.region(region)
        let title = lang.pick("8 aksi konvergensi", "8 convergence actions") + " — " + place.name
        let scores = convergenceScores(of: region)
        guard let summary = scorecardSummary(of: region) else {
            return DecisionTable(title: title, labelHeader: lang.pick("Aksi", "Action"), columns: [], rows: [
                Row(key: "kosong", label: "", text: lang.pick("Belum ada penilaian 8 aksi untuk \(place.name) di konvergensi.csv.",
                                                            "No 8-action assessment for \(place.name) in konvergensi.csv yet."), fullWidth: true),
            ])
        }
        var table = DecisionTable(title: title, labelHeader: lang.pick("Aksi", "Action"),
                                  columns: summary.years.map(String.init) + [lang.pick("Perubahan", "Change")],
                                  columnKeys: summary.years.map(String.init) + ["perubahan"])
        let related = recommendationIndices(inSubtreeOf: region).map { recommendations[$0] }.filter { $0.origin == .konvergensi }
        let weakestActions = Set(summary.weakest.map(\.action))
        // The weakest actions first: the answer a meeting wants before the detail.
        var rows: [Row] = [Row(key: "terlemah", label: lang.pick("Terlemah \(summary.latestYear)", "Weakest \(summary.latestYear)"),
                               text: Self.weakestText(summary.weakest, lang), tone: .warning)]
        for action in ConvergenceAction.allCases {
            let byYear = Dictionary(scores.filter { $0.action == action }.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            var cells = summary.years.map { year in byYear[year].map { Format.number($0.value, decimals: $0.decimals, lang) } ?? "–" }
            let change = summary.change(action)
            let decimals = max(summary.latest[action]?.decimals ?? 0, summary.previous[action]?.decimals ?? 0)
            cells.append(change.map { Format.signed($0, decimals: decimals, lang) } ?? "–")
            var tones = Array(repeating: DecisionTable.Tone.normal, count: cells.count)
            if weakestActions.contains(action) { tones[summary.years.count - 1] = .warning }
            if let change { tones[cells.count - 1] = change < 0 ? .warning : change > 0 ? .good : .normal }
            rows.append(Row(key: "aksi\(action.rawValue)", label: "\(action.rawValue). " + action.title(lang), cells: cells,
                            tone: weakestActions.contains(action) ? .warning : .normal, cellTones: tones))
            for recommendation in related where recommendation.convergenceAction == action {
                rows.append(Row(key: "aksi\(action.rawValue).rekomendasi", label: "  " + recommendation.id,
                                text: recommendationLine(recommendation, today: today, lang: lang), tone: .dim))
            }
        }
        let unlinked = related.filter { $0.convergenceAction == nil }
        if !unlinked.isEmpty {
            rows.append(Row(key: "rekomendasi_lain", label: lang.pick("Rekomendasi konvergensi lain", "Other convergence recommendations"), tone: .heading))
            for recommendation in unlinked {
                rows.append(Row(key: "rekomendasi", label: "  " + recommendation.id, text: recommendationLine(recommendation, today: today, lang: lang), tone: .dim))
            }
        }
        table.rows = rows
        table.notes = scorecardNotes(scores, lang)
        return table
    }

    /// The kab/kota below `region` that have 8-aksi scores, one block each: latest scores,
    /// change since the previous assessment, the weakest actions in words and the count
    /// of pending `konvergensi` recommendations; those without scores are named, not hidden.
    public func scorecardComparison(below region: RegionIndex, rollUp: RollUp, lang: Language) -> DecisionTable {
        typealias Row = DecisionTable.Row
        let place = self.region(region)
        let kabKota = subtree(region).filter { self.region($0).level == .kabupatenKota }
        var table = DecisionTable(
            title: lang.pick("8 aksi konvergensi: kab/kota di ", "8 convergence actions: kab/kota in ") + place.name,
            labelHeader: lang.pick("Kab/kota", "Kab/kota"),
            columns: ConvergenceAction.allCases.map { "A\($0.rawValue)" } + [lang.pick("Rek.", "Rec.")],
            columnKeys: ConvergenceAction.allCases.map { "aksi\($0.rawValue)" } + ["rekomendasi_tertunda"])
        var rows: [Row] = [Row(key: "aksi", label: lang.pick("Aksi", "Actions"),
                               text: ConvergenceAction.allCases.map { "A\($0.rawValue) " + $0.title(lang) }.joined(separator: " · "), tone: .dim)]
        var unassessed: [RegionIndex] = []
        var allScores: [ConvergenceScore] = []
        // One pass over the scores, so a national dataset (514 kab/kota) stays cheap.
        let assessed = Set(convergence.map(\.region))
        for index in kabKota {
            guard assessed.contains(index), let summary = scorecardSummary(of: index) else { unassessed.append(index); continue }
            allScores += convergenceScores(of: index)
            let code = self.region(index).code.text
            let pending = recommendationIndices(inSubtreeOf: index).filter {
                recommendations[$0].origin == .konvergensi && recommendations[$0].status.isPending
            }.count
            let weakest = Set(summary.weakest.map(\.action))
            rows.append(Row(key: code, label: shortRegionName(self.region(index).name) + " (" + code + ")", tone: .heading, region: index))
            rows.append(Row(key: code + ".skor", label: lang.pick("  skor \(summary.latestYear)", "  score \(summary.latestYear)"),
                            cells: ConvergenceAction.allCases.map { summary.latest[$0].map { Format.number($0.value, decimals: $0.decimals, lang) } ?? "–" }
                                + [Format.integer(pending, lang)],
                            cellTones: ConvergenceAction.allCases.map { weakest.contains($0) ? .warning : .normal } + [pending > 0 ? .warning : .normal]))
            if let previousYear = summary.previousYear {
                rows.append(Row(key: code + ".perubahan", label: lang.pick("  dibanding \(previousYear)", "  vs \(previousYear)"),
                                cells: ConvergenceAction.allCases.map { action in
                                    summary.change(action).map { Format.signed($0, decimals: summary.latest[action]?.decimals ?? 0, lang) } ?? "–"
                                } + [""],
                                cellTones: ConvergenceAction.allCases.map { action in
                                    guard let change = summary.change(action) else { return .normal }
                                    return change < 0 ? .warning : change > 0 ? .good : .normal
                                } + [.normal]))
            } else {
                rows.append(Row(key: code + ".perubahan", label: lang.pick("  perubahan", "  change"),
                                text: lang.pick("– hanya satu tahun penilaian (\(summary.latestYear))", "– only one assessment year (\(summary.latestYear))"), tone: .dim))
            }
            rows.append(Row(key: code + ".terlemah", label: lang.pick("  terlemah", "  weakest"), text: Self.weakestText(summary.weakest, lang), tone: .warning))
        }
        if kabKota.count == unassessed.count {
            rows.append(Row(key: "kosong", label: "", text: lang.pick("Belum ada kab/kota dengan penilaian 8 aksi di \(place.name).",
                                                                     "No kab/kota in \(place.name) has an 8-action assessment yet."), fullWidth: true))
        }
        if !unassessed.isEmpty {
            let names = unassessed.prefix(12).map { shortRegionName(self.region($0).name) }.joined(separator: ", ")
                + (unassessed.count > 12 ? lang.pick(" dan \(unassessed.count - 12) lainnya", " and \(unassessed.count - 12) more") : "")
            rows.append(Row(key: "belum_dinilai", label: lang.pick("Belum dinilai", "Not assessed"),
                            text: "\(unassessed.count): " + names, tone: .dim))
        }
        table.rows = rows
        table.notes = [lang.pick("Rek. = rekomendasi tertunda dari penilaian konvergensi (asal konvergensi) di kab/kota itu dan wilayah di bawahnya.",
                                 "Rec. = pending recommendations from the convergence assessment (origin konvergensi) in that kab/kota and below.")]
            + scorecardNotes(allScores, lang)
        return table
    }

    /// Programmes run in `region` or anywhere below it, and those that cover it from
    /// above; each with partner, period, target and reach, components, and the regions it covers.
    public func programmeTable(for region: RegionIndex, lang: Language) -> DecisionTable {
        typealias Row = DecisionTable.Row
        let place = self.region(region)
        let inside = subtree(region)
        let chain = Set(breadcrumb(region))
        let found = programmes.filter { inside.contains($0.region) || chain.contains($0.region) }
        var rows: [Row] = []
        if found.isEmpty {
            rows.append(Row(key: "kosong", label: "", text: lang.pick("Tidak ada program tercatat untuk \(place.name) atau wilayah di bawahnya (program.csv).",
                                                                     "No programme recorded for \(place.name) or the regions below it (program.csv)."), fullWidth: true))
        }
        let notPublished = lang.pick("– belum dipublikasikan", "– not published")
        for (number, programme) in found.enumerated() {
            let home = self.region(programme.region)
            rows.append(Row(key: "program\(number + 1)", label: programme.name, tone: .heading, region: programme.region))
            rows.append(Row(key: "program\(number + 1).mitra", label: lang.pick("Mitra", "Partner"), text: programme.partner.isEmpty ? "–" : programme.partner))
            var levels: [RegionLevel: Int] = [:]
            for index in subtree(programme.region).dropFirst() { levels[self.region(index).level, default: 0] += 1 }
            func plural(_ level: RegionLevel) -> String {
                switch level {
                case .nasional: lang.pick("nasional", "national")
                case .provinsi: lang.pick("provinsi", "provinces")
                case .kabupatenKota: lang.pick("kabupaten/kota", "regencies/cities")
                case .kecamatan: lang.pick("kecamatan", "districts")
                case .desa: lang.pick("desa/kelurahan", "villages")
                }
            }
            let covered = levels.keys.sorted().map { Format.integer(levels[$0]!, lang) + " " + (levels[$0]! == 1 ? $0.title(lang) : plural($0)) }
            rows.append(Row(key: "program\(number + 1).wilayah", label: lang.pick("Wilayah", "Regions"),
                            text: home.name + " (" + home.code.text + ")" + (covered.isEmpty ? "" : lang.pick(" beserta ", " with its ") + covered.joined(separator: ", "))))
            var period = programme.start.map { lang.pick("mulai ", "from ") + Format.date($0, lang) } ?? lang.pick("mulai –", "from –")
            period += " · " + (programme.end.map { lang.pick("selesai ", "until ") + Format.date($0, lang) } ?? lang.pick("selesai belum ditetapkan", "end not set"))
            rows.append(Row(key: "program\(number + 1).periode", label: lang.pick("Periode", "Period"), text: period))
            rows.append(Row(key: "program\(number + 1).sasaran", label: lang.pick("Sasaran", "Target"),
                            text: programme.target.map { Format.integer($0, lang) } ?? notPublished))
            rows.append(Row(key: "program\(number + 1).capaian", label: lang.pick("Capaian", "Reach"),
                            text: programme.reach.map { Format.integer($0, lang) } ?? notPublished))
            for (index, component) in programme.components.enumerated() {
                rows.append(Row(key: "program\(number + 1).komponen", label: index == 0 ? lang.pick("Komponen (\(programme.components.count))", "Components (\(programme.components.count))") : "",
                                text: "\(index + 1). " + component))
            }
        }
        return DecisionTable(title: lang.pick("Program — ", "Programmes — ") + place.name, labelHeader: "", columns: [], rows: rows,
                             notes: [lang.pick("Program berlaku di wilayahnya dan seluruh wilayah di bawahnya; daftar ini memuat program di \(place.name), di bawahnya, dan dari wilayah di atasnya.",
                                               "A programme covers its region and every region below it; this list holds the programmes in \(place.name), below it, and from the regions above it.")])
    }
}
