import Foundation

/// What a notulis needs after a meeting: the decisions taken (follow-up events) in a
/// period, then what is still pending and overdue per OPD and per region.
public struct FollowUpReport: Sendable, Encodable {
    public struct Decision: Sendable, Encodable {
        /// The stored UTC instant (`2026-11-23T09:30:00Z`).
        public let waktu: String
        /// The same instant in the local time of the recommendation's province, with the
        /// zone (`2026-11-23 16:30 WIB`): what the minutes show.
        public let waktu_lokal: String
        public let id: String
        public let kode: String
        public let wilayah: String
        public let bidang: String
        public let lama: String
        public let baru: String
        public let catatan: String
        public let oleh: String
        public let pembatalan: Bool

        /// A decision on a recommendation of `place`, its time in the province's zone (or the
        /// one zone set for all).
        init(_ event: FollowUpEvent, place: Region, zones: LocalTimeZones = .byProvince) {
            let zone = zones.zone(of: place.code)
            waktu = event.recordedAt
            waktu_lokal = zone.localTime(ofUTC: event.recordedAt).map { "\($0.date.iso) \($0.time) \(zone.rawValue)" } ?? event.recordedAt
            id = event.recommendationID
            kode = place.code.text
            wilayah = place.name
            bidang = event.field.rawValue
            lama = event.oldValue ?? ""
            baru = event.newValue
            catatan = event.note ?? ""
            oleh = event.author
            pembatalan = event.undoes != nil
        }

        /// What changed, in words (`status: Belum → Selesai`); a note's text is the change
        /// of a note event, a comment on a change stays in `catatan`.
        public func change(_ lang: Language) -> String {
            func date(_ iso: String) -> String { iso.isEmpty ? "–" : LocalDate(iso: String(iso.prefix(10))).map { Format.date($0, lang) } ?? iso }
            func status(_ raw: String) -> String { RecommendationStatus(rawValue: raw)?.title(lang) ?? raw }
            func outcome(_ raw: String) -> String { raw.isEmpty ? "–" : FollowUpOutcome(rawValue: raw)?.title(lang) ?? raw }
            func risk(_ raw: String) -> String { raw.isEmpty ? "–" : RiskChange(rawValue: raw)?.title(lang) ?? raw }
            var change: String
            switch FollowUpField(rawValue: bidang) {
            case .status?: change = "status: " + status(lama) + " → " + status(baru)
            case .deadline?: change = lang.pick("tenggat: ", "deadline: ") + date(lama) + " → " + date(baru)
            case .owner?: change = "OPD: " + lama + " → " + baru
            case .outcome?: change = lang.pick("hasil: ", "outcome: ") + outcome(lama) + " → " + outcome(baru)
            case .riskImproved?: change = lang.pick("risiko membaik: ", "risk improved: ") + risk(lama) + " → " + risk(baru)
            case .recommendation?:
                let withdrawn = RecommendationRecord.decoded(baru)?.isWithdrawn == true
                change = withdrawn ? lang.pick("rekomendasi ditarik", "recommendation withdrawn")
                    : lama.isEmpty ? lang.pick("rekomendasi baru", "new recommendation") : lang.pick("rekomendasi diubah", "recommendation edited")
            case .note?, .meeting?, nil: change = lang.pick("catatan", "note") + (baru.isEmpty ? lang.pick(" dihapus", " removed") : ": " + baru)
            }
            return pembatalan ? lang.pick("batal — ", "undo — ") + change : change
        }
    }
    public struct Count: Sendable, Encodable {
        public let nama: String
        public let kode: String
        public let tertunda: Int
        public let lewat_tenggat: Int
    }
    public struct Pending: Sendable, Encodable {
        public let id: String
        public let kode: String
        public let wilayah: String
        public let opd: String
        public let status: String
        public let tenggat: String
        public let lewat_hari: Int
    }

    /// A recommendation's evaluation (Diseminasi II): outcome, whether the case's risk
    /// improved, and the evidence given with the latest evaluation.
    public struct Evaluation: Sendable, Encodable {
        public let id: String
        public let kode: String
        public let wilayah: String
        public let opd: String
        public let status: String
        public let hasil: String
        public let risiko_membaik: String
        public let bukti: String
    }
    /// Evaluations per OPD or region: how many were evaluated, by outcome, and how many
    /// audited cases' risk improved.
    public struct EvaluationCount: Sendable, Encodable {
        public let nama: String
        public let kode: String
        public let dievaluasi: Int
        public let tercapai: Int
        public let sebagian: Int
        public let tidak_tercapai: Int
        public let risiko_membaik: Int
    }

