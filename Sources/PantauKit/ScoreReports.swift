/// `pantau report --view targets|ranking` as Markdown (the same numbers the dashboard
/// shows, for minutes) or as CSV/JSON with plain numbers (dot decimals, no units, no
/// grouping) for a spreadsheet or another program. The scorecard, compare and programme
/// views are `DecisionTable`s, which print themselves.
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
}

extension ScoreReports {
    /// A number as a spreadsheet reads it: dot decimal, rounded to 4 places, no grouping.
    static func plain(_ value: Double?) -> String {
        guard let value else { return "" }
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    static func rounded(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }

    struct TargetExport: Encodable {
        struct Row: Encodable {
            let indikator: String
            let tahun_terakhir: Int
            let nilai_terakhir: Double
            let sumber_terakhir: String
            let tahun_pertama: Int?
            let nilai_pertama: Double?
            let target_tahun: Int
            let target_nilai: Double
            let target_dasar: String
            let target_wilayah: String
            let perlu_per_tahun: Double?
            let laju_per_tahun: Double?
            let proyeksi: Double?
            let status: String

            enum CodingKeys: String, CodingKey {
                case indikator, tahun_terakhir, nilai_terakhir, sumber_terakhir, tahun_pertama, nilai_pertama, target_tahun, target_nilai
                case target_dasar, target_wilayah, perlu_per_tahun, laju_per_tahun, proyeksi, status
            }

            /// Every key in every row: a value not known is `null`, not left out.
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(indikator, forKey: .indikator); try c.encode(tahun_terakhir, forKey: .tahun_terakhir)
                try c.encode(nilai_terakhir, forKey: .nilai_terakhir); try c.encode(sumber_terakhir, forKey: .sumber_terakhir)
                try c.encode(tahun_pertama, forKey: .tahun_pertama); try c.encode(nilai_pertama, forKey: .nilai_pertama)
                try c.encode(target_tahun, forKey: .target_tahun); try c.encode(target_nilai, forKey: .target_nilai)
                try c.encode(target_dasar, forKey: .target_dasar); try c.encode(target_wilayah, forKey: .target_wilayah)
                try c.encode(perlu_per_tahun, forKey: .perlu_per_tahun); try c.encode(laju_per_tahun, forKey: .laju_per_tahun)
                try c.encode(proyeksi, forKey: .proyeksi); try c.encode(status, forKey: .status)
            }
        }
        let kode_wilayah: String
        let nama_wilayah: String
        let target: [Row]
    }

    static func targetExport(_ dataset: Dataset, region: RegionIndex) -> TargetExport {
        TargetExport(kode_wilayah: dataset.region(region).code.text, nama_wilayah: dataset.region(region).name,
                     target: dataset.targetTracks(of: region).map { track in
            TargetExport.Row(indikator: track.indicator.rawValue, tahun_terakhir: track.latest.year, nilai_terakhir: track.latest.value,
                             sumber_terakhir: track.latest.sourceID, tahun_pertama: track.first?.year, nilai_pertama: track.first?.value,
                             target_tahun: track.target.year, target_nilai: track.target.value, target_dasar: track.target.basis,
                             target_wilayah: dataset.region(track.targetOwner).code.text,
                             perlu_per_tahun: rounded(track.neededPerYear), laju_per_tahun: rounded(track.observedPerYear),
                             proyeksi: rounded(track.projected), status: track.verdict.rawValue)
        })
    }

