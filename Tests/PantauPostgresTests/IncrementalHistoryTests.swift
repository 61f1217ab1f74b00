import Foundation
import PantauKit
import PantauPostgres
import PantauTestSupport
import PantauTUI
import Testing

// A dashboard on the shared server reads only the events after the last one it applied
// (`events(after:)` from the journal's copy, which the background thread extends by id)
// and applies them incrementally; what it then shows equals the whole log applied again.
// An event that commits after a later one (PostgreSQL hands out ids before commit) is
// found by the re-read's count and makes the dashboard read everything once.

private func sampleDataset(_ filePath: String = #filePath) throws -> Dataset {
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try DatasetLoader.load(directory: root.appendingPathComponent("Tests/Fixtures/seed-sample").path)
}

@Suite(.serialized) struct IncrementalHistoryTests {
    @Test func aDashboardOnTheSharedServerReadsOnlyWhatIsNew() throws {
        guard try requirePostgres() else { return }
        let place = try Place(.postgres)
        let server = try SharedServer.get()
        let database = try #require(place.database)
        let dataset = try sampleDataset()
        let today = LocalDate(iso: "2026-11-23")!
        let ids = dataset.recommendations.map(\.id)
        let writer = try place.open()
        let opened = try place.open(rereadInterval: .milliseconds(200))
        let reader = try #require(opened as? PostgresFollowUpStore)
        reader.readInBackground()
        for number in 0..<3 { _ = try writer.append(change(ids[number])) }
        var state = AppState(context: DashboardContext(dataset: dataset, today: today, events: try reader.allEvents()),
                             lang: .id, size: Size(width: 120, height: 36))
        let session = FollowUpSession(store: reader)
        _ = session.synchronise(&state)
        #expect(state.context.eventCount == 3)

        // Another terminal: a status, a note, a recommendation recorded in the room and a
        // decision on it; each arrives as exactly the new event.
        let record = RecommendationRecord(id: "16.06.02-2026S2-PG01", kode: "16.06.02", siklus: "2026 S2", asal: .rakor,
                                          rekomendasi: "Kunjungan rumah baduta", opd: "Dinas Kesehatan")
        let steps = [
            change(ids[3], .status, "belum", "selesai"),
            change(ids[4], .note, nil, "dibahas di rakor"),
            FollowUpEvent(recommendationID: record.id, field: .recommendation, oldValue: nil, newValue: record.encoded(),
                          author: "notulis", recordedAt: "2026-11-23T10:16:00Z"),
            change(record.id, .status, "belum", "proses"),
        ]
        for step in steps {
            let before = state.context.lastEventID
            let stored = try writer.append(step)
            let arrived = try eventually(within: 5) { try reader.events(after: before)?.contains { $0.id == stored.id } == true }
            #expect(arrived, "the change reached the journal's copy")
            #expect(try reader.events(after: before)?.map(\.id) == [stored.id], "only what is new")
            #expect(session.synchronise(&state))
            #expect(state.context.lastEventID == stored.id)
            let whole = DashboardContext(dataset: dataset, today: today, events: try reader.allEvents())
            #expect(state.context.followUp == whole.followUp)
            #expect(state.context.rollUp == whole.rollUp)
            #expect(state.context.dataset.recommendations == whole.dataset.recommendations)
        }
        #expect(state.dataset.recommendations.first { $0.id == record.id }?.status == .proses)

        // Committed out of id order: an id above every other, then one below it.
        let last = try #require(state.context.lastEventID)
        func insert(_ id: Int64, _ recommendation: String) throws {
            _ = try server.sql("""
                INSERT INTO pantau_event (id, client_id, recommendation_id, field, old_value, new_value, author, recorded_at)
                VALUES (\(id), 'late-\(id)', '\(recommendation)', 'status', 'belum', 'tidak_dapat', 'Budi', '2026-11-23T10:20:00Z')
                """, database: database)
        }
        try insert(last + 100, ids[5])
        #expect(eventually(within: 5) { _ = session.synchronise(&state); return state.context.lastEventID == last + 100 })
        try insert(last + 50, ids[6])
        let caughtUp = eventually(within: 5) {
            _ = session.synchronise(&state)
            return state.context.events.contains { $0.id == last + 50 }
        }
        #expect(caughtUp, "the late event was found by the re-read")
        let whole = DashboardContext(dataset: dataset, today: today, events: try reader.allEvents())
        #expect(state.context.events.map(\.id) == whole.events.map(\.id))
        #expect(state.context.followUp == whole.followUp && state.context.rollUp == whole.rollUp)
        #expect(state.dataset.recommendations.first { $0.id == ids[6] }?.status == .tidakDapat)
    }
}
