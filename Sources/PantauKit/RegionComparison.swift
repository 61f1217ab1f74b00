/// Two to four regions side by side (compare mode, `pantau report --view compare`).
/// Every figure keeps its year and series; conflicting series stay on their own rows;
/// a missing figure is shown as "–" with the reason, never left out.
extension TargetTrack.Verdict {
    /// A short form for narrow columns.
    public func shortTitle(_ lang: Language) -> String {
        switch self {
        case .reached: lang.pick("tercapai", "reached")
        case .onTrack: lang.pick("sesuai jalur", "on track")
        case .offTrack: lang.pick("tidak sesuai", "off track")
        case .missed: lang.pick("terlewat", "missed")
        case .insufficientData: lang.pick("data kurang", "insufficient")
        }
    }

    /// One word, for the narrowest panes (the Indicators pane at 80 columns).
    public func word(_ lang: Language) -> String {
        switch self {
        case .reached: lang.pick("tercapai", "reached")
        case .onTrack: lang.pick("sejalur", "on track")
        case .offTrack: lang.pick("meleset", "off track")
        case .missed: lang.pick("terlewat", "missed")
        case .insufficientData: lang.pick("data kurang", "no trend")
        }
    }

    public var isGood: Bool { self == .reached || self == .onTrack }
    public var isBad: Bool { self == .offTrack || self == .missed }
}

extension WHOBand {
    /// The band's name without its thresholds, for narrow columns.
    public func shortTitle(_ lang: Language) -> String {
        switch self {
        case .veryLow: lang.pick("sangat rendah", "very low")
        case .low: lang.pick("rendah", "low")
        case .medium: lang.pick("sedang", "medium")
        case .high: lang.pick("tinggi", "high")
        case .veryHigh: lang.pick("sangat tinggi", "very high")
        }
    }
}

extension PriorityRow.Component {
    public func title(_ lang: Language) -> String {
        switch self {
        case .poverty: lang.pick("kemiskinan", "poverty")
        case .stunting: "stunting"
        case .extremePoverty: lang.pick("ekstrem", "extreme")
        case .overdue: lang.pick("lewat tenggat", "overdue")
        }
    }
}

/// A region's name in the short form tables use: "Kab. Bogor".
public func shortRegionName(_ name: String) -> String {
    name.hasPrefix("Kabupaten ") ? "Kab. " + name.dropFirst("Kabupaten ".count) : name
}

