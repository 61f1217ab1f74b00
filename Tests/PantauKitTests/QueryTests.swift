import Testing
@testable import PantauKit

/// A small dataset for queries, loaded through the real loader from temporary files.
/// Regions are listed out of order on purpose.
private enum QueryData {
    static let files: [String: String] = [
        "wilayah.csv": TestData.csv(
            "kode,nama",
            "35,Jawa Timur",
            "32,Jawa Barat",
            "32.01,Kabupaten Bogor",
            "32.01.02,Gunungputri",
            "32.01.01,Cibinong",
            "32.01.01.1001,Pondok Rajeg",
            "32.01.01.1002,Karad\u{E9}nan",
            "32.01.02.2001,Wanaherang",
            "32.73,Kota Bandung",
            "32.73.01,Sukasari",
            "35.17,Kabupaten Jombang",
            "35.17.01,Bandar Kedung Mulyo",
            "35.17.01.2001,Brangkal",
            "35.17.02,Perak",
            "35.17.02.2001,Sumberagung",
            "11,Aceh",
            "11.01,Kabupaten Aceh Selatan",
            "11.01.01,Bakongan",
            "11.01.01.2001,Keude Bakongan"
        ),
        "sumber.csv": TestData.csv(
            "id,judul,penerbit,tahun,tautan",
            "bps-2022,Data dan Informasi Kemiskinan 2022,Badan Pusat Statistik,2022,",
            "bps-jombang-2024,Profil Kemiskinan Kabupaten Jombang 2024,BPS Kabupaten Jombang,2024,",
            "bps-2024,Profil Kemiskinan 2024,BPS,2024,",
            "pemkab-jombang,Paparan Pj Bupati Jombang,Pemerintah Kabupaten Jombang,2024,",
            "ssgi-2021,SSGI 2021,Kementerian Kesehatan,2021,",
            "ssgi-2022,SSGI 2022,Kemenkes,2023,",
            "ski-2023,SKI 2023,Kementerian Kesehatan RI,2024,",
            "dinkes-jabar,Siaran pers Dinas Kesehatan Jawa Barat,Dinas Kesehatan Provinsi Jawa Barat,2024,"
        ),
        "indikator.csv": TestData.csv(
            "kode,indikator,tahun,nilai,sumber",
            "35.17,kemiskinan,2024,8.60,bps-jombang-2024",
            "35.17,kemiskinan,2021,10.00,bps-2022",
            "35.17,kemiskinan,2022,9.04,bps-2022",
            "35.17,kemiskinan,2023,9.15,bps-jombang-2024",
            "35.17,kemiskinan,2023,9.5,pemkab-jombang",
            "32.01,kemiskinan,2023,7.0,bps-2022",
            "32.01,kemiskinan,2024,7.00,bps-2024",
            "32.73,kemiskinan,2023,4.5,bps-2022",
            "32.73,kemiskinan,2024,4.52,bps-2024",
            "11.01,kemiskinan,2024,7,bps-2024",
            "32,stunting,2021,24.5,ssgi-2021",
            "32,stunting,2022,20.2,ssgi-2022",
            "32,stunting,2023,21.7,ski-2023",
            "32,stunting,2024,15.9,dinkes-jabar",
            "32.01,stunting,2022,24.9,ssgi-2022",
            "32.73,stunting,2022,24.9,ssgi-2022",
            "11.01,stunting,2022,30.1,ssgi-2022"
        ),
        "target.csv": TestData.csv(
            "kode,indikator,tahun,nilai,dasar",
            "0,stunting,2029,14.2,RPJMN 2025-2029",
            "0,stunting,2024,14,Perpres 72/2021",
            "0,kemiskinan_ekstrem,2026,0,RPJMN 2025-2029",
            "35.17,kemiskinan_ekstrem,2024,0,Rakor Pemkab Jombang 12 Feb 2024"
        ),
        "rekomendasi.csv": TestData.csv(
            "id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status",
            "A1,32.01.01.1001,2024 S1,aks,,,R,Dinas Kesehatan,2024-03-31,belum",
            "A2,32.01.01.1001,2024 S1,aks,,,R,Puskesmas,2024-06-30,proses",
            "A3,32.01.01.1002,2024 S1,aks,,,R,Dinas PMD,2024-01-15,selesai",
            "A4,32.01.02,2024 S1,aks,,,R,Dinas Sosial,2024-01-15,tidak_dapat",
            "A5,32.01,2024,konvergensi,,,R,Bappeda,,belum",
            "A6,32.01,2024,rakor,,,R,Bappeda,2024-12-31,proses",
            "A7,32.73.01,2024,lainnya,,,R,Kecamatan,2024-06-30,belum",
            "A8,35.17,2024,rakor,,,R,Dinas Sosial,2024-02-12,belum",
            "A9,35.17.02.2001,2024 S2,aks,,,R,Pemerintah Desa,2025-01-31,proses",
            "A10,0,2024,rakor,,,R,Bappenas,2024-07-01,belum",
            "A11,11.01.01.2001,2024,aks,,,R,Puskesmas,2023-12-31,selesai"
        ),
        "konvergensi.csv": TestData.csv(
            "kode,tahun,aksi,nilai,catatan",
            "32.01,2024,3,85,",
            "32.01,2023,8,70,",
            "32.01,2024,1,80,",
            "32.73,2024,1,60,"
        ),
        "program.csv": TestData.csv(
            "kode,nama,mitra,komponen,mulai,selesai,sasaran,capaian",
            "32.01,Graduasi,BRAC International,aset,2024-09-18,,,",
            "32,Zero new stunting,Pemprov Jawa Barat,rakor,,,,",
            "35.17,Pendampingan,TKSK,verifikasi,,,,"
        ),
    ]
}

