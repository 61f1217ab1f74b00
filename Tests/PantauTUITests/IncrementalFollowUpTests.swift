import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

// A change recorded in another terminal is read as the events after the last one seen
// and applied to what is already there (issue 15, "history at any length"); what the
// dashboard then shows must be exactly what applying the whole log again gives.

@Suite struct IncrementalFollowUpTests {
    @Test func remoteDecisionsAreAppliedIncrementallyAndEqualTheWholeLog() throws {
        let path = temporaryStatePath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let writer = try SQLiteFollowUpStore(path: path)
        let ids = sampleContext.base.recommendations.map(\.id)
        func record(_ id: String, _ field: FollowUpField, _ value: String, undoes: Int64? = nil) throws -> FollowUpEvent {
            try writer.append(FollowUpEvent(recommendationID: id, field: field, oldValue: nil, newValue: value,
                                            author: "notulis", recordedAt: "2026-11-23T09:30:00Z", undoes: undoes))
        }
        // A log already there when the dashboard opens.
        _ = try record(ids[0], .status, "selesai")
        let note = try record(ids[1], .note, "dibahas")
        _ = try record("HILANG-1", .status, "selesai")
        let reader = try SQLiteFollowUpStore(path: path)
        var state = AppState(context: DashboardContext(dataset: sampleContext.base, today: sampleContext.today, events: try reader.allEvents()),
                             lang: .id, size: Size(width: 120, height: 40))
        let session = FollowUpSession(store: reader)
        _ = session.synchronise(&state)
        #expect(state.context.eventCount == 3 && state.context.lastEventID == 3)
        #expect(try reader.events(after: 1)?.map(\.id) == [2, 3])

        // Another terminal: statuses, a deadline, an OPD, a note, its undo, the undo's undo.
        let steps: [() throws -> FollowUpEvent] = [
            { try record(ids[2], .status, "proses") },
            { try record(ids[2], .deadline, "2027-06-30") },
            { try record(ids[3], .owner, "Dinas PMD") },
            { try record(ids[1], .note, "", undoes: note.id) },
            { try record(ids[1], .note, "", undoes: 7) },
        ]
        for step in steps {
            let recorded = try step()
            #expect(session.synchronise(&state), "the change is drawn")
            let whole = sampleContext.with(events: try reader.allEvents())
            #expect(state.context.lastEventID == recorded.id)
            #expect(state.context.followUp == whole.followUp)
            #expect(state.context.rollUp == whole.rollUp)
            #expect(state.context.dataset.recommendations == whole.dataset.recommendations)
            #expect(state.context.events == whole.events)
        }
        #expect(state.context.followUp.notes[ids[1]]?.map(\.newValue) == ["dibahas"], "the undo was undone")
        #expect(state.dataset.recommendations.first { $0.id == ids[2] }?.status == .proses)
        // Nothing new: nothing redrawn.
        #expect(!session.synchronise(&state))
    }
}
