import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres

extension MeetingKind: ExpressibleByArgument {}

/// `pantau meeting new|list|show|close`: meetings kept in the follow-up store
/// (docs/follow-up.md, "Meetings").
struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Rapat / meetings: prepare one, list them, show one, close it.",
        discussion: """
        A meeting is kept in the follow-up store (--state), like decisions. Open it in the \
        dashboard with `pantau --meeting ID` or `pantau present --meeting ID`: every decision \
        recorded there is linked to it.
        """,
        subcommands: [New.self, Edit.self, List.self, Show.self, Close.self])

    enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case md, json }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Siapkan rapat / prepare a meeting; its id alone on the last line of standard output.",
            discussion: """
            pantau meeting new --kind diseminasi-1 --region 16.06 --date 2022-10-25 \\
              --title "Diseminasi I Audit Kasus Stunting" --time 09:00 --chair "Pj Sekda" \\
              --attendee "Dinas Kesehatan|Kepala Dinas" --agenda 16.06.02,16.06.01
            """)
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: "diseminasi-1, diseminasi-2, rakor, penilaian-8-aksi, lainnya.")
        var kind: MeetingKind
        @Option(name: .long, help: ArgumentHelp("Wilayah yang dibahas / the region the meeting is about.", valueName: "KODE"))
        var region: String
        @Option(name: .long, help: ArgumentHelp("Tanggal rapat / the meeting's day.", valueName: "YYYY-MM-DD"))
        var date: String
        @Option(name: .long, help: "Judul / title.")
        var title: String
        @Option(name: .long, help: ArgumentHelp("Jam mulai, waktu setempat / start time, local time.", valueName: "HH:MM"))
        var time: String?
        @Option(name: .long, help: "Tempat / place.")
        var place: String?
        @Option(name: .long, help: "Pimpinan rapat / chair.")
        var chair: String?
        @Option(name: .long, help: ArgumentHelp("Peserta / an attendee (repeatable).", valueName: "OPD|jabatan[|nama]"))
        var attendee: [String] = []
        @Option(name: .long, help: ArgumentHelp("Agenda: wilayah berurutan, masing-masing boleh dengan topik / regions in order, each with an optional topic.", valueName: "KODE[=topik],…"))
        var agenda: String?

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            func exists(_ text: String) -> Bool { RegionCode(text).flatMap(dataset.index(of:)) != nil }
            guard let day = LocalDate(iso: date) else {
                throw ValidationError("--date: '\(date)' " + lang.pick("bukan tanggal TTTT-BB-HH", "is not a YYYY-MM-DD date"))
            }
            let attendees = try MeetingCommand.attendees(attendee, lang: lang)
            let items = MeetingCommand.agendaItems(agenda ?? "")
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let book = try MeetingCommand.meetings(in: store, dataset: dataset, lang: lang)
            let regionCode = TextRules.canonicalName(region)
            let meeting = Meeting(
                id: Meeting.newID(region: regionCode, date: day, taken: { book[$0] != nil }), kind: kind,
                title: TextRules.canonicalName(title), date: day, time: time.map(TextRules.canonicalName),
                place: place.map(TextRules.canonicalName).flatMap { $0.isEmpty ? nil : $0 }, region: regionCode,
                chair: chair.map(TextRules.canonicalName).flatMap { $0.isEmpty ? nil : $0 },
                attendees: attendees, agenda: items)
            if let problem = meeting.problem(lang, regionExists: exists) { throw ValidationError(problem) }
            try MeetingCommand.record(meeting, previous: nil, in: store, author: options.authorName, lang: lang)
            say(lang.pick("Rapat dicatat di \(options.stateDisplay): ", "Meeting recorded in \(options.stateDisplay): ")
                + meeting.title + " · " + Format.date(day, lang))
            say(meeting.id)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ubah rapat / change a prepared meeting: only the options given change (--attendee and --agenda replace the lists).")
        @OptionGroup var options: DataOptions
        @Argument(help: "Id rapat / the meeting's id.")
        var id: String
        @Option(name: .long, help: "diseminasi-1, diseminasi-2, rakor, penilaian-8-aksi, lainnya.")
        var kind: MeetingKind?
        @Option(name: .long, help: ArgumentHelp("Tanggal / day.", valueName: "YYYY-MM-DD"))
        var date: String?
        @Option(name: .long, help: "Judul / title.")
        var title: String?
        @Option(name: .long, help: ArgumentHelp("Jam mulai (kosong = tanpa) / start time (empty: none).", valueName: "HH:MM"))
        var time: String?
        @Option(name: .long, help: "Tempat (kosong = tanpa) / place (empty: none).")
        var place: String?
        @Option(name: .long, help: "Pimpinan (kosong = tanpa) / chair (empty: none).")
        var chair: String?
        @Option(name: .long, help: ArgumentHelp("Peserta, menggantikan daftarnya / an attendee, replacing the list (repeatable).", valueName: "OPD|jabatan[|nama]"))
        var attendee: [String] = []
        @Option(name: .long, help: ArgumentHelp("Agenda, menggantikannya / the agenda, replacing it.", valueName: "KODE[=topik],…"))
        var agenda: String?

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let book = try MeetingCommand.meetings(in: store, dataset: dataset, lang: lang)
            let current = try MeetingCommand.find(id, in: book, lang: lang)
            guard !current.isClosed else {
                throw ValidationError(lang.pick("rapat \(current.id) sudah ditutup dan tidak diubah lagi", "meeting \(current.id) is closed and no longer changes"))
            }
            var meeting = current
            func optional(_ text: String?) -> String?? {
                guard let text else { return .none }
                let clean = TextRules.canonicalName(text)
                return .some(clean.isEmpty ? nil : clean)
            }
            if let kind { meeting.kind = kind }
            if let date {
                guard LocalDate(iso: date) != nil else {
                    throw ValidationError("--date: '\(date)' " + lang.pick("bukan tanggal TTTT-BB-HH", "is not a YYYY-MM-DD date"))
                }
                meeting.date = date
            }
            if let title { meeting.title = TextRules.canonicalName(title) }
            if case .some(let value) = optional(time) { meeting.time = value }
            if case .some(let value) = optional(place) { meeting.place = value }
            if case .some(let value) = optional(chair) { meeting.chair = value }
            if !attendee.isEmpty { meeting.attendees = try MeetingCommand.attendees(attendee, lang: lang) }
            if let agenda { meeting.agenda = MeetingCommand.agendaItems(agenda) }
            if let problem = meeting.problem(lang, regionExists: { RegionCode($0).flatMap(dataset.index(of:)) != nil }) {
                throw ValidationError(problem)
            }
            guard meeting != current else {
                say(lang.pick("Rapat \(current.id) tidak berubah.", "Meeting \(current.id) unchanged."))
                return
            }
            try MeetingCommand.record(meeting, previous: current, in: store, author: options.authorName, lang: lang)
            say(lang.pick("Rapat \(meeting.id) diubah.", "Meeting \(meeting.id) changed."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Daftar rapat / list the meetings, newest first.")
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: "md or json.")
        var format: ShowFormat = .md

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            let events = try options.recordedEvents()
            let applied = FollowUpApplier.apply(events, to: dataset.recommendations)
            let meetings = applied.meetings.all
            switch format {
            case .json:
                var linked: [String: [FollowUpEvent]] = [:]
                for event in events where event.field != .meeting { if let id = event.meetingID { linked[id, default: []].append(event) } }
                say(MeetingCommand.json(meetings.map { MeetingSummary($0, dataset: dataset, events: linked[$0.id] ?? []) }))
            case .md:
                guard !meetings.isEmpty else {
                    say(lang.pick("Belum ada rapat di \(options.stateDisplay). Siapkan dengan: pantau meeting new …",
                                  "No meetings in \(options.stateDisplay) yet. Prepare one with: pantau meeting new …"))
                    return
                }
                var out = lang.pick("| ID | Tanggal | Jenis | Judul | Wilayah | Keadaan |\n", "| ID | Date | Kind | Title | Region | State |\n")
                out += "|---|---|---|---|---|---|\n"
                for meeting in meetings {
                    let state = meeting.isClosed ? lang.pick("ditutup", "closed") : lang.pick("terbuka", "open")
                    out += "| \(cell(meeting.id)) | \(meeting.day.map { Format.date($0, lang) } ?? meeting.date) | \(meeting.kind.rawValue) | "
                        + "\(cell(meeting.title)) | \(cell(regionName(meeting.region, dataset))) | \(state) |\n"
                }
                say(out)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Satu rapat / one meeting: its header, attendees, agenda and linked decisions.")
        @OptionGroup var options: DataOptions
        @Argument(help: "Id rapat / the meeting's id (pantau meeting list).")
        var id: String
        @Option(name: .long, help: "md or json.")
        var format: ShowFormat = .md

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            let events = try options.recordedEvents()
            let applied = FollowUpApplier.apply(events, to: dataset.recommendations)
            let meeting = try MeetingCommand.find(id, in: applied.meetings, lang: lang)
            let linked = events.filter { $0.meetingID == meeting.id && $0.field != .meeting }
            switch format {
            case .json: say(MeetingCommand.json(MeetingSummary(meeting, dataset: dataset, events: linked)))
            case .md: say(MeetingCommand.markdown(meeting, dataset: dataset, decisions: linked.count, lang: lang))
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tutup rapat / close a meeting: no more decisions are linked to it.")
        @OptionGroup var options: DataOptions
        @Argument(help: "Id rapat / the meeting's id.")
        var id: String

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let book = try MeetingCommand.meetings(in: store, dataset: dataset, lang: lang)
            let meeting = try MeetingCommand.find(id, in: book, lang: lang)
            guard !meeting.isClosed else {
                say(lang.pick("Rapat \(meeting.id) sudah ditutup.", "Meeting \(meeting.id) is already closed."))
                return
            }
            var closed = meeting
            closed.closedAt = FollowUpClock.nowISO8601()
            try MeetingCommand.record(closed, previous: meeting, in: store, author: options.authorName, lang: lang)
            say(lang.pick("Rapat \(meeting.id) ditutup.", "Meeting \(meeting.id) closed."))
        }
    }

    // MARK: shared

    /// `--attendee OPD|jabatan[|nama]`, each.
    static func attendees(_ texts: [String], lang: Language) throws -> [MeetingAttendee] {
        try texts.map { text in
            guard let parsed = MeetingAttendee.parse(text) else {
                throw ValidationError("--attendee: '\(text)' " + lang.pick("bukan OPD|jabatan[|nama]", "is not OPD|position[|name]"))
            }
            return parsed
        }
    }

    /// `--agenda KODE[=topik],…`.
    static func agendaItems(_ text: String) -> [MeetingAgendaItem] { MeetingAgendaItem.parseList(text) }

    static func meetings(in store: FollowUpStore, dataset: Dataset, lang: Language) throws -> MeetingBook {
        FollowUpApplier.apply(try events(in: store, lang: lang), to: dataset.recommendations).meetings
    }

    /// Every event of a store a command writes to, or its message and exit status 1.
    static func events(in store: FollowUpStore, lang: Language) throws -> [FollowUpEvent] {
        do {
            return try store.allEvents()
        } catch let error as FollowUpStoreError {
            printError(error.message(lang))
            throw ExitCode(1)
        }
    }

    static func find(_ id: String, in book: MeetingBook, lang: Language) throws -> Meeting {
        guard let meeting = book[TextRules.canonicalName(id)] else {
            throw ValidationError(lang.pick("rapat '\(id)' tidak ada; lihat pantau meeting list", "no meeting '\(id)'; see pantau meeting list"))
        }
        return meeting
    }

    /// Appends the meeting's record as an event (exit 1 with the store's words if it fails;
    /// a shared server that went away keeps it in the journal, which is said).
    static func record(_ meeting: Meeting, previous: Meeting?, in store: FollowUpStore, author: String, lang: Language) throws {
        let event = FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: previous?.encoded(),
                                  newValue: meeting.encoded(), author: author, recordedAt: FollowUpClock.nowISO8601())
        do {
            _ = try store.append(event)
        } catch let error as FollowUpStoreError {
            printError(error.message(lang))
            throw ExitCode(1)
        }
        if store.health() != .ok {
            printError(FollowUpStoreHealth.offlineMessage(lang))
        }
    }

    static func regionName(_ code: String, _ dataset: Dataset) -> String {
        guard let index = RegionCode(code).flatMap(dataset.index(of:)) else { return code }
        return dataset.region(index).name + " (" + code + ")"
    }

    static func cell(_ text: String) -> String {
        DisplayText.sanitize(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// The meeting's header as an AKS report starts: kind, title, day, time with its zone,
    /// place, chair, attendees, agenda.
    static func markdown(_ meeting: Meeting, dataset: Dataset, decisions: Int, lang: Language) -> String {
        var out = "# " + cell(meeting.title) + "\n\n"
        out += "- " + lang.pick("Jenis: ", "Kind: ") + meeting.kind.label(lang) + " (`\(meeting.kind.rawValue)`)\n"
        out += "- Id: " + cell(meeting.id) + "\n"
        var when = meeting.day.map { Format.date($0, lang) } ?? meeting.date
        if let time = meeting.time { when += ", " + time + " " + meeting.zone.rawValue }
        out += "- " + lang.pick("Waktu: ", "When: ") + when + "\n"
        if let place = meeting.place { out += "- " + lang.pick("Tempat: ", "Place: ") + cell(place) + "\n" }
        out += "- " + lang.pick("Wilayah: ", "Region: ") + cell(regionName(meeting.region, dataset)) + "\n"
        if let chair = meeting.chair { out += "- " + lang.pick("Pimpinan: ", "Chair: ") + cell(chair) + "\n" }
        out += "- " + lang.pick("Keadaan: ", "State: ")
            + (meeting.isClosed ? lang.pick("ditutup", "closed") : lang.pick("terbuka", "open"))
            + lang.pick(" · \(decisions) keputusan tercatat", " · \(decisions) decisions recorded") + "\n"
        out += "\n## " + lang.pick("Peserta", "Attendees") + " (\(meeting.attendees.count))\n\n"
        if meeting.attendees.isEmpty { out += lang.pick("Belum dicatat.", "Not recorded.") + "\n" }
        for (number, person) in meeting.attendees.enumerated() { out += "\(number + 1). " + cell(person.line) + "\n" }
        out += "\n## Agenda\n\n"
        if meeting.agenda.isEmpty { out += lang.pick("Belum dicatat.", "Not recorded.") + "\n" }
        for (number, item) in meeting.agenda.enumerated() {
            out += "\(number + 1). " + cell(regionName(item.region, dataset)) + (item.topic.map { " — " + cell($0) } ?? "") + "\n"
        }
        return out
    }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return FollowUpReport.escapingUnsafeScalars(String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self))
    }
}

/// A meeting as `meeting list|show --format json` writes it: the record, its zone, the
/// names of its regions and how many decisions are linked to it.
struct MeetingSummary: Encodable {
    let rapat: Meeting
    let zona: String
    let nama_wilayah: String
    let keputusan: Int

    init(_ meeting: Meeting, dataset: Dataset, events: [FollowUpEvent]) {
        rapat = meeting
        zona = meeting.zone.rawValue
        nama_wilayah = RegionCode(meeting.region).flatMap(dataset.index(of:)).map { dataset.region($0).name } ?? ""
        keputusan = events.count
    }
}
