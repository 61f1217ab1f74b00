import Foundation
import Testing

/// `pantau import` as a user runs it, on the example files of docs/importing.md and a copy
/// of the sample data: dry run, write, second run, conflict, exit statuses.
@Suite struct ImportCommandTests {
    func copyOfSampleData() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-import-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("sample-data"), to: directory)
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
