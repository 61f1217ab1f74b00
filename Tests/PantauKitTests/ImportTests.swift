import Foundation
import Testing
@testable import PantauKit
import PantauNational

/// `pantau import`: formats, layouts, regions, merging and every kind of bad input, on a
/// small synthetic dataset held in memory (names from the official list, no figures that
/// claim to be real).
@Suite struct ImportTests {
    static let wilayah = """
    kode,nama
    32,Jawa Barat
    32.01,Kabupaten Bogor
    32.01.01,Cibinong
    32.01.01.1001,Pakansari
    32.01.01.1002,Tengah
    32.01.02,Gunung Putri
    32.01.02.2001,Wanaherang
    32.01.02.2002,Tengah
    32.04,Kabupaten Bandung
    32.71,Kota Bogor
    32.73,Kota Bandung
    31,Daerah Khusus Ibukota Jakarta
    31.71,Kota Administrasi Jakarta Pusat

    """

    static let sumber = """
    id,judul,penerbit,tahun,tautan
    uji,Sumber uji (sintetis),pantau (uji),2024,

    """

    static let indikator = """
    kode,indikator,tahun,nilai,sumber
    32.01,kemiskinan,2023,7.27,uji

    """

    static let rekomendasi = """
    id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status
    R-01,32.01,2024 S1,aks,,,Rekomendasi yang sudah ada,Dinas Kesehatan,2024-12-31,belum

    """

    static var files: [String: [UInt8]] {
        ["wilayah.csv": Array(wilayah.utf8), "sumber.csv": Array(sumber.utf8), "indikator.csv": Array(indikator.utf8),
         "rekomendasi.csv": Array(rekomendasi.utf8)]
    }

    static func dataset(_ files: [String: [UInt8]] = files) throws -> Dataset {
        try DatasetLoader.load(files: files, currentYear: 2026, directory: "ds")
    }

    static func options(_ change: (inout Importer.Options) -> Void = { _ in }) -> Importer.Options {
        var options = Importer.Options(currentYear: 2026)
        options.sourceID = "uji"
        change(&options)
        return options
    }

    static func plan(_ text: String, file: String = "in.csv", bytes: [UInt8]? = nil, files: [String: [UInt8]] = files,
                     read: DelimitedText.Options = .init(), options: Importer.Options = options()) throws -> Importer.Plan {
        let table: ImportTable
        switch DelimitedText.read(bytes ?? Array(text.utf8), file: file, options: read) {
        case .success(let read): table = read
        case .failure(let issue):
            var plan = Importer.Plan()
            plan.issues = [issue]
            return plan
        }
        return Importer.plan(table: table, dataset: try dataset(files), datasetFiles: files, options: options)
    }

    /// The files after applying a clean plan.
    static func applied(_ plan: Importer.Plan, to files: [String: [UInt8]] = files) -> [String: [UInt8]] {
        var files = files
        for (name, bytes) in plan.files { files[name] = bytes }
        return files
    }

    static func messages(_ plan: Importer.Plan, _ lang: Language = .en) -> [String] {
        plan.issues.map { $0.formatted(lang) }
    }

    static func figures(_ files: [String: [UInt8]]) throws -> [String] {
        let dataset = try DatasetLoader.load(files: files, currentYear: 2026)
        return dataset.observations.map { "\(dataset.region($0.region).code.text) \($0.indicator.rawValue) \($0.year) \(String(format: "%.4f", $0.value)) \($0.sourceID)" }.sorted()
    }

    // MARK: Layouts and dialects

