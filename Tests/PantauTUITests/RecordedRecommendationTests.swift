import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

/// 16.2: recommendations issued in a meeting are events, and once recorded they are the
/// dataset's own everywhere: panes, counts, roll-up, reports, later decisions.
@Suite struct RecordedRecommendationTests {
    static let record = RecommendationRecord(
        id: "16.06.02-2022S2-K7Q2", kode: "16.06.02", siklus: "2022 S2", asal: .aks, kategori: "Intervensi spesifik",
        temuan: "Baduta kasus audit belum dikunjungi", rekomendasi: "Jadwalkan kunjungan rumah baduta kasus audit",
        opd: "Dinas Kesehatan", tenggat: LocalDate(iso: "2023-03-31"), sasaran: .baduta, rapat: "RAPAT-16.06-20221025-AB12")

    static func event(_ id: Int64, _ record: RecommendationRecord, old: RecommendationRecord? = nil) -> FollowUpEvent {
        var event = FollowUpEvent(clientID: "r\(id)", recommendationID: record.id, field: .recommendation, oldValue: old?.encoded(),
                                  newValue: record.encoded(), author: "notulis", recordedAt: "2022-10-25T02:00:00Z", meetingID: record.rapat)
        event.id = id
        return event
    }

    static func change(_ id: Int64, _ rec: String, _ field: FollowUpField, _ old: String?, _ new: String) -> FollowUpEvent {
        var event = FollowUpEvent(clientID: "c\(id)", recommendationID: rec, field: field, oldValue: old, newValue: new,
                                  author: "notulis", recordedAt: "2022-10-25T02:05:00Z")
        event.id = id
        return event
    }

    @Test func theRecordSurvivesItsStoredForm() throws {
        #expect(RecommendationRecord.decoded(Self.record.encoded()) == Self.record)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(Self.record.encoded().utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "kode", "siklus", "asal", "kategori", "temuan", "rekomendasi", "opd", "tenggat", "sasaran", "rapat"])
        #expect(RecommendationRecord.decoded("[]") == nil)
    }

    @Test func problemsFollowTheContractsRules() {
        let known: (String) -> Bool = { $0 == "16.06.02" }
        #expect(Self.record.problem(.en, regionExists: known) == nil)
        var bad = Self.record
        bad.kode = "16.99"
        #expect(bad.problem(.en, regionExists: known) == "--region: '16.99' is not in the dataset")
        bad = Self.record
        bad.asal = "rapat"
        #expect(bad.problem(.en, regionExists: known)?.hasPrefix("--origin: 'rapat' is not one of aks") == true)
        bad = Self.record
        bad.tenggat = "2023-02-30"
        #expect(bad.problem(.en, regionExists: known) == "--deadline: '2023-02-30' is not a YYYY-MM-DD date")
        bad = Self.record
        bad.opd = "Dinas\u{200B} Kesehatan"
        #expect(bad.problem(.en, regionExists: known)?.hasPrefix("--opd: ") == true)
        bad = Self.record
        bad.rekomendasi = ""
        #expect(bad.problem(.en, regionExists: known) == "--text: the recommendation is empty")
    }

    @Test func idsAreBuiltFromRegionAndCycle() {
        let id = RecommendationRecord.newID(region: "16.06.02", cycle: "2022 S2", taken: { _ in false })
        #expect(id.range(of: #"^16\.06\.02-2022S2-[0-9A-HJKMNP-TV-Z]{4}$"#, options: .regularExpression) != nil, "\(id)")
        let meeting = Meeting(id: "m", kind: .diseminasi1, title: "t", date: LocalDate(iso: "2022-10-25")!, region: "16.06")
        #expect(RecommendationRecord.cycle(of: meeting) == "2022 S2" && RecommendationRecord.origin(of: meeting) == .aks)
        let rakor = Meeting(id: "m", kind: .rakor, title: "t", date: LocalDate(iso: "2024-02-12")!, region: "35.17")
        #expect(RecommendationRecord.cycle(of: rakor) == "2024" && RecommendationRecord.origin(of: rakor) == .rakor)
    }

