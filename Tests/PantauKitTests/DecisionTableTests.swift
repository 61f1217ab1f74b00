import Testing
@testable import PantauKit

/// The 8-aksi scorecard, its kab/kota comparison, the programme list and the table
/// outputs, on a small hand-made dataset whose numbers are worked out in the comments.
@Suite struct DecisionTableTests {
    static let files: [String: String] = [
        "wilayah.csv": TestData.csv("kode,nama", "64,Kalimantan Timur", "64.71,Kota Balikpapan", "64.72,Kota Samarinda", "64.74,Kota Bontang",
                                    "64.74.01,Bontang Selatan", "64.74.01.1001,Tanjung Laut"),
        "konvergensi.csv": TestData.csv("kode,tahun,aksi,nilai,catatan",
                                        // Balikpapan: 2022 and 2024 (2023 missing), aksi 8 not scored in 2022.
                                        "64.71,2022,1,70,x", "64.71,2022,2,70,x", "64.71,2022,3,70,x", "64.71,2022,4,70,x",
                                        "64.71,2022,5,70,x", "64.71,2022,6,70,x", "64.71,2022,7,70,x",
                                        "64.71,2024,1,80,x", "64.71,2024,2,65,x", "64.71,2024,3,65,x", "64.71,2024,4,90,x",
                                        "64.71,2024,5,65,x", "64.71,2024,6,75,x", "64.71,2024,7,85,x", "64.71,2024,8,60,x",
                                        // Bontang: one year, fractional scores.
                                        "64.74,2024,1,72.5,ilustratif", "64.74,2024,6,55,ilustratif"),
        "rekomendasi.csv": TestData.csv("id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status",
                                        "K1,64.71,2024,konvergensi,Data,Data belum terpadu (aksi 6).,Bangun basis data,Bappeda,2025-01-01,belum",
                                        "K2,64.71,2024,konvergensi,Data,Anggaran belum optimal.,Tandai anggaran,Bappeda,2025-01-01,selesai",
                                        "K3,64.71,2024,konvergensi,Data,Lihat Aksi 10 dan aksi 2,Rapikan,Bappeda,2030-01-01,proses",
                                        "K4,64.71,2024,aks,Data,aksi 5,Bukan konvergensi,Dinkes,2025-01-01,belum"),
        "program.csv": TestData.csv("kode,nama,mitra,komponen,mulai,selesai,sasaran,capaian",
                                    "64,Program provinsi,Mitra A,satu;dua,2024-01-01,2025-12-31,1000,250",
                                    "64.74.01,Program kecamatan,,tiga,,,,"),
    ]

    func load() throws -> Dataset { try TestData.load(Self.files) }

    @Test func recommendationsAreLinkedToTheActionTheyName() throws {
        let dataset = try load()
        let byID = Dictionary(uniqueKeysWithValues: dataset.recommendations.map { ($0.id, $0) })
        #expect(byID["K1"]?.convergenceAction == .sistemManajemenData)
        #expect(byID["K2"]?.convergenceAction == nil)
        #expect(byID["K3"]?.convergenceAction == .rencanaKegiatan)   // "Aksi 10" is no action; "aksi 2" is
    }

    @Test func changeIsAgainstThePreviousAssessmentEvenWithAMissingYear() throws {
        let dataset = try load()
        let balikpapan = try #require(dataset.index("64.71"))
        let summary = try #require(dataset.scorecardSummary(of: balikpapan))
        #expect(summary.years == [2022, 2024])
        #expect(summary.previousYear == 2022)
        #expect(summary.change(.analisisSituasi) == 10)          // 80 − 70
        #expect(summary.change(.rencanaKegiatan) == -5)          // 65 − 70
        #expect(summary.change(.reviuKinerja) == nil)            // not scored in 2022
        // Lowest three of 2024: 60 (aksi 8), then 65 three times (aksi 2, 3, 5): ties in action order.
        #expect(summary.weakest.map(\.action.rawValue) == [8, 2, 3])
    }

    @Test func fullScorecardHasEveryYearAndTheRecommendationsBesideTheirAction() throws {
        let dataset = try load()
        let balikpapan = try #require(dataset.index("64.71"))
        let table = dataset.scorecard(of: balikpapan, lang: .id, today: LocalDate(iso: "2026-11-23"))
        #expect(table.columns == ["2022", "2024", "Perubahan"])
        let keys = table.rows.map(\.key)
        #expect(keys.first == "terlemah")
        #expect(table.rows.first { $0.key == "aksi8" }?.cells == ["–", "60", "–"])
        #expect(table.rows.first { $0.key == "aksi2" }?.cells == ["70", "65", "−5"])
        // K1 sits under aksi 6, K3 under aksi 2, K2 (no action named) under "other"; K4 is an AKS finding.
        let k1 = try #require(keys.firstIndex { $0 == "aksi6.rekomendasi" })
        #expect(keys[k1 - 1] == "aksi6")
        #expect(table.rows[k1].label == "  K1")
        #expect(table.rows[k1].text?.contains("LEWAT 691 hari") == true)   // 2025-01-01 → 2026-11-23
        #expect(table.rows.contains { $0.key == "aksi2.rekomendasi" && $0.label == "  K3" })
        #expect(table.rows.contains { $0.key == "rekomendasi" && $0.label == "  K2" })
        #expect(!table.rows.contains { $0.label.contains("K4") })
        #expect(!table.notes.contains { $0.contains("ILUSTRATIF") })
    }

