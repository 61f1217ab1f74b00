import Foundation

/// The target groups of a stunting case audit (AKS): whose cases a recommendation is about.
public enum AuditTargetGroup: String, Sendable, CaseIterable, Codable {
    case catin, bumil, nifas, baduta, balita
}

/// A recommendation issued in a meeting and recorded as an event (16.2), not typed into
/// `rekomendasi.csv`: the event's `recommendationID` is its id and `newValue` this record
/// as JSON, with the contract's column names. The newest record of an id is the
/// recommendation as it is now; `ditarik` withdraws it. Status, notes, deadline and owner
/// then change through the usual events. The CSV files stay untouched until a
/// secretariat merges `pantau state export-csv`.
public struct RecommendationRecord: Sendable, Equatable, Codable {
    public var id: String
    public var kode: String
    public var siklus: String
    public var asal: String
    public var kategori: String
    public var temuan: String
    public var rekomendasi: String
    public var opd: String
    /// ISO date, "" for none.
    public var tenggat: String
    /// The AKS target group, when given.
    public var sasaran: String?
    /// The meeting it was issued in.
    public var rapat: String?
    /// Withdrawn: no longer shown, counted or exported.
    public var ditarik: Bool?

    public init(id: String, kode: String, siklus: String, asal: RecommendationOrigin, kategori: String = "", temuan: String = "",
                rekomendasi: String, opd: String, tenggat: LocalDate? = nil, sasaran: AuditTargetGroup? = nil, rapat: String? = nil) {
        self.id = id
        self.kode = kode
        self.siklus = siklus
        self.asal = asal.rawValue
        self.kategori = kategori
        self.temuan = temuan
        self.rekomendasi = rekomendasi
        self.opd = opd
        self.tenggat = tenggat?.iso ?? ""
        self.sasaran = sasaran?.rawValue
        self.rapat = rapat
    }

    public var isWithdrawn: Bool { ditarik == true }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    public static func decoded(_ text: String) -> RecommendationRecord? {
        guard let record = try? JSONDecoder().decode(RecommendationRecord.self, from: Data(text.utf8)), !record.id.isEmpty else { return nil }
        return record
    }

    /// What is wrong with it, by the contract's rules for `rekomendasi.csv` (the same
    /// choices, identifiers and dates), named by the command-line option; nil if none.
    public func problem(_ lang: Language, regionExists: (String) -> Bool) -> String? {
        if !regionExists(kode) { return "--region: '\(kode)' " + lang.pick("tidak ada di dataset", "is not in the dataset") }
        if RecommendationOrigin(rawValue: asal) == nil {
            return "--origin: '\(asal)' " + lang.pick("bukan salah satu dari ", "is not one of ") + RecommendationOrigin.allCases.map(\.rawValue).joined(separator: ", ")
        }
        if rekomendasi.isEmpty { return "--text: " + lang.pick("rekomendasi kosong", "the recommendation is empty") }
        if opd.isEmpty { return "--opd: " + lang.pick("OPD kosong", "no owner (OPD)") }
        if !tenggat.isEmpty && LocalDate(iso: tenggat) == nil {
            return "--deadline: '\(tenggat)' " + lang.pick("bukan tanggal TTTT-BB-HH", "is not a YYYY-MM-DD date")
        }
        if let sasaran, AuditTargetGroup(rawValue: sasaran) == nil {
            return "--group: '\(sasaran)' " + lang.pick("bukan salah satu dari ", "is not one of ") + AuditTargetGroup.allCases.map(\.rawValue).joined(separator: ", ")
        }
        for (option, text) in [("--opd", opd), ("--region", kode)] {
            if case .failure(let violation) = TextRules.identifier(text) { return option + ": " + violation.message(lang) }
        }
        for (option, text) in [("--text", rekomendasi), ("--finding", temuan), ("--category", kategori), ("--cycle", siklus)] {
            if case .failure(let violation) = TextRules.freeText(text) { return option + ": " + violation.message(lang) }
        }
        return nil
    }