    @Test func aRecordedRecommendationIsTheDatasetsOwn() throws {
        let base = sampleContext.dataset
        let lais = try #require(base.index(of: RegionCode("16.06.02")!))
        let before = DashboardContext(dataset: sampleContext.base, today: LocalDate(iso: "2026-11-23")!)
        let events = [Self.event(1, Self.record), Self.change(2, Self.record.id, .status, "belum", "proses"),
                      Self.change(3, Self.record.id, .note, nil, "disepakati")]
        let context = DashboardContext(dataset: sampleContext.base, today: LocalDate(iso: "2026-11-23")!, events: events)
        let added = try #require(context.dataset.recommendations.first { $0.id == Self.record.id })
        #expect(added.region == lais && added.status == .proses && added.owner == "Dinas Kesehatan")
        #expect(added.deadline == LocalDate(iso: "2023-03-31") && added.line == 0)
        #expect(context.dataset.recommendations.count == before.dataset.recommendations.count + 1)
        // Sorted in by region, so the subtree's range holds it.
        #expect(context.dataset.recommendationIndices(inSubtreeOf: lais).contains { context.dataset.recommendations[$0].id == Self.record.id })
        #expect(context.followUp.orphans.isEmpty && context.followUp.invalid.isEmpty)
        #expect(context.followUp.notes[Self.record.id]?.first?.newValue == "disepakati")
        // Counted: one more pending (and overdue) in Lais and every region above it.
        let muba = try #require(base.index(of: RegionCode("16.06")!))
        #expect(context.rollUp.pending(muba) == before.rollUp.pending(muba) + 1)
        #expect(context.rollUp.overdue(lais) == before.rollUp.overdue(lais) + 1)
        // The minutes of the day list it.
        let report = FollowUpReport(dataset: context.dataset, events: events, today: context.today, since: nil, region: muba, generatedAt: "")
        #expect(report.tertunda.contains { $0.id == Self.record.id })
    }

    @Test func arrivingFromAnotherTerminalIsTheSameAsReadingTheWholeLog() {
        let start = DashboardContext(dataset: sampleContext.base, today: LocalDate(iso: "2026-11-23")!,
                                     events: [Self.change(1, "MUBA-AKS22-07", .note, nil, "awal")])
        let fresh = [Self.event(2, Self.record), Self.change(3, Self.record.id, .status, "belum", "selesai")]
        let incremental = start.with(newEvents: fresh)
        let whole = DashboardContext(dataset: sampleContext.base, today: start.today, events: start.events + fresh)
        #expect(incremental.dataset.recommendations == whole.dataset.recommendations)
        #expect(incremental.rollUp == whole.rollUp)
        #expect(incremental.followUp == whole.followUp)
    }

    @Test func editedWithdrawnAndCollidingRecords() throws {
        var edited = Self.record
        edited.rekomendasi = "Jadwalkan kunjungan rumah dua kali sebulan"
        var withdrawn = edited
        withdrawn.ditarik = true
        var clash = Self.record
        clash.id = "MUBA-AKS22-07"   // an id the CSV has: the CSV's row stays
        var nowhere = Self.record
        nowhere.id = "99.99-2022S2-AAAA"
        nowhere.kode = "99.99"
        let base = sampleContext.base
        let once = base.addingRecorded([Self.event(1, Self.record), Self.event(2, edited, old: Self.record)])
        #expect(once.recommendations.first { $0.id == Self.record.id }?.text == "Jadwalkan kunjungan rumah dua kali sebulan")
        #expect(once.recommendations.count == base.recommendations.count + 1)
        let gone = base.addingRecorded([Self.event(1, Self.record), Self.event(2, edited, old: Self.record), Self.event(3, withdrawn, old: edited)])
        #expect(gone.recommendations.count == base.recommendations.count)
        let csvWins = base.addingRecorded([Self.event(1, clash), Self.event(2, nowhere)])
        #expect(csvWins.recommendations.count == base.recommendations.count)
        #expect(csvWins.recommendations.first { $0.id == "MUBA-AKS22-07" }?.owner == "DPPKB")
    }
}

/// 16.2 in the dashboard: `R` opens a form with every contract field.
@Suite struct NewRecommendationFormTests {
    func type(_ state: inout AppState, _ text: String) {
        for character in text { reduce(&state, .key(.character(character))) }
    }