    public let dibuat: String
    public let hari_ini: String
    public let sejak: String
    public let kode_wilayah: String
    public let nama_wilayah: String
    public let keputusan: [Decision]
    public let per_opd: [Count]
    public let per_wilayah: [Count]
    public let tertunda: [Pending]
    public let evaluasi: [Evaluation]
    public let evaluasi_per_opd: [EvaluationCount]
    public let evaluasi_per_wilayah: [EvaluationCount]

    /// `dataset` must already have the events applied; `events` are all recorded events.
    public init(dataset: Dataset, events: [FollowUpEvent], today: LocalDate, since: LocalDate?, region: RegionIndex, generatedAt: String,
                zones: LocalTimeZones = .byProvince) {
        let subtree = dataset.subtree(region)
        let byID = Dictionary(dataset.recommendations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        dibuat = generatedAt
        hari_ini = today.iso
        sejak = since?.iso ?? ""
        kode_wilayah = dataset.region(region).code.text
        nama_wilayah = dataset.region(region).name
        keputusan = events.compactMap { event in
            guard let recommendation = byID[event.recommendationID], subtree.contains(recommendation.region) else { return nil }
            let place = dataset.region(recommendation.region)
            // The day as the people in the recommendation's province lived it (WIB/WITA/WIT).
            if let since, let day = zones.zone(of: place.code).localDate(ofUTC: event.recordedAt), day < since { return nil }
            return Decision(event, place: place, zones: zones)
        }
        let pending = dataset.recommendations.filter { subtree.contains($0.region) && $0.status.isPending }
        func count(_ groups: [String: [Recommendation]], code: (String) -> String) -> [Count] {
            groups.map { name, items in
                Count(nama: name, kode: code(name), tertunda: items.count,
                      lewat_tenggat: items.filter { $0.isOverdue(today: today) }.count)
            }.sorted { ($1.lewat_tenggat, $1.tertunda, $0.nama) < ($0.lewat_tenggat, $0.tertunda, $1.nama) }
        }
        per_opd = count(Dictionary(grouping: pending, by: \.owner), code: { _ in "" })
        // Per kabupaten/kota (or the region itself above that level), the level meetings follow up at.
        func reportingRegion(_ index: RegionIndex) -> RegionIndex {
            let chain = dataset.breadcrumb(index)
            return chain.count > 3 ? chain[2] : index
        }
        var codeByName: [String: String] = [:]
        /// Grouped by the name of their reporting region, whose code `codeByName` keeps.
        func byReportingRegion(_ recommendations: [Recommendation]) -> [String: [Recommendation]] {
            Dictionary(grouping: recommendations) { recommendation -> String in
                let place = dataset.region(reportingRegion(recommendation.region))
                codeByName[place.name] = place.code.text
                return place.name
            }
        }
        per_wilayah = count(byReportingRegion(pending), code: { codeByName[$0] ?? "" })

        // Evaluations: the applied outcome and risk of every recommendation in the subtree
        // that has one, with the note of its latest evaluation event as the evidence.
        var evidence: [String: String] = [:]
        var undone: Set<Int64> = []
        for event in events.reversed() {
            if let target = event.undoes { undone.insert(target) }
            guard event.field == .outcome || event.field == .riskImproved, event.undoes == nil,
                  !undone.contains(event.id ?? -1), evidence[event.recommendationID] == nil,
                  let note = event.note, !note.isEmpty else { continue }
            evidence[event.recommendationID] = note
        }
        let evaluated = dataset.recommendations.filter { subtree.contains($0.region) && ($0.outcome != nil || $0.riskImproved != nil) }
        evaluasi = evaluated.map { recommendation in
            let place = dataset.region(recommendation.region)
            return Evaluation(id: recommendation.id, kode: place.code.text, wilayah: place.name, opd: recommendation.owner,
                              status: recommendation.status.rawValue, hasil: recommendation.outcome?.rawValue ?? "",
                              risiko_membaik: recommendation.riskImproved?.rawValue ?? "", bukti: evidence[recommendation.id] ?? "")
        }
        func evaluationCounts(_ groups: [String: [Recommendation]], code: (String) -> String) -> [EvaluationCount] {
            groups.map { name, items in
                EvaluationCount(nama: name, kode: code(name), dievaluasi: items.count,
                                tercapai: items.filter { $0.outcome == .tercapai }.count,
                                sebagian: items.filter { $0.outcome == .sebagian }.count,
                                tidak_tercapai: items.filter { $0.outcome == .tidakTercapai }.count,
                                risiko_membaik: items.filter { $0.riskImproved == .ya }.count)
            }.sorted { ($1.dievaluasi, $0.nama) < ($0.dievaluasi, $1.nama) }
        }
        evaluasi_per_opd = evaluationCounts(Dictionary(grouping: evaluated, by: \.owner), code: { _ in "" })
        evaluasi_per_wilayah = evaluationCounts(byReportingRegion(evaluated), code: { codeByName[$0] ?? "" })
        tertunda = pending.map { recommendation in
            let place = dataset.region(recommendation.region)
            let late = recommendation.isOverdue(today: today) ? recommendation.deadline!.days(until: today) : 0
            return Pending(id: recommendation.id, kode: place.code.text, wilayah: place.name, opd: recommendation.owner,
                           status: recommendation.status.rawValue, tenggat: recommendation.deadline?.iso ?? "", lewat_hari: late)
        }.sorted { ($1.lewat_hari, $0.tenggat, $0.id) < ($0.lewat_hari, $1.tenggat, $1.id) }
    }

    /// Values are kept exactly, but every character that could drive or reorder a
    /// terminal is written as a `\uXXXX` escape (JSONEncoder escapes only C0 controls),
    /// so `pantau report --format json` is safe to print.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        return Self.escapingUnsafeScalars(text) + "\n"
    }

