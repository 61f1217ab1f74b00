import Foundation
import Testing
@testable import PantauKit

// MARK: - Shared fixtures (used by LoaderTests, QueryTests, SampleDataTests, WilayahImportTests)

/// Writes datasets into fresh temporary directories and loads them.
enum TestData {
    /// CSV text from lines: joined with LF, with a final LF.
    static func csv(_ lines: String...) -> String {
        lines.joined(separator: "\n") + "\n"
    }

    /// A fresh, empty temporary directory; `body` gets its path; the directory is removed afterwards.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("pantau-kit-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// Writes `files` (file name → content, UTF-8) into `directory`.
    static func write(_ files: [String: String], into directory: String) throws {
        for (name, content) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Writes `files` into a fresh temporary directory and runs `body` on its path.
    static func withDataset<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
        try withTemporaryDirectory { directory in
            try write(files, into: directory)
            return try body(directory)
        }
    }

    /// Loads `files` as a dataset; a load error is thrown (and shows every issue).
    static func load(_ files: [String: String]) throws -> Dataset {
        try withDataset(files) { directory in
            do throws(DatasetLoadError) {
                return try DatasetLoader.load(directory: directory)
            } catch {
                let text = error.issues.map { $0.formatted(.en) }.joined(separator: "\n")
                Issue.record("dataset did not load:\n\(text)")
                throw error
            }
        }
    }

