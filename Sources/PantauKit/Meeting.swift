import Foundation

/// The kinds of meeting a TPPS or an AKS team holds (docs/follow-up.md, "Meetings").
public enum MeetingKind: String, Sendable, CaseIterable, Codable {
    case diseminasi1 = "diseminasi-1"
    case diseminasi2 = "diseminasi-2"
    case rakor
    case penilaian8Aksi = "penilaian-8-aksi"
    case other = "lainnya"

    public func label(_ lang: Language) -> String {
        switch self {
        case .diseminasi1: lang.pick("Diseminasi I Audit Kasus Stunting", "Stunting case audit, dissemination I")
        case .diseminasi2: lang.pick("Diseminasi II Audit Kasus Stunting", "Stunting case audit, dissemination II")
        case .rakor: lang.pick("Rapat koordinasi", "Coordination meeting")
        case .penilaian8Aksi: lang.pick("Penilaian kinerja 8 aksi konvergensi", "8-action convergence assessment")
        case .other: lang.pick("Rapat lainnya", "Other meeting")
        }
    }
}

/// Someone at a meeting. AKS teams are decreed by position, so the position is required
/// and the name is optional.
public struct MeetingAttendee: Sendable, Equatable, Codable {
    public var opd: String
    public var position: String
    public var name: String?

    public init(opd: String, position: String, name: String? = nil) {
        self.opd = opd
        self.position = position
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case opd, position = "jabatan", name = "nama"
    }

    /// `OPD|jabatan[|nama]`, as `pantau meeting new --attendee` takes it.
    public static func parse(_ text: String) -> MeetingAttendee? {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map {
            TextRules.canonicalName(String($0))
        }
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return MeetingAttendee(opd: parts[0], position: parts[1], name: parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil)
    }

    /// Attendees as one line of text (the dashboard's meeting form): `OPD|jabatan[|nama]`
    /// separated by `;`. nil when one of them is not that shape; empty text is none.
    public static func parseList(_ text: String) -> [MeetingAttendee]? {
        var attendees: [MeetingAttendee] = []
        for part in text.split(separator: ";") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let attendee = parse(String(part)) else { return nil }
            attendees.append(attendee)
        }
        return attendees
    }

    /// The form `parse` reads: `Dinas Kesehatan|Kepala Dinas|dr. Azmi`.
    public var text: String { ([opd, position] + (name.map { [$0] } ?? [])).joined(separator: "|") }

    /// "Dinas Kesehatan · Kepala Dinas · dr. Azmi" (the name when there is one).
    public var line: String { ([opd, position] + (name.map { [$0] } ?? [])).joined(separator: " · ") }
}

/// One item of a meeting's agenda: a region, in the order it is discussed.
public struct MeetingAgendaItem: Sendable, Equatable, Codable {
    public var region: String
    public var topic: String?

    public init(region: String, topic: String? = nil) {
        self.region = region
        self.topic = topic
    }

    /// `KODE[=topik],…`, as `--agenda` and the dashboard's meeting form take it.
    public static func parseList(_ text: String) -> [MeetingAgendaItem] {
        text.split(separator: ",").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1).map { TextRules.canonicalName(String($0)) }
            guard let code = pieces.first, !code.isEmpty else { return nil }
            return MeetingAgendaItem(region: code, topic: pieces.count > 1 && !pieces[1].isEmpty ? pieces[1] : nil)
        }
    }

    /// The form `parseList` reads back: `16.06.02=Lais`.
    public var text: String { region + (topic.map { "=" + $0 } ?? "") }

    enum CodingKeys: String, CodingKey {
        case region = "wilayah", topic = "topik"
    }
}

/// A meeting (`rapat`): prepared before, opened in the room (decisions recorded while it
/// is open are linked to it), closed afterwards. Kept in the follow-up store as events
/// whose value is this record as JSON (`FollowUpField.meeting`); the newest event of an id
/// is the meeting as it is now.
public struct Meeting: Sendable, Equatable, Codable {
    public var id: String
    public var kind: MeetingKind
    public var title: String
    /// The day, in the local time of the meeting's region.
    public var date: String
    /// "HH:MM" local time, when known.
    public var time: String?
    public var place: String?
    /// The region the meeting is about (a Kemendagri code in the dataset).
    public var region: String
    public var chair: String?
    public var attendees: [MeetingAttendee]
    public var agenda: [MeetingAgendaItem]
    /// When it was closed (UTC, ISO 8601); nil while it may still be opened.
    public var closedAt: String?