@Suite struct QueryTests {
    let data: Dataset

    init() throws {
        data = try TestData.load(QueryData.files)
    }

    private func at(_ code: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RegionIndex {
        try #require(data.index(code), "no region \(code)", sourceLocation: sourceLocation)
    }

    private func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    // MARK: Hierarchy

    @Test func regionsAreInCodeOrderWithIndonesiaFirst() {
        #expect(data.codes(Array(0..<RegionIndex(data.regions.count))) == [
            "0", "11", "11.01", "11.01.01", "11.01.01.2001", "32", "32.01", "32.01.01", "32.01.01.1001", "32.01.01.1002",
            "32.01.02", "32.01.02.2001", "32.73", "32.73.01", "35", "35.17", "35.17.01", "35.17.01.2001", "35.17.02",
            "35.17.02.2001",
        ])
        for (index, region) in data.regions.enumerated() {
            #expect(data.index(of: region.code) == RegionIndex(index))
        }
    }

    @Test func childrenInCodeOrder() throws {
        #expect(data.codes(data.children(of: data.root)) == ["11", "32", "35"])
        #expect(data.codes(data.children(of: try at("32"))) == ["32.01", "32.73"])
        #expect(data.codes(data.children(of: try at("32.01"))) == ["32.01.01", "32.01.02"])
        #expect(data.codes(data.children(of: try at("32.01.01"))) == ["32.01.01.1001", "32.01.01.1002"])
        #expect(data.children(of: try at("32.01.01.1001")).isEmpty)
        for (index, region) in data.regions.enumerated() {
            for child in region.children { #expect(data.region(child).parent == RegionIndex(index)) }
        }
    }

    @Test func breadcrumb() throws {
        #expect(data.codes(data.breadcrumb(try at("32.01.01.1001"))) == ["0", "32", "32.01", "32.01.01", "32.01.01.1001"])
        #expect(data.breadcrumb(try at("32.01.01.1001")).map { data.region($0).name }
            == ["Indonesia", "Jawa Barat", "Kabupaten Bogor", "Cibinong", "Pondok Rajeg"])
        #expect(data.codes(data.breadcrumb(data.root)) == ["0"])
        #expect(data.codes(data.breadcrumb(try at("35"))) == ["0", "35"])
    }

    @Test func subtreeHoldsExactlyTheDescendants() throws {
        #expect(data.codes(Array(data.subtree(try at("32.01"))))
            == ["32.01", "32.01.01", "32.01.01.1001", "32.01.01.1002", "32.01.02", "32.01.02.2001"])
        #expect(data.subtree(data.root).count == data.regions.count)
        #expect(data.subtree(try at("32.73.01")).count == 1)
        for (outer, outerRegion) in data.regions.enumerated() {
            for (inner, innerRegion) in data.regions.enumerated() {
                let expected = inner == outer || innerRegion.code.isDescendant(of: outerRegion.code)
                #expect(data.isInSubtree(RegionIndex(inner), of: RegionIndex(outer)) == expected,
                        "\(innerRegion.code) in \(outerRegion.code)")
            }
        }
    }

    // MARK: Search

    @Test func searchByNameIsCaseAndAccentInsensitive() throws {
        #expect(data.codes(data.search("bogor", within: data.root)) == ["32.01"])
        #expect(data.codes(data.search("BOGOR", within: data.root)) == ["32.01"])
        #expect(data.codes(data.search("karadenan", within: data.root)) == ["32.01.01.1002"])  // data has "Karadénan"
        #expect(data.codes(data.search("PONDOK R\u{C1}JEG", within: data.root)) == ["32.01.01.1001"])  // query has Á
        #expect(data.codes(data.search("  gunung ", within: data.root)) == ["32.01.02"])
        #expect(data.codes(data.search("su", within: data.root)) == ["32.73.01", "35.17.02.2001"])
        #expect(data.codes(data.search("bakongan", within: data.root)) == ["11.01.01", "11.01.01.2001"])
        #expect(data.search("tidak ada", within: data.root).isEmpty)
    }

    @Test func searchStaysWithinTheSubtreeAndExcludesTheRegionItself() throws {
        #expect(data.codes(data.search("su", within: try at("35"))) == ["35.17.02.2001"])
        #expect(data.search("bogor", within: try at("32.01")).isEmpty)
        #expect(data.codes(data.search("kabupaten", within: try at("32"))) == ["32.01"])
        #expect(data.codes(data.search("kabupaten", within: data.root)) == ["11.01", "32.01", "35.17"])
    }

    @Test func searchByCodePrefix() throws {
        #expect(data.codes(data.search("32.01.0", within: data.root))
            == ["32.01.01", "32.01.01.1001", "32.01.01.1002", "32.01.02", "32.01.02.2001"])
        #expect(data.codes(data.search("35.17.02", within: try at("35")))  == ["35.17.02", "35.17.02.2001"])
        #expect(data.search("35", within: try at("32")).isEmpty)
        #expect(data.codes(data.search("3", within: data.root, limit: 3)) == ["32", "32.01", "32.01.01"])
    }

    @Test func emptySearchGivesTheChildren() throws {
        #expect(data.codes(data.search("", within: try at("32"))) == ["32.01", "32.73"])
        #expect(data.codes(data.search("   ", within: data.root)) == ["11", "32", "35"])
    }

    // MARK: Series and headline

    @Test func seriesPerPublisherFamily() throws {
        let jombang = try at("35.17")
        let series = data.series(of: jombang, .kemiskinan)
        #expect(series.map(\.publisher) == ["BPS", "Pemerintah Kabupaten Jombang"])
        // Releases by BPS national (2021, 2022) and BPS Kabupaten Jombang (2023, 2024) are one series.
        #expect(series[0].points.map(\.year) == [2021, 2022, 2023, 2024])
        #expect(series[0].points.map(\.value) == [10.00, 9.04, 9.15, 8.60])
        #expect(series[0].points.map(\.sourceID) == ["bps-2022", "bps-2022", "bps-jombang-2024", "bps-jombang-2024"])
        // The regent's figure for the same year is never joined to it.
        #expect(series[1].points.map(\.value) == [9.5])
        #expect(series[1].points.map(\.year) == [2023])
        #expect(series.allSatisfy { $0.indicator == .kemiskinan })
    }

    @Test func seriesFamilies() {
        func family(_ publisher: String) -> String {
            Source(id: "x", title: "t", publisher: publisher, year: nil, link: "").seriesFamily
        }
        #expect(family("Badan Pusat Statistik") == "BPS")
        #expect(family("BPS Provinsi Jawa Timur") == "BPS")
        #expect(family("bps kabupaten jombang") == "BPS")
        #expect(family("Kementerian Kesehatan RI") == "Kementerian Kesehatan")
        #expect(family("Kemenkes") == "Kementerian Kesehatan")
        #expect(family("Desakita.co") == "Desakita.co")
        #expect(family("Pemerintah Kabupaten Jombang") == "Pemerintah Kabupaten Jombang")
    }

    @Test func headlineIsTheLatestOfTheLongestSeries() throws {
        let jombang = try #require(data.headline(of: try at("35.17"), .kemiskinan))
        #expect(jombang.latest.value == 8.60)
        #expect(jombang.latest.year == 2024)
        #expect(jombang.latest.decimals == 2)
        #expect(jombang.previous?.value == 9.15)
        #expect(jombang.previous?.year == 2023)
        #expect(jombang.trend == .down)

        // Jawa Barat stunting: Kemenkes surveys 2021–2023 (3 points) beat a more recent
        // one-point press figure for 2024.
        let series = data.series(of: try at("32"), .stunting)
        #expect(series.map(\.publisher) == ["Kementerian Kesehatan", "Dinas Kesehatan Provinsi Jawa Barat"])
        let jabar = try #require(data.headline(of: try at("32"), .stunting))
        #expect(jabar.latest.year == 2023)
        #expect(jabar.latest.value == 21.7)
        #expect(jabar.previous?.value == 20.2)
        #expect(jabar.trend == .up)
    }

    @Test func trendAtWrittenPrecision() throws {
        let bogor = try #require(data.headline(of: try at("32.01"), .kemiskinan))
        #expect(bogor.latest.value == 7.0 && bogor.latest.decimals == 2)
        #expect(bogor.previous?.decimals == 1)
        #expect(bogor.trend == .same)  // 7.0 vs 7.00
        let bandung = try #require(data.headline(of: try at("32.73"), .kemiskinan))
        #expect(bandung.trend == .up)  // 4.5 → 4.52
        let aceh = try #require(data.headline(of: try at("11.01"), .kemiskinan))
        #expect(aceh.previous == nil)
        #expect(aceh.trend == nil)
        #expect(data.headline(of: try at("32.01.01"), .kemiskinan) == nil)
        #expect(data.series(of: try at("32.01.01"), .kemiskinan).isEmpty)
    }

    @Test func trendSymbols() {
        #expect(Trend.up.symbol == "▲")
        #expect(Trend.down.symbol == "▼")
        #expect(Trend.same.symbol == "＝")
        #expect(Trend.same.title(.id) == "tetap")
    }

    @Test func trendComparesRoundedValues() throws {
        func observation(_ value: Double, _ decimals: Int) -> Observation {
            Observation(region: 0, indicator: .kemiskinan, year: 2024, value: value, decimals: decimals, sourceID: "s", line: 2)
        }
        #expect(Headline(latest: observation(7.05, 2), previous: observation(7.050, 3)).trend == .same)
        #expect(Headline(latest: observation(7.051, 3), previous: observation(7.05, 2)).trend == .up)
        #expect(Headline(latest: observation(0.3, 1), previous: observation(0.1 + 0.2, 1)).trend == .same)
        #expect(Headline(latest: observation(9.03, 2), previous: observation(9.36, 2)).trend == .down)
    }

    @Test func indicatorsOfARegion() throws {
        #expect(data.indicators(of: try at("32.01")) == [.kemiskinan, .stunting])
        #expect(data.indicators(of: try at("35.17")) == [.kemiskinan])
        #expect(data.indicators(of: try at("32.01.01")).isEmpty)
        let years = data.observations(of: try at("35.17")).map(\.year)
        #expect(years == [2021, 2022, 2023, 2023, 2024])
    }

    // MARK: Targets

    @Test func targetsFallBackToTheNearestAncestor() throws {
        let desa = try #require(data.targets(for: try at("32.01.01.1001"), .stunting))
        #expect(desa.owner == data.root)
        #expect(desa.targets.map(\.year) == [2024, 2029])
        #expect(desa.targets.map(\.value) == [14, 14.2])

        let kecamatan = try #require(data.targets(for: try at("35.17.01"), .kemiskinanEkstrem))
        #expect(kecamatan.owner == (try at("35.17")))
        #expect(kecamatan.targets.map(\.basis) == ["Rakor Pemkab Jombang 12 Feb 2024"])

        let province = try #require(data.targets(for: try at("35"), .kemiskinanEkstrem))
        #expect(province.owner == data.root)
        #expect(province.targets.map(\.year) == [2026])

        #expect(data.targets(for: try at("32.01"), .tpt) == nil)
    }

    @Test func applicableTargetIsTheFirstTargetYearAtOrAfterTheFigure() throws {
        let bogor = try at("32.01")
        #expect(data.applicableTarget(for: bogor, .stunting, year: 2022)?.target.year == 2024)
        #expect(data.applicableTarget(for: bogor, .stunting, year: 2024)?.target.year == 2024)
        #expect(data.applicableTarget(for: bogor, .stunting, year: 2025)?.target.year == 2029)
        #expect(data.applicableTarget(for: bogor, .stunting, year: 2025)?.target.value == 14.2)
        #expect(data.applicableTarget(for: bogor, .stunting, year: 2030)?.target.year == 2029)  // else the last
        #expect(data.applicableTarget(for: bogor, .stunting, year: 2022)?.owner == data.root)
        #expect(data.applicableTarget(for: bogor, .tpt, year: 2024) == nil)
    }

    // MARK: Recommendations and roll-up

    @Test func recommendationsOfASubtree() throws {
        for region in 0..<RegionIndex(data.regions.count) {
            let range = data.recommendationIndices(inSubtreeOf: region)
            let got = Set(data.recommendations[range].map(\.id))
            let expected = Set(data.recommendations.filter { data.isInSubtree($0.region, of: region) }.map(\.id))
            #expect(got == expected, "\(data.region(region).code)")
        }
        #expect(Set(data.recommendations[data.recommendationIndices(inSubtreeOf: try at("32.01"))].map(\.id))
            == ["A1", "A2", "A3", "A4", "A5", "A6"])
    }

    @Test func overdueIsStrictlyBeforeToday() throws {
        let a10 = try #require(data.recommendations.first { $0.id == "A10" })  // belum, deadline 2024-07-01
        #expect(!a10.isOverdue(today: date("2024-06-30")))
        #expect(!a10.isOverdue(today: date("2024-07-01")))
        #expect(a10.isOverdue(today: date("2024-07-02")))
        let a5 = try #require(data.recommendations.first { $0.id == "A5" })  // no deadline
        #expect(!a5.isOverdue(today: date("2099-01-01")))
        let a3 = try #require(data.recommendations.first { $0.id == "A3" })  // selesai, long past
        #expect(!a3.isOverdue(today: date("2099-01-01")))
        let a4 = try #require(data.recommendations.first { $0.id == "A4" })  // tidak_dapat, long past
        #expect(!a4.isOverdue(today: date("2099-01-01")))
    }

    @Test func rollUpKnownFigures() throws {
        let rollUp = data.rollUp(today: date("2024-07-01"))
        #expect(rollUp.today == date("2024-07-01"))
        let expected: [String: (pending: Int, overdue: Int)] = [
            "0": (8, 4), "32": (5, 3), "32.01": (4, 2), "32.01.01": (2, 2), "32.01.01.1001": (2, 2),
            "32.01.01.1002": (0, 0), "32.01.02": (0, 0), "32.73": (1, 1), "32.73.01": (1, 1),
            "35": (2, 1), "35.17": (2, 1), "35.17.02": (1, 0), "35.17.01": (0, 0), "11": (0, 0),
        ]
        for (code, counts) in expected {
            let region = try at(code)
            #expect(rollUp.pending(region) == counts.pending, "pending \(code)")
            #expect(rollUp.overdue(region) == counts.overdue, "overdue \(code)")
        }
        // One day later A10 (deadline 2024-07-01, at Indonesia itself) becomes overdue.
        let later = data.rollUp(today: date("2024-07-02"))
        #expect(later.overdue(data.root) == 5)
        #expect(later.pending(data.root) == 8)
    }

    @Test(arguments: ["2023-01-01", "2024-02-12", "2024-02-13", "2024-03-31", "2024-04-01", "2024-06-30", "2024-07-01",
                      "2024-07-02", "2024-12-31", "2025-01-01", "2025-02-01"])
    func rollUpEqualsBruteForce(today: String) throws {
        let day = date(today)
        let rollUp = data.rollUp(today: day)
        #expect(rollUp.pending.count == data.regions.count)
        for (index, region) in data.regions.enumerated() {
            let inside = data.recommendations.filter {
                let code = data.region($0.region).code
                return code == region.code || code.isDescendant(of: region.code)
            }
            let pending = inside.filter { $0.status == .belum || $0.status == .proses }
            let overdue = pending.filter { $0.deadline.map { $0 < day } ?? false }
            #expect(rollUp.pending(RegionIndex(index)) == pending.count, "pending \(region.code) on \(today)")
            #expect(rollUp.overdue(RegionIndex(index)) == overdue.count, "overdue \(region.code) on \(today)")
        }
    }

    // MARK: Sorting

    private var sortList: [RegionIndex] {
        get throws { try ["35.17", "32.73", "32.01.02", "11.01", "35.17.01", "32.01"].map { try at($0) } }
    }

    @Test func sortByCodeAndName() throws {
        let rollUp = data.rollUp(today: date("2024-07-01"))
        #expect(data.codes(data.sorted(try sortList, by: .code, rollUp: rollUp))
            == ["11.01", "32.01", "32.01.02", "32.73", "35.17", "35.17.01"])
        // Bandar Kedung Mulyo, Gunungputri, Kabupaten Aceh Selatan, Kabupaten Bogor, Kabupaten Jombang, Kota Bandung
        #expect(data.codes(data.sorted(try sortList, by: .name, rollUp: rollUp))
            == ["35.17.01", "32.01.02", "11.01", "32.01", "35.17", "32.73"])
    }

    @Test func sortByFiguresDescendingMissingLastTiesByCode() throws {
        let rollUp = data.rollUp(today: date("2024-07-01"))
        // Poverty: Jombang 8.60, then Aceh Selatan 7 and Bogor 7.00 tied (code order), Bandung 4.52; none last.
        #expect(data.codes(data.sorted(try sortList, by: .poverty, rollUp: rollUp))
            == ["35.17", "11.01", "32.01", "32.73", "32.01.02", "35.17.01"])
        // Stunting: Aceh Selatan 30.1, then Bogor and Bandung tied at 24.9; the rest have none.
        #expect(data.codes(data.sorted(try sortList, by: .stunting, rollUp: rollUp))
            == ["11.01", "32.01", "32.73", "32.01.02", "35.17", "35.17.01"])
    }

    @Test func sortByPendingAndOverdue() throws {
        let rollUp = data.rollUp(today: date("2024-07-01"))
        // Pending: Bogor 4, Jombang 2, Bandung 1, then zeros in code order.
        #expect(data.codes(data.sorted(try sortList, by: .pending, rollUp: rollUp))
            == ["32.01", "35.17", "32.73", "11.01", "32.01.02", "35.17.01"])
        // Overdue: Bogor 2, then Bandung 1 and Jombang 1 (code order), then zeros.
        #expect(data.codes(data.sorted(try sortList, by: .overdue, rollUp: rollUp))
            == ["32.01", "32.73", "35.17", "11.01", "32.01.02", "35.17.01"])
    }

    @Test func sortKeysCycle() {
        #expect(RegionSortKey.allCases.map(\.rawValue) == ["code", "name", "poverty", "stunting", "pending", "overdue", "priority"])
        #expect(RegionSortKey.code.next == .name)
        #expect(RegionSortKey.overdue.next == .priority)
        #expect(RegionSortKey.priority.next == .code)
    }

    // MARK: Convergence and programmes

    @Test func convergenceScoresByYearThenAction() throws {
        let scores = data.convergenceScores(of: try at("32.01"))
        #expect(scores.map { "\($0.year)/\($0.action.rawValue)" } == ["2023/8", "2024/1", "2024/3"])
        #expect(scores.map(\.value) == [70, 80, 85])
        #expect(data.convergenceScores(of: try at("35.17")).isEmpty)
    }

    @Test func programmesCoverDescendants() throws {
        #expect(data.programmes(covering: try at("32.01.01.1001")).map(\.name) == ["Graduasi", "Zero new stunting"])
        #expect(data.programmes(covering: try at("32.73")).map(\.name) == ["Zero new stunting"])
        #expect(data.programmes(covering: try at("35.17.02")).map(\.name) == ["Pendampingan"])
        #expect(data.programmes(covering: data.root).isEmpty)
    }

    // MARK: WHO bands

    @Test func whoBandBoundaries() {
        #expect(WHOBand(prevalence: 0) == .veryLow)
        #expect(WHOBand(prevalence: 2.49) == .veryLow)
        #expect(WHOBand(prevalence: 2.5) == .low)
        #expect(WHOBand(prevalence: 9.99) == .low)
        #expect(WHOBand(prevalence: 10) == .medium)
        #expect(WHOBand(prevalence: 19.9) == .medium)
        #expect(WHOBand(prevalence: 20) == .high)
        #expect(WHOBand(prevalence: 29.99) == .high)
        #expect(WHOBand(prevalence: 30) == .veryHigh)
        #expect(WHOBand(prevalence: 100) == .veryHigh)
        #expect(WHOBand(prevalence: 19.8).title(.id) == "sedang (10–<20 %)")
        #expect(WHOBand(prevalence: 21.5).title(.en) == "high (20–<30%)")
    }
}

