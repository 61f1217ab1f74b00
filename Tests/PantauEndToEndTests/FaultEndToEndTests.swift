import Foundation
import Testing

/// Faults found by trying to break pantau (issue 19), through the real binary.
@Suite(.serialized, .enabled(if: tmuxAvailable)) struct FaultEndToEndTests {

    /// The recommendation ids of the decisions in a state file, read by the sqlite3 program.
    private func recordedIDs(_ path: String) throws -> [String] {
        try run("/usr/bin/sqlite3", [path, "SELECT recommendation_id || ':' || new_value FROM event ORDER BY id"])
            .output.split(separator: "\n").map(String.init)
    }

    /// 19.1: the state file deleted (with -wal and -shm) while the dashboard is open.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func deletingTheStateFileWhileOpenLosesNoDecision() throws {
        let directory = try sampleDataCopy("deleted")
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("pantau.sqlite").path
        let session = try TmuxSession(arguments: ["--data", directory.path, "--today", "2026-11-23"], width: 220, height: 40)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("Enter", "j", "3")
        try session.waitFor("MUBA-AKS22-07")
        try session.send("c")
        try session.waitFor("Ubah status · MUBA-AKS22-07")
        try session.send("Down", "Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-07")
        for suffix in ["", "-wal", "-shm"] { unlink(state + suffix) }
        try session.send("c")
        try session.waitFor("Ubah status · MUBA-AKS22-07")
        try session.send("Down", "Enter")
        let screen = try session.waitFor("terhapus saat pantau terbuka")
        #expect(screen.contains("Tersimpan: MUBA-AKS22-07 · Berkas status"), "\(screen)")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        let ids = try recordedIDs(state)
        #expect(ids.count == 2 && ids.allSatisfy { $0.hasPrefix("MUBA-AKS22-07:") }, "\(ids)")
    }

    // MARK: 19.3 everything printed is sanitised

    /// A dataset in a folder whose name carries an OSC title change and an OSC 52
    /// clipboard write: `check` prints the state path, and no escape may get through.
    @Test func checkPrintsAHostileFolderNameSanitised() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-osc-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let directory = parent.appendingPathComponent("data\u{1B}]0;PWNED\u{7}\u{1B}]52;c;cm0gLXJmIH4=\u{7}")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
        let writer = URL(fileURLWithPath: pantauBinary).deletingLastPathComponent().appendingPathComponent("pantau-store-stress").path
        try run(writer, ["--state", directory.appendingPathComponent("pantau.sqlite").path, "--count", "1"])
        let result = try run(pantauBinary, ["check", directory.path])
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(result.output.contains("1 keputusan tindak lanjut di"), "\(result.output)")
        #expect(!(result.output + result.error).contains("\u{1B}") && !(result.output + result.error).contains("\u{7}"))
        // Neighbours: an argument quoted back in a usage error, and a state path in an error.
        let since = try run(pantauBinary, ["report", "--data", directory.path, "--since", "\u{1B}]52;c;eA==\u{7}"])
        #expect(since.status != 0)
        #expect(since.error.contains("--since") && !since.error.contains("\u{1B}"), "\(since.error)")
        let state = try run(pantauBinary, ["report", "--data", directory.path, "--state", parent.path + "/no\u{1B}[2Jdir/x.sqlite"])
        #expect(state.status == 1)
        #expect(!state.error.contains("\u{1B}") && state.error.contains("galat"), "\(state.error)")
    }

    // MARK: 19.6 a store that cannot be read is an error

    @Test func reportAndCheckFailOnAStoreThatCannotBeRead() throws {
        let directory = try sampleDataCopy("unreadable")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path, "--today", "2026-11-23"]
        // A mistyped --state path.
        let typo = try run(pantauBinary, ["report"] + data + ["--state", directory.appendingPathComponent("pantua.sqlite").path])
        #expect(typo.status == 1)
        #expect(typo.error.contains("pantua.sqlite: galat: "), "\(typo.error)")
        #expect(!typo.output.contains("Keputusan"), "\(typo.output)")
        // A corrupt file.
        let state = directory.appendingPathComponent("pantau.sqlite").path
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: state))
        for command in [["report"] + data, ["check", directory.path]] {
            let result = try run(pantauBinary, command)
            #expect(result.status == 1, "\(command): \(result.output)")
            #expect((result.output + result.error).contains("rusak"), "\(command): \(result.output)\(result.error)")
        }
        try FileManager.default.removeItem(atPath: state)
        // A shared server that is not there (nothing listens on port 1).
        let down = try run(pantauBinary, ["report"] + data + ["--state", "postgres://pantau@127.0.0.1:1/pantau"],
                           environment: ProcessInfo.processInfo.environment.merging(["PANTAU_JOURNAL": directory.appendingPathComponent("journal.sqlite").path]) { $1 })
        #expect(down.status == 1, "\(down.output)")
        #expect(down.error.contains("127.0.0.1"), "\(down.error)")
        // The default file not existing yet is no error: there are no decisions.
        let none = try run(pantauBinary, ["report"] + data + ["--format", "csv"])
        #expect(none.status == 0, "\(none.error)")
    }

    // MARK: 19.7 a report that cannot be written

    @Test func aReportThatCannotBeWrittenFailsAndLeavesNoPartialFile() throws {
        let directory = try sampleDataCopy("full")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path, "--today", "2026-11-23"]
        let full = try run(pantauBinary, ["report"] + data + ["--out", "/dev/full"])
        #expect(full.status == 1)
        #expect(full.error.contains("/dev/full") && full.error.contains("No space left on device"), "\(full.error)")
        let piped = try run("/bin/sh", ["-c", "exec \(shellQuote(pantauBinary)) report --data \(shellQuote(directory.path)) > /dev/full"])
        #expect(piped.status == 1, "\(piped.error)")
        // --out to a file: the whole report or the old file untouched.
        let target = directory.appendingPathComponent("notulen.md").path
        let written = try run(pantauBinary, ["report"] + data + ["--out", target])
        let printed = try run(pantauBinary, ["report"] + data)
        #expect(written.status == 0 && written.output.isEmpty)
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.hasPrefix("# ") && text.count > 200)
        // Same report except the generation time stamp.
        #expect(text.split(separator: "\n").count == printed.output.split(separator: "\n").count)
        let readOnlyFolder = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: readOnlyFolder, withIntermediateDirectories: true)
        try "old".write(toFile: readOnlyFolder.path + "/notulen.md", atomically: false, encoding: .utf8)
        chmod(readOnlyFolder.path, 0o555)
        defer { chmod(readOnlyFolder.path, 0o755) }
        if geteuid() != 0 {
            let refused = try run(pantauBinary, ["report"] + data + ["--out", readOnlyFolder.path + "/notulen.md"])
            #expect(refused.status == 1)
            #expect(try String(contentsOfFile: readOnlyFolder.path + "/notulen.md", encoding: .utf8) == "old")
            #expect((try FileManager.default.contentsOfDirectory(atPath: readOnlyFolder.path)) == ["notulen.md"])
        }
    }

    // MARK: 19.2 a NUL in a stored decision is refused on export, not cut

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func exportingADecisionWithANulFailsAndCopiesNothing() throws {
        let directory = try sampleDataCopy("nul")
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("lama.sqlite").path
        let target = directory.appendingPathComponent("baru.sqlite").path
        let writer = URL(fileURLWithPath: pantauBinary).deletingLastPathComponent().appendingPathComponent("pantau-store-stress").path
        try run(writer, ["--state", source, "--count", "1"])
        // As an older pantau stored a note typed with a NUL in it.
        try run("/usr/bin/sqlite3", [source, "INSERT INTO event (client_id, recommendation_id, field, new_value, author, recorded_at) VALUES ('nul-1', 'MUBA-AKS22-07', 'note', 'awal' || char(0) || 'akhir', 'Ani', '2026-11-23T00:00:00Z')"])
        let export = try run(pantauBinary, ["state", "export", "--data", directory.path, "--state", source, "--to", target, "--lang", "en"])
        #expect(export.status == 1, "\(export.output)")
        #expect(export.error.contains("Decision #2, column new_value: U+0000 (control character) at character 5"), "\(export.error)")
        #expect(try run("/usr/bin/sqlite3", [target, "SELECT count(*) FROM event"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // The note is read whole, not cut at the NUL: the report shows what follows it.
        let report = try run(pantauBinary, ["report", "--data", directory.path, "--state", source, "--today", "2026-11-23", "--format", "csv"])
        #expect(report.status == 0)
        #expect(report.output.contains("akhir"), "\(report.output)")
    }
}