    public init(id: String, kind: MeetingKind, title: String, date: LocalDate, time: String? = nil, place: String? = nil,
                region: String, chair: String? = nil, attendees: [MeetingAttendee] = [], agenda: [MeetingAgendaItem] = [],
                closedAt: String? = nil) {
        self.id = id
        self.kind = kind
        self.title = title
        self.date = date.iso
        self.time = time
        self.place = place
        self.region = region
        self.chair = chair
        self.attendees = attendees
        self.agenda = agenda
        self.closedAt = closedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind = "jenis", title = "judul", date = "tanggal", time = "jam", place = "tempat"
        case region = "wilayah", chair = "pimpinan", attendees = "peserta", agenda
        case closedAt = "ditutup"
    }

    public var day: LocalDate? { LocalDate(iso: date) }
    public var isClosed: Bool { closedAt != nil }

    /// The zone the meeting's start time (`jam`) was given in: its region's province. An
    /// office's one zone (`LocalTimeZones`) does not move it: the time is the invitation's.
    public var zone: IndonesianTimeZone {
        LocalTimeZones.byProvince.zone(ofCode: region)
    }

    /// The stored form: JSON with sorted keys, so the same meeting is the same text.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and arrays cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A stored record, or nil when the text is not one (reported as an invalid event).
    public static func decoded(_ text: String) -> Meeting? {
        guard let meeting = try? JSONDecoder().decode(Meeting.self, from: Data(text.utf8)),
              meeting.day != nil, !meeting.id.isEmpty else { return nil }
        return meeting
    }

    /// What is wrong with a meeting about to be recorded, in words for the command line
    /// (nil when it can be recorded). `regionExists` says whether a code is in the dataset.
    public func problem(_ lang: Language, regionExists: (String) -> Bool) -> String? {
        if title.isEmpty { return lang.pick("--title: judul rapat kosong", "--title: the meeting has no title") }
        if day == nil { return "--date: '\(date)' " + lang.pick("bukan tanggal TTTT-BB-HH", "is not a YYYY-MM-DD date") }
        if let time, !Meeting.isClockTime(time) { return "--time: '\(time)' " + lang.pick("bukan jam JJ:MM", "is not an HH:MM time") }
        if !regionExists(region) { return "--region: '\(region)' " + lang.pick("tidak ada di dataset", "is not in the dataset") }
        for item in agenda where !regionExists(item.region) {
            return "--agenda: '\(item.region)' " + lang.pick("tidak ada di dataset", "is not in the dataset")
        }
        let texts = [id, title, place ?? "", chair ?? ""] + attendees.flatMap { [$0.opd, $0.position, $0.name ?? ""] }
            + agenda.map { $0.topic ?? "" }
        for text in texts {
            if case .failure(let violation) = TextRules.freeText(text) { return violation.message(lang) }
        }
        return nil
    }

    static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return false }
        return (0...23).contains(hour) && (0...59).contains(minute)
    }

    /// A new, readable id: `RAPAT-<region>-<YYYYMMDD>-<4 letters>`. The random letters
    /// (Crockford's base 32, no I, L, O or U) keep two terminals preparing a meeting on
    /// the same day and region apart, also when one of them is offline; `taken` avoids
    /// the ids already in the store.
    public static func newID(region: String, date: LocalDate, taken: (String) -> Bool = { _ in false }) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let day = date.iso.replacingOccurrences(of: "-", with: "")
        while true {
            let suffix = String((0..<4).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
            let id = "RAPAT-\(region)-\(day)-\(suffix)"
            if !taken(id) { return id }
        }
    }
}

/// The meetings recorded in the store, as of the events applied so far.
public struct MeetingBook: Sendable, Equatable {
    /// Meeting id → the meeting as its newest event records it.
    public private(set) var byID: [String: Meeting] = [:]
    /// Ids in the order they were first recorded.
    public private(set) var order: [String] = []

    public init() {}

    /// Takes a meeting event; false when its value is not a meeting record, or names
    /// another id than the event's.
    mutating func record(_ event: FollowUpEvent) -> Bool {
        guard let meeting = Meeting.decoded(event.newValue), meeting.id == event.recommendationID else { return false }
        if byID.updateValue(meeting, forKey: meeting.id) == nil { order.append(meeting.id) }
        return true
    }

    /// Every meeting, newest day first (then the order recorded, newest first).
    public var all: [Meeting] {
        order.enumerated().compactMap { offset, id in byID[id].map { (offset, $0) } }
            .sorted { ($0.1.date, $0.0) > ($1.1.date, $1.0) }
            .map(\.1)
    }

    public subscript(id: String) -> Meeting? { byID[id] }
}
