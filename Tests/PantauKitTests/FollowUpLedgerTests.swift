import Foundation
import Testing
@testable import PantauKit

// The incremental ledger (events appended to what is already applied) against the whole
// log applied again, and the incremental roll-up against the full one: on the sample
// data, with random decisions of every kind, including undos of undos, orphans, invalid
// values and conflicts, cut into random batches as a dashboard would poll them.

/// A deterministic generator (SplitMix64), so a failure can be replayed from its seed.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func sampleDataset() throws -> Dataset {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/seed-sample").path
    return try DatasetLoader.load(directory: directory, currentYear: 2026)
}

/// `count` events with ids 1..., on a few of `ids` (so that histories grow), of every kind.
private func randomEvents(_ count: Int, ids: [String], seed: UInt64) -> [FollowUpEvent] {
    var random = SplitMix(state: seed)
    let targets = Array(ids.shuffled(using: &random).prefix(12)) + ["HILANG-1"]
    var events: [FollowUpEvent] = []
    for number in 1...Int64(count) {
        let id = targets.randomElement(using: &random)!
        let field = FollowUpField.allCases.randomElement(using: &random)!
        var value: String
        var undoes: Int64? = nil
        switch field {
        case .status: value = ["belum", "proses", "selesai", "tidak_dapat", "dibatalkan"].randomElement(using: &random)!
        case .deadline: value = ["", "2026-01-31", "2027-06-30", "2026-02-30"].randomElement(using: &random)!
        case .owner: value = ["Dinas Sosial", " Dinas PMD ", "  "].randomElement(using: &random)!
        case .outcome: value = ["tercapai", "sebagian", "tidak_tercapai", "", "gagal"].randomElement(using: &random)!
        case .riskImproved: value = ["ya", "tidak", "belum_diketahui", "", "mungkin"].randomElement(using: &random)!
        case .meeting:
            // A meeting record under this id, now and then a broken one.
            value = Bool.random(using: &random) ? "{" : Meeting(id: id, kind: .rakor, title: "Rakor \(number)",
                                                               date: LocalDate(iso: "2026-11-23")!, region: "32").encoded()
        case .recommendation:
            // Added before the ledger (Dataset.addingRecorded); here valid or broken.
            value = Bool.random(using: &random) ? "{" : RecommendationRecord(id: id, kode: "16.06", siklus: "2022 S2", asal: .aks,
                                                                              rekomendasi: "r", opd: "o").encoded()
        case .note:
            value = ["catatan", ""].randomElement(using: &random)!
            // An undo of an earlier note of the same recommendation, or of an undo, as
            // pantau writes them (`FollowUpUndo`: only notes the dashboard shows).
            let earlier = events.filter { $0.recommendationID == id && id != "HILANG-1" && $0.field == .note
                && ($0.undoes != nil || !$0.newValue.isEmpty) }
            if !earlier.isEmpty, Bool.random(using: &random) {
                undoes = earlier.randomElement(using: &random)!.id
                value = ""
            }
        }
        let old: String? = field == .note ? nil : ["belum", "proses", "", nil].randomElement(using: &random)!
        var event = FollowUpEvent(clientID: "c\(number)", recommendationID: id, field: field, oldValue: old, newValue: value,
                                  author: "Ani", recordedAt: "2026-11-23T10:15:00Z", undoes: undoes)
        event.id = number
        events.append(event)
    }
    return events
}