    /// A row's text longer than the box, once the focus moves on, ends with "…".
    @Test func aLongUnfocusedRowEndsWithAnEllipsis() throws {
        var state = stateOnMubaRecommendations()
        press(&state, "R Down Down")
        let long = String(repeating: "Perkuat pendampingan keluarga berisiko stunting ", count: 4)
        type(&state, long)
        press(&state, "Down")
        let screen = render(state).text()
        let row = try #require(screen.components(separatedBy: "\n").first { $0.contains("Rekomendasi:") })
        #expect(row.contains("…"), "\(row)")
        #expect(!row.contains(long.trimmingCharacters(in: .whitespaces)), "\(row)")
    }

    @Test func theFormRecordsOneEventWithEveryField() throws {
        var state = stateOnMubaRecommendations()   // Kabupaten Musi Banyuasin selected in pane 1
        press(&state, "R")
        guard case .form(let form)? = state.overlay else { Issue.record("no form"); return }
        #expect(form.kind == .newRecommendation)
        var screen = render(state).text()
        #expect(screen.contains("Rekomendasi baru") && screen.contains("Asal: Lainnya · siklus 2026"), "\(screen)")
        #expect(screen.contains("Wilayah:     16.06"), "\(screen)")
        press(&state, "Down")
        type(&state, "Dinas Kese")
        press(&state, "Tab")                  // completes from the dataset's OPDs
        press(&state, "Down")
        type(&state, "Jadwalkan kunjungan rumah")
        press(&state, "Down")
        type(&state, "Belum dikunjungi")
        press(&state, "Down")
        type(&state, "2027-01-31")
        press(&state, "Down Right Right Right Right")   // – catin bumil nifas baduta
        screen = render(state).text()
        #expect(screen.contains("Sasaran:     ‹ baduta ›") && screen.contains("OPD:         Dinas Kesehatan"), "\(screen)")
        press(&state, "Enter")
        #expect(state.overlay == nil)
        let event = try #require(state.outbox.first)
        #expect(state.outbox.count == 1 && event.field == .recommendation && event.oldValue == nil && event.author == "notulis")
        let record = try #require(RecommendationRecord.decoded(event.newValue))
        #expect(record.id == event.recommendationID && record.id.hasPrefix("16.06-2026-"))
        #expect(record.kode == "16.06" && record.opd == "Dinas Kesehatan" && record.rekomendasi == "Jadwalkan kunjungan rumah")
        #expect(record.temuan == "Belum dikunjungi" && record.tenggat == "2027-01-31" && record.sasaran == "baduta" && record.asal == "lainnya")
    }

    /// `u` after `R` withdraws the recommendation just recorded (an undo event whose record
    /// is withdrawn); it leaves every pane and count, and its history says why.
    @Test func undoAfterANewRecommendationWithdrawsIt() throws {
        var state = stateOnMubaRecommendations()
        let store = try SQLiteFollowUpStore.inMemory()
        let session = FollowUpSession(store: store, clock: { "2026-11-23T03:00:00Z" })
        let before = state.dataset.recommendations.count
        press(&state, "R Down")
        type(&state, "Dinas Sosial")
        press(&state, "Down")
        type(&state, "Data keluarga berisiko dimutakhirkan")
        press(&state, "Enter")
        session.synchronise(&state)
        let added = try #require(try store.allEvents().last)
        #expect(state.dataset.recommendations.count == before + 1)
        press(&state, "3 u")
        session.synchronise(&state)
        let undo = try #require(try store.allEvents().last)
        #expect(undo.undoes == added.id && undo.field == .recommendation && undo.oldValue == added.newValue)
        #expect(RecommendationRecord.decoded(undo.newValue)?.isWithdrawn == true)
        #expect(state.dataset.recommendations.count == before)
        #expect(!state.dataset.recommendations.contains { $0.id == added.recommendationID })
        #expect(state.flash == "Dibatalkan: " + added.recommendationID)
        // An edit undone brings back the record before it.
        var edited = try #require(RecommendationRecord.decoded(added.newValue))
        edited.rekomendasi = "Teks lain"
        var edit = FollowUpEvent(recommendationID: edited.id, field: .recommendation, oldValue: added.newValue, newValue: edited.encoded(),
                                 author: "notulis", recordedAt: "")
        edit.id = 99
        let current = Recommendation(id: edited.id, region: state.dataset.root, cycle: "2026", origin: .lainnya, category: "", finding: "",
                                     text: "Teks lain", owner: "Dinas Sosial", deadline: nil, status: .belum, line: 0)
        let back = try #require(FollowUpUndo.undoEvent(for: edit, current: current, author: "notulis", at: ""))
        #expect(back.newValue == added.newValue && back.undoes == 99)
    }