    /// A readable id that does not collide: `<region>-<cycle>-<4 letters>`, e.g.
    /// `16.06.02-2022S2-K7Q2` (the letters from Crockford's base 32, as meeting ids), so
    /// two terminals adding at the same moment, also offline, get different ids; `taken`
    /// avoids the ids already known.
    public static func newID(region: String, cycle: String, taken: (String) -> Bool) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let compactCycle = String(cycle.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        let stem = region + (compactCycle.isEmpty ? "" : "-" + compactCycle)
        while true {
            let id = stem + "-" + String((0..<4).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
            if !taken(id) { return id }
        }
    }

    /// The cycle a meeting's recommendations belong to: a stunting case audit runs per
    /// semester (`2022 S2`), other meetings per year (`2024`).
    public static func cycle(of meeting: Meeting) -> String {
        guard let day = meeting.day else { return "" }
        switch meeting.kind {
        case .diseminasi1, .diseminasi2: return "\(day.year) S\(day.month <= 6 ? 1 : 2)"
        default: return String(day.year)
        }
    }

    /// The origin (`asal`) of a meeting's recommendations.
    public static func origin(of meeting: Meeting) -> RecommendationOrigin {
        switch meeting.kind {
        case .diseminasi1, .diseminasi2: .aks
        case .rakor: .rakor
        case .penilaian8Aksi: .konvergensi
        case .other: .lainnya
        }
    }
}

/// The recommendations recorded as events, as their newest records say.
public struct RecordedRecommendations: Sendable, Equatable {
    /// Id → newest record, withdrawn ones included.
    public private(set) var byID: [String: RecommendationRecord] = [:]
    /// Ids in the order first recorded.
    public private(set) var order: [String] = []

    public init(_ events: [FollowUpEvent]) {
        for event in events where event.field == .recommendation { record(event) }
    }

    /// Takes one recommendation event; the record it holds, or nil when its value is not
    /// a record of the event's id (then it changes nothing).
    @discardableResult
    mutating func record(_ event: FollowUpEvent) -> RecommendationRecord? {
        guard let record = RecommendationRecord.decoded(event.newValue), record.id == event.recommendationID else { return nil }
        if byID.updateValue(record, forKey: record.id) == nil { order.append(record.id) }
        return record
    }

    /// The records in force (not withdrawn), in the order first recorded.
    public var active: [RecommendationRecord] { order.compactMap { byID[$0] }.filter { !$0.isWithdrawn } }
}

extension Dataset {
    /// This dataset with the recommendations recorded as events added (sorted in by
    /// region, like the CSV's), each as its newest record says, status `belum`; withdrawn
    /// ones and ones whose region is unknown are left out, and an id the CSV already has
    /// keeps the CSV's row. The same dataset when there are none.
    public func addingRecorded(_ events: [FollowUpEvent]) -> Dataset {
        guard events.contains(where: { $0.field == .recommendation }) else { return self }
        let known = Set(recommendations.map(\.id))
        var added: [Recommendation] = []
        for record in RecordedRecommendations(events).active where !known.contains(record.id) {
            if let recommendation = recommendation(recorded: record) { added.append(recommendation) }
        }
        guard !added.isEmpty else { return self }
        return Dataset(copying: self, recommendations: Self.sortedByRegion(recommendations + added))
    }

    /// The row a record stands for in this dataset: status `belum`, line 0; nil when its
    /// region or origin is unknown. (Whether it is withdrawn, or its id is the CSV's, is
    /// the caller's to check.)
    public func recommendation(recorded record: RecommendationRecord) -> Recommendation? {
        guard let code = RegionCode(record.kode), let region = index(of: code),
              let origin = RecommendationOrigin(rawValue: record.asal) else { return nil }
        return Recommendation(id: record.id, region: region, cycle: record.siklus, origin: origin, category: record.kategori,
                              finding: record.temuan, text: record.rekomendasi, owner: record.opd,
                              deadline: LocalDate(iso: record.tenggat), status: .belum, line: 0)
    }
}
