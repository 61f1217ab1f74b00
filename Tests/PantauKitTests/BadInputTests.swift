import Foundation
import Testing
@testable import PantauKit

// The bad-input catalogue (docs/bad-input.md): one test per class, asserting the exact
// DataIssue (file, line, column, problem) and, for several, the exact message in both
// languages. Every dataset is loaded twice, from a directory and from memory
// (`DatasetLoader.load(files:)`), and both must report the same issues.

/// "Today" for these tests: the future-year rule is checked against this year.
private let thisYear = 2026

private func bytes(_ files: [String: String]) -> [String: [UInt8]] {
    files.mapValues { Array($0.utf8) }
}

/// Loads `files` from a temporary directory and from memory; both must agree.
private func outcome(_ files: [String: [UInt8]], currentYear: Int = thisYear,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> Result<Dataset, DatasetLoadError> {
    let fromDirectory = try TestData.withTemporaryDirectory { directory -> Result<Dataset, DatasetLoadError> in
        for (name, content) in files {
            try Data(content).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)))
        }
        do throws(DatasetLoadError) {
            return .success(try DatasetLoader.load(directory: directory, currentYear: currentYear))
        } catch {
            // Compare issues only: the directory differs.
            return .failure(DatasetLoadError(directory: "", issues: error.issues))
        }
    }
    let fromMemory: Result<Dataset, DatasetLoadError>
    do throws(DatasetLoadError) {
        fromMemory = .success(try DatasetLoader.load(files: files, currentYear: currentYear))
    } catch {
        fromMemory = .failure(error)
    }
    switch (fromDirectory, fromMemory) {
    case (.success(let a), .success(let b)):
        #expect(a.warnings == b.warnings, sourceLocation: sourceLocation)
        #expect(a.observations.count == b.observations.count && a.regions.count == b.regions.count, sourceLocation: sourceLocation)
    case (.failure(let a), .failure(let b)):
        #expect(a.issues == b.issues, "directory and memory loads disagree", sourceLocation: sourceLocation)
    default:
        Issue.record("directory and memory loads disagree: \(fromDirectory) vs \(fromMemory)", sourceLocation: sourceLocation)
    }
    return fromDirectory
}