    @Test func problemsKeepTheFormOpenOnTheRowAtFault() {
        var state = stateOnMubaRecommendations()
        press(&state, "R Down Down")
        type(&state, "Teks")
        press(&state, "Enter")   // no OPD
        guard case .form(let form)? = state.overlay else { Issue.record("closed"); return }
        #expect(form.focus == NewRecommendationField.owner.rawValue && form.error == "OPD: OPD kosong", "\(String(describing: form.error))")
        press(&state, "Up C-u")
        type(&state, "16.99")
        press(&state, "Enter")
        guard case .form(let again)? = state.overlay else { Issue.record("closed"); return }
        #expect(again.focus == NewRecommendationField.region.rawValue && again.error == "Wilayah: '16.99' tidak ada di dataset")
        // Nothing recorded, and what was typed is kept.
        #expect(state.outbox.isEmpty)
        #expect(render(state).text().contains("Rekomendasi: Teks"))
        press(&state, "Esc")
        #expect(state.overlay == nil && state.outbox.isEmpty)
    }

    @Test func withAMeetingOpenOriginAndCycleFollowIt() throws {
        let meeting = Meeting(id: "RAPAT-16.06-20221025-AB12", kind: .diseminasi1, title: "Diseminasi I", date: LocalDate(iso: "2022-10-25")!,
                              region: "16.06")
        var event = FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: nil, newValue: meeting.encoded(), author: "s", recordedAt: "")
        event.id = 1
        var state = AppState(context: DashboardContext(dataset: sampleContext.base, today: sampleContext.today, events: [event]),
                             lang: .id, size: Size(width: 40, height: 12))
        reduce(&state, .resize(state.size))
        state.openMeetingID = meeting.id
        state.presentation = Presentation(agenda: [try #require(state.dataset.index(of: RegionCode("16.06.02")!))])
        press(&state, "R")
        let screen = render(state).text()
        // The smallest slide shows every row of the form.
        #expect(screen.contains("Sasaran:") && screen.contains("Wilayah:     16.06.02"), "\(screen)")
        press(&state, "Down")
        type(&state, "Puskesmas Lais")
        press(&state, "Down")
        type(&state, "Kunjungi")
        press(&state, "Enter")
        let record = try #require(state.outbox.first.flatMap { RecommendationRecord.decoded($0.newValue) })
        #expect(record.asal == "aks" && record.siklus == "2022 S2" && record.rapat == meeting.id && record.kode == "16.06.02")
        #expect(state.outbox.first?.meetingID == meeting.id)
    }

    @Test func readOnlyRecordsNothing() {
        var state = stateOnMubaRecommendations()
        state.storeStatus = .readOnly(.requested)
        press(&state, "R")
        #expect(state.overlay == nil)
    }
}

/// 16.1 from the dashboard: `r` opens a prepared meeting in this terminal (and the next,
/// and none again); closed meetings are not offered.
@Suite struct MeetingCycleTests {
    @Test func rCyclesThroughTheMeetingsNotClosed() {
        func meetingEvent(_ id: Int64, _ meeting: Meeting) -> FollowUpEvent {
            var event = FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: nil, newValue: meeting.encoded(), author: "s", recordedAt: "")
            event.id = id
            return event
        }
        let older = Meeting(id: "RAPAT-16.06-20221025-AAAA", kind: .diseminasi1, title: "Diseminasi I", date: LocalDate(iso: "2022-10-25")!, region: "16.06")
        let newer = Meeting(id: "RAPAT-16.06-20230425-BBBB", kind: .diseminasi2, title: "Diseminasi II", date: LocalDate(iso: "2023-04-25")!, region: "16.06")
        var closed = Meeting(id: "RAPAT-32-20240812-CCCC", kind: .rakor, title: "Rakor", date: LocalDate(iso: "2024-08-12")!, region: "32")
        closed.closedAt = "2024-08-12T09:00:00Z"
        var state = AppState(context: DashboardContext(dataset: sampleContext.base, today: sampleContext.today,
                                                       events: [meetingEvent(1, older), meetingEvent(2, newer), meetingEvent(3, closed)]),
                             lang: .id, size: Size(width: 100, height: 30))
        reduce(&state, .resize(state.size))
        #expect(!render(state).text().contains("RAPAT ·"))
        press(&state, "r")
        #expect(state.openMeetingID == newer.id && state.flash == "Rapat dibuka: Diseminasi II — keputusan dicatat untuknya")
        #expect(render(state).text().split(separator: "\n").first?.contains("RAPAT · ") == true)
        press(&state, "r")
        #expect(state.openMeetingID == older.id)
        press(&state, "r")
        #expect(state.openMeetingID == nil && state.flash?.hasPrefix("Tanpa rapat") == true)
        // Decisions made now carry no meeting; with one open, the session stamps it.
        press(&state, "r Enter j 3 n")
        for character in "dibahas" { reduce(&state, .key(.character(character))) }
        press(&state, "Enter")
        let store = try! SQLiteFollowUpStore.inMemory()
        let session = FollowUpSession(store: store, clock: { "2023-04-25T02:00:00Z" })
        session.synchronise(&state)
        #expect(try! store.allEvents().last?.meetingID == newer.id)
    }
}

