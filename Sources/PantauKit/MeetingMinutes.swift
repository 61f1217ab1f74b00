import Foundation

/// The minutes of one meeting in the shape an AKS report takes (`pantau report --meeting
/// ID`): the meeting's header, then per agenda region the recommendations discussed with
/// their full text and what was decided on them while the meeting was open, then the
/// conclusions (*Kesimpulan*), the follow-up plan (*Rencana Tindak Lanjut*: what, who, by
/// when) and the evaluation of earlier follow-up (*Evaluasi RTL*).
public struct MeetingMinutes: Sendable, Encodable {
    public struct Discussed: Sendable, Encodable {
        public let id: String
        public let kode: String
        public let wilayah: String
        public let opd: String
        public let temuan: String
        public let rekomendasi: String
        /// The AKS target group of a recommendation issued in a meeting ("" otherwise).
        public let sasaran: String
        /// As it is now (after every recorded decision).
        public let status: String
        public let tenggat: String
        /// The decisions taken on it in this meeting, oldest first.
        public let keputusan: [FollowUpReport.Decision]
    }
    public struct Section: Sendable, Encodable {
        /// The agenda region ("" for decisions on regions outside the agenda).
        public let kode: String
        public let wilayah: String
        public let topik: String
        public let dibahas: [Discussed]
    }
    /// One line of the follow-up plan: what, who, by when.
    public struct PlannedAction: Sendable, Encodable {
        public let id: String
        public let wilayah: String
        public let apa: String
        public let siapa: String
        public let tenggat: String
        public let status: String
    }
    public struct Conclusion: Sendable, Encodable {
        public let rekomendasi_dibahas: Int
        /// Recommendations issued in this meeting (16.2).
        public let rekomendasi_baru: Int
        public let status_diubah: Int
        public let selesai: Int
        public let catatan: Int
        public let tenggat_diubah: Int
        public let opd_diganti: Int
        public let dievaluasi: Int
        public let pembatalan: Int
    }

    public let dibuat: String
    public let rapat: Meeting
    public let zona: String
    public let nama_wilayah: String
    public let agenda: [Section]
    public let kesimpulan: Conclusion
    public let rencana_tindak_lanjut: [PlannedAction]
    public let evaluasi_rtl: [FollowUpReport.Evaluation]

