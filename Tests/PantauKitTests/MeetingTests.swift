import Foundation
import Testing
@testable import PantauKit

private let lais = Meeting(
    id: "RAPAT-16.06-20221025-AB12", kind: .diseminasi1, title: "Diseminasi I Audit Kasus Stunting",
    date: LocalDate(iso: "2022-10-25")!, time: "09:00", place: "Ruang rapat Bappeda", region: "16.06", chair: "Pj Sekda",
    attendees: [MeetingAttendee(opd: "Dinas Kesehatan", position: "Kepala Dinas", name: "dr. A"),
                MeetingAttendee(opd: "Kecamatan Lais", position: "Camat")],
    agenda: [MeetingAgendaItem(region: "16.06.02", topic: "Kasus Lais"), MeetingAgendaItem(region: "16.06.01")])

private func meetingEvent(_ id: Int64, _ meeting: Meeting) -> FollowUpEvent {
    var event = FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: nil, newValue: meeting.encoded(),
                              author: "notulis", recordedAt: "2022-10-20T03:00:00Z")
    event.id = id
    return event
}

@Suite struct MeetingTests {
    @Test func recordSurvivesItsStoredForm() throws {
        let text = lais.encoded()
        #expect(Meeting.decoded(text) == lais)
        // Stable: the same meeting is the same text, with the documented keys.
        #expect(text == lais.encoded())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["id", "jenis", "judul", "tanggal", "jam", "tempat", "wilayah", "pimpinan", "peserta", "agenda"])
        #expect(object["jenis"] as? String == "diseminasi-1")
        #expect(Meeting.decoded("{\"id\":\"x\"}") == nil)
        #expect(Meeting.decoded("bukan json") == nil)
    }

    @Test func theNewestRecordOfAMeetingWins() {
        var closed = lais
        closed.closedAt = "2022-10-25T06:00:00Z"
        let other = Meeting(id: "RAPAT-32-20241104-ZZ99", kind: .rakor, title: "Rakor asda kesra", date: LocalDate(iso: "2024-11-04")!,
                            region: "32")
        var broken = FollowUpEvent(recommendationID: "RAPAT-X", field: .meeting, oldValue: nil, newValue: "{", author: "a", recordedAt: "")
        broken.id = 4
        let applied = FollowUpApplier.apply([meetingEvent(1, lais), meetingEvent(2, other), meetingEvent(3, closed), broken], to: [])
        #expect(applied.meetings[lais.id]?.isClosed == true)
        #expect(applied.meetings.all.map(\.id) == [other.id, lais.id])   // newest day first
        #expect(applied.invalid.map(\.id) == [4])
        #expect(applied.orphans.isEmpty && applied.history.isEmpty)
    }

    @Test func theLedgerTakesMeetingsIncrementally() {
        var ledger = FollowUpLedger(events: [meetingEvent(1, lais)], recommendations: [])
        var renamed = lais
        renamed.title = "Diseminasi I (ditunda)"
        #expect(ledger.append([meetingEvent(2, renamed)]) == [])
        #expect(ledger.result.meetings[lais.id]?.title == "Diseminasi I (ditunda)")
        #expect(ledger.result == FollowUpApplier.apply([meetingEvent(1, lais), meetingEvent(2, renamed)], to: []))
    }

    @Test func newIDsAreReadableAndAvoidTakenOnes() {
        let day = LocalDate(iso: "2022-10-25")!
        let id = Meeting.newID(region: "16.06", date: day)
        #expect(id.hasPrefix("RAPAT-16.06-20221025-"))
        #expect(id.count == "RAPAT-16.06-20221025-".count + 4)
        let suffix = id.suffix(4)
        #expect(suffix.allSatisfy { "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains($0) })
        var taken: Set<String> = []
        for _ in 0..<200 { taken.insert(Meeting.newID(region: "16.06", date: day, taken: taken.contains)) }
        #expect(taken.count == 200)
    }

    @Test func attendeesAreOPDPositionAndAnOptionalName() {
        #expect(MeetingAttendee.parse("Dinas Kesehatan|Kepala Dinas") == MeetingAttendee(opd: "Dinas Kesehatan", position: "Kepala Dinas"))
        #expect(MeetingAttendee.parse(" Bappeda | Sekretaris | Siti ") == MeetingAttendee(opd: "Bappeda", position: "Sekretaris", name: "Siti"))
        #expect(MeetingAttendee.parse("Bappeda") == nil)
        #expect(MeetingAttendee.parse("|Camat") == nil)
        #expect(MeetingAttendee.parse("a|b|c|d") == nil)
    }

    @Test func problemsAreNamedByTheirOption() {
        let known: Set<String> = ["16.06", "16.06.02", "16.06.01"]
        #expect(lais.problem(.en, regionExists: known.contains) == nil)
        var meeting = lais
        meeting.time = "9.00"
        #expect(meeting.problem(.en, regionExists: known.contains)?.hasPrefix("--time: '9.00'") == true)
        meeting = lais
        meeting.agenda.append(MeetingAgendaItem(region: "16.99"))
        #expect(meeting.problem(.en, regionExists: known.contains) == "--agenda: '16.99' is not in the dataset")
        meeting = lais
        meeting.chair = "Pj\u{1B}]0;x\u{07}Sekda"
        #expect(meeting.problem(.en, regionExists: known.contains) != nil)
    }

    @Test func timesAreReadInTheRegionsZone() {
        #expect(lais.zone == .wib)
        var papua = lais
        papua.region = "91.01"
        #expect(papua.zone == .wit)
        papua.region = "64.74"
        #expect(papua.zone == .wita)
    }
}