    /// Escapes DEL, C1 controls and everything `DisplayText.sanitize` would not show as
    /// it is. Only valid on JSON text, where such scalars can only occur inside strings.
    public static func escapingUnsafeScalars(_ json: String) -> String {
        guard json.utf8.contains(where: { $0 >= 0x7F }) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            let safe = scalar.value < 0x7F || DisplayText.sanitize(String(scalar)).unicodeScalars.elementsEqual([scalar])
            guard !safe else { result.append(scalar); continue }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16, uppercase: true)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(result)
    }

    /// One table with a `bagian` (section) column so every row has the same columns.
    public func csv() -> String {
        // The evaluation columns come last, so tools that read the earlier ones by position
        // still find them.
        let header = ["bagian", "id", "kode", "wilayah", "opd", "status", "tenggat", "lewat_hari", "waktu", "oleh",
                      "bidang", "lama", "baru", "catatan", "tertunda", "lewat_tenggat", "hasil", "risiko_membaik", "bukti"]
        var rows = [header]
        let noEvaluation = ["", "", ""]
        for d in keputusan {
            rows.append(["keputusan", d.id, d.kode, d.wilayah, "", "", "", "", d.waktu, d.oleh, d.bidang + (d.pembatalan ? " (batal)" : ""), d.lama, d.baru, d.catatan, "", ""] + noEvaluation)
        }
        for c in per_opd { rows.append(["opd", "", "", "", c.nama, "", "", "", "", "", "", "", "", "", String(c.tertunda), String(c.lewat_tenggat)] + noEvaluation) }
        for c in per_wilayah { rows.append(["wilayah", "", c.kode, c.nama, "", "", "", "", "", "", "", "", "", "", String(c.tertunda), String(c.lewat_tenggat)] + noEvaluation) }
        for p in tertunda {
            rows.append(["tertunda", p.id, p.kode, p.wilayah, p.opd, p.status, p.tenggat, String(p.lewat_hari), "", "", "", "", "", "", "", ""] + noEvaluation)
        }
        for e in evaluasi {
            rows.append(["evaluasi", e.id, e.kode, e.wilayah, e.opd, e.status, "", "", "", "", "", "", "", "", "", "", e.hasil, e.risiko_membaik, e.bukti])
        }
        // Sanitised like the screen (a CSV is as often looked at with cat as opened in a
        // spreadsheet) and kept from running as a formula.
        return rows.map { $0.map(CSVWriter.cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public func markdown(_ lang: Language) -> String {
        func cell(_ text: String) -> String {
            DisplayText.sanitize(text).replacingOccurrences(of: "|", with: "\\|")
        }
        func date(_ iso: String) -> String { LocalDate(iso: String(iso.prefix(10))).map { Format.date($0, lang) } ?? iso }
        func status(_ raw: String) -> String { RecommendationStatus(rawValue: raw)?.title(lang) ?? raw }
        func outcome(_ raw: String) -> String { raw.isEmpty ? "–" : FollowUpOutcome(rawValue: raw)?.title(lang) ?? raw }
        func risk(_ raw: String) -> String { raw.isEmpty ? "–" : RiskChange(rawValue: raw)?.title(lang) ?? raw }
        var out = "# " + lang.pick("Notulen tindak lanjut", "Follow-up minutes") + " — " + cell(nama_wilayah) + " (\(kode_wilayah))\n\n"
        out += lang.pick("Per tanggal ", "As of ") + date(hari_ini)
        if !sejak.isEmpty { out += lang.pick(" · keputusan sejak ", " · decisions since ") + date(sejak) }
        out += "\n\n## " + lang.pick("Keputusan", "Decisions") + " (\(keputusan.count))\n\n"
        if keputusan.isEmpty {
            out += lang.pick("Tidak ada keputusan tercatat pada periode ini.", "No decisions recorded in this period.") + "\n"
        } else {
            out += lang.pick("| Waktu (setempat) | Rekomendasi | Wilayah | Perubahan | Oleh | Catatan |\n", "| Time (local) | Recommendation | Region | Change | By | Note |\n")
            out += "|---|---|---|---|---|---|\n"
            for d in keputusan {
                let change = d.change(lang)
                out += "| \(cell(d.waktu_lokal)) | \(cell(d.id)) | \(cell(d.wilayah)) | \(cell(change)) | \(cell(d.oleh)) | \(cell(d.catatan)) |\n"
            }
        }
        func counts(_ title: String, _ items: [Count], nameHeader: String) {
            out += "\n## " + title + "\n\n"
            guard !items.isEmpty else { out += lang.pick("Tidak ada rekomendasi tertunda.", "No pending recommendations.") + "\n"; return }
            out += "| \(nameHeader) | " + lang.pick("Tertunda | Lewat tenggat |", "Pending | Overdue |") + "\n|---|---:|---:|\n"
            for c in items { out += "| \(cell(c.kode.isEmpty ? c.nama : c.nama + " (" + c.kode + ")")) | \(c.tertunda) | \(c.lewat_tenggat) |\n" }
            let pending = items.reduce(0) { $0 + $1.tertunda }, late = items.reduce(0) { $0 + $1.lewat_tenggat }
            out += "| **" + lang.pick("Jumlah", "Total") + "** | **\(pending)** | **\(late)** |\n"
        }
        counts(lang.pick("Tertunda per OPD", "Pending per owner (OPD)"), per_opd, nameHeader: "OPD")
        counts(lang.pick("Tertunda per wilayah", "Pending per region"), per_wilayah, nameHeader: lang.pick("Wilayah", "Region"))
        out += "\n## " + lang.pick("Rekomendasi tertunda", "Pending recommendations") + " (\(tertunda.count))\n\n"
        if !tertunda.isEmpty {
            out += lang.pick("| ID | Wilayah | OPD | Tenggat | Status | Keterangan |\n", "| ID | Region | Owner | Deadline | Status | Note |\n")
            out += "|---|---|---|---|---|---|\n"
            for p in tertunda {
                let late = p.lewat_hari > 0 ? lang.pick("LEWAT \(p.lewat_hari) hari", "OVERDUE \(p.lewat_hari) days") : ""
                out += "| \(cell(p.id)) | \(cell(p.wilayah)) | \(cell(p.opd)) | \(p.tenggat.isEmpty ? "–" : date(p.tenggat)) | \(status(p.status)) | \(late) |\n"
            }
        }
        // Diseminasi II: only when something was evaluated, so earlier minutes keep their shape.
        guard !evaluasi.isEmpty else { return out }
        out += "\n## " + lang.pick("Evaluasi tindak lanjut", "Follow-up evaluation") + " (\(evaluasi.count))\n\n"
        out += lang.pick("| ID | Wilayah | OPD | Status | Hasil | Risiko kasus membaik | Bukti |\n", "| ID | Region | Owner | Status | Outcome | Case risk improved | Evidence |\n")
        out += "|---|---|---|---|---|---|---|\n"
        for e in evaluasi {
            out += "| \(cell(e.id)) | \(cell(e.wilayah)) | \(cell(e.opd)) | \(status(e.status)) | \(outcome(e.hasil)) | \(risk(e.risiko_membaik)) | \(cell(e.bukti)) |\n"
        }
        func evaluationCounts(_ title: String, _ items: [EvaluationCount], nameHeader: String) {
            out += "\n### " + title + "\n\n"
            out += "| \(nameHeader) | " + lang.pick("Dievaluasi | Tercapai | Sebagian | Tidak tercapai | Risiko membaik |", "Evaluated | Achieved | Partly | Not achieved | Risk improved |")
                + "\n|---|---:|---:|---:|---:|---:|\n"
            for c in items {
                out += "| \(cell(c.kode.isEmpty ? c.nama : c.nama + " (" + c.kode + ")")) | \(c.dievaluasi) | \(c.tercapai) | \(c.sebagian) | \(c.tidak_tercapai) | \(c.risiko_membaik) |\n"
            }
        }
        evaluationCounts(lang.pick("Evaluasi per OPD", "Evaluation per owner (OPD)"), evaluasi_per_opd, nameHeader: "OPD")
        evaluationCounts(lang.pick("Evaluasi per wilayah", "Evaluation per region"), evaluasi_per_wilayah, nameHeader: lang.pick("Wilayah", "Region"))
        return out
    }
}