/// 16.1: the open meeting edited and closed in the dashboard (`E`, `T T`), through the
/// reducer and the session that writes what it produces.
@Suite struct MeetingFormTests {
    let meeting = Meeting(id: "RAPAT-16.06-20221025-AAAA", kind: .diseminasi1, title: "Diseminasi I", date: LocalDate(iso: "2022-10-25")!,
                          time: "09:00", region: "16.06", attendees: [MeetingAttendee(opd: "Bappeda", position: "Kepala")],
                          agenda: [MeetingAgendaItem(region: "16.06.02", topic: "Lais")])

    /// A dashboard over the sample data with the meeting stored and open, and its store.
    func opened() throws -> (AppState, FollowUpSession, SQLiteFollowUpStore) {
        let store = try SQLiteFollowUpStore.inMemory()
        _ = try store.append(FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: nil, newValue: meeting.encoded(),
                                           author: "notulis", recordedAt: "2022-10-24T03:00:00Z"))
        var state = AppState(context: DashboardContext(dataset: sampleContext.base, today: sampleContext.today, events: try store.allEvents()),
                             lang: .id, size: Size(width: 100, height: 30))
        reduce(&state, .resize(state.size))
        state.openMeetingID = meeting.id
        return (state, FollowUpSession(store: store, clock: { "2022-10-25T04:30:00Z" }), store)
    }

    func type(_ text: String, _ state: inout AppState) {
        for character in text { reduce(&state, .key(.character(character))) }
    }

    @Test func editingTheOpenMeetingRecordsItsNewRecord() throws {
        var (state, session, store) = try opened()
        press(&state, "E")
        let screen = render(state).text()
        for row in ["Ubah rapat · RAPAT-16.06-20221025-AAAA", "Judul:    Diseminasi I", "Jam:      09:00",
                    "Peserta:  Bappeda|Kepala", "Agenda:   16.06.02=Lais"] {
            #expect(screen.contains(row), "\(row)\n\(screen)")
        }
        press(&state, "Down Down Down")
        type("Aula Bappeda", &state)
        press(&state, "Down")
        type("Pj Sekda", &state)
        press(&state, "Down C-e")
        type("; Dinas Kesehatan|Kepala Dinas|dr. Azmi", &state)
        press(&state, "Down C-e")
        type(", 16.06.01=Sekayu", &state)
        press(&state, "Enter")
        #expect(state.overlay == nil)
        session.synchronise(&state)
        let saved = try #require(Meeting.decoded(try store.allEvents().last!.newValue))
        #expect(saved.place == "Aula Bappeda" && saved.chair == "Pj Sekda")
        #expect(saved.attendees == [MeetingAttendee(opd: "Bappeda", position: "Kepala"),
                                    MeetingAttendee(opd: "Dinas Kesehatan", position: "Kepala Dinas", name: "dr. Azmi")])
        #expect(saved.agenda == [MeetingAgendaItem(region: "16.06.02", topic: "Lais"), MeetingAgendaItem(region: "16.06.01", topic: "Sekayu")])
        #expect(!saved.isClosed && state.openMeetingID == meeting.id)
        #expect(state.flash == "Rapat disimpan: Diseminasi I")
        #expect(try store.allEvents().last?.oldValue == meeting.encoded())
    }

    @Test func aProblemKeepsTheFormOpenOnItsRow() throws {
        var (state, _, _) = try opened()
        press(&state, "E Down C-u")
        type("25-10-2022", &state)
        press(&state, "Enter")
        guard case .form(let form)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(form.focus == MeetingFormField.date.rawValue)
        #expect(form.error == "Tanggal: '25-10-2022' bukan tanggal TTTT-BB-HH", "\(form.error ?? "")")
        #expect(render(state).text().contains("Tanggal: '25-10-2022' bukan tanggal TTTT-BB-HH"))
        press(&state, "C-u")
        type("2022-10-25", &state)
        press(&state, "Down Down Down Down C-e")
        type("; Camat Lais", &state)
        press(&state, "Enter")
        guard case .form(let again)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(again.focus == MeetingFormField.attendees.rawValue && again.error?.hasPrefix("Peserta: tulis OPD|jabatan|nama") == true)
        press(&state, "C-u")
        type("Bappeda|Kepala", &state)
        press(&state, "Enter")
        guard case .form(let unchanged)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(unchanged.error == "Rapat tidak berubah; ubah satu baris atau Esc")
        press(&state, "Esc")
        #expect(state.overlay == nil && state.outbox.isEmpty)
    }

    @Test func tTwiceClosesTheMeetingAtTheMomentItIsWritten() throws {
        var (state, session, store) = try opened()
        press(&state, "T")
        #expect(state.flash == "Tekan T lagi untuk menutup rapat: Diseminasi I" && state.outbox.isEmpty)
        press(&state, "j T")   // another key in between forgets the first T
        #expect(state.outbox.isEmpty && state.openMeetingID == meeting.id)
        press(&state, "T")
        #expect(state.openMeetingID == nil)
        session.synchronise(&state)
        let saved = try #require(Meeting.decoded(try store.allEvents().last!.newValue))
        #expect(saved.closedAt == "2022-10-25T04:30:00Z")
        #expect(state.flash == "Rapat ditutup: Diseminasi I")
        // Closed, it is no longer offered by r, and E and T say why they cannot run.
        press(&state, "r")
        #expect(state.openMeetingID == nil && state.flash?.hasPrefix("Belum ada rapat terbuka") == true)
        press(&state, "E")
        #expect(state.overlay == nil && state.flash == "Belum ada rapat dibuka; buka dengan r (atau pantau --meeting ID)")
    }

    /// `p` with the meeting open starts on its agenda, not on the regions of pane 1.
    @Test func pStartsOnTheOpenMeetingsAgenda() throws {
        var (state, _, _) = try opened()
        press(&state, "p")
        let presentation = try #require(state.presentation)
        #expect(presentation.agenda.map { state.dataset.region($0).code.text } == ["16.06.02"])
        #expect(render(state).text().contains("Lais"), "\(render(state).text())")
        // With no meeting open, the regions listed (the provinces here).
        press(&state, "p")
        state.openMeetingID = nil
        state.suspendedPresentation = nil
        press(&state, "p")
        #expect(try #require(state.presentation).agenda.count > 1)
    }

    @Test func aMeetingClosedElsewhereIsNoLongerOpenHere() throws {
        var (state, session, store) = try opened()
        var closed = meeting
        closed.closedAt = "2022-10-25T05:00:00Z"
        _ = try store.append(FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: meeting.encoded(), newValue: closed.encoded(),
                                           author: "lain", recordedAt: "2022-10-25T05:00:00Z"))
        session.synchronise(&state)
        #expect(state.openMeetingID == nil)
        #expect(state.flash == "Rapat ditutup: Diseminasi I; keputusan berikutnya tidak dikaitkan dengannya")
    }
}
