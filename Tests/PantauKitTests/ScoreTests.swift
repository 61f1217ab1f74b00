import Testing
@testable import PantauKit

/// Hand-worked examples of target tracking and priority ranking (docs/scores.md).
@Suite struct TargetTrackingTests {
    func observation(_ year: Int, _ value: Double, _ indicator: IndicatorID = .kemiskinan) -> Observation {
        Observation(region: 0, indicator: indicator, year: year, value: value, decimals: 2, sourceID: "s", line: 0)
    }
    func target(_ year: Int, _ value: Double, _ indicator: IndicatorID = .kemiskinan) -> Target {
        Target(region: 0, indicator: indicator, year: year, value: value, decimals: 1, basis: "uji")
    }

    @Test func offTrackWithAMissingYear() throws {
        // 10,0 (2019) … 8,0 (2023), 2020–2022 partly missing; target 4,5 in 2029.
        let track = TargetTrack.evaluate(latest: observation(2023, 8.0), first: observation(2019, 10.0), target: target(2029, 4.5), owner: 0)
        #expect(track.observedPerYear == -0.5)                       // (8 − 10) / 4
        #expect(abs(try #require(track.neededPerYear) - (-3.5 / 6)) < 1e-12) // (4,5 − 8) / 6 = −0,583…
        #expect(track.projected == 5.0)                              // 8 − 0,5 × 6
        #expect(track.verdict == .offTrack)
    }

    @Test func onTrackForTheNationalStuntingPath() throws {
        // SSGI 2021 24,4 → SSGI 2024 19,8; RPJMN 14,2 in 2029.
        let track = TargetTrack.evaluate(latest: observation(2024, 19.8, .stunting), first: observation(2021, 24.4, .stunting),
                                         target: target(2029, 14.2, .stunting), owner: 0)
        #expect(abs(try #require(track.observedPerYear) - (-4.6 / 3)) < 1e-12)
        #expect(abs(try #require(track.neededPerYear) - (-1.12)) < 1e-12)
        #expect(track.verdict == .onTrack)
    }

    @Test func reachedMissedAndNotEnoughData() {
        #expect(TargetTrack.evaluate(latest: observation(2024, 0.0, .kemiskinanEkstrem), first: observation(2021, 6.56, .kemiskinanEkstrem),
                                     target: target(2026, 0, .kemiskinanEkstrem), owner: 0).verdict == .reached)
        #expect(TargetTrack.evaluate(latest: observation(2024, 0.47, .kemiskinanEkstrem), first: observation(2021, 6.56, .kemiskinanEkstrem),
                                     target: target(2024, 0, .kemiskinanEkstrem), owner: 0).verdict == .missed)
        let single = TargetTrack.evaluate(latest: observation(2024, 9.0), first: nil, target: target(2029, 4.5), owner: 0)
        #expect(single.verdict == .insufficientData)
        #expect(single.observedPerYear == nil)
        #expect(single.neededPerYear == -0.9)
    }

    @Test func sampleDataNationalTracks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dataset = try DatasetLoader.load(directory: root.appendingPathComponent("Tests/Fixtures/seed-sample").path)
        let tracks = dataset.targetTracks(of: 0)
        let poverty = try #require(tracks.first { $0.indicator == .kemiskinan })
        #expect(poverty.latest.value == 9.03 && poverty.target.value == 4.5 && poverty.target.year == 2029)
        #expect(poverty.verdict == .offTrack) // (9,03 − 9,41)/5 = −0,076/yr against (4,5 − 9,03)/5 = −0,906/yr needed
        // 19,8 % (SSGI 2024) against each step: Perpres 14 % in 2024 missed; RPJMN 18,8 % (2025)
        // and 14,2 % (2029) on track at −1,53/yr observed since 2021.
        let stunting = tracks.filter { $0.indicator == .stunting }
        #expect(stunting.map(\.target.year) == [2024, 2025, 2029])
        #expect(stunting.map(\.verdict) == [.missed, .onTrack, .onTrack])
    }
}

import Foundation

@Suite struct PriorityRankingTests {
    static let files: [String: String] = [
        "wilayah.csv": TestData.csv("kode,nama", "32,Jawa Barat", "32.01,Kabupaten A", "32.02,Kabupaten B", "32.03,Kabupaten C"),
        "sumber.csv": TestData.csv("id,judul,penerbit,tahun,tautan", "bps,Rilis,BPS,2024,", "kemenkes,SSGI,Kementerian Kesehatan,2024,"),
        "indikator.csv": TestData.csv("kode,indikator,tahun,nilai,sumber",
                                      "32.01,kemiskinan,2024,7,bps", "32.02,kemiskinan,2024,9,bps", "32.03,kemiskinan,2024,11,bps",
                                      "32.01,stunting,2024,30,kemenkes", "32.02,stunting,2024,20,kemenkes"),
        "rekomendasi.csv": TestData.csv("id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status",
                                        "R1,32.01,2023,aks,Data,t,r,Bappeda,2020-01-01,belum",
                                        "R2,32.01,2023,aks,Data,t,r,Bappeda,2020-01-01,proses",
                                        "R3,32.02,2023,aks,Data,t,r,Bappeda,2030-01-01,belum"),
    ]

    @Test func weightedMeanOfScaledComponentsWithMissingDataLeftOut() throws {
        let dataset = try TestData.load(Self.files)
        let rollUp = dataset.rollUp(today: LocalDate(iso: "2024-06-01")!)
        let rows = dataset.priorityRanking(of: try #require(dataset.index("32")), weights: .standard, rollUp: rollUp)
        #expect(dataset.codes(rows.map(\.region)) == ["32.01", "32.03", "32.02"])
        #expect(rows.map(\.score) == [62.5, 60, 18.75])   // (0·.3 + 100·.3 + 100·.2)/.8 · (100·.3 + 0·.2)/.5 · (50·.3)/.8
        #expect(rows.map(\.rank) == [1, 2, 3])
        #expect(rows[1].missing == [.stunting, .extremePoverty])
        #expect(rows[0].raw[.overdue] == 2)
        #expect(!rows.contains { $0.tied })
    }

    @Test func tiesShareARankAndSayTheyAreTied() throws {
        let dataset = try TestData.load(Self.files)
        let rollUp = dataset.rollUp(today: LocalDate(iso: "2024-06-01")!)
        let weights = try #require(PriorityWeights.parse("lewat=1,kemiskinan=0,stunting=0,ekstrem=0"))
        let rows = dataset.priorityRanking(of: try #require(dataset.index("32")), weights: weights, rollUp: rollUp)
        #expect(rows.map(\.rank) == [1, 2, 2])
        #expect(dataset.codes(rows.map(\.region)) == ["32.01", "32.02", "32.03"]) // tie kept in code order
        #expect(rows.map(\.tied) == [false, true, true])
    }

    @Test func weightsParse() {
        #expect(PriorityWeights.parse("kemiskinan=0.5") == PriorityWeights(poverty: 0.5, stunting: 0.3, extremePoverty: 0.2, overdue: 0.2))
        #expect(PriorityWeights.parse("warna=1") == nil)
        #expect(PriorityWeights.parse("stunting=-1") == nil)
    }
}