    @Test func openDataJabarLongTableWithUndottedBPSCodes() throws {
        let text = """
        id,kode_provinsi,nama_provinsi,kode_kabupaten_kota,nama_kabupaten_kota,persentase_penduduk_miskin,satuan,tahun
        1,32,JAWA BARAT,3201,KABUPATEN BOGOR,7.05,PERSEN,2024
        2,32,JAWA BARAT,3271,KOTA BOGOR,6.53,PERSEN,2024
        3,32,JAWA BARAT,3273,KOTA BANDUNG,3.87,PERSEN,2024

        """
        let plan = try Self.plan(text, options: Self.options { $0.sourceID = "odj"; $0.sourceTitle = "Open Data Jabar (uji)"; $0.publisher = "BPS Provinsi Jawa Barat"; $0.sourceYear = 2024 })
        #expect(plan.isClean, "\(Self.messages(plan))")
        #expect(plan.added["indikator.csv"] == [["32.01", "kemiskinan", "2024", "7.05", "odj"], ["32.71", "kemiskinan", "2024", "6.53", "odj"], ["32.73", "kemiskinan", "2024", "3.87", "odj"]])
        #expect(plan.added["sumber.csv"] == [["odj", "Open Data Jabar (uji)", "BPS Provinsi Jawa Barat", "2024", ""]])
        #expect(Self.messages(plan) == ["in.csv:1:1: note: column 'id' is not used"])
        // sumber.csv is written first, so a crash between the two renames leaves a valid dataset.
        #expect(plan.files.map(\.name) == ["sumber.csv", "indikator.csv"])
        let after = try Self.figures(Self.applied(plan))
        #expect(after.contains("32.71 kemiskinan 2024 6.5300 odj"))
        #expect(after.contains("32.01 kemiskinan 2023 7.2700 uji"))
    }

