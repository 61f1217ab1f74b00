import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

// The dashboard's context taking new events incrementally (`with(newEvents:)`) against
// the whole log applied again: recommendations, roll-up, histories, notes, conflicts,
// orphans, invalid events and meetings must be the same after every batch. The logs are
// random and include recommendations recorded as events (new, edited, withdrawn, in an
// unknown region, broken, colliding with a CSV id) and changes to them recorded before
// and after they exist, so that rows are added and withdrawn between batches.

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

private func randomLog(_ count: Int, csvIDs: [String], seed: UInt64) -> [FollowUpEvent] {
    var random = SplitMix(state: seed)
    let recorded = ["BARU-1", "BARU-2", "BARU-3", "BARU-4"]
    let targets = Array(csvIDs.shuffled(using: &random).prefix(5)) + recorded + ["HILANG-1"]
    let regions = ["16.06.02", "16.06.02", "16.06.01", "16.06", "99.99"]
    var events: [FollowUpEvent] = []
    for number in 1...Int64(count) {
        var id = targets.randomElement(using: &random)!
        let field: FollowUpField = [.status, .status, .deadline, .owner, .note, .note, .outcome, .riskImproved, .recommendation,
                                    .recommendation, .meeting].randomElement(using: &random)!
        var old: String? = ["belum", "proses", "", nil].randomElement(using: &random)!
        var undoes: Int64? = nil
        let value: String
        switch field {
        case .status: value = ["belum", "proses", "selesai", "tidak_dapat", "dibatalkan"].randomElement(using: &random)!
        case .deadline: value = ["", "2026-01-31", "2027-06-30", "2026-02-30"].randomElement(using: &random)!
        case .owner: value = ["Dinas Sosial", " Dinas PMD ", "  "].randomElement(using: &random)!
        case .outcome: value = ["tercapai", "sebagian", "", "gagal"].randomElement(using: &random)!
        case .riskImproved: value = ["ya", "tidak", "", "mungkin"].randomElement(using: &random)!
        case .meeting:
            value = Meeting(id: "RAPAT-\(number % 3)", kind: .rakor, title: "Rakor \(number)", date: LocalDate(iso: "2026-11-23")!,
                            region: "16.06").encoded()
            id = "RAPAT-\(number % 3)"
        case .recommendation:
            // Mostly the recorded ids; now and then a CSV id (the CSV's row wins).
            if Int.random(in: 0..<5, using: &random) > 0 { id = recorded.randomElement(using: &random)! }
            var record = RecommendationRecord(id: id, kode: regions.randomElement(using: &random)!, siklus: "2022 S2", asal: .aks,
                                              rekomendasi: "r\(number)", opd: ["Dinas Kesehatan", "Bappeda"].randomElement(using: &random)!,
                                              tenggat: [LocalDate(iso: "2023-03-31"), nil].randomElement(using: &random)!)
            if Int.random(in: 0..<4, using: &random) == 0 { record.ditarik = true }
            value = Int.random(in: 0..<10, using: &random) == 0 ? "{" : record.encoded()
        case .note:
            old = nil
            let earlier = events.filter { $0.recommendationID == id && $0.field == .note && ($0.undoes != nil || !$0.newValue.isEmpty) }
            if !earlier.isEmpty, Bool.random(using: &random) {
                undoes = earlier.randomElement(using: &random)!.id
                value = ""
            } else {
                value = ["catatan", ""].randomElement(using: &random)!
            }
        }
        if field == .meeting || field == .recommendation { old = nil }
        var event = FollowUpEvent(clientID: "c\(number)", recommendationID: id, field: field, oldValue: old, newValue: value,
                                  author: "Ani", recordedAt: "2026-11-23T10:15:00Z", undoes: undoes)
        event.id = number
        events.append(event)
    }
    return events
}

@Suite struct FollowUpContextTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as [UInt64])
    func newEventsEqualTheWholeLogWithRecordedRecommendations(seed: UInt64) throws {
        let base = sampleContext.base
        let today = sampleContext.today
        let events = randomLog(160, csvIDs: base.recommendations.map(\.id), seed: seed)
        var random = SplitMix(state: seed &* 31)
        let opened = Int.random(in: 0...40, using: &random)
        var context = DashboardContext(dataset: base, today: today, events: Array(events.prefix(opened)))
        var position = opened
        var sawAdded = false, sawWithdrawn = false
        while position < events.count {
            let batch = Array(events[position..<min(events.count, position + Int.random(in: 1...6, using: &random))])
            position += batch.count
            // The incremental path itself, not the fallback to the whole log.
            var ledger = context.ledger
            let appended = ledger.appendChanges(batch)
            let changes = try #require(appended, "seed \(seed): refused at \(position)")
            sawAdded = sawAdded || changes.contains { $0.before == nil }
            sawWithdrawn = sawWithdrawn || changes.contains { $0.after == nil }
            context = context.with(newEvents: batch)
            let whole = DashboardContext(dataset: base, today: today, events: Array(events.prefix(position)))
            #expect(context.dataset.recommendations == whole.dataset.recommendations, "seed \(seed): rows differ after \(position)")
            #expect(context.rollUp == whole.rollUp, "seed \(seed): roll-up differs after \(position)")
            #expect(context.followUp == whole.followUp, "seed \(seed): follow-up differs after \(position)")
            #expect(context.eventCount == position && context.lastEventID == Int64(position))
            for id in ["BARU-1", "BARU-2", "BARU-3", "BARU-4"] {
                #expect(context.followUp.notes[id] == whole.followUp.notes[id])
            }
        }
        #expect(context.events == events)
        #expect(sawAdded && sawWithdrawn, "seed \(seed): the log added and withdrew recorded recommendations")
    }
}
