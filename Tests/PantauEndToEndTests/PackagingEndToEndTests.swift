import Foundation
import Testing

/// What an installed pantau needs besides itself (docs/install.md): its version, the bundled
/// official list, the bundled sample data as the default, and backups of the state file.
@Suite struct PackagingEndToEndTests {
    @Test func versionNamesTheCommitOrSaysItIsUnknown() throws {
        let result = try run(pantauBinary, ["--version"])
        #expect(result.status == 0)
        // A plain build knows no commit; scripts/package-deb builds with PANTAU_BUILD_COMMIT.
        #expect(result.output.wholeMatch(of: /pantau \d+\.\d+\.\d+ \((unknown commit|commit [0-9a-f]{12}(-dirty)?)\)\n/) != nil,
                "\(result.output)")
    }

    @Test func importWilayahReadsTheBundledOfficialListByDefault() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-wilayah-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try run(pantauBinary, ["import-wilayah", "--out", out, "--only", "64.74"])
        #expect(result.status == 0, "\(result.error)")
        let written = try String(contentsOfFile: out + "/wilayah.csv", encoding: .utf8).split(separator: "\n")
        #expect(result.output == "\(written.count - 1) wilayah ditulis ke \(out)/wilayah.csv\n")
        #expect(written.prefix(3) == ["kode,nama", "64,Kalimantan Timur", "64.74,Kota Bontang"])
        #expect(written.dropFirst(3).allSatisfy { $0.hasPrefix("64.74.") })
        #expect(written.count > 20)
    }

    /// A copy of this build laid out as the package installs it (PREFIX/bin/pantau,
    /// PREFIX/share/pantau/sample-data), started in the source checkout, which has a
    /// ./sample-data of its own: the installed copy opens its bundled sample, read-only.
    @Test func anInstalledPantauOpensItsBundledSampleReadOnly() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-prefix-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let bin = prefix.appendingPathComponent("bin"), sample = prefix.appendingPathComponent("share/pantau/sample-data")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: sample.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Copied by cp, not in this process: a file this process holds open for writing can be
        // inherited by a child another test forks meanwhile, and then executing the copy fails
        // with ETXTBSY ("text file busy"; CI saw it as NSCocoaErrorDomain 3587).
        let copied = try run("/bin/cp", [pantauBinary, bin.appendingPathComponent("pantau").path])
        #expect(copied.status == 0, "\(copied.error)")
        // Only two regions in the bundled copy, so the output tells which dataset was read.
        try FileManager.default.createDirectory(at: sample, withIntermediateDirectories: true)
        try "kode,nama\n64,Kalimantan Timur\n64.74,Kota Bontang\n".write(to: sample.appendingPathComponent("wilayah.csv"), atomically: true, encoding: .utf8)
        let installed = bin.appendingPathComponent("pantau").path
        let checked = try run(installed, ["check"], environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(checked.output == "OK: 2 wilayah, 0 angka indikator, 0 rekomendasi\n", "\(checked.output)\(checked.error)")

        let session = try TmuxSession(arguments: [], binary: installed)
        try session.waitFor("Data contoh bawaan, hanya-baca")
        try session.waitFor("Kalimantan Timur")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        #expect(!FileManager.default.fileExists(atPath: sample.appendingPathComponent("pantau.sqlite").path))
    }

    @Test func stateBackupCopiesTheFileAndSendsSharedServersToPgDump() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-backup-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A state file with two decisions, written by Python's sqlite3 (first schema).
        try writeFirstSchemaState(directory + "/pantau.sqlite", rows: [
            "(1, 'a', 'MUBA-AKS22-07', 'status', 'belum', 'proses', NULL, 'siti', '2026-11-23T09:00:00Z', NULL)",
            "(2, 'b', 'MUBA-AKS22-07', 'status', 'proses', 'selesai', NULL, 'budi', '2026-11-23T09:30:00Z', NULL)",
        ])
        let backup = try run(pantauBinary, ["state", "backup", "--state", directory + "/pantau.sqlite", "--to", directory + "/cadangan.sqlite"])
        #expect(backup.status == 0, "\(backup.error)")
        #expect(backup.output == "2 keputusan dicadangkan dari \(directory)/pantau.sqlite ke \(directory)/cadangan.sqlite\n")
        let again = try run(pantauBinary, ["state", "backup", "--state", directory + "/pantau.sqlite", "--to", directory + "/cadangan.sqlite"])
        #expect(again.status == 1)
        #expect(again.error.contains("already exists"), "\(again.error)")

        let shared = try run(pantauBinary, ["state", "backup", "--state", "postgres://pantau_terminal@127.0.0.1:1/pantau", "--to", directory + "/x.sqlite"])
        #expect(shared.status == 1)
        #expect(shared.error.contains("pg_dump"), "\(shared.error)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/x.sqlite"))
    }
}
