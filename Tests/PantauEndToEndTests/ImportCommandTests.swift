import Foundation
import Testing

/// `pantau import` as a user runs it, on the example files of docs/importing.md and a copy
/// of the sample data: dry run, write, second run, conflict, exit statuses.
@Suite struct ImportCommandTests {
    func copyOfSampleData() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-import-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
        // The dataset only: a state file another test or a developer left in sample-data
        // would be opened by `check` (SQLite then adds its -wal and -shm beside it).
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasPrefix("pantau.sqlite") {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        return directory
    }

    func contents(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    @Test func dryRunWritesNothingThenTheImportIsWrittenOnceAndChecked() throws {
        let directory = try copyOfSampleData()
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = packageRoot.appendingPathComponent("docs/examples/bps-wide-semicolon.csv").path
        let arguments = ["import", example, "--data", directory.path, "--indicator", "keluarga_berisiko_stunting", "--source", "contoh-bps",
                         "--source-title", "Contoh sintetis tabel BPS lebar (bukan angka resmi)", "--publisher", "pantau (contoh sintetis)", "--lang", "en"]
        let before = try contents(directory)
        let dry = try run(pantauBinary, arguments + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.error)")
        #expect(dry.output.contains("+ indikator.csv: 32.01,keluarga_berisiko_stunting,2019,1234,contoh-bps"), "\(dry.output)")
        #expect(dry.output.contains("dry run, nothing written: sumber.csv +1 rows; indikator.csv +4 rows; 2 cells without a figure left out"))
        #expect(try contents(directory) == before)

        let written = try run(pantauBinary, arguments)
        #expect(written.status == 0, "\(written.error)")
        #expect(written.output.contains("written to \(directory.path): sumber.csv +1 rows; indikator.csv +4 rows"))
        let check = try run(pantauBinary, ["check", directory.path])
        #expect(check.status == 0 && check.output.contains("100 angka indikator"), "\(check.output)")
        // No temporary file is left behind.
        #expect(Set(try contents(directory).keys) == Set(before.keys))

        let after = try contents(directory)
        let again = try run(pantauBinary, arguments)
        #expect(again.status == 0)
        #expect(again.output.contains("no new rows; 4 already there with the same value"), "\(again.output)")
        #expect(try contents(directory) == after)
    }

    /// 18.1 `--map`: an office's recurring layout written down once (docs/examples): the
    /// recap's own headers are named, its options given; the command line wins over the
    /// file, a personal column stays out whatever the map says, and a bad map names its line.
    @Test func aMappingFileImportsAnOfficesOwnLayout() throws {
        let directory = try copyOfSampleData()
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = packageRoot.appendingPathComponent("docs/examples/eppgbm-kantor.csv").path
        let map = packageRoot.appendingPathComponent("docs/examples/eppgbm-kantor.toml").path
        // Without the map, its headers mean nothing to pantau.
        let bare = try run(pantauBinary, ["import", example, "--data", directory.path, "--lang", "en"])
        #expect(bare.status == 1 && bare.error.contains("or name it in a --map file"), "\(bare.error)")
        let mapped = try run(pantauBinary, ["import", example, "--data", directory.path, "--map", map, "--lang", "en"])
        #expect(mapped.status == 0, "\(mapped.error)")
        #expect(mapped.output.contains("sumber.csv +1 rows; indikator.csv +3 rows; 1 cells without a figure left out"), "\(mapped.output)")
        #expect(mapped.error.contains("eppgbm-kantor.csv:2:55: note: column 'Nama Anak' not imported: personal data"), "\(mapped.error)")
        let figures = try String(contentsOf: directory.appendingPathComponent("indikator.csv"), encoding: .utf8)
        #expect(figures.contains("16.06.02.2001,stunting_ukur,2024,12.5,contoh-eppgbm\n"), "\(figures)")
        #expect(figures.contains("16.06.02.2004,stunting_ukur,2024,14.1,contoh-eppgbm\n"))
        let check = try run(pantauBinary, ["check", directory.path])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        // A flag wins over the map: another source id, so three new rows again.
        let flagged = try run(pantauBinary, ["import", example, "--data", directory.path, "--map", map, "--source", "contoh-eppgbm-2",
                                             "--source-title", "Contoh sintetis kedua", "--dry-run", "--lang", "en"])
        #expect(flagged.output.contains("+ indikator.csv: 16.06.02.2001,stunting_ukur,2024,12.5,contoh-eppgbm-2"), "\(flagged.output)\(flagged.error)")

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-map-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        func attempt(_ toml: String) throws -> CommandResult {
            let file = scratch.appendingPathComponent("peta.toml")
            try toml.write(to: file, atomically: true, encoding: .utf8)
            return try run(pantauBinary, ["import", example, "--data", directory.path, "--map", file.path, "--dry-run", "--lang", "en"])
        }
        let personal = try attempt("delimiter = \";\"\nindicator = \"stunting_ukur\"\nsource = \"contoh-eppgbm\"\n[columns]\n\"Wil.\" = \"kode\"\n\"Prev. Stunting (%)\" = \"nilai\"\n\"Thn Pengukuran\" = \"tahun\"\n\"Nama Anak\" = \"desa\"\n")
        #expect(personal.status == 0 && personal.error.contains("column 'Nama Anak' not imported: personal data"), "\(personal.error)")
        let unknownKey = try attempt("delimiter = \";\"\nlembar = \"Rekap\"\n")
        #expect(unknownKey.status == 1 && unknownKey.error.contains("peta.toml:2:1: error: unknown key 'lembar'; known: sheet, delimiter"), "\(unknownKey.error)")
        let unknownColumn = try attempt("[columns]\n\"Wil.\" = \"kode\"\n\"Prev. Stunting (%)\" = \"prevalensi\"\n")
        #expect(unknownColumn.error.contains("peta.toml:3:1: error: column 'Prev. Stunting (%)' = 'prevalensi': 'prevalensi' is not a known column name"),
                "\(unknownColumn.error)")
        let badYear = try attempt("year = \"2024\"\n")
        #expect(badYear.error.contains("peta.toml:1:1: error: 'year' must be a year without quotes"), "\(badYear.error)")
        let broken = try attempt("[columns\n")
        #expect(broken.status == 1 && broken.error.contains("peta.toml:1:"), "\(broken.error)")
        let missing = try run(pantauBinary, ["import", example, "--data", directory.path, "--map", scratch.path + "/none.toml", "--lang", "en"])
        #expect(missing.status == 1 && missing.error.contains("none.toml: error: the mapping file cannot be read"), "\(missing.error)")
    }

