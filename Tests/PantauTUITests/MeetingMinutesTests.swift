import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

/// `pantau report --meeting ID` (16.4): the Muba Diseminasi I with decisions taken while
/// it was open, one decision taken outside it, and one on a region off the agenda.
@Suite struct MeetingMinutesTests {
    static let meeting = Meeting(
        id: "RAPAT-16.06-20221025-AB12", kind: .diseminasi1, title: "Diseminasi I Audit Kasus Stunting Kabupaten Musi Banyuasin",
        date: LocalDate(iso: "2022-10-25")!, time: "09:00", place: "Ruang rapat Bappeda", region: "16.06", chair: "Pj Sekda",
        attendees: [MeetingAttendee(opd: "Dinas Kesehatan", position: "Kepala Dinas"),
                    MeetingAttendee(opd: "Kecamatan Lais", position: "Camat", name: "Contoh Nama")],
        agenda: [MeetingAgendaItem(region: "16.06.02", topic: "Kasus baduta Lais"), MeetingAgendaItem(region: "16.06.01")])

    /// Decisions at 02:00–02:40 UTC, i.e. 09:00–09:40 WIB on the meeting's day.
    static func events() -> [FollowUpEvent] {
        var id: Int64 = 0
        func event(_ rec: String, _ field: FollowUpField, _ old: String?, _ new: String, note: String? = nil, minute: Int,
                   undoes: Int64? = nil, linked: Bool = true) -> FollowUpEvent {
            id += 1
            var e = FollowUpEvent(clientID: "c\(id)", recommendationID: rec, field: field, oldValue: old, newValue: new, note: note,
                                  author: "notulis", recordedAt: String(format: "2022-10-25T02:%02d:00Z", minute), undoes: undoes,
                                  meetingID: linked ? meeting.id : nil)
            e.id = id
            return e
        }
        let record = event(meeting.id, .meeting, nil, meeting.encoded(), minute: 0, linked: false)
        return [
            record,
            event("MUBA-AKS22-07", .status, "belum", "proses", note: "TPK dilengkapi bulan ini", minute: 5),
            event("MUBA-AKS22-07", .deadline, "2023-03-31", "2023-06-30", minute: 6),
            event("MUBA-AKS22-03", .note, nil, "Dana Desa 2023 dialokasikan | sanitasi", minute: 10),
            event("MUBA-AKS22-03", .owner, "Dinas PMD", "Dinas PUPR", minute: 12),
            // Issued in the room (16.2).
            event("16.06.02-2022S2-K7Q2", .recommendation, nil,
                  RecommendationRecord(id: "16.06.02-2022S2-K7Q2", kode: "16.06.02", siklus: "2022 S2", asal: .aks,
                                       temuan: "Baduta kasus audit belum dikunjungi rutin",
                                       rekomendasi: "Jadwalkan kunjungan rumah baduta kasus audit dua kali sebulan",
                                       opd: "Puskesmas Lais", tenggat: LocalDate(iso: "2022-12-31"), sasaran: .baduta,
                                       rapat: meeting.id).encoded(), minute: 15),
            event("MUBA-AKS22-10", .outcome, "", "sebagian", note: "Alur rujukan berjalan di 2 puskesmas", minute: 20),
            event("MUBA-AKS22-10", .riskImproved, "", "ya", minute: 21),
            event("MUBA-AKS22-01", .status, "proses", "selesai", minute: 25),
            event("MUBA-AKS22-01", .status, "selesai", "proses", minute: 26, undoes: 9),
            // Off the agenda: the kabupaten-level data recommendation.
            event("MUBA-AKS22-05", .note, nil, "Dibahas di luar agenda", minute: 30),
            // Not in this meeting.
            event("MUBA-AKS22-09", .status, "belum", "selesai", minute: 40, linked: false),
        ]
    }

    static func minutes() -> MeetingMinutes {
        let events = events()
        let context = DashboardContext(dataset: sampleContext.dataset, today: LocalDate(iso: "2022-10-25")!, events: events)
        return MeetingMinutes(meeting: meeting, dataset: context.dataset, events: events, generatedAt: "2022-10-25T05:00:00Z")
    }

    @Test func goldenFiles() {
        let minutes = Self.minutes()
        assertSnapshot(minutes.markdown(.id), named: "minutes-meeting-muba.md")
        assertSnapshot(minutes.markdown(.en), named: "minutes-meeting-muba-en.md")
        assertSnapshot(minutes.csv(), named: "minutes-meeting-muba.csv")
        assertSnapshot(minutes.json(), named: "minutes-meeting-muba.json")
    }

    @Test func decisionsGoUnderTheirAgendaRegionInLocalTime() throws {
        let minutes = Self.minutes()
        #expect(minutes.agenda.map(\.kode) == ["16.06.02", "16.06.01", ""])
        #expect(minutes.agenda[0].dibahas.map(\.id) == ["MUBA-AKS22-07", "MUBA-AKS22-03", "16.06.02-2022S2-K7Q2"])
        #expect(minutes.agenda[1].dibahas.map(\.id) == ["MUBA-AKS22-10", "MUBA-AKS22-01"])
        #expect(minutes.agenda[2].dibahas.map(\.id) == ["MUBA-AKS22-05"])
        #expect(minutes.agenda[0].dibahas[0].keputusan.map(\.waktu_lokal) == ["2022-10-25 09:05 WIB", "2022-10-25 09:06 WIB"])
        // The decision taken outside the meeting is not in its minutes.
        #expect(!minutes.csv().contains("MUBA-AKS22-09"))
        let k = minutes.kesimpulan
        #expect(k.rekomendasi_dibahas == 6 && k.rekomendasi_baru == 1 && k.status_diubah == 2 && k.catatan == 2 && k.tenggat_diubah == 1)
        #expect(k.opd_diganti == 1 && k.dievaluasi == 1 && k.pembatalan == 1 && k.selesai == 0)
        // The plan: still pending, soonest deadline first, with who and by when.
        let plan = minutes.rencana_tindak_lanjut
        #expect(plan.map(\.id) == ["16.06.02-2022S2-K7Q2", "MUBA-AKS22-01", "MUBA-AKS22-03", "MUBA-AKS22-05", "MUBA-AKS22-07", "MUBA-AKS22-10"])
        #expect(plan.first?.tenggat == "2022-12-31" && plan.first?.siapa == "Puskesmas Lais" && plan.last?.tenggat == "2023-06-30")
        #expect(plan.contains { $0.id == "MUBA-AKS22-03" && $0.siapa == "Dinas PUPR" })
        #expect(minutes.evaluasi_rtl.map(\.id) == ["MUBA-AKS22-10"])
        #expect(minutes.evaluasi_rtl.first?.bukti == "Alur rujukan berjalan di 2 puskesmas")
        let markdown = minutes.markdown(.id)
        // A note's words are in the note column; a pipe in them does not break the table.
        #expect(markdown.contains("| catatan | notulis | Dana Desa 2023 dialokasikan \\| sanitasi |"))
        #expect(markdown.contains("- Waktu: 25 Okt 2022, 09:00 WIB"))
    }
}