@Suite struct FollowUpLedgerTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func appendingInBatchesEqualsApplyingTheWholeLog(seed: UInt64) throws {
        let dataset = try sampleDataset()
        let today = LocalDate(iso: "2026-11-23")!
        let events = randomEvents(300, ids: dataset.recommendations.map(\.id), seed: seed)
        var random = SplitMix(state: seed &* 31)
        // The first part at open, the rest in batches of 1–9 as polls find them.
        let opened = Int.random(in: 0...100, using: &random)
        var ledger = FollowUpApplier.ledger(Array(events.prefix(opened)), to: dataset.recommendations)
        var current = dataset.replacingRecommendations(ledger.result.recommendations)
        var rollUp = current.rollUp(today: today)
        var position = opened
        while position < events.count {
            let batch = Array(events[position..<min(events.count, position + Int.random(in: 1...9, using: &random))])
            position += batch.count
            let before = current.recommendations
            let appended = ledger.append(batch)
            let touched = try #require(appended, "seed \(seed): refused at \(position)")
            current = dataset.replacingRecommendations(ledger.result.recommendations)
            rollUp = current.rollUp(rollUp, changing: Set(touched).map { (before[$0], current.recommendations[$0]) })
            let whole = FollowUpApplier.apply(Array(events.prefix(position)), to: dataset.recommendations)
            #expect(ledger.result == whole, "seed \(seed): differs after \(position) events")
            #expect(rollUp == current.rollUp(today: today), "seed \(seed): roll-up differs after \(position) events")
            // Only the touched recommendations changed.
            for index in before.indices where before[index] != current.recommendations[index] {
                #expect(touched.contains(index))
            }
        }
        #expect(ledger.lastID == 300 && ledger.eventCount == 300)
        #expect(!ledger.result.notes.isEmpty && !ledger.result.orphans.isEmpty && !ledger.result.invalid.isEmpty)
    }

    @Test func eventsThatDoNotFollowAreRefusedAndChangeNothing() throws {
        let dataset = try sampleDataset()
        let events = randomEvents(20, ids: dataset.recommendations.map(\.id), seed: 9)
        var ledger = FollowUpApplier.ledger(Array(events.prefix(10)), to: dataset.recommendations)
        let before = ledger.result
        // An id already applied, an event with no id.
        let repeated = ledger.append([events[4]])
        #expect(repeated == nil)
        var unnumbered = events[10]
        unnumbered.id = nil
        let withoutID = ledger.append([unnumbered])
        #expect(withoutID == nil)
        #expect(ledger.result == before && ledger.lastID == 10)
        let rest = ledger.append(Array(events[10...]))
        #expect(rest != nil)
        #expect(ledger.result == FollowUpApplier.apply(events, to: dataset.recommendations))
    }

    @Test func anUndoOfAnotherRecommendationsNoteHidesNothing() throws {
        let dataset = try sampleDataset()
        let (first, second) = (dataset.recommendations[0].id, dataset.recommendations[1].id)
        func event(_ id: Int64, _ recommendation: String, _ value: String, undoes: Int64? = nil) -> FollowUpEvent {
            var event = FollowUpEvent(clientID: "c\(id)", recommendationID: recommendation, field: .note, oldValue: nil, newValue: value,
                                      author: "Ani", recordedAt: "2026-11-23T10:15:00Z", undoes: undoes)
            event.id = id
            return event
        }
        // Never written by pantau (`FollowUpUndo` undoes only the recommendation's own
        // events), but a copied log may hold one: it is history of its own recommendation.
        let events = [event(1, first, "catatan"), event(2, second, "", undoes: 1)]
        var ledger = FollowUpApplier.ledger(Array(events.prefix(1)), to: dataset.recommendations)
        #expect(ledger.append([events[1]]) != nil, "taken incrementally")
        let whole = FollowUpApplier.apply(events, to: dataset.recommendations)
        #expect(ledger.result == whole)
        #expect(whole.notes[first]?.map(\.id) == [1] && whole.history[second]?.map(\.id) == [2])
    }

    @Test func historiesAreChainsThroughOneSharedLog() throws {
        let dataset = try sampleDataset()
        let events = randomEvents(200, ids: dataset.recommendations.map(\.id), seed: 11)
        var ledger = FollowUpApplier.ledger(Array(events.prefix(150)), to: dataset.recommendations)
        let older = ledger.result
        _ = ledger.append(Array(events[150...]))
        #expect(ledger.result.log === older.log, "appended in place, not copied")
        #expect(older.eventCount == 150 && ledger.result.eventCount == 200)
        // The older result still reads only its own events.
        #expect(older == FollowUpApplier.apply(Array(events.prefix(150)), to: dataset.recommendations))
        // Every applied event is in exactly one history, newest first.
        let applied = ledger.result
        let inHistories = applied.recommendations.indices.flatMap { applied.history(at: $0) }
        #expect(inHistories.count == events.count - applied.orphans.count - applied.invalid.count
                - events.filter { $0.field == .meeting || $0.field == .recommendation }.count
                + applied.invalid.filter { $0.field == .meeting || $0.field == .recommendation }.count)
        for index in applied.recommendations.indices {
            let ids = applied.history(at: index).compactMap(\.id)
            #expect(ids == ids.sorted(by: >))
        }
    }

    @Test func theLogIsSharedAndOlderCountsKeepTheirEvents() {
        let events = (1...5).map { number -> FollowUpEvent in
            var event = FollowUpEvent(clientID: "c\(number)", recommendationID: "R", field: .note, oldValue: nil,
                                      newValue: "n\(number)", author: "Ani", recordedAt: "2026-11-23T10:15:00Z")
            event.id = Int64(number)
            return event
        }
        let log = FollowUpLog(Array(events.prefix(2)))
        let longer = log.appending([events[2]], after: 2)
        #expect(longer === log, "appended in place")
        #expect(longer.prefix(3) == Array(events.prefix(3)))
        // An older holder (2 events) appending makes its own log; the shared one is intact.
        let branch = log.appending([events[4]], after: 2)
        #expect(branch !== log)
        #expect(branch.prefix(3) == [events[0], events[1], events[4]])
        #expect(log.prefix(3) == Array(events.prefix(3)))
    }
}