/// 19.13 through the real binary: another program holds the state file's write lock past
/// pantau's 5 s wait; the decision is held (`MENUNGGU (1)`), nothing typed is lost, and it
/// is written once the lock is released.
@Suite(.enabled(if: tmuxAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct HeldDecisionEndToEndTests {
    @Test func aDecisionMadeWhileTheFileIsLockedIsWrittenOnceItIsFree() throws {
        let directory = try sampleDataCopy("lock")
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("pantau.sqlite").path
        let session = try TmuxSession(arguments: ["--data", directory.path, "--today", "2026-11-23", "--as", "notulis"], width: 140, height: 36)
        try session.waitFor("▶ 1 Wilayah")
        // The lock: Python's sqlite3 in a second tmux window, holding it until a file appears.
        let release = directory.appendingPathComponent("release").path
        let ready = directory.appendingPathComponent("locked").path
        _ = try session.tmux(["new-window", "-d", "/usr/bin/python3 -c " + shellQuote("""
            import os, sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            open(sys.argv[2], "w").close()
            while not os.path.exists(sys.argv[3]): time.sleep(0.05)
            db.execute("ROLLBACK")
            """) + " " + shellQuote(state) + " " + shellQuote(ready) + " " + shellQuote(release)])
        let deadline = Date(timeIntervalSinceNow: 10)
        while !FileManager.default.fileExists(atPath: ready) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: ready))
        try session.send("Enter", "j", "3")
        try session.waitFor("MUBA-AKS22-07")
        try session.send("c")
        try session.waitFor("Ubah status · MUBA-AKS22-07")
        try session.send("Down")
        try session.type("disepakati di rakor")
        let decided = Date()
        try session.send("Enter")
        let waiting = try session.waitFor("MENUNGGU (1)")
        // Held at once: the dashboard waits only a moment for the lock, not SQLite's 5 s.
        #expect(Date().timeIntervalSince(decided) < 2.5, "\(Date().timeIntervalSince(decided)) s")
        #expect(waiting.contains("Belum tersimpan (berkas status dikunci program lain)"), "\(waiting)")
        #expect(!waiting.contains("HANYA BACA"), "\(waiting)")
        #expect(FileManager.default.createFile(atPath: release, contents: nil))
        let saved = try session.waitFor("Tersimpan: MUBA-AKS22-07")
        #expect(!saved.contains("MENUNGGU"), "\(saved)")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        let stored = try run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            for row in sqlite3.connect(sys.argv[1]).execute("SELECT recommendation_id, new_value, note FROM event"): print(",".join(row))
            """, state])
        #expect(stored.output == "MUBA-AKS22-07,proses,disepakati di rakor\n", "\(stored.output)\(stored.error)")
    }
}