@Suite struct SeriesFamilyDuplicateYearTests {
    /// Two BPS offices publishing the same region, indicator and year are accepted by the
    /// loader (the key includes the source) and then land in the one "BPS" series.
    static let files: [String: String] = [
        "wilayah.csv": TestData.csv("kode,nama", "35,Jawa Timur", "35.17,Kabupaten Jombang"),
        "sumber.csv": TestData.csv(
            "id,judul,penerbit,tahun,tautan",
            "bps-kabkota-2024,Data dan Informasi Kemiskinan Kabupaten/Kota 2024,Badan Pusat Statistik,2024,",
            "bps-jombang-2024,Profil Kemiskinan Kabupaten Jombang Maret 2024,BPS Kabupaten Jombang,2024,"
        ),
        "indikator.csv": TestData.csv(
            "kode,indikator,tahun,nilai,sumber",
            "35.17,kemiskinan,2023,9.15,bps-kabkota-2024",
            "35.17,kemiskinan,2024,8.60,bps-kabkota-2024",
            "35.17,kemiskinan,2024,8.60,bps-jombang-2024"
        ),
    ]

    @Test func bothFiguresAreLoaded() throws {
        let data = try TestData.load(Self.files)
        #expect(data.observations.count == 3)
        let series = data.series(of: try #require(data.index("35.17")), .kemiskinan)
        #expect(series.map(\.publisher) == ["BPS"])
    }

    @Test
    func headlineComparesWithAnEarlierYear() throws {
        let data = try TestData.load(Self.files)
        let jombang = try #require(data.index("35.17"))
        let series = try #require(data.series(of: jombang, .kemiskinan).first)
        let years = series.points.map(\.year)
        #expect(years == Array(Set(years)).sorted(), "one point per year")
        let headline = try #require(data.headline(of: jombang, .kemiskinan))
        #expect(headline.latest.year == 2024)
        #expect(headline.previous?.year == 2023)
        #expect(headline.trend == .down)
    }
}