/// Every issue of a dataset that must be rejected.
private func issues(_ files: [String: [UInt8]], currentYear: Int = thisYear,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [DataIssue] {
    switch try outcome(files, currentYear: currentYear, sourceLocation: sourceLocation) {
    case .success:
        Issue.record("expected the dataset to be rejected", sourceLocation: sourceLocation)
        return []
    case .failure(let error):
        return error.issues
    }
}

private func issues(_ files: [String: String], currentYear: Int = thisYear,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> [DataIssue] {
    try issues(bytes(files), currentYear: currentYear, sourceLocation: sourceLocation)
}

/// A dataset that must load.
private func load(_ files: [String: [UInt8]], currentYear: Int = thisYear,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> Dataset {
    switch try outcome(files, currentYear: currentYear, sourceLocation: sourceLocation) {
    case .success(let dataset):
        return dataset
    case .failure(let error):
        let text = error.issues.map { $0.formatted(.en) }.joined(separator: "\n")
        Issue.record("dataset did not load:\n\(text)", sourceLocation: sourceLocation)
        throw error
    }
}

private func load(_ files: [String: String], currentYear: Int = thisYear,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> Dataset {
    try load(bytes(files), currentYear: currentYear, sourceLocation: sourceLocation)
}

/// The valid dataset with indikator.csv = header, one good row (line 2), then `rows` (from line 3).
private func indikator(_ rows: String...) -> [String: String] {
    let lines = ["kode,indikator,tahun,nilai,sumber", "0,kemiskinan,2024,9.03,bps-2024"] + rows
    return TestData.valid(replacing: ["indikator.csv": lines.joined(separator: "\n") + "\n"])
}

private func messages(_ issue: DataIssue?) -> (id: String, en: String)? {
    issue.map { ($0.formatted(.id), $0.formatted(.en)) }
}

@Suite struct BadInputTests {
    // MARK: Accepted

    @Test func utf8ByteOrderMarkIsAccepted() throws {
        var files = bytes(TestData.valid)
        for name in files.keys { files[name] = [0xEF, 0xBB, 0xBF] + files[name]! }
        let dataset = try load(files)
        #expect(dataset.regions.count == 13)
        #expect(dataset.regions[1].code.text == "32")  // the BOM is not part of the first field
        // Columns after a BOM are counted without it.
        let bad = try issues(["wilayah.csv": [0xEF, 0xBB, 0xBF] + Array("kode,nama\n32.1,Jawa Barat\n".utf8)])
        #expect(bad == [DataIssue(file: "wilayah.csv", line: 2, column: 1, problem: .badRegionCode("32.1"))])
        let header = try issues(["wilayah.csv": [0xEF, 0xBB, 0xBF] + Array("kode,naam\n".utf8)])
        #expect(header.first == DataIssue(file: "wilayah.csv", line: 1, column: 6, problem: .unknownColumn("naam")))
    }

    @Test func crlfLineEndsAreAccepted() throws {
        let files = TestData.valid.mapValues { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        let dataset = try load(files)
        #expect(dataset.regions.count == 13)
        #expect(dataset.regions.allSatisfy { !$0.name.contains("\r") })
        #expect(dataset.recommendations.allSatisfy { !$0.status.rawValue.contains("\r") })
        // Line numbers count CRLF once.
        let bad = try issues(indikator("32.01,kemiskinan,2024,abc,bps-2024").mapValues { $0.replacingOccurrences(of: "\n", with: "\r\n") })
        #expect(bad == [DataIssue(file: "indikator.csv", line: 3, column: 23, problem: .badNumber("abc"))])
    }

    @Test func headerOnlyLoadsWithNoRows() throws {
        let dataset = try load(TestData.valid(replacing: [
            "indikator.csv": "kode,indikator,tahun,nilai,sumber\n",
            "rekomendasi.csv": "id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status",  // no final line end
        ]))
        #expect(dataset.observations.isEmpty)
        #expect(dataset.recommendations.isEmpty)
        #expect(dataset.regions.count == 13)
    }

    // MARK: Whole files and headers

    @Test func emptyFile() throws {
        for content: [UInt8] in [[], [0xEF, 0xBB, 0xBF], Array("\n\r\n\n".utf8)] {
            var files = bytes(TestData.valid)
            files["sumber.csv"] = content
            // sumber.csv is unusable, so every indikator.csv row's source is unknown too.
            let found = try issues(files)
            #expect(found.first == DataIssue(file: "sumber.csv", line: 1, column: 1, problem: .emptyFile))
        }
        let found = try issues(["wilayah.csv": ""])
        #expect(found == [DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .emptyFile)])
        #expect(messages(found.first)?.id
            == "wilayah.csv:1:1: galat: berkas kosong: baris judul kolom tidak ada; tulis baris judul di baris 1: kode,nama")
        #expect(messages(found.first)?.en
            == "wilayah.csv:1:1: error: empty file: the header row is missing; write the header on line 1: kode,nama")
    }

    @Test func missingColumns() throws {
        let found = try issues(TestData.valid(replacing: ["sumber.csv": "id,judul,tahun\nbps-2024,Profil,2024\n"]))
        #expect(Array(found.prefix(2)) == [
            DataIssue(file: "sumber.csv", line: 1, column: 1, problem: .missingColumn("penerbit")),
            DataIssue(file: "sumber.csv", line: 1, column: 1, problem: .missingColumn("tautan")),
        ])
        #expect(messages(found.first)?.id == "sumber.csv:1:1: galat: kolom 'penerbit' tidak ada di baris judul; "
            + "tambahkan kolom itu (baris judul sumber.csv: id,judul,penerbit,tahun,tautan)")
        #expect(messages(found.first)?.en == "sumber.csv:1:1: error: column 'penerbit' is missing from the header; "
            + "add it (header of sumber.csv: id,judul,penerbit,tahun,tautan)")
    }

    @Test func extraColumns() throws {
        let found = try issues(["wilayah.csv": "kode,nama,ibukota\n32,Jawa Barat,Bandung\n"])
        #expect(found == [DataIssue(file: "wilayah.csv", line: 1, column: 11, problem: .unknownColumn("ibukota"))])
        #expect(messages(found.first)?.id == "wilayah.csv:1:11: galat: kolom 'ibukota' tidak dikenal; "
            + "hapus kolom itu atau perbaiki ejaannya (baris judul wilayah.csv: kode,nama)")
        #expect(messages(found.first)?.en == "wilayah.csv:1:11: error: unknown column 'ibukota'; "
            + "remove it or correct its spelling (header of wilayah.csv: kode,nama)")
        // Extra fields in a row, not in the header: the row's field count.
        let row = try issues(["wilayah.csv": "kode,nama\n32,Jawa Barat,Bandung\n"])
        #expect(row == [DataIssue(file: "wilayah.csv", line: 2, column: 1, problem: .fieldCount(expected: 2, found: 3))])
        #expect(messages(row.first)?.en == "wilayah.csv:2:1: error: this row has 3 fields, expected 2 as in the header; "
            + "put a field that contains a comma in quotes (\"Jombang, Jawa Timur\"), and write decimals with a dot (7.05) or quoted (\"7,05\")")
    }

    // MARK: CSV syntax

    @Test func unbalancedQuotes() throws {
        let open = try issues(["wilayah.csv": "kode,nama\n32,\"Jawa Barat\n32.01,Kabupaten Bogor\n"])
        #expect(open == [DataIssue(file: "wilayah.csv", line: 2, column: 4, problem: .syntax(.unterminatedQuote))])
        #expect(messages(open.first)?.id
            == "wilayah.csv:2:4: galat: tanda kutip dibuka di sini tetapi tidak pernah ditutup; tambahkan \" penutup")
        #expect(messages(open.first)?.en == "wilayah.csv:2:4: error: quote opened here is never closed; add the closing \"")
        let after = try issues(["wilayah.csv": "kode,nama\n32,\"Jawa\" Barat\n"])
        #expect(after == [DataIssue(file: "wilayah.csv", line: 2, column: 10, problem: .syntax(.textAfterClosingQuote))])
        let inside = try issues(["wilayah.csv": "kode,nama\n32,Jawa \"Barat\"\n"])
        #expect(inside == [DataIssue(file: "wilayah.csv", line: 2, column: 9, problem: .syntax(.quoteInUnquotedField))])
    }

    @Test func invalidUTF8() throws {
        // "Jawa Barat" with a Latin-1 é (0xE9), as an Excel "CSV (Comma delimited)" export writes it.
        let latin1: [UInt8] = Array("kode,nama\n32,Jawa Barat\n32.01,Kabupat".utf8) + [0xE9] + Array("n Bogor\n".utf8)
        let found = try issues(["wilayah.csv": latin1])
        #expect(found == [DataIssue(file: "wilayah.csv", line: 3, column: 14, problem: .syntax(.invalidUTF8))])
        #expect(messages(found.first)?.id == "wilayah.csv:3:14: galat: bukan teks UTF-8 yang sah; simpan berkas sebagai CSV UTF-8")
        #expect(messages(found.first)?.en == "wilayah.csv:3:14: error: not valid UTF-8 text; save the file as CSV UTF-8")
        // Columns count Unicode scalars before the bad byte.
        let after = try issues(["wilayah.csv": Array("kode,nama\n32,Jawé ".utf8) + [0xC3, 0x28] + Array("\n".utf8)])
        #expect(after == [DataIssue(file: "wilayah.csv", line: 2, column: 9, problem: .syntax(.invalidUTF8))])
    }

    @Test func semicolonSeparatedExcelExport() throws {
        // Excel with Indonesian regional settings: `;` between fields, comma decimals unquoted,
        // and quotes around a field that holds `;`. One error at 1:1, no cascade.
        let indikator = "kode;indikator;tahun;nilai;sumber\r\n0;kemiskinan;2024;9,03;bps-2024\r\n32.01;kemiskinan;2024;7,05;bps-2024\r\n"
        let program = "kode;nama;mitra;komponen;mulai;selesai;sasaran;capaian\r\n"
            + "32.01;Pendekatan graduasi;BRAC International;\"aset;tabungan\";2024-09-18;;;\r\n"
        var files = bytes(TestData.valid(replacing: ["indikator.csv": indikator, "program.csv": program]))
        files["program.csv"] = [0xEF, 0xBB, 0xBF] + files["program.csv"]!  // Excel's "CSV UTF-8" adds a BOM
        let found = try issues(files)
        #expect(found == [
            DataIssue(file: "indikator.csv", line: 1, column: 1, problem: .semicolonSeparated),
            DataIssue(file: "program.csv", line: 1, column: 1, problem: .semicolonSeparated),
        ])
        #expect(messages(found.first)?.id == "indikator.csv:1:1: galat: berkas ini dipisah titik koma (;), bukan koma; "
            + "mungkin disimpan Excel dengan pengaturan bahasa Indonesia. Simpan ulang dengan pemisah koma "
            + "(LibreOffice: Simpan Sebagai, CSV, pemisah kolom ','; Excel: ubah Pemisah daftar di pengaturan Wilayah Windows menjadi ','). "
            + "Desimal berkoma boleh tetap asal dalam kutip (\"7,05\")")
        #expect(messages(found.first)?.en == "indikator.csv:1:1: error: this file is separated by semicolons (;), not commas; "
            + "it was probably saved by Excel with Indonesian regional settings. Save it again with commas "
            + "(LibreOffice: Save As, CSV, field delimiter ','; Excel: set the list separator to ',' in the Windows region settings). "
            + "Comma decimals may stay if quoted (\"7,05\")")
        // Quoted header names, a wilayah.csv with a single data row: still detected.
        let quoted = try issues(["wilayah.csv": "\"kode\";\"nama\"\n32;Jawa Barat\n"])
        #expect(quoted == [DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .semicolonSeparated)])
        // A comma header whose column name merely contains `;` is not a semicolon file.
        let comma = try issues(["wilayah.csv": "kode,nama;alias\n32,Jawa Barat\n"])
        #expect(comma == [
            DataIssue(file: "wilayah.csv", line: 1, column: 6, problem: .unknownColumn("nama;alias")),
            DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .missingColumn("nama")),
        ])
        // One field with `;` that names fewer than two columns is an unknown column, as before.
        let single = try issues(["wilayah.csv": "kode;x\n32\n"])
        #expect(single.first?.problem == .unknownColumn("kode;x"))
    }

    // MARK: Size

    @Test func tenMegabyteField() throws {
        let huge = String(repeating: "a", count: 10 * 1024 * 1024)
        let clock = ContinuousClock()
        let start = clock.now
        let found = try issues(["wilayah.csv": "kode,nama\n32,Jawa Barat\n32.01,\(huge)\n32.02,Kabupaten Sukabumi\n"])
        #expect(clock.now - start < .seconds(20))
        #expect(found == [DataIssue(file: "wilayah.csv", line: 3, column: 7, problem: .fieldTooLong(length: 10_485_760, limit: 10_000))])
        #expect(messages(found.first)?.id == "wilayah.csv:3:7: galat: isian ini panjangnya 10.485.760 karakter, paling banyak 10.000; "
            + "mungkin tanda kutip di sini tidak ditutup sehingga baris-baris berikutnya ikut masuk; periksa tanda kutipnya atau persingkat teksnya")
        #expect(messages(found.first)?.en == "wilayah.csv:3:7: error: this field is 10,485,760 characters long, at most 10,000 are allowed; "
            + "perhaps a quote here is not closed and the following lines went into it; check the quotes or shorten the text")

        // The realistic cause: a stray quote that swallows thousands of lines until the next one.
        var rows = ["kode,nama", "32,\"Jawa Barat"]
        for i in 1...2000 { rows.append("32.\(String(format: "%02d", i % 100)),Kabupaten nomor \(i)") }
        rows.append("33,Jawa Tengah\"")
        let swallowed = try issues(["wilayah.csv": rows.joined(separator: "\n") + "\n"])
        #expect(swallowed.first == DataIssue(file: "wilayah.csv", line: 2, column: 4, problem: .fieldTooLong(length: 52_918, limit: 10_000)))

        // A 10 MB value in the header is cut in the message.
        let header = try issues(["wilayah.csv": "kode,nama,\(huge)\n"])
        #expect(header.first?.problem == .unknownColumn(huge))
        let message = try #require(header.first?.formatted(.en))
        #expect(message.count < 300)
        #expect(message.hasPrefix("wilayah.csv:1:11: error: unknown column 'aaaaaaaaaa"))
        #expect(message.contains("a…'; remove it"))
    }

    @Test func fieldAtTheLimitIsAccepted() throws {
        // 10,000 scalars (each 2 UTF-8 bytes) is the limit, and accepted.
        let name = String(repeating: "é", count: DatasetLoader.maxFieldLength)
        let dataset = try load(["wilayah.csv": "kode,nama\n32,\(name)\n"])
        #expect(dataset.regions[1].name.unicodeScalars.count == 10_000)
        let found = try issues(["wilayah.csv": "kode,nama\n32,\(name)é\n"])
        #expect(found == [DataIssue(file: "wilayah.csv", line: 2, column: 4, problem: .fieldTooLong(length: 10_001, limit: 10_000))])
    }

    // MARK: Keys and codes

    @Test func duplicateKeys() throws {
        let found = try issues(TestData.valid(replacing: [
            "wilayah.csv": TestData.wilayah + "32.73,Kota Bandung\n",  // line 14
            "sumber.csv": TestData.sumber + "bps-2024,Lagi,Badan Pusat Statistik,2024,\n",  // line 7
            "rekomendasi.csv": TestData.rekomendasi + "R1,32.01,,aks,,,Lagi,Bappeda,,belum\n",  // line 4
            "program.csv": TestData.program + "32.01,Pendekatan graduasi,,,,,,\n",  // line 4
        ]))
        #expect(found == [
            DataIssue(file: "wilayah.csv", line: 14, column: 1, problem: .duplicateKey(key: "kode 32.73", firstLine: 9)),
            DataIssue(file: "sumber.csv", line: 7, column: 1, problem: .duplicateKey(key: "id bps-2024", firstLine: 3)),
            DataIssue(file: "rekomendasi.csv", line: 4, column: 1, problem: .duplicateKey(key: "id R1", firstLine: 2)),
            DataIssue(file: "program.csv", line: 4, column: 7, problem: .duplicateKey(key: "32.01 Pendekatan graduasi", firstLine: 2)),
        ])
        #expect(messages(found.first)?.id == "wilayah.csv:14:1: galat: duplikat kode 32.73; sudah ada di baris 9; hapus salah satu baris")
        #expect(messages(found.first)?.en == "wilayah.csv:14:1: error: duplicate kode 32.73; already on line 9; remove one of the two rows")
    }

    @Test func codesInTheWrongShape() throws {
        let found = try issues(TestData.valid(replacing: [
            "wilayah.csv": TestData.wilayah + "3201,Kabupaten Bogor\n32.01.1,Cibinong\n",  // lines 14, 15
            "indikator.csv": "kode,indikator,tahun,nilai,sumber\n32.1,kemiskinan,2024,7.05,bps-2024\n",
        ]))
        #expect(found == [
            DataIssue(file: "wilayah.csv", line: 14, column: 1, problem: .badRegionCode("3201")),
            DataIssue(file: "wilayah.csv", line: 15, column: 1, problem: .badRegionCode("32.01.1")),
            DataIssue(file: "indikator.csv", line: 2, column: 1, problem: .badRegionCode("32.1")),
        ])
        #expect(messages(found.first)?.id == "wilayah.csv:14:1: galat: kode wilayah '3201' tidak berbentuk kode Kemendagri "
            + "(mis. 32, 32.01, 32.01.01, 32.01.01.2001); pisahkan bagian kode dengan titik, dan di Excel jadikan kolom kode Teks "
            + "agar titik dan nol tidak hilang")
        #expect(messages(found.first)?.en == "wilayah.csv:14:1: error: region code '3201' is not a Kemendagri code "
            + "(e.g. 32, 32.01, 32.01.01, 32.01.01.2001); separate the parts with dots, and in Excel format the kode column as Text "
            + "so that dots and zeros are kept")
    }

    @Test func desaWhoseKecamatanIsMissing() throws {
        let found = try issues(["wilayah.csv": "kode,nama\n35,Jawa Timur\n35.17,Kabupaten Jombang\n35.17.01.2001,Brangkal\n"])
        #expect(found == [
            DataIssue(file: "wilayah.csv", line: 4, column: 1, problem: .missingParent(code: "35.17.01.2001", parent: "35.17.01")),
        ])
        #expect(messages(found.first)?.id == "wilayah.csv:4:1: galat: wilayah '35.17.01.2001' tidak punya induk: "
            + "'35.17.01' tidak ada di wilayah.csv; tambahkan baris kecamatan '35.17.01'")
        #expect(messages(found.first)?.en == "wilayah.csv:4:1: error: region '35.17.01.2001' has no parent: "
            + "'35.17.01' is not in wilayah.csv; add a row for the district '35.17.01'")
    }

    // MARK: Values

    @Test func percentagesOutside0To100() throws {
        let found = try issues(indikator("32.01,kemiskinan,2024,120,bps-2024", "32.01,stunting,2023,-0.5,bps-2024"))
        #expect(found == [
            DataIssue(file: "indikator.csv", line: 3, column: 23, problem: .percentOutOfRange("120")),
            DataIssue(file: "indikator.csv", line: 4, column: 21, problem: .percentOutOfRange("-0.5")),
        ])
        #expect(messages(found.first)?.id
            == "indikator.csv:3:23: galat: persentase 120 di luar 0–100; tulis persen sebagai angka 0 sampai 100 (7.05 berarti 7,05 %)")
        #expect(messages(found.first)?.en
            == "indikator.csv:3:23: error: percentage 120 is outside 0–100; write a percentage as a number from 0 to 100 (7.05 means 7.05%)")
    }

    @Test func negativeCounts() throws {
        var files = indikator("32.01,penduduk_miskin,2024,-5,bps-2024", "32.01,p1,2024,-0.5,bps-2024")
        files["program.csv"] = "kode,nama,mitra,komponen,mulai,selesai,sasaran,capaian\n32.01,Graduasi,,,,,-3,\n"
        let found = try issues(files)
        #expect(found == [
            DataIssue(file: "indikator.csv", line: 3, column: 28, problem: .notWholeCount("-5")),
            DataIssue(file: "indikator.csv", line: 4, column: 15, problem: .negativeValue("-0.5")),
            DataIssue(file: "program.csv", line: 2, column: 20, problem: .notWholeCount("-3")),
        ])
        #expect(messages(found[0])?.id == "indikator.csv:3:28: galat: jumlah '-5' harus bilangan bulat tidak negatif; "
            + "tulis angka bulat tanpa pemisah ribuan (mis. 7408)")
        #expect(messages(found[0])?.en == "indikator.csv:3:28: error: count '-5' must be a non-negative whole number; "
            + "write whole digits without thousands separators (e.g. 7408)")
        #expect(messages(found[1])?.en
            == "indikator.csv:4:15: error: value '-0.5' must not be negative; the p1 and p2 indices are 0 or more")
    }

    @Test func impossibleDates() throws {
        let rekomendasi = TestData.csv(
            "id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status",
            "R1,32.01,,aks,,,Satu,Bappeda,2024-02-30,belum",
            "R2,32.01,,aks,,,Dua,Bappeda,2023-02-29,belum",
            "R3,32.01,,aks,,,Tiga,Bappeda,2024-02-29,belum",  // leap day: fine
            "R4,32.01,,aks,,,Empat,Bappeda,31/12/2024,belum"
        )
        let found = try issues(TestData.valid(replacing: ["rekomendasi.csv": rekomendasi]))
        #expect(found == [
            DataIssue(file: "rekomendasi.csv", line: 2, column: 30, problem: .badDate("2024-02-30")),
            DataIssue(file: "rekomendasi.csv", line: 3, column: 29, problem: .badDate("2023-02-29")),
            DataIssue(file: "rekomendasi.csv", line: 5, column: 31, problem: .badDate("31/12/2024")),
        ])
        #expect(messages(found.first)?.id == "rekomendasi.csv:2:30: galat: tanggal '2024-02-30' tidak sah; tulis TTTT-BB-HH (mis. 2024-02-12)")
        #expect(messages(found.first)?.en == "rekomendasi.csv:2:30: error: date '2024-02-30' is not valid; write YYYY-MM-DD (e.g. 2024-02-12)")
    }

    @Test func yearsInTheFuture() throws {
        let found = try issues(indikator("32.01,kemiskinan,2027,7.05,bps-2024", "32.01,kemiskinan,2026,7.10,bps-2024"))
        #expect(found == [DataIssue(file: "indikator.csv", line: 3, column: 18, problem: .futureYear("2027", currentYear: 2026))])
        #expect(messages(found.first)?.id == "indikator.csv:3:18: galat: tahun di masa depan: 2027 belum tiba (tahun ini 2026); "
            + "angka indikator hanya untuk tahun yang sudah berjalan; periksa tahunnya, dan tulis sasaran di target.csv")
        #expect(messages(found.first)?.en == "indikator.csv:3:18: error: year in the future: 2027 has not come yet (this year is 2026); "
            + "indicator figures are only for years that have begun; check the year, and put targets in target.csv")
        // The same row loads when "today" is in 2027; targets and deadlines may be in the future.
        let later = try load(indikator("32.01,kemiskinan,2027,7.05,bps-2024"), currentYear: 2027)
        #expect(later.observations.contains { $0.year == 2027 })
        let targets = try load(TestData.valid(replacing: ["target.csv": "kode,indikator,tahun,nilai,dasar\n0,stunting,2045,5,Visi 2045\n"]))
        #expect(targets.targets.map(\.year) == [2045])
        // Every other problem of the row is still reported.
        let row = try issues(indikator("32.01,miskin,2031,7.05,bps-2024"))
        #expect(row.map(\.problem) == [.unknownIndicator("miskin"), .futureYear("2031", currentYear: 2026)])
    }

    @Test func unknownSourceIDs() throws {
        let found = try issues(indikator("32.01,kemiskinan,2024,7.05,BPS-2024"))
        #expect(found == [DataIssue(file: "indikator.csv", line: 3, column: 28, problem: .unknownSource("BPS-2024"))])
        #expect(messages(found.first)?.id == "indikator.csv:3:28: galat: sumber 'BPS-2024' tidak ada di sumber.csv; "
            + "tambahkan baris dengan id itu ke sumber.csv atau perbaiki ejaannya")
        #expect(messages(found.first)?.en == "indikator.csv:3:28: error: source 'BPS-2024' is not in sumber.csv; "
            + "add a row with that id to sumber.csv or correct the spelling")
    }

    @Test func sameFigureTwiceWithDifferentValues() throws {
        let found = try issues(indikator(
            "32.01,kemiskinan,2024,7.05,bps-2024",
            "32.01,kemiskinan,2024,7.5,bps-2024",
            "32.01,kemiskinan,2024,7.050,bps-2024"
        ))
        #expect(found == [
            DataIssue(file: "indikator.csv", line: 4, column: 1,
                      problem: .duplicateFigure(key: "32.01 kemiskinan 2024 bps-2024", firstLine: 3, firstValue: "7.05", value: "7.5")),
            DataIssue(file: "indikator.csv", line: 5, column: 1,
                      problem: .duplicateFigure(key: "32.01 kemiskinan 2024 bps-2024", firstLine: 3, firstValue: "7.05", value: "7.050")),
        ])
        #expect(messages(found[0])?.id == "indikator.csv:4:1: galat: duplikat 32.01 kemiskinan 2024 bps-2024 dengan nilai berbeda: "
            + "7.05 di baris 3, 7.5 di baris ini; simpan satu saja, yang sesuai dokumen sumbernya")
        #expect(messages(found[0])?.en == "indikator.csv:4:1: error: duplicate 32.01 kemiskinan 2024 bps-2024 with different values: "
            + "7.05 on line 3, 7.5 on this line; keep only one, the one its source document states")
        #expect(messages(found[1])?.id == "indikator.csv:5:1: galat: duplikat 32.01 kemiskinan 2024 bps-2024 dengan nilai sama (7.050); "
            + "sudah ada di baris 3; hapus baris ini")
        #expect(messages(found[1])?.en == "indikator.csv:5:1: error: duplicate 32.01 kemiskinan 2024 bps-2024 with the same value (7.050); "
            + "already on line 3; remove this row")
        // A different source is not a duplicate: conflicting publications sit side by side.
        _ = try load(indikator("32.01,kemiskinan,2024,7.5,bps-2023"))
    }

    // MARK: All or nothing, and terminal safety of messages

    @Test func oneBadRowRejectsTheWholeDataset() throws {
        let program = TestData.program + "32.01,Program baru,,,2024-13-01,,,\n"
        let found = try issues(TestData.valid(replacing: ["program.csv": program]))
        #expect(found == [DataIssue(file: "program.csv", line: 4, column: 22, problem: .badDate("2024-13-01"))])
    }

    @Test func specialFilesAreRejectedWithoutHanging() throws {
        // A FIFO named indikator.csv (reading it would wait for a writer forever), a link to
        // /dev/zero (endless), and a directory.
        try TestData.withDataset(TestData.valid) { directory in
            let path = { (name: String) in (directory as NSString).appendingPathComponent(name) }
            for name in ["indikator.csv", "target.csv", "program.csv"] { try FileManager.default.removeItem(atPath: path(name)) }
            #expect(mkfifo(path("indikator.csv"), 0o600) == 0)
            try FileManager.default.createSymbolicLink(atPath: path("target.csv"), withDestinationPath: "/dev/zero")
            try FileManager.default.createDirectory(atPath: path("program.csv"), withIntermediateDirectories: false)
            do throws(DatasetLoadError) {
                _ = try DatasetLoader.load(directory: directory, currentYear: thisYear)
                Issue.record("expected the dataset to be rejected")
            } catch {
                #expect(error.issues == [
                    DataIssue(file: "indikator.csv", line: 0, column: 0, problem: .unreadable(errno: EINVAL)),
                    DataIssue(file: "target.csv", line: 0, column: 0, problem: .unreadable(errno: EINVAL)),
                    DataIssue(file: "program.csv", line: 0, column: 0, problem: .unreadable(errno: EISDIR)),
                ])
                #expect(error.issues.first?.formatted(.en) == "indikator.csv: error: file cannot be read (errno \(EINVAL)); "
                    + "make sure it is a regular file, not a directory, and that you may read it")
            }
        }
    }

    @Test func hostileValuesAreNeutralisedInMessages() throws {
        // An OSC 52 clipboard write, a bidi override and a bell in a region code.
        let hostile = "\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{202E}32"
        let found = try issues(["wilayah.csv": "kode,nama\n\"\(hostile)\",Jawa Barat\n"])
        #expect(found == [DataIssue(file: "wilayah.csv", line: 2, column: 1, problem: .badRegionCode(hostile))])
        for lang in [Language.id, .en] {
            let message = try #require(found.first?.formatted(lang))
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
            #expect(message.contains("'\u{FFFD}]52;c;cm0gLXJmIH4=\u{FFFD}32'"))
        }
        // A hostile file name (an unknown file) is neutralised too.
        let warned = try load(TestData.valid(replacing: ["x\u{1B}[2J.csv": "a\n"]))
        #expect(warned.warnings.first?.formatted(.en).hasPrefix("x\u{FFFD}[2J.csv: warning: unknown file, ignored") == true)
    }
}