    /// `dataset` must already have the events applied; `events` are all recorded events.
    public init(meeting: Meeting, dataset: Dataset, events: [FollowUpEvent], generatedAt: String, zones: LocalTimeZones = .byProvince) {
        dibuat = generatedAt
        rapat = meeting
        zona = meeting.zone.rawValue
        nama_wilayah = RegionCode(meeting.region).flatMap(dataset.index(of:)).map { dataset.region($0).name } ?? meeting.region
        let linked = events.filter { $0.meetingID == meeting.id && $0.field != .meeting }
        let byID = Dictionary(dataset.recommendations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        let issued = RecordedRecommendations(events)
        // Each recommendation discussed, in the order it was first decided on.
        var order: [String] = []
        var decisions: [String: [FollowUpReport.Decision]] = [:]
        for event in linked {
            guard let recommendation = byID[event.recommendationID] else { continue }
            if decisions[recommendation.id] == nil { order.append(recommendation.id) }
            decisions[recommendation.id, default: []].append(FollowUpReport.Decision(event, place: dataset.region(recommendation.region), zones: zones))
        }
        func discussed(_ id: String) -> Discussed {
            let recommendation = byID[id]!
            let place = dataset.region(recommendation.region)
            return Discussed(id: id, kode: place.code.text, wilayah: place.name, opd: recommendation.owner,
                             temuan: recommendation.finding, rekomendasi: recommendation.text,
                             sasaran: issued.byID[id]?.sasaran ?? "", status: recommendation.status.rawValue, tenggat: recommendation.deadline?.iso ?? "",
                             keputusan: decisions[id] ?? [])
        }
        // Per agenda item, the recommendations in its region or below; the first item
        // that holds a recommendation takes it, the rest go under "outside the agenda".
        var placed: Set<String> = []
        var sections: [Section] = []
        for item in meeting.agenda {
            guard let index = RegionCode(item.region).flatMap(dataset.index(of:)) else { continue }
            let subtree = dataset.subtree(index)
            let ids = order.filter { !placed.contains($0) && subtree.contains(byID[$0]!.region) }
            placed.formUnion(ids)
            sections.append(Section(kode: item.region, wilayah: dataset.region(index).name, topik: item.topic ?? "",
                                    dibahas: ids.map(discussed)))
        }
        let rest = order.filter { !placed.contains($0) }
        if !rest.isEmpty { sections.append(Section(kode: "", wilayah: "", topik: "", dibahas: rest.map(discussed))) }
        agenda = sections

        let all = decisions.values.flatMap { $0 }
        func count(_ field: FollowUpField) -> Int { all.filter { $0.bidang == field.rawValue && !$0.pembatalan }.count }
        kesimpulan = Conclusion(
            rekomendasi_dibahas: order.count, rekomendasi_baru: all.filter { $0.bidang == FollowUpField.recommendation.rawValue && $0.lama.isEmpty }.count, status_diubah: count(.status),
            selesai: order.filter { byID[$0]!.status == .selesai }.count,
            catatan: count(.note), tenggat_diubah: count(.deadline), opd_diganti: count(.owner),
            dievaluasi: order.filter { id in all.contains { $0.id == id && !$0.pembatalan && ($0.bidang == FollowUpField.outcome.rawValue || $0.bidang == FollowUpField.riskImproved.rawValue) } }.count,
            pembatalan: all.filter(\.pembatalan).count)

        // The plan: what was discussed and is still to be done, soonest deadline first.
        rencana_tindak_lanjut = order.compactMap { byID[$0] }.filter { $0.status.isPending }
            .sorted { ($0.deadline?.iso ?? "9999", $0.id) < ($1.deadline?.iso ?? "9999", $1.id) }
            .map { recommendation in
                PlannedAction(id: recommendation.id, wilayah: dataset.region(recommendation.region).name, apa: recommendation.text,
                              siapa: recommendation.owner, tenggat: recommendation.deadline?.iso ?? "", status: recommendation.status.rawValue)
            }

        // Evaluations recorded in this meeting, with the evidence given with the latest.
        var evidence: [String: String] = [:]
        for event in linked.reversed() where (event.field == .outcome || event.field == .riskImproved) && event.undoes == nil {
            if evidence[event.recommendationID] == nil, let note = event.note, !note.isEmpty { evidence[event.recommendationID] = note }
        }
        let evaluatedHere = Set(linked.filter { $0.field == .outcome || $0.field == .riskImproved }.map(\.recommendationID))
        evaluasi_rtl = order.filter(evaluatedHere.contains).compactMap { byID[$0] }
            .filter { $0.outcome != nil || $0.riskImproved != nil }
            .map { recommendation in
                let place = dataset.region(recommendation.region)
                return FollowUpReport.Evaluation(id: recommendation.id, kode: place.code.text, wilayah: place.name, opd: recommendation.owner,
                                                 status: recommendation.status.rawValue, hasil: recommendation.outcome?.rawValue ?? "",
                                                 risiko_membaik: recommendation.riskImproved?.rawValue ?? "", bukti: evidence[recommendation.id] ?? "")
            }
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return FollowUpReport.escapingUnsafeScalars(String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)) + "\n"
    }

    /// The day and time of the meeting as the header shows it: `25 Okt 2022, 09:00 WIB`.
    func when(_ lang: Language) -> String {
        var text = rapat.day.map { Format.date($0, lang) } ?? rapat.date
        if let time = rapat.time { text += ", " + time + " " + zona }
        return text
    }

