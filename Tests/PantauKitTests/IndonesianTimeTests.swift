import Foundation
import Testing
@testable import PantauKit

/// Issue 19.8: the day of a decision is the local day of its province.
@Suite struct IndonesianTimeTests {
    @Test func provincesKeepTheirZones() {
        let zones = ["11": IndonesianTimeZone.wib, "16.06": .wib, "32.01": .wib, "35.17": .wib, "61": .wib, "62": .wib,
                     "51": .wita, "53": .wita, "63": .wita, "64.74": .wita, "65": .wita, "71": .wita, "76": .wita,
                     "81": .wit, "82": .wit, "91": .wit, "94.01": .wit, "96": .wit, "0": .wib]
        for (code, zone) in zones { #expect(IndonesianTimeZone.of(RegionCode(code)!) == zone, "\(code)") }
    }

    @Test func aMorningInPapuaIsTheNextUTCDay() {
        // 08:30 WIT on 24 November is 23:30 UTC on the 23rd.
        #expect(IndonesianTimeZone.wit.localDate(ofUTC: "2026-11-23T23:30:00Z") == LocalDate(iso: "2026-11-24"))
        #expect(IndonesianTimeZone.wib.localDate(ofUTC: "2026-11-23T16:59:59Z") == LocalDate(iso: "2026-11-23"))
        #expect(IndonesianTimeZone.wib.localDate(ofUTC: "2026-11-23T17:00:00Z") == LocalDate(iso: "2026-11-24"))
        #expect(IndonesianTimeZone.wita.localDate(ofUTC: "2026-12-31T16:00:00Z") == LocalDate(iso: "2027-01-01"))
        #expect(IndonesianTimeZone.wita.localDate(ofUTC: "2028-02-28T20:00:00Z") == LocalDate(iso: "2028-02-29"))
        #expect(IndonesianTimeZone.wit.localDate(ofUTC: "not a time") == nil)
    }

    @Test func sinceCountsTheLocalDayOfTheRecommendationsProvince() throws {
        let dataset = try TestData.load(TestData.valid(replacing: [
            "wilayah.csv": TestData.wilayah + "91,Papua\n",
            "rekomendasi.csv": TestData.rekomendasi + "P1,91,2024,rakor,,,Rekomendasi,Dinas Kesehatan,,belum\n",
        ]))
        // 16:30 UTC on the 23rd: 23:30 WIB on the 23rd in Jombang, 01:30 WIT on the 24th in Papua.
        func decision(_ id: String, _ number: Int64) -> FollowUpEvent {
            var event = FollowUpEvent(recommendationID: id, field: .note, oldValue: nil, newValue: "catatan",
                                      author: "Ani", recordedAt: "2026-11-23T16:30:00Z")
            event.id = number
            return event
        }
        let report = FollowUpReport(dataset: dataset, events: [decision("R2", 1), decision("P1", 2)], today: LocalDate(iso: "2026-11-25")!,
                                    since: LocalDate(iso: "2026-11-24"), region: dataset.root, generatedAt: "2026-11-25T00:00:00Z")
        #expect(report.keputusan.map(\.id) == ["P1"])
        // One zone for every region (an office's time_zone = "WIB"): Papua's decision is
        // read as 23:30 WIB on the 23rd, so neither belongs to the 24th; the minutes say WIB.
        let inWIB = FollowUpReport(dataset: dataset, events: [decision("R2", 1), decision("P1", 2)], today: LocalDate(iso: "2026-11-25")!,
                                   since: LocalDate(iso: "2026-11-24"), region: dataset.root, generatedAt: "2026-11-25T00:00:00Z",
                                   zones: LocalTimeZones(fixed: .wib))
        #expect(inWIB.keputusan.isEmpty)
        let all = FollowUpReport(dataset: dataset, events: [decision("R2", 1), decision("P1", 2)], today: LocalDate(iso: "2026-11-25")!,
                                 since: nil, region: dataset.root, generatedAt: "2026-11-25T00:00:00Z", zones: LocalTimeZones(fixed: .wit))
        #expect(all.keputusan.map(\.waktu_lokal) == ["2026-11-24 01:30 WIT", "2026-11-24 01:30 WIT"])
        #expect(all.keputusan.map(\.waktu) == ["2026-11-23T16:30:00Z", "2026-11-23T16:30:00Z"])
    }

    @Test func anOfficeMaySetOneZoneForEveryRegion() {
        #expect(LocalTimeZones.parse("auto") == .byProvince)
        #expect(LocalTimeZones.parse("wita") == LocalTimeZones(fixed: .wita))
        #expect(LocalTimeZones.parse(" WIT ") == LocalTimeZones(fixed: .wit))
        #expect(LocalTimeZones.parse("UTC") == nil)
        #expect(LocalTimeZones.parse("") == nil)
        let papua = RegionCode("94.01")!, jombang = RegionCode("35.17")!
        #expect(LocalTimeZones.byProvince.zone(of: papua) == .wit)
        #expect(LocalTimeZones(fixed: .wib).zone(of: papua) == .wib)
        #expect(LocalTimeZones(fixed: .wita).zone(of: jombang) == .wita)
        #expect(LocalTimeZones.byProvince.zone(ofCode: "bukan kode") == .wib)
    }

    @Test func datesCountForwardAcrossMonthsAndYears() {
        #expect(LocalDate(iso: "2026-01-31")!.adding(days: 1) == LocalDate(iso: "2026-02-01"))
        #expect(LocalDate(iso: "2024-02-28")!.adding(days: 1) == LocalDate(iso: "2024-02-29"))
        #expect(LocalDate(iso: "2026-03-01")!.adding(days: -1) == LocalDate(iso: "2026-02-28"))
        #expect(LocalDate(iso: "9999-12-31")!.adding(days: 1) == nil)
    }
}