    /// Loads `files`, expecting failure; returns every issue (errors and warnings).
    /// Records a test failure when the dataset loads.
    static func issues(_ files: [String: String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [DataIssue] {
        try withDataset(files) { directory in
            do throws(DatasetLoadError) {
                _ = try DatasetLoader.load(directory: directory)
                Issue.record("expected the dataset to be rejected", sourceLocation: sourceLocation)
                return []
            } catch {
                #expect(error.directory == directory, sourceLocation: sourceLocation)
                return error.issues
            }
        }
    }

    /// The package root, from a file in `Tests/<target>/`.
    static func packageRoot(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()  // PantauKitTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
    }

    // MARK: A small valid dataset

    static let wilayah = csv(
        "kode,nama",
        "32,Jawa Barat",
        "32.01,Kabupaten Bogor",
        "32.01.01,Cibinong",
        "32.01.01.1001,Pondok Rajeg",
        "32.01.01.1002,Karadenan",
        "32.01.02,Gunungputri",
        "32.01.02.2001,Wanaherang",
        "32.73,Kota Bandung",
        "35,Jawa Timur",
        "35.17,Kabupaten Jombang",
        "35.17.01,Bandar Kedung Mulyo",
        "35.17.01.2001,Brangkal"
    )

    static let sumber = csv(
        "id,judul,penerbit,tahun,tautan",
        "bps-2023,Profil Kemiskinan di Indonesia Maret 2023,Badan Pusat Statistik,2023,https://www.bps.go.id",
        "bps-2024,Profil Kemiskinan di Indonesia Maret 2024,Badan Pusat Statistik,2024,",
        "bps-jombang-2024,Profil Kemiskinan Kabupaten Jombang Maret 2024,BPS Kabupaten Jombang,2024,",
        "pemkab-jombang,\"Paparan Pj Bupati Jombang, rakor 12 Februari 2024\",Desakita.co,,https://desakita.co/?p=2889",
        "ssgi-2022,Buku Saku SSGI 2022,Kementerian Kesehatan,2023,"
    )

    static let indikator = csv(
        "kode,indikator,tahun,nilai,sumber",
        "0,kemiskinan,2023,9.36,bps-2023",
        "0,kemiskinan,2024,9.03,bps-2024",
        "32.01,kemiskinan,2024,7.05,bps-2024",
        "35.17,kemiskinan,2023,9.15,bps-jombang-2024",
        "35.17,kemiskinan,2023,9.5,pemkab-jombang",
        "35.17,kemiskinan,2024,8.60,bps-jombang-2024",
        "0,stunting,2022,21.6,ssgi-2022",
        "35.17,penduduk_miskin,2023,7408,pemkab-jombang"
    )

    static let target = csv(
        "kode,indikator,tahun,nilai,dasar",
        "0,stunting,2029,14.2,RPJMN 2025-2029",
        "0,kemiskinan,2029,4.5,RPJMN 2025-2029"
    )

    static let rekomendasi = csv(
        "id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status",
        "R1,32.01.01.1001,2024 S1,aks,Intervensi spesifik,Temuan,Rekomendasi,Dinas Kesehatan,2024-06-30,belum",
        "R2,35.17,2024,rakor,Perlindungan sosial,,\"Verifikasi data, lalu salurkan\",Dinas Sosial,,proses"
    )

    static let konvergensi = csv(
        "kode,tahun,aksi,nilai,catatan",
        "32.01,2024,1,80,ilustratif",
        "32.01,2024,8,72.5,"
    )

    static let program = csv(
        "kode,nama,mitra,komponen,mulai,selesai,sasaran,capaian",
        "32.01,Pendekatan graduasi,BRAC International,aset;tabungan; kesehatan ;,2024-09-18,,,",
        "35.17,Pendampingan rumah tangga miskin ekstrem,Lembaga filantropi; TKSK,verifikasi data,2024-02-12,2024-12-31,7408,100"
    )

    static let valid: [String: String] = [
        "wilayah.csv": wilayah, "sumber.csv": sumber, "indikator.csv": indikator, "target.csv": target,
        "rekomendasi.csv": rekomendasi, "konvergensi.csv": konvergensi, "program.csv": program,
    ]

    /// The valid dataset with some files replaced (or added).
    static func valid(replacing changes: [String: String]) -> [String: String] {
        valid.merging(changes) { _, new in new }
    }

    /// The valid dataset with some files removed.
    static func valid(removing names: String...) -> [String: String] {
        valid.filter { !names.contains($0.key) }
    }
}

extension Dataset {
    /// The index of a region given by its code text; nil when absent or malformed.
    func index(_ code: String) -> RegionIndex? {
        RegionCode(code).flatMap { index(of: $0) }
    }

    func codes(_ indices: [RegionIndex]) -> [String] {
        indices.map { region($0).code.text }
    }
}

// MARK: - Loader tests

@Suite struct LoaderTests {
    private static let indikatorHeader = "kode,indikator,tahun,nilai,sumber"
    private static let rekomendasiHeader = "id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status"

    /// The valid dataset with indikator.csv = header, one good row (line 2), then `rows` (from line 3).
    private func indikator(_ rows: String...) -> [String: String] {
        let lines = [Self.indikatorHeader, "0,kemiskinan,2024,9.03,bps-2024"] + rows
        return TestData.valid(replacing: ["indikator.csv": lines.joined(separator: "\n") + "\n"])
    }

    private func rekomendasi(_ rows: String...) -> [String: String] {
        let lines = [Self.rekomendasiHeader] + rows
        return TestData.valid(replacing: ["rekomendasi.csv": lines.joined(separator: "\n") + "\n"])
    }

    private func wilayahOnly(_ lines: String...) -> [String: String] {
        ["wilayah.csv": lines.joined(separator: "\n") + "\n"]
    }

    // MARK: A valid dataset

    @Test func validDatasetLoadsWithExpectedCounts() throws {
        let dataset = try TestData.load(TestData.valid)
        #expect(dataset.regions.count == 13)  // 12 listed + Indonesia
        #expect(dataset.sources.count == 5)
        #expect(dataset.observations.count == 8)
        #expect(dataset.targets.count == 2)
        #expect(dataset.recommendations.count == 2)
        #expect(dataset.convergence.count == 2)
        #expect(dataset.programmes.count == 2)
        #expect(dataset.warnings.isEmpty)

        #expect(dataset.regions[0].code == .indonesia)
        #expect(dataset.regions[0].name == "Indonesia")
        #expect(dataset.regions[0].parent == nil)
        #expect(dataset.codes(dataset.children(of: 0)) == ["32", "35"])

        let desa = try #require(dataset.index("32.01.01.1001"))
        #expect(dataset.region(desa).name == "Pondok Rajeg")
        #expect(dataset.region(desa).level == .desa)
        #expect(dataset.region(desa).parent == dataset.index("32.01.01"))
    }

    @Test func validDatasetFieldsAreParsed() throws {
        let dataset = try TestData.load(TestData.valid)
        let jombang = try #require(dataset.index("35.17"))

        let source = try #require(dataset.sources["pemkab-jombang"])
        #expect(source.title == "Paparan Pj Bupati Jombang, rakor 12 Februari 2024")
        #expect(source.publisher == "Desakita.co")
        #expect(source.year == nil)
        #expect(source.link == "https://desakita.co/?p=2889")
        #expect(dataset.sources["bps-2023"]?.year == 2023)

        let people = try #require(dataset.observations.first { $0.indicator == .pendudukMiskin })
        #expect(people.region == jombang)
        #expect(people.value == 7408)
        #expect(people.decimals == 0)
        #expect(people.line == 9)

        let bogorP0 = try #require(dataset.observations.first { $0.region == dataset.index("32.01") })
        #expect(bogorP0.value == 7.05)
        #expect(bogorP0.decimals == 2)
        #expect(bogorP0.year == 2024)
        #expect(bogorP0.sourceID == "bps-2024")

        let r2 = try #require(dataset.recommendations.first { $0.id == "R2" })
        #expect(r2.region == jombang)
        #expect(r2.origin == .rakor)
        #expect(r2.status == .proses)
        #expect(r2.deadline == nil)
        #expect(r2.text == "Verifikasi data, lalu salurkan")
        #expect(r2.finding == "")
        #expect(r2.line == 3)
        let r1 = try #require(dataset.recommendations.first { $0.id == "R1" })
        #expect(r1.deadline == LocalDate(year: 2024, month: 6, day: 30))
        #expect(r1.cycle == "2024 S1")

        let score = try #require(dataset.convergence.first { $0.action == .reviuKinerja })
        #expect(score.value == 72.5)
        #expect(score.decimals == 1)
        #expect(score.note == "")

        let graduation = try #require(dataset.programmes.first { $0.partner == "BRAC International" })
        #expect(graduation.components == ["aset", "tabungan", "kesehatan"])
        #expect(graduation.start == LocalDate(year: 2024, month: 9, day: 18))
        #expect(graduation.end == nil)
        #expect(graduation.target == nil)
        let philanthropy = try #require(dataset.programmes.first { $0.region == jombang })
        #expect(philanthropy.target == 7408)
        #expect(philanthropy.reach == 100)
        #expect(philanthropy.end == LocalDate(year: 2024, month: 12, day: 31))
    }

    @Test func onlyWilayahIsRequired() throws {
        let dataset = try TestData.load(["wilayah.csv": TestData.wilayah])
        #expect(dataset.regions.count == 13)
        #expect(dataset.observations.isEmpty && dataset.sources.isEmpty && dataset.recommendations.isEmpty)
    }

    @Test func headerOnlyFileHasNoRows() throws {
        let dataset = try TestData.load(TestData.valid(replacing: ["indikator.csv": Self.indikatorHeader + "\n"]))
        #expect(dataset.observations.isEmpty)
    }

    // MARK: Whole files

    @Test func missingWilayah() throws {
        let issues = try TestData.issues([:])
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 0, column: 0, problem: .missingRequiredFile)])
        #expect(issues.first?.formatted(.id)
            == "wilayah.csv: galat: berkas wajib tidak ada (setiap dataset perlu wilayah.csv dengan kolom kode,nama); "
            + "buat berkas itu, atau tulis dari daftar resmi dengan 'pantau import-wilayah'")
        #expect(issues.first?.formatted(.en, directory: "/data/jombang")
            == "/data/jombang/wilayah.csv: error: required file is missing (every dataset needs wilayah.csv with columns kode,nama); "
            + "create it, or write it from the official list with 'pantau import-wilayah'")
    }

    @Test func missingWilayahAlsoReportsEveryUnknownRegion() throws {
        // Without regions, every row that names one is an error too (and no dataset).
        let files = TestData.valid(removing: "wilayah.csv").filter { $0.key == "sumber.csv" || $0.key == "indikator.csv" }
        let issues = try TestData.issues(files)
        #expect(issues.first == DataIssue(file: "wilayah.csv", line: 0, column: 0, problem: .missingRequiredFile))
        #expect(issues.dropFirst().map(\.problem) == [
            .unknownRegion("32.01"), .unknownRegion("35.17"), .unknownRegion("35.17"),
            .unknownRegion("35.17"), .unknownRegion("35.17"),
        ])
    }

    @Test func emptyFile() throws {
        let issues = try TestData.issues(TestData.valid(replacing: ["indikator.csv": ""]))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 1, column: 1, problem: .emptyFile)])
        #expect(issues.first?.formatted(.id) == "indikator.csv:1:1: galat: berkas kosong: baris judul kolom tidak ada; "
            + "tulis baris judul di baris 1: kode,indikator,tahun,nilai,sumber")
        #expect(issues.first?.formatted(.en) == "indikator.csv:1:1: error: empty file: the header row is missing; "
            + "write the header on line 1: kode,indikator,tahun,nilai,sumber")
    }

    @Test func emptyWilayahIsAnErrorNotAMissingFile() throws {
        let issues = try TestData.issues(["wilayah.csv": ""])
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .emptyFile)])
    }

    // MARK: Headers

    @Test func unknownColumn() throws {
        let issues = try TestData.issues(wilayahOnly("kode,nama,luas", "32,Jawa Barat,35377"))
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 1, column: 11, problem: .unknownColumn("luas"))])
        #expect(issues.first?.formatted(.id)
            == "wilayah.csv:1:11: galat: kolom 'luas' tidak dikenal; hapus kolom itu atau perbaiki ejaannya (baris judul wilayah.csv: kode,nama)")
        #expect(issues.first?.formatted(.en)
            == "wilayah.csv:1:11: error: unknown column 'luas'; remove it or correct its spelling (header of wilayah.csv: kode,nama)")
    }

    @Test func unknownColumnAtTheEndOfALongHeader() throws {
        let target = TestData.csv("kode,indikator,tahun,nilai,dasar,catatan", "0,stunting,2029,14.2,RPJMN,x")
        let issues = try TestData.issues(TestData.valid(replacing: ["target.csv": target]))
        #expect(issues == [DataIssue(file: "target.csv", line: 1, column: 34, problem: .unknownColumn("catatan"))])
    }

    @Test func missingColumn() throws {
        let target = TestData.csv("kode,indikator,tahun,nilai", "0,stunting,2029,14.2")
        let issues = try TestData.issues(TestData.valid(replacing: ["target.csv": target]))
        #expect(issues == [DataIssue(file: "target.csv", line: 1, column: 1, problem: .missingColumn("dasar"))])
        #expect(issues.first?.formatted(.id) == "target.csv:1:1: galat: kolom 'dasar' tidak ada di baris judul; "
            + "tambahkan kolom itu (baris judul target.csv: kode,indikator,tahun,nilai,dasar)")
        #expect(issues.first?.formatted(.en) == "target.csv:1:1: error: column 'dasar' is missing from the header; "
            + "add it (header of target.csv: kode,indikator,tahun,nilai,dasar)")
    }

    @Test func duplicateColumn() throws {
        let konvergensi = TestData.csv("kode,tahun,aksi,nilai,catatan,nilai", "32.01,2024,1,80,,80")
        let issues = try TestData.issues(TestData.valid(replacing: ["konvergensi.csv": konvergensi]))
        #expect(issues == [DataIssue(file: "konvergensi.csv", line: 1, column: 31, problem: .duplicateColumn("nilai"))])
        #expect(issues.first?.formatted(.en) == "konvergensi.csv:1:31: error: column 'nilai' appears twice; remove one of them")
    }

    @Test func columnsMayComeInAnyOrder() throws {
        let wilayah = TestData.csv("nama,kode", "Jawa Barat,32", "Kabupaten Bogor,32.01")
        let dataset = try TestData.load(["wilayah.csv": wilayah])
        #expect(dataset.codes(Array(0..<RegionIndex(dataset.regions.count))) == ["0", "32", "32.01"])
        #expect(dataset.regions[2].name == "Kabupaten Bogor")
    }

    // MARK: Rows

    @Test func wrongFieldCount() throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,2024,7.05"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 1, problem: .fieldCount(expected: 5, found: 4))])
        #expect(issues.first?.formatted(.id) == "indikator.csv:3:1: galat: baris ini punya 4 isian, seharusnya 5 seperti baris judul; "
            + "tambahkan isian yang kurang (isian kosong tetap perlu komanya)")
        #expect(issues.first?.formatted(.en) == "indikator.csv:3:1: error: this row has 4 fields, expected 5 as in the header; "
            + "add the missing fields (an empty field still needs its comma)")
    }

    @Test func emptyName() throws {
        let issues = try TestData.issues(wilayahOnly("kode,nama", "32, "))
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 2, column: 4, problem: .emptyValue(column: "nama"))])
    }

    // MARK: wilayah.csv

    @Test(arguments: ["32.1", "3201", "32.01.", ".32", "32.01.01.001", "32.01.01.1001.01", "3A", "32.0a", " 32", ""])
    func badRegionCodeShape(code: String) throws {
        let issues = try TestData.issues(wilayahOnly("kode,nama", "32,Jawa Barat", "\(code),Bogor"))
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 3, column: 1, problem: .badRegionCode(code))])
    }

    @Test func badRegionCodeMessage() throws {
        let issues = try TestData.issues(wilayahOnly("kode,nama", "32,Jawa Barat", "32.1,Bogor"))
        #expect(issues.first?.formatted(.en)
            == "wilayah.csv:3:1: error: region code '32.1' is not a Kemendagri code (e.g. 32, 32.01, 32.01.01, 32.01.01.2001); "
            + "separate the parts with dots, and in Excel format the kode column as Text so that dots and zeros are kept")
    }

    @Test func indonesiaListed() throws {
        let issues = try TestData.issues(wilayahOnly("kode,nama", "0,Indonesia", "32,Jawa Barat"))
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 2, column: 1, problem: .indonesiaListed)])
        #expect(issues.first?.formatted(.id)
            == "wilayah.csv:2:1: galat: kode 0 (Indonesia) tidak ditulis di wilayah.csv; akar ini selalu ada; hapus baris ini")
    }

    @Test func missingParent() throws {
        let issues = try TestData.issues(wilayahOnly(
            "kode,nama",
            "32,Jawa Barat",
            "32.01,Kabupaten Bogor",
            "32.01.01.1001,Pondok Rajeg",
            "33.01,Kabupaten Cilacap"
        ))
        #expect(issues == [
            DataIssue(file: "wilayah.csv", line: 4, column: 1, problem: .missingParent(code: "32.01.01.1001", parent: "32.01.01")),
            DataIssue(file: "wilayah.csv", line: 5, column: 1, problem: .missingParent(code: "33.01", parent: "33")),
        ])
        #expect(issues.first?.formatted(.en)
            == "wilayah.csv:4:1: error: region '32.01.01.1001' has no parent: '32.01.01' is not in wilayah.csv; "
            + "add a row for the district '32.01.01'")
    }

    @Test func parentListedAfterChildIsFine() throws {
        let dataset = try TestData.load(wilayahOnly("kode,nama", "32.01.01,Cibinong", "32.01,Kabupaten Bogor", "32,Jawa Barat"))
        #expect(dataset.codes(Array(0..<RegionIndex(dataset.regions.count))) == ["0", "32", "32.01", "32.01.01"])
        #expect(dataset.region(3).parent == 2)
    }

    @Test func duplicateRegionCode() throws {
        let issues = try TestData.issues(wilayahOnly(
            "kode,nama",
            "32,Jawa Barat",
            "32.01,Kabupaten Bogor",
            "32.01,Kabupaten Bogor (lagi)"
        ))
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 4, column: 1,
                                     problem: .duplicateKey(key: "kode 32.01", firstLine: 3))])
        #expect(issues.first?.formatted(.id) == "wilayah.csv:4:1: galat: duplikat kode 32.01; sudah ada di baris 3; hapus salah satu baris")
        #expect(issues.first?.formatted(.en) == "wilayah.csv:4:1: error: duplicate kode 32.01; already on line 3; remove one of the two rows")
    }

    // MARK: indikator.csv

    @Test func unknownRegion() throws {
        let issues = try TestData.issues(indikator("33.01,kemiskinan,2024,7.05,bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 1, problem: .unknownRegion("33.01"))])
        #expect(issues.first?.formatted(.id)
            == "indikator.csv:3:1: galat: kode wilayah '33.01' tidak ada di wilayah.csv; tambahkan ke wilayah.csv atau perbaiki kodenya")
    }

    @Test func badRegionCodeInIndikator() throws {
        let issues = try TestData.issues(indikator("32.1,kemiskinan,2024,7.05,bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 1, problem: .badRegionCode("32.1"))])
    }

    @Test func unknownIndicator() throws {
        let issues = try TestData.issues(indikator("32.01,stunted,2024,7.05,bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 7, problem: .unknownIndicator("stunted"))])
        #expect(issues.first?.formatted(.en) == "indikator.csv:3:7: error: unknown indicator 'stunted'; known: "
            + "kemiskinan, kemiskinan_ekstrem, p1, p2, penduduk_miskin, stunting, stunting_ukur, tpt, keluarga_berisiko_stunting")
    }

    @Test(arguments: ["20x4", "1850", "2101", "24", "02024", ""])
    func badYear(year: String) throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,\(year),7.05,bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 18, problem: .badYear(year))])
    }

    @Test func badYearMessage() throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,20x4,7.05,bps-2024"))
        #expect(issues.first?.formatted(.id)
            == "indikator.csv:3:18: galat: tahun '20x4' tidak sah; tulis 4 angka antara 1900 dan 2100")
        #expect(issues.first?.formatted(.en)
            == "indikator.csv:3:18: error: year '20x4' is not valid; write 4 digits between 1900 and 2100")
    }

    @Test func yearBoundsAreAccepted() throws {
        // 2100 is the last valid year; a figure for it needs "today" to be in 2100 (see BadInputTests.futureYear).
        let files = indikator("32.01,kemiskinan,1900,7.05,bps-2024", "32.01,kemiskinan,2100,7.05,bps-2024")
        let dataset = try TestData.withDataset(files) { try DatasetLoader.load(directory: $0, currentYear: 2100) }
        #expect(dataset.observations.filter { $0.region == dataset.index("32.01") }.map(\.year) == [1900, 2100])
    }

    @Test func unquotedCommaDecimalIsAFieldCountProblem() throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,2024,7,05,bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 1, problem: .fieldCount(expected: 5, found: 6))])
    }

    @Test func quotedCommaDecimalIsAccepted() throws {
        let dataset = try TestData.load(indikator("32.01,kemiskinan,2024,\"7,05\",bps-2024"))
        let bogor = try #require(dataset.index("32.01"))
        let observation = try #require(dataset.observations(of: bogor).first)
        #expect(observation.value == 7.05)
        #expect(observation.decimals == 2)
        #expect(observation.line == 3)
    }

    @Test(arguments: ["1.234.5", "abc", "7,0,5", "1e3", "7.", ".5", "+5", "7 05", "−3", "-"])
    func badNumber(text: String) throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,2024,\"\(text)\",bps-2024"))
        // A quoted field is located at its opening quote.
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 23, problem: .badNumber(text))])
    }

    @Test func badNumberMessage() throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,2024,1.234.5,bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 23, problem: .badNumber("1.234.5"))])
        #expect(issues.first?.formatted(.en) == "indikator.csv:3:23: error: '1.234.5' is not a number; "
            + "write decimals with a dot (7.05) or quoted with a comma (\"7,05\")")
    }

    @Test(arguments: ["100.5", "-0.5", "101"])
    func percentOutOfRange(text: String) throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,2024,\(text),bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 23, problem: .percentOutOfRange(text))])
    }

    @Test func percentBoundsAreAccepted() throws {
        let dataset = try TestData.load(indikator("32.01,kemiskinan_ekstrem,2024,0,bps-2024", "32.01,stunting,2024,100.0,bps-2024"))
        #expect(dataset.observations.count == 3)
    }

    @Test func percentOutOfRangeMessage() throws {
        let issues = try TestData.issues(indikator("32.01,stunting,2024,100.5,bps-2024"))
        #expect(issues.first?.formatted(.id)
            == "indikator.csv:3:21: galat: persentase 100.5 di luar 0–100; tulis persen sebagai angka 0 sampai 100 (7.05 berarti 7,05 %)")
    }

    @Test(arguments: ["-5", "7408.5", "7408.0"])
    func notWholeCount(text: String) throws {
        let issues = try TestData.issues(indikator("32.01,penduduk_miskin,2024,\(text),bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 28, problem: .notWholeCount(text))])
    }

    @Test func familiesAreCountsToo() throws {
        let issues = try TestData.issues(indikator("32.01,keluarga_berisiko_stunting,2024,12.5,bps-2024"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 39, problem: .notWholeCount("12.5"))])
    }

    @Test func unknownSource() throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,2024,7.05,bps-2099"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 28, problem: .unknownSource("bps-2099"))])
        #expect(issues.first?.formatted(.en) == "indikator.csv:3:28: error: source 'bps-2099' is not in sumber.csv; "
            + "add a row with that id to sumber.csv or correct the spelling")
    }

    @Test func emptySource() throws {
        let issues = try TestData.issues(indikator("32.01,kemiskinan,2024,7.05,"))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 3, column: 28, problem: .emptyValue(column: "sumber"))])
    }

    @Test func everyBadFieldOfARowIsReported() throws {
        let issues = try TestData.issues(indikator("33.01,stunted,20x4,abc,bps-2099"))
        #expect(issues == [
            DataIssue(file: "indikator.csv", line: 3, column: 1, problem: .unknownRegion("33.01")),
            DataIssue(file: "indikator.csv", line: 3, column: 7, problem: .unknownIndicator("stunted")),
            DataIssue(file: "indikator.csv", line: 3, column: 15, problem: .badYear("20x4")),
            DataIssue(file: "indikator.csv", line: 3, column: 20, problem: .badNumber("abc")),
            DataIssue(file: "indikator.csv", line: 3, column: 24, problem: .unknownSource("bps-2099")),
        ])
    }

    @Test func duplicateIndicatorKey() throws {
        let issues = try TestData.issues(indikator(
            "32.01,kemiskinan,2024,7.05,bps-2024",
            "32.01,kemiskinan,2023,7.20,bps-2024",
            "32.01,kemiskinan,2024,7.10,bps-2024"
        ))
        #expect(issues == [DataIssue(file: "indikator.csv", line: 5, column: 1,
                                     problem: .duplicateFigure(key: "32.01 kemiskinan 2024 bps-2024", firstLine: 3,
                                                               firstValue: "7.05", value: "7.10"))])
        #expect(issues.first?.formatted(.en)
            == "indikator.csv:5:1: error: duplicate 32.01 kemiskinan 2024 bps-2024 with different values: 7.05 on line 3, "
            + "7.10 on this line; keep only one, the one its source document states")
    }

    @Test func sameFigureFromTwoSourcesIsAccepted() throws {
        // Conflicting sources stay side by side (the regent's 9.5 and BPS's 9.15 for Jombang 2023).
        let dataset = try TestData.load(TestData.valid)
        let jombang = try #require(dataset.index("35.17"))
        let figures2023 = dataset.observations(of: jombang).filter { $0.indicator == .kemiskinan && $0.year == 2023 }
        #expect(figures2023.map(\.sourceID) == ["bps-jombang-2024", "pemkab-jombang"])
        #expect(figures2023.map(\.value) == [9.15, 9.5])
    }

    // MARK: sumber.csv and target.csv

    @Test func duplicateSourceID() throws {
        let sumber = TestData.sumber + "bps-2024,Lagi,Badan Pusat Statistik,2024,\n"
        let issues = try TestData.issues(TestData.valid(replacing: ["sumber.csv": sumber]))
        #expect(issues == [DataIssue(file: "sumber.csv", line: 7, column: 1, problem: .duplicateKey(key: "id bps-2024", firstLine: 3))])
    }

    @Test func unknownIndicatorInTargetListsTheChoices() throws {
        let target = TestData.csv("kode,indikator,tahun,nilai,dasar", "0,gizi_buruk,2029,1,RPJMN")
        let issues = try TestData.issues(TestData.valid(replacing: ["target.csv": target]))
        #expect(issues == [DataIssue(file: "target.csv", line: 2, column: 3,
                                     problem: .badChoice(value: "gizi_buruk", allowed: IndicatorID.allCases.map(\.rawValue)))])
    }

    @Test func duplicateTarget() throws {
        let target = TestData.target + "0,stunting,2029,14,Perpres\n"
        let issues = try TestData.issues(TestData.valid(replacing: ["target.csv": target]))
        #expect(issues == [DataIssue(file: "target.csv", line: 4, column: 1,
                                     problem: .duplicateFigure(key: "0 stunting 2029", firstLine: 2, firstValue: "14.2", value: "14"))])
    }

    // MARK: rekomendasi.csv

    @Test func badChoicesForOriginAndStatus() throws {
        let issues = try TestData.issues(rekomendasi(
            "R1,32.01,2024 S1,audit,Gizi,Temuan,Rekomendasi,Dinas Kesehatan,2024-06-30,ditunda"
        ))
        #expect(issues == [
            DataIssue(file: "rekomendasi.csv", line: 2, column: 18,
                      problem: .badChoice(value: "audit", allowed: ["aks", "konvergensi", "rakor", "lainnya"])),
            DataIssue(file: "rekomendasi.csv", line: 2, column: 75,
                      problem: .badChoice(value: "ditunda", allowed: ["belum", "proses", "selesai", "tidak_dapat"])),
        ])
        #expect(issues.map { $0.formatted(.en) } == [
            "rekomendasi.csv:2:18: error: 'audit' is not allowed; choose one of: aks, konvergensi, rakor, lainnya",
            "rekomendasi.csv:2:75: error: 'ditunda' is not allowed; choose one of: belum, proses, selesai, tidak_dapat",
        ])
        #expect(issues.map { $0.formatted(.id) } == [
            "rekomendasi.csv:2:18: galat: 'audit' tidak dikenal; pilih salah satu: aks, konvergensi, rakor, lainnya",
            "rekomendasi.csv:2:75: galat: 'ditunda' tidak dikenal; pilih salah satu: belum, proses, selesai, tidak_dapat",
        ])
    }

    @Test func statusIsCaseSensitive() throws {
        let issues = try TestData.issues(rekomendasi("R1,32.01,,aks,,,Rekomendasi,Dinas Kesehatan,,Selesai"))
        #expect(issues.map(\.problem) == [.badChoice(value: "Selesai", allowed: ["belum", "proses", "selesai", "tidak_dapat"])])
    }

    @Test func impossibleDeadline() throws {
        let issues = try TestData.issues(rekomendasi(
            "R1,32.01,2024 S1,aks,Gizi,Temuan,Rekomendasi,Dinas Kesehatan,2024-02-30,belum"
        ))
        #expect(issues == [DataIssue(file: "rekomendasi.csv", line: 2, column: 62, problem: .badDate("2024-02-30"))])
        #expect(issues.first?.formatted(.id)
            == "rekomendasi.csv:2:62: galat: tanggal '2024-02-30' tidak sah; tulis TTTT-BB-HH (mis. 2024-02-12)")
        #expect(issues.first?.formatted(.en)
            == "rekomendasi.csv:2:62: error: date '2024-02-30' is not valid; write YYYY-MM-DD (e.g. 2024-02-12)")
    }

    @Test func columnsCountUnicodeScalarsNotBytesOrCharacters() throws {
        // Before `tenggat`: an en dash, curly quotes (3 UTF-8 bytes each) and a decomposed é
        // (`e` + U+0301: one Character, two scalars). Scalars put `tenggat` at column 92;
        // bytes would give 99 and Characters 91.
        let row = "R1,32.01,2024 S1,aks,Gizi ibu\u{2013}hamil,Temuan \u{201C}stunting\u{201D} di De\u{301}sa,"
            + "Rekomendasi,Dinas Kesehatan,2024-02-30,belum"
        let issues = try TestData.issues(rekomendasi(row))
        #expect(issues == [DataIssue(file: "rekomendasi.csv", line: 2, column: 92, problem: .badDate("2024-02-30"))])
    }

    @Test func locationAfterAMultiLineFieldIsThePhysicalLine() throws {
        // The record starts on line 2, but `tenggat` starts on line 3 (after a quoted line break).
        let issues = try TestData.issues(rekomendasi(
            "R1,32.01,2024 S1,aks,Gizi,\"Temuan baris satu",
            "baris dua\",Rekomendasi,Dinas Kesehatan,2024-13-01,belum"
        ))
        #expect(issues == [DataIssue(file: "rekomendasi.csv", line: 3, column: 40, problem: .badDate("2024-13-01"))])
    }

    @Test func duplicateRecommendationID() throws {
        let issues = try TestData.issues(rekomendasi(
            "R1,32.01,,aks,,,Satu,Dinas Kesehatan,,belum",
            "R2,32.01,,aks,,,Dua,Dinas Kesehatan,,belum",
            "R1,35.17,,aks,,,Tiga,Dinas Sosial,,belum"
        ))
        #expect(issues == [DataIssue(file: "rekomendasi.csv", line: 4, column: 1, problem: .duplicateKey(key: "id R1", firstLine: 2))])
    }

    @Test func recommendationNeedsTextAndOwner() throws {
        let issues = try TestData.issues(rekomendasi("R1,32.01,,aks,,,,,,belum"))
        #expect(issues == [
            DataIssue(file: "rekomendasi.csv", line: 2, column: 17, problem: .emptyValue(column: "rekomendasi")),
            DataIssue(file: "rekomendasi.csv", line: 2, column: 18, problem: .emptyValue(column: "opd")),
        ])
    }

    // MARK: konvergensi.csv and program.csv

    @Test func actionAndScoreOutOfRange() throws {
        let konvergensi = TestData.csv(
            "kode,tahun,aksi,nilai,catatan",
            "32.01,2024,9,80,",
            "32.01,2024,1,120,",
            "32.01,2024,0,50,",
            "32.01,2024,x,50,"
        )
        let issues = try TestData.issues(TestData.valid(replacing: ["konvergensi.csv": konvergensi]))
        #expect(issues == [
            DataIssue(file: "konvergensi.csv", line: 2, column: 12, problem: .actionOutOfRange("9")),
            DataIssue(file: "konvergensi.csv", line: 3, column: 14, problem: .scoreOutOfRange("120")),
            DataIssue(file: "konvergensi.csv", line: 4, column: 12, problem: .actionOutOfRange("0")),
            DataIssue(file: "konvergensi.csv", line: 5, column: 12, problem: .actionOutOfRange("x")),
        ])
        #expect(issues.map { $0.formatted(.en) }.prefix(2) == [
            "konvergensi.csv:2:12: error: action '9' must be 1–8; write the number of the convergence action as a whole number from 1 to 8",
            "konvergensi.csv:3:14: error: score 120 is outside 0–100; write a score from 0 to 100",
        ])
        #expect(issues[0].formatted(.id)
            == "konvergensi.csv:2:12: galat: aksi '9' harus 1–8; tulis nomor aksi konvergensi sebagai bilangan bulat 1 sampai 8")
    }

    @Test func duplicateConvergenceScore() throws {
        let konvergensi = TestData.konvergensi + "32.01,2024,1,85,ulang\n"
        let issues = try TestData.issues(TestData.valid(replacing: ["konvergensi.csv": konvergensi]))
        #expect(issues == [DataIssue(file: "konvergensi.csv", line: 4, column: 1,
                                     problem: .duplicateFigure(key: "32.01 2024 aksi 1", firstLine: 2, firstValue: "80", value: "85"))])
    }

    @Test func programmeWithBadDateAndCount() throws {
        let program = TestData.csv(
            "kode,nama,mitra,komponen,mulai,selesai,sasaran,capaian",
            "32.01,Program \u{E9},Mitra,a;b,2024-1-05,,-3,"
        )
        let issues = try TestData.issues(TestData.valid(replacing: ["program.csv": program]))
        #expect(issues == [
            DataIssue(file: "program.csv", line: 2, column: 27, problem: .badDate("2024-1-05")),
            DataIssue(file: "program.csv", line: 2, column: 38, problem: .notWholeCount("-3")),
        ])
    }

    // MARK: Syntax and files

    @Test func unterminatedQuote() throws {
        let issues = try TestData.issues(rekomendasi(
            "R1,32.01,,aks,,,Satu,Dinas Kesehatan,,belum",
            "R2,32.01,2024 S1,aks,Gizi,\"Temuan tanpa penutup,Rekomendasi,Dinas Kesehatan,,belum",
            "R3,32.01,,aks,,,Tiga,Dinas Kesehatan,,belum"
        ))
        #expect(issues == [DataIssue(file: "rekomendasi.csv", line: 3, column: 27, problem: .syntax(.unterminatedQuote))])
        #expect(issues.first?.formatted(.id)
            == "rekomendasi.csv:3:27: galat: tanda kutip dibuka di sini tetapi tidak pernah ditutup; tambahkan \" penutup")
        #expect(issues.first?.formatted(.en) == "rekomendasi.csv:3:27: error: quote opened here is never closed; add the closing \"")
    }

    @Test func quoteInsideUnquotedField() throws {
        let wilayah = TestData.csv("kode,nama", "32,Jawa Barat", "32.01,Kab \"Bogor\"")
        let issues = try TestData.issues(["wilayah.csv": wilayah])
        #expect(issues == [DataIssue(file: "wilayah.csv", line: 3, column: 11, problem: .syntax(.quoteInUnquotedField))])
    }

    @Test func invalidUTF8() throws {
        try TestData.withDataset(["wilayah.csv": "kode,nama\n32,Jawa Barat\n"]) { directory in
            let path = (directory as NSString).appendingPathComponent("wilayah.csv")
            try Data([0x6B, 0x6F, 0x64, 0x65, 0x2C, 0x6E, 0x61, 0x6D, 0x61, 0x0A,  // kode,nama
                      0x33, 0x32, 0x2C, 0x4A, 0xC3, 0xA9, 0xFF, 0x0A])  // 32,Jé<FF>
                .write(to: URL(fileURLWithPath: path))
            do throws(DatasetLoadError) {
                _ = try DatasetLoader.load(directory: directory)
                Issue.record("expected invalid UTF-8 to be rejected")
            } catch {
                #expect(error.issues == [DataIssue(file: "wilayah.csv", line: 2, column: 6, problem: .syntax(.invalidUTF8))])
            }
        }
    }

    @Test func unknownFileIsAWarningAndTheDatasetStillLoads() throws {
        let files = TestData.valid(replacing: ["catatan.csv": "a,b\n1,2\n", "README.md": "# catatan\n"])
        let dataset = try TestData.load(files)
        #expect(dataset.regions.count == 13)
        #expect(dataset.warnings == [DataIssue(file: "catatan.csv", line: 0, column: 0, severity: .warning, problem: .unknownFile)])
        #expect(dataset.warnings.first?.formatted(.id) == "catatan.csv: peringatan: berkas tidak dikenal, diabaikan; yang dimuat hanya "
            + "wilayah.csv, sumber.csv, indikator.csv, target.csv, rekomendasi.csv, konvergensi.csv, program.csv; "
            + "ganti namanya bila berkas ini seharusnya dimuat")
        #expect(dataset.warnings.first?.formatted(.en) == "catatan.csv: warning: unknown file, ignored; only "
            + "wilayah.csv, sumber.csv, indikator.csv, target.csv, rekomendasi.csv, konvergensi.csv, program.csv are loaded; "
            + "rename it if it should be loaded")
    }

    @Test func errorsInSeveralFilesAreAllReportedTogether() throws {
        let files = TestData.valid(replacing: [
            "catatan.csv": "x\n",
            "wilayah.csv": TestData.wilayah + "32.01,Kabupaten Bogor (lagi)\n",  // line 14
            "sumber.csv": TestData.sumber + "ssgi-2022,Lagi,Kementerian Kesehatan,2023,\n",  // line 7
            "indikator.csv": TestData.indikator
                + "32.01,stunted,2024,7.05,bps-2024\n"  // line 10
                + "32.01,kemiskinan,1850,7.05,bps-2024\n",  // line 11
            "target.csv": "kode,indikator,tahun,nilai\n",
            "rekomendasi.csv": TestData.rekomendasi + "R3,32.01,,aks,,,Tiga,Bappeda,2023-02-29,selesai\n",  // line 4
            "konvergensi.csv": TestData.konvergensi + "32.01,2024,2,120,\n",  // line 4
        ])
        try TestData.withDataset(files) { directory in
            #expect(throws: DatasetLoadError.self) { try DatasetLoader.load(directory: directory) }
            do throws(DatasetLoadError) {
                _ = try DatasetLoader.load(directory: directory)
            } catch {
                #expect(error.issues == [
                    DataIssue(file: "catatan.csv", line: 0, column: 0, severity: .warning, problem: .unknownFile),
                    DataIssue(file: "wilayah.csv", line: 14, column: 1, problem: .duplicateKey(key: "kode 32.01", firstLine: 3)),
                    DataIssue(file: "sumber.csv", line: 7, column: 1, problem: .duplicateKey(key: "id ssgi-2022", firstLine: 6)),
                    DataIssue(file: "indikator.csv", line: 10, column: 7, problem: .unknownIndicator("stunted")),
                    DataIssue(file: "indikator.csv", line: 11, column: 18, problem: .badYear("1850")),
                    DataIssue(file: "target.csv", line: 1, column: 1, problem: .missingColumn("dasar")),
                    DataIssue(file: "rekomendasi.csv", line: 4, column: 30, problem: .badDate("2023-02-29")),
                    DataIssue(file: "konvergensi.csv", line: 4, column: 14, problem: .scoreOutOfRange("120")),
                ])
                #expect(error.errors.count == 7)
                #expect(error.issues.count == 8)
                #expect(Set(error.errors.map(\.file)).count == 6)
            }
        }
    }
}