extension Dataset {
    public func comparison(of regions: [RegionIndex], rollUp: RollUp, weights: PriorityWeights, lang: Language) -> DecisionTable {
        typealias Row = DecisionTable.Row
        let noFigure = lang.pick("– tanpa angka", "– no figure")
        let noTarget = lang.pick("– tanpa target", "– no target")
        var table = DecisionTable(
            title: lang.pick("Perbandingan wilayah", "Region comparison"),
            labelHeader: lang.pick("Indikator", "Indicator"),
            columns: regions.map { shortRegionName(region($0).name) },
            columnNotes: regions.map { region($0).code.text },
            columnKeys: regions.map { region($0).code.text })
        var rows: [Row] = []
        rows.append(Row(key: "induk", label: lang.pick("Bagian dari", "Part of"), cells: regions.map { index in
            region(index).parent.map { shortRegionName(region($0).name) } ?? "–"
        }, tone: .dim))
        let indicators = IndicatorID.allCases.filter { indicator in regions.contains { self.indicators(of: $0).contains(indicator) } }
        for indicator in indicators {
            let seriesPerRegion = regions.map { series(of: $0, indicator) }
            let unit = indicator.unit
            func valueText(_ point: Observation, trendFrom previous: Observation?) -> String {
                let headline = Headline(latest: point, previous: previous)
                return Format.value(point.value, decimals: point.decimals, unit: unit, lang) + (headline.trend.map { " " + $0.symbol } ?? "") + " \(point.year)"
            }
            rows.append(Row(key: indicator.rawValue, label: indicator.title(lang), cells: seriesPerRegion.map { all in
                guard let points = all.first?.points, let last = points.last else { return noFigure }
                return valueText(last, trendFrom: points.dropLast().last)
            }, tone: .heading))
            rows.append(Row(key: indicator.rawValue + ".sumber", label: lang.pick("  seri/sumber", "  series/source"), cells: seriesPerRegion.map { all in
                all.first?.publisher ?? ""
            }, tone: .dim))
            if indicator == .stunting {
                rows.append(Row(key: "stunting.who", label: lang.pick("  kategori WHO", "  WHO band"), cells: seriesPerRegion.map { all in
                    guard let last = all.first?.points.last else { return "" }
                    return WHOBand(prevalence: last.value).shortTitle(lang)
                }))
            }
            // One block per target year (the RPJMN path 2025 → 2029 gives two), so that
            // regions whose latest figures are of different years still line up.
            let tracksPerRegion = regions.map { index in targetTracks(of: index).filter { $0.indicator == indicator } }
            let targetYears = Array(Set(tracksPerRegion.flatMap { $0.map(\.target.year) })).sorted()
            let hasFigure = seriesPerRegion.map { !$0.isEmpty }
            if targetYears.isEmpty {
                rows.append(Row(key: indicator.rawValue + ".target", label: "  target", cells: hasFigure.map { $0 ? noTarget : "" }, tone: .dim))
            }
            for year in targetYears {
                let tracks = tracksPerRegion.map { tracks in tracks.first { $0.target.year == year } }
                func cells(first: Bool = false, _ body: (TargetTrack) -> String) -> [String] {
                    tracks.enumerated().map { index, track in
                        guard let track else { return first ? (hasFigure[index] ? noTarget : noFigure) : "" }
                        return body(track)
                    }
                }
                let key = indicator.rawValue + ".target\(year)"
                rows.append(Row(key: key, label: "  target \(year)", cells: cells(first: true) { track in
                    Format.value(track.target.value, decimals: track.target.decimals, unit: unit, lang)
                }))
                rows.append(Row(key: key + ".selisih", label: lang.pick("  selisih", "  gap"), cells: cells { track in
                    Format.signed(track.latest.value - track.target.value, decimals: max(track.latest.decimals, track.target.decimals), lang)
                }))
                rows.append(Row(key: key + ".perlu", label: lang.pick("  perlu/tahun", "  needed/year"), cells: cells { track in
                    track.neededPerYear.map { Format.signed($0, decimals: 2, lang) } ?? lang.pick("– tahun lewat", "– year passed")
                }))
                rows.append(Row(key: key + ".laju", label: lang.pick("  laju/tahun", "  so far/year"), cells: cells { track in
                    track.observedPerYear.map { Format.signed($0, decimals: 2, lang) } ?? lang.pick("– 1 angka", "– 1 figure")
                }))
                rows.append(Row(key: key + ".status", label: lang.pick("  status target", "  verdict"), cells: cells { track in
                    track.verdict.shortTitle(lang)
                }, cellTones: tracks.map { track in
                    guard let verdict = track?.verdict else { return .normal }
                    return verdict.isGood ? .good : verdict.isBad ? .warning : .normal
                }))
            }
            // Other series (a regent's statement, TNP2K) stay on rows of their own.
            let otherCount = (seriesPerRegion.map(\.count).max() ?? 1) - 1
            for other in 0..<max(0, otherCount) {
                let pick = seriesPerRegion.map { other + 1 < $0.count ? $0[other + 1] : nil }
                rows.append(Row(key: indicator.rawValue + ".seri\(other + 2)", label: lang.pick("  seri lain", "  other series"), cells: pick.map { series in
                    guard let series, let last = series.points.last else { return "" }
                    return valueText(last, trendFrom: series.points.dropLast().last)
                }))
                rows.append(Row(key: indicator.rawValue + ".seri\(other + 2).sumber", label: lang.pick("    sumber", "    source"), cells: pick.map { $0?.publisher ?? "" }, tone: .dim))
            }
        }
        rows.append(Row(key: "rekomendasi", label: lang.pick("Rekomendasi", "Recommendations"), tone: .heading))
        rows.append(Row(key: "rekomendasi.tertunda", label: lang.pick("  tertunda", "  pending"), cells: regions.map { Format.integer(rollUp.pending($0), lang) }))
        rows.append(Row(key: "rekomendasi.lewat_tenggat", label: lang.pick("  lewat tenggat", "  overdue"),
                        cells: regions.map { Format.integer(rollUp.overdue($0), lang) },
                        cellTones: regions.map { rollUp.overdue($0) > 0 ? .warning : .normal }))
        rows.append(Row(key: "prioritas", label: lang.pick("Skor prioritas", "Priority score"), tone: .heading))
        let ranked: [PriorityRow?] = regions.map { index in
            guard let parent = region(index).parent else { return nil }
            return priorityRanking(of: parent, weights: weights, rollUp: rollUp).first { $0.region == index }
        }
        rows.append(Row(key: "prioritas.skor", label: lang.pick("  skor", "  score"), cells: ranked.map { row in
            guard let row else { return lang.pick("– tanpa induk", "– no parent") }
            return Format.number(row.score, decimals: 2, lang)
        }))
        rows.append(Row(key: "prioritas.peringkat", label: lang.pick("  peringkat", "  rank"), cells: zip(regions, ranked).map { index, row in
            guard let row, let parent = region(index).parent else { return "–" }
            return "#\(row.rank)/\(children(of: parent).count)" + (row.tied ? lang.pick(" seri", " tied") : "")
        }))
        rows.append(Row(key: "prioritas.tanpa_data", label: lang.pick("  tanpa data", "  no data for"), cells: ranked.map { row in
            guard let row else { return "" }
            return row.missing.isEmpty ? "–" : row.missing.map { $0.title(lang) }.joined(separator: ", ")
        }, tone: .dim))
        table.rows = rows
        table.notes = [
            lang.pick("Angka terakhir dari seri utama (terpanjang) dengan tahunnya; ▲ naik ▼ turun ＝ tetap dibanding angka sebelumnya pada seri yang sama. Seri lain (pernyataan pejabat, lembaga lain) ditampilkan terpisah dan tidak dicampur.",
                      "Latest figure of the main (longest) series with its year; ▲ up ▼ down ＝ unchanged against the previous figure of the same series. Other series (officials' statements, other agencies) are shown apart and never mixed."),
            lang.pick("Target: perlu/tahun = (target − angka terakhir) ÷ tahun tersisa; laju/tahun = rata-rata perubahan per tahun sejak angka pertama seri. Skor prioritas 0–100 dihitung di antara wilayah dengan induk yang sama; bobot ",
                      "Targets: needed/year = (target − latest) ÷ years left; so far/year = average change per year since the series' first figure. The 0–100 priority score is computed among the regions with the same parent; weights ")
                + weights.summary(lang) + lang.pick(". Metode: docs/scores.md.", ". Method: docs/scores.md."),
        ]
        return table
    }
}

extension PriorityWeights {
    /// "kemiskinan 0,30 · stunting 0,30 · ekstrem 0,20 · lewat tenggat 0,20".
    public func summary(_ lang: Language) -> String {
        [(PriorityRow.Component.poverty, poverty), (.stunting, stunting), (.extremePoverty, extremePoverty), (.overdue, overdue)]
            .map { $0.0.title(lang) + " " + Format.number($0.1, decimals: 2, lang) }.joined(separator: " · ")
    }
}
