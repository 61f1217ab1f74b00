/// Markdown for `pantau report --view targets|ranking|scorecard`: the same numbers the
/// dashboard would show, in a form that can go into minutes.
public enum ScoreReports {
    static func cell(_ text: String) -> String { DisplayText.sanitize(text).replacingOccurrences(of: "|", with: "\\|") }

    public static func targets(_ dataset: Dataset, region: RegionIndex, lang: Language) -> String {
        let name = dataset.region(region).name
        var out = "# " + lang.pick("Pelacakan target", "Target tracking") + " — " + cell(name) + "\n\n"
        out += lang.pick("Metode: docs/scores.md. Perubahan per tahun dalam poin persen.\n\n", "Method: docs/scores.md. Changes per year in percentage points.\n\n")
        let tracks = dataset.targetTracks(of: region)
        guard !tracks.isEmpty else { return out + lang.pick("Tidak ada indikator dengan target.\n", "No indicator with a target.\n") }
        out += lang.pick("| Indikator | Terakhir | Target | Dasar | Perlu/tahun | Selama ini/tahun | Proyeksi | Status |\n",
                         "| Indicator | Latest | Target | Basis | Needed/yr | So far/yr | Projected | Verdict |\n")
        out += "|---|---:|---:|---|---:|---:|---:|---|\n"
        for track in tracks {
            let unit = track.indicator.unit
            let latest = Format.value(track.latest.value, decimals: track.latest.decimals, unit: unit, lang) + " (\(track.latest.year))"
            let target = Format.value(track.target.value, decimals: track.target.decimals, unit: unit, lang) + " (\(track.target.year))"
            func rate(_ value: Double?) -> String { value.map { Format.signed($0, decimals: 2, lang) } ?? "–" }
            let projected = track.projected.map { Format.number($0, decimals: 2, lang) } ?? "–"
            out += "| \(cell(track.indicator.title(lang))) | \(latest) | \(target) | \(cell(track.target.basis)) | \(rate(track.neededPerYear)) | \(rate(track.observedPerYear)) | \(projected) | \(track.verdict.title(lang)) |\n"
        }
        return out
    }

    public static func ranking(_ dataset: Dataset, region: RegionIndex, weights: PriorityWeights, rollUp: RollUp, lang: Language) -> String {
        var out = "# " + lang.pick("Peringkat prioritas (lokus)", "Priority ranking (lokus)") + " — " + cell(dataset.region(region).name) + "\n\n"
        out += lang.pick("Bobot: ", "Weights: ")
            + "kemiskinan \(Format.number(weights.poverty, decimals: 2, lang)) · stunting \(Format.number(weights.stunting, decimals: 2, lang)) · "
            + lang.pick("ekstrem ", "extreme ") + Format.number(weights.extremePoverty, decimals: 2, lang)
            + lang.pick(" · lewat tenggat ", " · overdue ") + Format.number(weights.overdue, decimals: 2, lang)
            + lang.pick(". Metode: docs/scores.md.\n\n", ". Method: docs/scores.md.\n\n")
        let rows = dataset.priorityRanking(of: region, weights: weights, rollUp: rollUp)
        guard !rows.isEmpty else { return out + lang.pick("Tidak ada wilayah di bawahnya.\n", "No regions below it.\n") }
        out += lang.pick("| # | Wilayah | Skor | Kemiskinan | Stunting | Ekstrem | Lewat tenggat | Catatan |\n",
                         "| # | Region | Score | Poverty | Stunting | Extreme | Overdue | Note |\n")
        out += "|---:|---|---:|---:|---:|---:|---:|---|\n"
        for row in rows {
            func raw(_ component: PriorityRow.Component, decimals: Int) -> String {
                row.raw[component].map { Format.number($0, decimals: decimals, lang) } ?? "–"
            }
            var notes: [String] = []
            if row.tied { notes.append(lang.pick("seri", "tied")) }
            if !row.missing.isEmpty {
                let names = row.missing.map { component -> String in
                    switch component {
                    case .poverty: lang.pick("kemiskinan", "poverty")
                    case .stunting: "stunting"
                    case .extremePoverty: lang.pick("ekstrem", "extreme")
                    case .overdue: lang.pick("lewat tenggat", "overdue")
                    }
                }
                notes.append(lang.pick("tanpa data ", "no data for ") + names.joined(separator: ", "))
            }
            let place = dataset.region(row.region)
            out += "| \(row.rank) | \(cell(place.name)) (\(place.code)) | \(Format.number(row.score, decimals: 2, lang)) | \(raw(.poverty, decimals: 2)) | \(raw(.stunting, decimals: 1)) | \(raw(.extremePoverty, decimals: 2)) | \(raw(.overdue, decimals: 0)) | \(notes.joined(separator: "; ")) |\n"
        }
        return out
    }

    public static func scorecard(_ dataset: Dataset, region: RegionIndex, lang: Language) -> String {
        let place = dataset.region(region)
        var out = "# " + lang.pick("8 aksi konvergensi", "8 convergence actions") + " — " + cell(place.name) + "\n\n"
        let scores = dataset.convergenceScores(of: region)
        let years = Array(Set(scores.map(\.year))).sorted()
        guard let latestYear = years.last else {
            return out + lang.pick("Belum ada penilaian 8 aksi untuk wilayah ini.\n", "No 8-action assessment for this region yet.\n")
        }
        out += "| " + lang.pick("Aksi", "Action") + " | " + years.map(String.init).joined(separator: " | ") + " | " + lang.pick("Perubahan", "Change") + " |\n"
        out += "|---|" + years.map { _ in "---:|" }.joined() + "---:|\n"
        var latest: [(ConvergenceAction, Double)] = []
        for action in ConvergenceAction.allCases {
            let byYear = Dictionary(scores.filter { $0.action == action }.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            let values = years.map { byYear[$0].map { Format.number($0.value, decimals: $0.decimals, lang) } ?? "–" }
            var change = "–"
            if let now = byYear[latestYear], years.count > 1, let before = byYear[years[years.count - 2]] {
                change = Format.signed(now.value - before.value, decimals: max(now.decimals, before.decimals), lang)
            }
            if let now = byYear[latestYear] { latest.append((action, now.value)) }
            out += "| \(action.rawValue). \(cell(action.title(lang))) | " + values.joined(separator: " | ") + " | \(change) |\n"
        }
        let weakest = latest.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.rawValue < $1.0.rawValue }.prefix(3)
        out += "\n" + lang.pick("Aksi terlemah \(latestYear): ", "Weakest actions \(latestYear): ")
            + weakest.map { "\($0.0.rawValue). \($0.0.title(lang)) (\(Format.number($0.1, decimals: 0, lang)))" }.joined(separator: ", ") + ".\n"
        let notes = Set(scores.map(\.note).filter { !$0.isEmpty })
        if notes.contains(where: { $0.lowercased().contains("ilustratif") }) {
            out += lang.pick("\nCatatan: skor ini ilustratif (lihat catatan di konvergensi.csv).\n", "\nNote: these scores are illustrative (see the notes in konvergensi.csv).\n")
        }
        let related = dataset.recommendationIndices(inSubtreeOf: region).map { dataset.recommendations[$0] }.filter { $0.origin == .konvergensi }
        if !related.isEmpty {
            out += "\n## " + lang.pick("Rekomendasi dari penilaian konvergensi", "Recommendations from the convergence assessment") + "\n\n"
            for recommendation in related {
                out += "- \(cell(recommendation.id)) · \(cell(recommendation.owner)) · \(recommendation.status.title(lang)): \(cell(recommendation.text))\n"
            }
        }
        return out
    }
}