    /// One row per target (a path of targets gives one row per target year).
    public static func targetsCSV(_ dataset: Dataset, region: RegionIndex) -> String {
        let export = targetExport(dataset, region: region)
        var lines = [["kode", "indikator", "tahun_terakhir", "nilai_terakhir", "sumber_terakhir", "tahun_pertama", "nilai_pertama",
                      "target_tahun", "target_nilai", "target_dasar", "target_wilayah", "perlu_per_tahun", "laju_per_tahun", "proyeksi", "status"]]
        for row in export.target {
            lines.append([export.kode_wilayah, row.indikator, String(row.tahun_terakhir), plain(row.nilai_terakhir), row.sumber_terakhir,
                          row.tahun_pertama.map(String.init) ?? "", plain(row.nilai_pertama), String(row.target_tahun), plain(row.target_nilai),
                          row.target_dasar, row.target_wilayah, plain(row.perlu_per_tahun), plain(row.laju_per_tahun), plain(row.proyeksi), row.status])
        }
        return lines.map { $0.map(CSVWriter.cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public static func targetsJSON(_ dataset: Dataset, region: RegionIndex) -> String {
        DecisionTable.encode(targetExport(dataset, region: region))
    }

    struct RankingExport: Encodable {
        struct Weights: Encodable {
            let kemiskinan: Double
            let stunting: Double
            let ekstrem: Double
            let lewat_tenggat: Double
        }
        struct Row: Encodable {
            let peringkat: Int
            let kode: String
            let wilayah: String
            let skor: Double
            let seri: Bool
            let kemiskinan: Double?
            let stunting: Double?
            let ekstrem: Double?
            let lewat_tenggat: Double?
            let skala_kemiskinan: Double?
            let skala_stunting: Double?
            let skala_ekstrem: Double?
            let skala_lewat_tenggat: Double?
            let tanpa_data: [String]

            enum CodingKeys: String, CodingKey {
                case peringkat, kode, wilayah, skor, seri, kemiskinan, stunting, ekstrem, lewat_tenggat
                case skala_kemiskinan, skala_stunting, skala_ekstrem, skala_lewat_tenggat, tanpa_data
            }

            /// Every key in every row: a missing component is `null`, not left out.
            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(peringkat, forKey: .peringkat); try c.encode(kode, forKey: .kode); try c.encode(wilayah, forKey: .wilayah)
                try c.encode(skor, forKey: .skor); try c.encode(seri, forKey: .seri)
                try c.encode(kemiskinan, forKey: .kemiskinan); try c.encode(stunting, forKey: .stunting)
                try c.encode(ekstrem, forKey: .ekstrem); try c.encode(lewat_tenggat, forKey: .lewat_tenggat)
                try c.encode(skala_kemiskinan, forKey: .skala_kemiskinan); try c.encode(skala_stunting, forKey: .skala_stunting)
                try c.encode(skala_ekstrem, forKey: .skala_ekstrem); try c.encode(skala_lewat_tenggat, forKey: .skala_lewat_tenggat)
                try c.encode(tanpa_data, forKey: .tanpa_data)
            }
        }
        let kode_wilayah: String
        let nama_wilayah: String
        let bobot: Weights
        let peringkat: [Row]
    }

    static func componentKey(_ component: PriorityRow.Component) -> String {
        switch component {
        case .poverty: "kemiskinan"
        case .stunting: "stunting"
        case .extremePoverty: "ekstrem"
        case .overdue: "lewat_tenggat"
        }
    }

    static func rankingExport(_ dataset: Dataset, region: RegionIndex, weights: PriorityWeights, rollUp: RollUp) -> RankingExport {
        RankingExport(kode_wilayah: dataset.region(region).code.text, nama_wilayah: dataset.region(region).name,
                      bobot: .init(kemiskinan: weights.poverty, stunting: weights.stunting, ekstrem: weights.extremePoverty, lewat_tenggat: weights.overdue),
                      peringkat: dataset.priorityRanking(of: region, weights: weights, rollUp: rollUp).map { row in
            RankingExport.Row(peringkat: row.rank, kode: dataset.region(row.region).code.text, wilayah: dataset.region(row.region).name,
                              skor: row.score, seri: row.tied, kemiskinan: row.raw[.poverty], stunting: row.raw[.stunting],
                              ekstrem: row.raw[.extremePoverty], lewat_tenggat: row.raw[.overdue],
                              skala_kemiskinan: rounded(row.components[.poverty]), skala_stunting: rounded(row.components[.stunting]),
                              skala_ekstrem: rounded(row.components[.extremePoverty]), skala_lewat_tenggat: rounded(row.components[.overdue]),
                              tanpa_data: row.missing.map(componentKey))
        })
    }

    /// Raw values and the 0–100 scaled components, so every score can be recomputed.
    public static func rankingCSV(_ dataset: Dataset, region: RegionIndex, weights: PriorityWeights, rollUp: RollUp) -> String {
        let export = rankingExport(dataset, region: region, weights: weights, rollUp: rollUp)
        var lines = [["peringkat", "kode", "wilayah", "skor", "seri", "kemiskinan", "stunting", "ekstrem", "lewat_tenggat",
                      "skala_kemiskinan", "skala_stunting", "skala_ekstrem", "skala_lewat_tenggat", "tanpa_data",
                      "bobot_kemiskinan", "bobot_stunting", "bobot_ekstrem", "bobot_lewat_tenggat"]]
        for row in export.peringkat {
            lines.append([String(row.peringkat), row.kode, row.wilayah, plain(row.skor), row.seri ? "ya" : "tidak",
                          plain(row.kemiskinan), plain(row.stunting), plain(row.ekstrem), plain(row.lewat_tenggat),
                          plain(row.skala_kemiskinan), plain(row.skala_stunting), plain(row.skala_ekstrem), plain(row.skala_lewat_tenggat),
                          row.tanpa_data.joined(separator: ";"),
                          plain(export.bobot.kemiskinan), plain(export.bobot.stunting), plain(export.bobot.ekstrem), plain(export.bobot.lewat_tenggat)])
        }
        return lines.map { $0.map(CSVWriter.cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public static func rankingJSON(_ dataset: Dataset, region: RegionIndex, weights: PriorityWeights, rollUp: RollUp) -> String {
        DecisionTable.encode(rankingExport(dataset, region: region, weights: weights, rollUp: rollUp))
    }
}