    @Test func aConflictOrAnUnknownRegionWritesNothingAndExitsOne() throws {
        let directory = try copyOfSampleData()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("../pantau-import-bad-\(UUID().uuidString.prefix(8)).csv").standardizedFileURL
        defer { try? FileManager.default.removeItem(at: file) }
        // Bogor's 2024 P0 is 7.05 in the sample data (bps-bogor-p0-2024).
        try "kode;tahun;P0\n32.01;2024;7,10\nKota Atlantis;2024;5\n".write(to: file, atomically: true, encoding: .utf8)
        let before = try contents(directory)
        let result = try run(pantauBinary, ["import", file.path, "--data", directory.path, "--source", "bps-bogor-p0-2024"])
        #expect(result.status == 1)
        #expect(result.error == """
            \(file.path):2:12: galat: bertentangan dengan dataset: 32.01 kemiskinan 2024 bps-bogor-p0-2024 bernilai 7.05 di indikator.csv baris 17, berkas ini 7.10; baris yang ada tidak pernah diganti; periksa mana yang benar, atau beri sumber atau id lain
            \(file.path):3:1: galat: 'Kota Atlantis' bukan kode wilayah: tulis kode Kemendagri (32.01) atau kode BPS (3201, 3201010)
            2 galat; tidak ada yang ditulis.

            """)
        #expect(try contents(directory) == before)
    }
}
