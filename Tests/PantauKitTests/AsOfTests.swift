import Foundation
import Testing
@testable import PantauKit

// The sample data "as it was" on the day of Muba's Diseminasi I (25 October 2022): what
// `--as-of` and `--today` leave out, counted independently of `AsOf` from the files.
@Suite struct AsOfTests {
    let dataset: Dataset
    let meetingDay = LocalDate(year: 2022, month: 10, day: 25)!

    init() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/seed-sample").path
        dataset = try DatasetLoader.load(directory: directory, currentYear: 2026)
    }

    @Test func laterFiguresCyclesAndProgrammesAreLeftOutAndCounted() throws {
        var view = AsOf(meetingDay)
        let shown = view.dataset(dataset, recommendations: true)
        let published = { (id: String) in self.dataset.sources[id]?.year ?? 0 }
        let expectedFigures = dataset.observations.filter { $0.year <= 2022 && published($0.sourceID) <= 2022 }
        #expect(!expectedFigures.isEmpty && expectedFigures.count < dataset.observations.count)
        #expect(shown.observations == expectedFigures)
        #expect(shown.observations.allSatisfy { $0.year <= 2022 && published($0.sourceID) <= 2022 })
        // Muba's 2022 extreme-poverty figure from the regency's 2024 publication is not known yet;
        // the TNP2K figure of the same year is.
        let muba = try #require(dataset.index(of: RegionCode("16.06")!))
        let mubaSources = Set(shown.observations(of: muba).map(\.sourceID))
        #expect(mubaSources.contains("tnp2k-muba-2022"))
        #expect(!mubaSources.contains("pemkab-muba-2024"))
        #expect(shown.convergence.allSatisfy { $0.year <= 2022 })
        // The 2024 cycles (Bontang, Bogor, Jombang, ...) were not issued yet; Muba's 2022 S2 was.
        #expect(shown.recommendations.map(\.id) == dataset.recommendations.filter { $0.cycle.hasPrefix("2022") }.map(\.id))
        #expect(shown.recommendations.contains { $0.id == "MUBA-AKS22-07" })
        #expect(!shown.recommendations.contains { $0.id.hasPrefix("BTG-") })
        #expect(shown.programmes.allSatisfy { ($0.start ?? meetingDay) <= meetingDay })
        #expect(view.laterFigures == dataset.observations.count - expectedFigures.count
                + dataset.convergence.filter { $0.year > 2022 }.count)
        #expect(view.laterRecommendations == dataset.recommendations.count - shown.recommendations.count)
        #expect(view.laterProgrammes == dataset.programmes.count - shown.programmes.count)
        // Region lookups still work on the smaller dataset.
        #expect(shown.region(muba).name == "Kabupaten Musi Banyuasin")
        #expect(shown.recommendationIndices(inSubtreeOf: muba).count == 10)
        #expect(view.notice(.en) == "As of 25 Oct 2022, hidden: \(view.laterFigures) figures, \(view.laterRecommendations) recommendations, "
                + "\(view.laterProgrammes) programmes (from after that day)")
    }

    @Test func todayKeepsEveryRecommendation() {
        var view = AsOf(meetingDay)
        let shown = view.dataset(dataset, recommendations: false)
        #expect(shown.recommendations == dataset.recommendations)
        #expect(shown.programmes == dataset.programmes)
        #expect(view.laterRecommendations == 0 && view.laterFigures > 0)
    }

    @Test func aDayAfterEverythingChangesNothing() {
        var view = AsOf(LocalDate(year: 2026, month: 12, day: 2)!)
        let shown = view.dataset(dataset, recommendations: true)
        #expect(shown.observations == dataset.observations)
        #expect(shown.recommendations == dataset.recommendations)
        #expect(!view.hidesAnything)
        #expect(view.notice(.id) == nil)
    }

    /// 16:30 UTC on 25 October is 23:30 WIB (still the 25th in Muba) but 00:30 WITA on
    /// the 26th in Bontang; 15:00 UTC is 00:00 WIT on the 26th in Papua.
    @Test func decisionsAreCutAtTheEndOfTheDayInTheRecommendationsLocalTime() {
        func event(_ id: String, _ at: String) -> FollowUpEvent {
            FollowUpEvent(recommendationID: id, field: .status, oldValue: nil, newValue: "proses", author: "siti", recordedAt: at)
        }
        let events = [
            event("MUBA-AKS22-07", "2022-10-25T16:30:00Z"), // 23:30 WIB: kept
            event("MUBA-AKS22-07", "2022-10-25T17:00:00Z"), // 00:00 WIB on the 26th: left out
            event("BTG-KONV24-01", "2022-10-25T15:59:59Z"), // 23:59:59 WITA: kept
            event("BTG-KONV24-01", "2022-10-25T16:30:00Z"), // 00:30 WITA on the 26th: left out
            event("HILANG-1", "2022-10-25T16:59:00Z"),      // unknown recommendation, read in WIB: kept
            event("MUBA-AKS22-01", "2023-03-01T02:00:00Z"), // months later: left out
        ]
        var view = AsOf(meetingDay)
        let kept = view.events(events, in: dataset)
        #expect(kept.map(\.recordedAt) == ["2022-10-25T16:30:00Z", "2022-10-25T15:59:59Z", "2022-10-25T16:59:00Z"])
        #expect(view.laterDecisions == 3)
        #expect(view.notice(.id) == "Per 25 Okt 2022 disembunyikan: 3 keputusan (dari sesudah tanggal itu)")
    }

    @Test func cycleYears() {
        #expect(AsOf.cycleYear("2022 S2") == 2022)
        #expect(AsOf.cycleYear("2024") == 2024)
        #expect(AsOf.cycleYear("S2 2022") == nil)
        #expect(AsOf.cycleYear("") == nil)
        #expect(AsOf.cycleYear("20221") == nil)
    }
}