    public func markdown(_ lang: Language) -> String {
        func cell(_ text: String) -> String { DisplayText.sanitize(text).replacingOccurrences(of: "|", with: "\\|") }
        func line(_ text: String) -> String { DisplayText.sanitize(text) }
        func date(_ iso: String) -> String { iso.isEmpty ? "–" : LocalDate(iso: iso).map { Format.date($0, lang) } ?? iso }
        func status(_ raw: String) -> String { RecommendationStatus(rawValue: raw)?.title(lang) ?? raw }
        var out = "# " + lang.pick("Notulen rapat", "Meeting minutes") + " — " + line(rapat.title) + "\n\n"
        out += "- " + lang.pick("Jenis: ", "Kind: ") + rapat.kind.label(lang) + "\n"
        out += "- " + lang.pick("Waktu: ", "When: ") + when(lang) + "\n"
        if let place = rapat.place { out += "- " + lang.pick("Tempat: ", "Place: ") + line(place) + "\n" }
        out += "- " + lang.pick("Wilayah: ", "Region: ") + line(nama_wilayah) + " (\(rapat.region))\n"
        if let chair = rapat.chair { out += "- " + lang.pick("Pimpinan rapat: ", "Chair: ") + line(chair) + "\n" }
        out += "- Id: " + line(rapat.id) + "\n"
        out += "\n## " + lang.pick("Peserta", "Attendees") + " (\(rapat.attendees.count))\n\n"
        if rapat.attendees.isEmpty { out += lang.pick("Tidak dicatat.", "Not recorded.") + "\n" }
        for (number, person) in rapat.attendees.enumerated() { out += "\(number + 1). " + line(person.line) + "\n" }

        out += "\n## " + lang.pick("Pembahasan", "Discussion") + "\n"
        if agenda.allSatisfy({ $0.dibahas.isEmpty }) && agenda.count == rapat.agenda.count && !agenda.isEmpty {
            out += "\n" + lang.pick("Tidak ada keputusan yang dicatat selama rapat ini.", "No decisions were recorded during this meeting.") + "\n"
        }
        for (number, section) in agenda.enumerated() {
            let heading = section.kode.isEmpty ? lang.pick("Di luar agenda", "Outside the agenda")
                : "\(number + 1). " + line(section.wilayah) + " (\(section.kode))" + (section.topik.isEmpty ? "" : " — " + line(section.topik))
            out += (out.hasSuffix("\n\n") ? "### " : "\n### ") + heading + "\n\n"
            if section.dibahas.isEmpty { out += lang.pick("Tidak ada keputusan dicatat.", "No decisions recorded.") + "\n" }
            for item in section.dibahas {
                out += "**" + line(item.id) + "** · " + line(item.wilayah) + " · " + line(item.opd) + " · "
                    + status(item.status) + " · " + lang.pick("tenggat ", "deadline ") + date(item.tenggat) + "\n\n"
                if !item.temuan.isEmpty { out += "- " + lang.pick("Temuan: ", "Finding: ") + line(item.temuan) + "\n" }
                out += "- " + lang.pick("Rekomendasi: ", "Recommendation: ") + line(item.rekomendasi) + "\n"
                if !item.sasaran.isEmpty { out += "- " + lang.pick("Sasaran: ", "Target group: ") + line(item.sasaran) + "\n" }
                out += "\n"
                out += lang.pick("| Waktu (setempat) | Perubahan | Oleh | Catatan |\n", "| Time (local) | Change | By | Note |\n")
                out += "|---|---|---|---|\n"
                for d in item.keputusan {
                    // A note's words are its change; a comment on a change stays in its own column.
                    let isNote = d.bidang == FollowUpField.note.rawValue
                    let change = isNote ? (d.pembatalan ? lang.pick("batal — catatan dihapus", "undo — note removed") : lang.pick("catatan", "note")) : d.change(lang)
                    let note = isNote ? d.baru : d.catatan
                    out += "| \(cell(d.waktu_lokal)) | \(cell(change)) | \(cell(d.oleh)) | \(cell(note)) |\n"
                }
                out += "\n"
            }
        }

        let k = kesimpulan
        out += (out.hasSuffix("\n\n") ? "## " : "\n## ") + lang.pick("Kesimpulan", "Conclusions") + "\n\n"
        out += "- " + lang.pick("\(k.rekomendasi_dibahas) rekomendasi dibahas; \(k.selesai) di antaranya kini selesai",
                                "\(k.rekomendasi_dibahas) recommendations discussed; \(k.selesai) of them are now done")
            + (k.rekomendasi_baru > 0 ? lang.pick("; \(k.rekomendasi_baru) rekomendasi baru", "; \(k.rekomendasi_baru) new recommendations") : "") + "\n"
        out += "- " + lang.pick("\(k.status_diubah) perubahan status, \(k.tenggat_diubah) tenggat dipindah, \(k.opd_diganti) OPD diganti, \(k.catatan) catatan",
                                "\(k.status_diubah) status changes, \(k.tenggat_diubah) deadlines moved, \(k.opd_diganti) owners changed, \(k.catatan) notes") + "\n"
        out += "- " + lang.pick("\(k.dievaluasi) rekomendasi dievaluasi", "\(k.dievaluasi) recommendations evaluated")
            + (k.pembatalan > 0 ? lang.pick("; \(k.pembatalan) keputusan dibatalkan", "; \(k.pembatalan) decisions undone") : "") + "\n"

        out += "\n## " + lang.pick("Rencana Tindak Lanjut", "Follow-up plan") + " (\(rencana_tindak_lanjut.count))\n\n"
        if rencana_tindak_lanjut.isEmpty {
            out += lang.pick("Tidak ada rekomendasi yang dibahas masih tertunda.", "No recommendation discussed is still pending.") + "\n"
        } else {
            out += lang.pick("| Apa | Siapa | Kapan | ID | Wilayah | Status |\n", "| What | Who | By when | ID | Region | Status |\n")
            out += "|---|---|---|---|---|---|\n"
            for action in rencana_tindak_lanjut {
                out += "| \(cell(action.apa)) | \(cell(action.siapa)) | \(date(action.tenggat)) | \(cell(action.id)) | \(cell(action.wilayah)) | \(status(action.status)) |\n"
            }
        }

        out += "\n## " + lang.pick("Evaluasi RTL", "Follow-up evaluation") + " (\(evaluasi_rtl.count))\n\n"
        if evaluasi_rtl.isEmpty {
            out += lang.pick("Tidak ada evaluasi dicatat dalam rapat ini.", "No evaluation was recorded in this meeting.") + "\n"
        } else {
            out += lang.pick("| ID | Wilayah | OPD | Hasil | Risiko kasus membaik | Bukti |\n", "| ID | Region | Owner | Outcome | Case risk improved | Evidence |\n")
            out += "|---|---|---|---|---|---|\n"
            for e in evaluasi_rtl {
                let outcome = e.hasil.isEmpty ? "–" : FollowUpOutcome(rawValue: e.hasil)?.title(lang) ?? e.hasil
                let risk = e.risiko_membaik.isEmpty ? "–" : RiskChange(rawValue: e.risiko_membaik)?.title(lang) ?? e.risiko_membaik
                out += "| \(cell(e.id)) | \(cell(e.wilayah)) | \(cell(e.opd)) | \(outcome) | \(risk) | \(cell(e.bukti)) |\n"
            }
        }
        return out
    }