    @Test func provinceComparisonNamesTheKabKotaWithoutScores() throws {
        let dataset = try load()
        let province = try #require(dataset.index("64"))
        let table = dataset.scorecardTable(for: province, rollUp: dataset.rollUp(today: LocalDate(iso: "2026-11-23")!), lang: .en)
        #expect(table.columns == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "Rec."])
        // Balikpapan: two pending konvergensi recommendations (K1, K3); K2 is done, K4 is an audit one.
        #expect(table.rows.first { $0.key == "64.71.skor" }?.cells == ["80", "65", "65", "90", "65", "75", "85", "60", "2"])
        #expect(table.rows.first { $0.key == "64.71.perubahan" }?.label == "  vs 2022")
        #expect(table.rows.first { $0.key == "64.71.perubahan" }?.cells.prefix(8) == ["+10", "−5", "−5", "+20", "−5", "+5", "+15", "–"])
        #expect(table.rows.first { $0.key == "64.74.skor" }?.cells == ["72.5", "–", "–", "–", "–", "55", "–", "–", "0"])
        #expect(table.rows.first { $0.key == "64.74.perubahan" }?.text == "– only one assessment year (2024)")
        #expect(table.rows.first { $0.key == "belum_dinilai" }?.text == "1: Kota Samarinda")
        #expect(table.notes.contains { $0.contains("ILLUSTRATIVE") })
        // A desa shows the scorecard of its kab/kota.
        let desa = try #require(dataset.index("64.74.01.1001"))
        #expect(dataset.scorecardTable(for: desa, rollUp: dataset.rollUp(today: LocalDate(iso: "2026-11-23")!), lang: .en).title
                == "8 convergence actions — Kota Bontang")
    }

    @Test func programmesBelowAndFromAbove() throws {
        let dataset = try load()
        let kecamatan = try #require(dataset.index("64.74.01"))
        let table = dataset.programmeTable(for: kecamatan, lang: .en)
        #expect(table.rows.filter { $0.tone == .heading }.map(\.label) == ["Program provinsi", "Program kecamatan"])
        #expect(table.rows.first { $0.key == "program1.wilayah" }?.text
                == "Kalimantan Timur (64) with its 3 regencies/cities, 1 district, 1 village")
        #expect(table.rows.first { $0.key == "program1.periode" }?.text == "from 1 Jan 2024 · until 31 Dec 2025")
        #expect(table.rows.first { $0.key == "program1.capaian" }?.text == "250")
        #expect(table.rows.first { $0.key == "program2.sasaran" }?.text == "– not published")
        #expect(table.rows.filter { $0.key == "program1.komponen" }.map(\.text) == ["1. satu", "2. dua"])
        let samarinda = try #require(dataset.index("64.72"))
        #expect(dataset.programmeTable(for: samarinda, lang: .en).rows.map(\.label) == ["Program provinsi", "Partner", "Regions", "Period",
                                                                                         "Target", "Reach", "Components (2)", ""])
    }

    @Test func csvHasAHeaderEscapesAndNeutralisesFormulas() {
        let table = DecisionTable(title: "T", labelHeader: "L", columns: ["A", "B"], columnKeys: ["a", "b"], rows: [
            .init(key: "r1", label: "  one", cells: ["1,5", "+2,55"]),
            .init(key: "r2", label: "two", cells: ["=SUM(A1)", "say \"hi\""]),
            .init(key: "r3", label: "three", text: "spans, all"),
        ], notes: ["note"])
        let expected = [
            "kunci,label,a,b",
            "r1,one,\"1,5\",\"+2,55\"",
            "r2,two,'=SUM(A1),\"say \"\"hi\"\"\"",
            "r3,three,\"spans, all\",",
            "catatan,note,,",
        ]
        #expect(table.csv() == expected.joined(separator: "\n") + "\n")
        #expect(table.json().contains("\"kunci_kolom\" : [\n    \"a\",\n    \"b\"\n  ]"))
        #expect(table.markdown().contains("| · one | 1,5 | +2,55 |"))
    }
}