    @Test func wideSemicolonWindows1252WithDecimalCommasDashesAndExcelPadding() throws {
        // Excel in an Indonesian locale: sep= line, `;`, decimal commas, "–" for no figure,
        // trailing empty columns and rows; a title line above the header.
        let text = "sep=;\r\nTabel 1. Persentase Penduduk Miskin (sintetis);;;;\r\nKabupaten/Kota;2022;2023;2024;;\r\nKab. Bogor;7,73;N/A;7,05;;\r\nKota Bogor;–;6,67;6,53;;\r\n;;;;;\r\n;;;;;\r\n"
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar == "–" { bytes.append(0x96) } else { bytes.append(UInt8(scalar.value)) }
        }
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let plan = try Self.plan("", bytes: bytes, options: Self.options { $0.indicator = .kemiskinan })
        #expect(plan.isClean, "\(Self.messages(plan))")
        #expect(plan.added["indikator.csv"] == [["32.01", "kemiskinan", "2022", "7.73", "uji"], ["32.01", "kemiskinan", "2024", "7.05", "uji"],
                                                ["32.71", "kemiskinan", "2023", "6.67", "uji"], ["32.71", "kemiskinan", "2024", "6.53", "uji"]])
        #expect(plan.missingCells == 2)
    }

    @Test func utf16TabSeparatedWithIndicatorsAcross() throws {
        let text = "kode\tnama\ttahun\tTPT\tP0\r\n32.01\tKab. Bogor\t2024\t7,34\t7,05\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes.append(UInt8(unit & 0xFF)); bytes.append(UInt8(unit >> 8)) }
        let plan = try Self.plan("", bytes: bytes)
        #expect(plan.isClean, "\(Self.messages(plan))")
        #expect(plan.added["indikator.csv"] == [["32.01", "kemiskinan", "2024", "7.05", "uji"], ["32.01", "tpt", "2024", "7.34", "uji"]])
    }

    @Test func utf8BOMAndThousandsSeparatorsAndUnitScale() throws {
        let text = "\u{FEFF}Wilayah,Jumlah Penduduk Miskin 2024 (ribu jiwa)\nKabupaten Bogor,\"446,8\"\nKota Bandung,\"101,1\"\n"
        let plan = try Self.plan(text)
        #expect(plan.isClean, "\(Self.messages(plan))")
        #expect(plan.added["indikator.csv"] == [["32.01", "penduduk_miskin", "2024", "446800", "uji"], ["32.73", "penduduk_miskin", "2024", "101100", "uji"]])
        let grouped = try Self.plan("kode;jumlah penduduk miskin 2024\n32.01;1.234.567\n32.71;12.345\n")
        #expect(grouped.added["indikator.csv"]?.map { $0[3] } == ["1234567", "12345"])
    }

    @Test func numbersAsPeopleWriteThem() {
        func read(_ text: String, _ comma: Bool? = nil, scale: Int = 1) -> ImportVocabulary.NumberReading {
            ImportVocabulary.number(text, decimalComma: comma, scale: scale)
        }
        #expect(read("7,05") == .number("7.05"))
        #expect(read("7.05") == .number("7.05"))
        #expect(read(" 10,00 % ") == .number("10.00"))
        #expect(read("1.234.567") == .number("1234567"))
        #expect(read("1,234,567.5") == .number("1234567.5"))
        #expect(read("1.234,5") == .number("1234.5"))
        #expect(read("1.234", true) == .number("1234"))
        #expect(read("1.234", false) == .number("1.234"))
        #expect(read("446,8", scale: 1000) == .number("446800"))
        #expect(read("0,5", scale: 1000) == .number("500"))
        #expect(read("–") == .missing)
        #expect(read("N/A") == .missing)
        #expect(read("") == .missing)
        #expect(read("7,0,5", true) == .bad)
        #expect(read("12a") == .bad)
        #expect(read("1.23.4") == .bad)
        #expect(ImportVocabulary.decimalComma(of: ["7,05", "1.234"]) == true)
        #expect(ImportVocabulary.decimalComma(of: ["7.05", "1,234"]) == false)
        #expect(ImportVocabulary.decimalComma(of: ["1.234", "7"]) == nil)
    }

    @Test func delimiterAndEncodingCanBeGiven() throws {
        let text = "kode|2024\n32.01|7,05\n"
        let plan = try Self.plan(text, read: .init(delimiter: 124), options: Self.options { $0.indicator = .kemiskinan })
        #expect(plan.added["indikator.csv"] == [["32.01", "kemiskinan", "2024", "7.05", "uji"]])
        // UTF-8 forced on a Windows-1252 file is an error for the whole file.
        let bad: [UInt8] = Array("nama,2024\nKab. Bogor,7\u{0}".utf8).dropLast() + [0xE9, 10]
        let result = DelimitedText.read(bad, file: "x.csv", options: .init(encoding: .utf8))
        #expect(throws: ImportIssue.self) { try result.get() }
        if case .failure(let issue) = result { #expect(issue.formatted(.id).hasPrefix("x.csv: galat: bukan teks UTF-8 yang sah")) }
    }

    // MARK: Regions

    @Test func regionNamesAreMatchedOrReportedNeverGuessed() throws {
        let text = """
        wilayah,2024
        Bogor,7
        KABUPATEN BOGOR,7.05
        Kab Bandung,6.19
        DKI Jakarta,4.30
        Kota Adm. Jakarta Pusat,3
        Atlantis,1

        """
        let plan = try Self.plan(text, options: Self.options { $0.indicator = .kemiskinan })
        #expect(!plan.isClean)
        #expect(Self.messages(plan) == [
            "in.csv:2:1: error: region name 'Bogor' is ambiguous, it matches: Kabupaten Bogor (32.01), Kota Bogor (32.71); give its code, its full name (Kabupaten …/Kota …), or narrow it with --region",
            "in.csv:7:1: error: no region named 'Atlantis' in Indonesia; check the spelling, give its code, or choose its parent with --region",
        ])
        #expect(plan.files.isEmpty)
        let skipped = try Self.plan(text, options: Self.options { $0.indicator = .kemiskinan; $0.skipBadRows = true })
        #expect(skipped.isClean)
        #expect(skipped.issues.filter { $0.severity == .warning }.count == 2)
        #expect(skipped.added["indikator.csv"]?.map { $0[0] } == ["31", "31.71", "32.01", "32.04"])
    }

    @Test func bpsCodesBelowKabKotaAreMatchedByNameWithinTheParent() throws {
        let text = """
        kode_desa,nama_desa,2024
        3201010001,Pakansari,1
        3201020002,Wanaherang,2
        3201010003,Tengah,3
        3201010004,,4

        """
        let plan = try Self.plan(text, options: Self.options { $0.indicator = .stuntingUkur })
        #expect(Self.messages(plan) == [
            "in.csv:4:1: error: region name 'Tengah' is ambiguous, it matches: Tengah (32.01.01.1002), Tengah (32.01.02.2002); give its code, its full name (Kabupaten …/Kota …), or narrow it with --region",
            "in.csv:5:1: error: BPS code '3201010004' below kab/kota level differs from the Kemendagri code; a kecamatan/desa name column is needed to match it",
        ])
        // Within a kecamatan the same name is one desa.
        let scoped = try Self.plan("kecamatan,desa,2024\nGunung Putri,Tengah,2\nCibinong,Tengah,3\n",
                                   options: Self.options { $0.indicator = .stuntingUkur; $0.region = RegionCode("32.01") })
        #expect(scoped.added["indikator.csv"] == [["32.01.01.1002", "stunting_ukur", "2024", "3", "uji"], ["32.01.02.2002", "stunting_ukur", "2024", "2", "uji"]])
    }

    @Test func codesNotInTheDatasetOrMalformedAreErrorsWithTheirCell() throws {
        let plan = try Self.plan("kode,nilai,tahun\n32.99,5,2024\n32-01,5,2024\n99,5,2024\n", options: Self.options { $0.indicator = .tpt })
        #expect(Self.messages(plan, .id) == [
            "in.csv:2:1: galat: wilayah '32.99' tidak ada di wilayah.csv dataset; tambahkan dengan 'pantau import-wilayah' atau perbaiki kodenya",
            "in.csv:3:1: galat: '32-01' bukan kode wilayah: tulis kode Kemendagri (32.01) atau kode BPS (3201, 3201010)",
            "in.csv:4:1: galat: wilayah '99' tidak ada di wilayah.csv dataset; tambahkan dengan 'pantau import-wilayah' atau perbaiki kodenya",
        ])
    }

    // MARK: Merging

    @Test func importingTwiceChangesNothingAndConflictsAreNeverReplaced() throws {
        let text = "kode,tahun,kemiskinan\n32.01,2023,7.27\n32.01,2024,7.05\n"
        let first = try Self.plan(text)
        #expect(first.unchanged == 1)
        #expect(first.added["indikator.csv"] == [["32.01", "kemiskinan", "2024", "7.05", "uji"]])
        let files = Self.applied(first)
        let second = try Self.plan(text, files: files)
        #expect(second.isClean)
        #expect(second.files.isEmpty)
        #expect(second.unchanged == 2)
        // Another value for the same region, indicator, year and source: refused.
        let conflict = try Self.plan("kode,tahun,kemiskinan\n32.01,2024,7.5\n", files: files)
        #expect(Self.messages(conflict) == ["in.csv:2:12: error: conflicts with the dataset: 32.01 kemiskinan 2024 uji is 7.05 on indikator.csv line 3, this file says 7.5; an existing row is never replaced; check which is right, or give another source or id"])
        #expect(conflict.files.isEmpty)
        // The same value written differently is the same figure.
        #expect(try Self.plan("kode,tahun,kemiskinan\n32.01,2024,\"7,05\"\n", files: files).unchanged == 1)
        // Twice in the import with different values.
        let twice = try Self.plan("kode,tahun,tpt\n32.71,2024,5\n32.71,2024,6\n")
        #expect(Self.messages(twice) == ["in.csv:3:12: error: 32.71 tpt 2024 uji appears twice with different values: 5 at 2:12, 6 here; keep only one"])
    }

    /// Import → export → import: figures imported from a CSV, exported as a workbook (the
    /// project's XlsxWriter, the dataset's own indikator rows with typed numbers), and that
    /// workbook imported into the dataset as it was before give the same dataset; imported
    /// again into the first result it changes nothing.
    @Test func importExportImportLeavesTheDatasetUnchanged() throws {
        let first = try Self.plan("kode;tahun;P0;TPT\n32.01;2024;7,05;7,34\n32.73;2024;3,87;\n32.01.01;2022;6,5;\n", read: .init())
        #expect(first.isClean, "\(Self.messages(first))")
        let imported = Self.applied(first)
        let rows = ReportTable.rows(ofCSV: String(decoding: imported["indikator.csv"]!, as: UTF8.self))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-roundtrip-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let workbook = directory.appendingPathComponent("indikator.xlsx")
        try XlsxWriter.data([XlsxSheet(name: "indikator", rows: rows)]).write(to: workbook)
        guard case .success(let table) = ImportReader.read(path: workbook.path) else { Issue.record("the workbook did not read"); return }
        var noSource = Self.options()
        noSource.sourceID = nil   // each row names its own
        let again = Importer.plan(table: table, dataset: try Self.dataset(), datasetFiles: Self.files, options: noSource)
        #expect(again.isClean, "\(Self.messages(again))")
        #expect(try Self.figures(Self.applied(again)) == Self.figures(imported))
        let twice = Importer.plan(table: table, dataset: try Self.dataset(imported), datasetFiles: imported, options: noSource)
        #expect(twice.isClean && twice.added.values.allSatisfy(\.isEmpty) && twice.files.isEmpty, "\(twice.added)")
        #expect(twice.unchanged == rows.count - 1)
    }

    @Test func mergingNeverDropsARow() throws {
        // Property: for random existing figures and random imports that overlap them with
        // the same values, the merged file holds every old row and every new one, once.
        var random = SplitMix64(seed: 18)
        let codes = ["32", "32.01", "32.04", "32.71", "32.73", "31", "31.71", "32.01.01", "32.01.02.2001"]
        let indicators: [IndicatorID] = [.kemiskinan, .tpt, .stunting, .pendudukMiskin]
        for _ in 0..<25 {
            var truth: [String: String] = [:]
            func value(_ indicator: IndicatorID) -> String {
                indicator == .pendudukMiskin ? String(random.next() % 100_000) : String(format: "%.2f", Double(random.next() % 10_000) / 100)
            }
            var existing: [String] = []
            for _ in 0..<(random.next() % 30) {
                let code = codes[Int(random.next() % UInt64(codes.count))], indicator = indicators[Int(random.next() % 4)]
                let year = 2015 + Int(random.next() % 10)
                let key = "\(code),\(indicator.rawValue),\(year)"
                if truth[key] != nil { continue }
                truth[key] = value(indicator)
                existing.append("\(key),\(truth[key]!),uji")
            }
            var files = Self.files
            files["indikator.csv"] = Array(("kode,indikator,tahun,nilai,sumber\n" + existing.shuffled(using: &random).joined(separator: "\n") + "\n").utf8)
            var imported: [String] = []
            for _ in 0..<(random.next() % 40) {
                let code = codes[Int(random.next() % UInt64(codes.count))], indicator = indicators[Int(random.next() % 4)]
                let year = 2015 + Int(random.next() % 10)
                let key = "\(code),\(indicator.rawValue),\(year)"
                if truth[key] == nil { truth[key] = value(indicator) }
                imported.append("\(key),\(truth[key]!)")
            }
            let plan = try Self.plan("kode,indikator,tahun,nilai\n" + imported.joined(separator: "\n") + "\n", files: files)
            #expect(plan.isClean, "\(Self.messages(plan))")
            let merged = try Self.figures(Self.applied(plan, to: files))
            // Every key that was in the file or in the import, once, with its value.
            let wanted = Set(truth.map { key, value in
                let parts = key.split(separator: ",")
                return "\(parts[0]) \(parts[1]) \(parts[2]) \(String(format: "%.4f", Double(value)!)) uji"
            })
            #expect(Set(merged) == wanted)
            #expect(merged.count == wanted.count)
        }
    }

    // MARK: Rules of the dataset, reported where the import has them

    @Test func datasetRulesAreReportedAtTheCellOfTheImportedFile() throws {
        let text = "kode,tahun,kemiskinan,penduduk_miskin\n32.01,2024,120,1.5\n32.71,2030,5,10\n"
        let plan = try Self.plan(text)
        #expect(Self.messages(plan) == [
            "in.csv:2:12: error: percentage 120 is outside 0–100; write a percentage as a number from 0 to 100 (7.05 means 7.05%)",
            "in.csv:2:16: error: count '1.5' must be a non-negative whole number; write whole digits without thousands separators (e.g. 7408)",
            "in.csv:3:12: error: year in the future: 2030 has not come yet (this year is 2026); indicator figures are only for years that have begun; check the year, and put targets in target.csv",
            "in.csv:3:14: error: year in the future: 2030 has not come yet (this year is 2026); indicator figures are only for years that have begun; check the year, and put targets in target.csv",
        ])
        #expect(plan.files.isEmpty || !plan.isClean)
    }

    @Test func fileLevelProblems() throws {
        #expect(Self.messages(try Self.plan("tahun,nilai\n2024,5\n", options: Self.options { $0.indicator = .tpt })).contains { $0.contains("error: no region column") })
        #expect(Self.messages(try Self.plan("kode,keterangan\n32.01,x\n")).contains { $0.contains("error: no value column") })
        #expect(Self.messages(try Self.plan("kode,2024\n32.01,5\n")).contains { $0.hasPrefix("in.csv:1:6: error: column '2024': its indicator is not recognised") })
        #expect(Self.messages(try Self.plan("kode,prevalensi stunting,tahun\n32.01,20,2024\n")).contains { $0.hasPrefix("in.csv:1:6: error: column 'prevalensi stunting': survey stunting (SSGI, SKI) or measured (e-PPGBM)?") })
        #expect(Self.messages(try Self.plan("kode,tpt\n32.01,5\n")).contains { $0.hasPrefix("in.csv:1:6: error: the year is unknown") })
        #expect(Self.messages(try Self.plan("kode,tpt 2024\n32.01,5\n", options: Self.options { $0.sourceID = nil })).contains { $0.hasPrefix("in.csv: error: every figure needs a source") })
        #expect(Self.messages(try Self.plan("kode,tpt 2024\n32.01,5\n", options: Self.options { $0.sourceID = "baru" })).contains { $0.hasPrefix("in.csv: error: source 'baru' is not in sumber.csv yet") })
        #expect(Self.messages(try Self.plan("kode,tpt 2024\n32.01,5\n", options: Self.options { $0.publisher = "Lain" })).contains { $0.hasPrefix("in.csv: error: source 'uji' already exists with penerbit 'pantau (uji)', not 'Lain'") })
        #expect(Self.messages(try Self.plan("kode,tpt 2024\n32.01,5 persen x\n")) == ["in.csv:2:7: error: '5 persen x' is not a number; write e.g. 7.05 or 7,05 (empty, -, – or N/A mean no figure)"])
        #expect(Self.messages(try Self.plan("kode,tpt 2024\n32.01,\"5\n")) == ["in.csv:2:7: error: quote opened here is never closed; add the closing \""])
        #expect(Self.messages(try Self.plan("")) == ["in.csv: error: empty file: there is no header row"])
    }

    // MARK: Recommendation lists (AKS RTL matrix)

    @Test func aksRecommendationMatrixWithPersonalColumnsLeftOut() throws {
        let text = """
        No;Nama Anak;NIK;Tanggal Lahir;Alamat;Kecamatan;Desa;Sasaran;Temuan;Rekomendasi / Rencana Tindak Lanjut;Penanggung Jawab / OPD;Waktu / Tenggat;Status
        1;(sintetis);3201000000000001;01/01/2023;Jl. Contoh;Cibinong;Pakansari;Baduta;Imunisasi dasar belum lengkap;Lengkapi imunisasi dasar dan pantau di posyandu;Dinas Kesehatan;31 Desember 2024;Dalam proses
        2;(sintetis);3201000000000002;02/02/2023;Jl. Contoh;Gunung Putri;;Ibu hamil;Ibu hamil KEK belum menerima PMT;Berikan PMT lokal 90 hari;Dinas Kesehatan;Juni 2025;
        3;(sintetis);3201000000000003;03/03/2023;Jl. Contoh;;;Catin;Calon pengantin belum diperiksa;Wajibkan pemeriksaan kesehatan catin;Kantor Kementerian Agama;2025-03-31;selesai

        """
        let plan = try Self.plan(text, file: "rtl-bogor-2024s1.csv", options: Self.options { $0.region = RegionCode("32.01"); $0.cycle = "2024 S1" })
        #expect(plan.isClean, "\(Self.messages(plan))")
        #expect(Self.messages(plan, .id) == [
            "rtl-bogor-2024s1.csv:1:4: catatan: kolom 'Nama Anak' tidak diimpor: data pribadi (nama, NIK, KK, alamat, tanggal lahir, telepon) tidak disimpan; pantau bekerja sampai tingkat desa",
            "rtl-bogor-2024s1.csv:1:14: catatan: kolom 'NIK' tidak diimpor: data pribadi (nama, NIK, KK, alamat, tanggal lahir, telepon) tidak disimpan; pantau bekerja sampai tingkat desa",
            "rtl-bogor-2024s1.csv:1:18: catatan: kolom 'Tanggal Lahir' tidak diimpor: data pribadi (nama, NIK, KK, alamat, tanggal lahir, telepon) tidak disimpan; pantau bekerja sampai tingkat desa",
            "rtl-bogor-2024s1.csv:1:32: catatan: kolom 'Alamat' tidak diimpor: data pribadi (nama, NIK, KK, alamat, tanggal lahir, telepon) tidak disimpan; pantau bekerja sampai tingkat desa",
        ])
        #expect(plan.added["rekomendasi.csv"] == [
            ["RTL-BOGOR-2024S1-03", "32.01", "2024 S1", "aks", "Catin", "Calon pengantin belum diperiksa", "Wajibkan pemeriksaan kesehatan catin", "Kantor Kementerian Agama", "2025-03-31", "selesai"],
            ["RTL-BOGOR-2024S1-01", "32.01.01.1001", "2024 S1", "aks", "Baduta", "Imunisasi dasar belum lengkap", "Lengkapi imunisasi dasar dan pantau di posyandu", "Dinas Kesehatan", "2024-12-31", "proses"],
            ["RTL-BOGOR-2024S1-02", "32.01.02", "2024 S1", "aks", "Ibu hamil", "Ibu hamil KEK belum menerima PMT", "Berikan PMT lokal 90 hari", "Dinas Kesehatan", "2025-06-30", "belum"],
        ])
        // Nothing personal reaches the merged file.
        let merged = String(decoding: plan.files.first { $0.name == "rekomendasi.csv" }!.bytes, as: UTF8.self)
        #expect(!merged.contains("3201000000000001") && !merged.contains("sintetis") && !merged.contains("Jl. Contoh"))
        #expect(merged.contains("R-01,32.01,2024 S1,aks"))
        let again = try Self.plan(text, file: "rtl-bogor-2024s1.csv", files: Self.applied(plan), options: Self.options { $0.region = RegionCode("32.01"); $0.cycle = "2024 S1" })
        #expect(again.isClean && again.files.isEmpty && again.unchanged == 3)
    }

    @Test func recommendationProblemsAreReportedAtTheirCell() throws {
        let text = """
        No,Desa,Recommendation,Responsible,Deadline,Status
        1,Pakansari,Do this,Dinas Sosial,someday,done
        2,Pakansari,Do that,Dinas Sosial,2025-01-31,maybe
        ,Pakansari,Do more,,2025-01-31,open
        R-01,,Changed text,Dinas Kesehatan,2024-12-31,open

        """
        let plan = try Self.plan(text, options: Self.options { $0.region = RegionCode("32.01"); $0.idPrefix = "X"; $0.cycle = "2024 S1" })
        #expect(Self.messages(plan) == [
            "in.csv:2:34: error: deadline 'someday' is not a date; write e.g. 2024-12-31, 31/12/2024, 31 December 2024 or December 2024",
            "in.csv:3:45: error: status 'maybe' is not known; write belum (not started), proses (in progress), selesai (done) or tidak dapat ditindaklanjuti (cannot be followed up)",
            "in.csv:4:1: error: recommendation without a number: fill in the No or id column",
            "in.csv:5:1: error: conflicts with the dataset: id R-01 (rekomendasi) is Rekomendasi yang sudah ada on rekomendasi.csv line 2, this file says Changed text; an existing row is never replaced; check which is right, or give another source or id",
        ])
    }
}