    /// One table with a `bagian` (section) column: the meeting (`rapat`), each attendee
    /// (`peserta`), each decision (`keputusan`, under its agenda region), the plan (`rtl`),
    /// the evaluations (`evaluasi`) and the conclusions (`kesimpulan`, name and count).
    public func csv() -> String {
        let header = ["bagian", "agenda", "id", "kode", "wilayah", "opd", "teks", "status", "tenggat", "waktu", "oleh",
                      "bidang", "lama", "baru", "catatan", "hasil", "risiko_membaik", "bukti"]
        var rows = [header]
        func row(_ section: String, _ values: [String: String]) {
            rows.append([section] + header.dropFirst().map { values[$0] ?? "" })
        }
        row("rapat", ["id": rapat.id, "kode": rapat.region, "wilayah": nama_wilayah, "teks": rapat.title, "status": rapat.kind.rawValue,
                      "waktu": (rapat.date + " " + (rapat.time ?? "")).trimmingCharacters(in: .whitespaces) + " " + zona,
                      "oleh": rapat.chair ?? "", "catatan": rapat.place ?? ""])
        for person in rapat.attendees { row("peserta", ["opd": person.opd, "teks": person.position, "oleh": person.name ?? ""]) }
        for section in agenda {
            for item in section.dibahas {
                for d in item.keputusan {
                    row("keputusan", ["agenda": section.kode, "id": item.id, "kode": item.kode, "wilayah": item.wilayah, "opd": item.opd,
                                      "teks": item.rekomendasi, "status": item.status, "tenggat": item.tenggat, "waktu": d.waktu_lokal,
                                      "oleh": d.oleh, "bidang": d.bidang + (d.pembatalan ? " (batal)" : ""), "lama": d.lama, "baru": d.baru,
                                      "catatan": d.catatan])
                }
            }
        }
        for action in rencana_tindak_lanjut {
            row("rtl", ["id": action.id, "wilayah": action.wilayah, "teks": action.apa, "opd": action.siapa, "tenggat": action.tenggat,
                        "status": action.status])
        }
        for e in evaluasi_rtl {
            row("evaluasi", ["id": e.id, "kode": e.kode, "wilayah": e.wilayah, "opd": e.opd, "status": e.status, "hasil": e.hasil,
                             "risiko_membaik": e.risiko_membaik, "bukti": e.bukti])
        }
        let k = kesimpulan
        for (name, value) in [("rekomendasi_dibahas", k.rekomendasi_dibahas), ("rekomendasi_baru", k.rekomendasi_baru), ("status_diubah", k.status_diubah), ("selesai", k.selesai),
                              ("catatan", k.catatan), ("tenggat_diubah", k.tenggat_diubah), ("opd_diganti", k.opd_diganti),
                              ("dievaluasi", k.dievaluasi), ("pembatalan", k.pembatalan)] {
            row("kesimpulan", ["bidang": name, "baru": String(value)])
        }
        return rows.map { $0.map(CSVWriter.cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
