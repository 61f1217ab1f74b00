import Foundation
import Testing

/// 17.3 through the real binary: an operator runs the meeting on a slide while a second
/// terminal (the projector, a larger font: a smaller grid) follows it through the state
/// file: it shows the operator's region and slide within a second, never the operator's
/// overlays, and never writes.
@Suite(.enabled(if: tmuxAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct FollowEndToEndTests {
    @Test func aProjectorFollowsTheOperatorsSlideAndNeverWrites() throws {
        let directory = try sampleDataCopy("follow")
        defer { try? FileManager.default.removeItem(at: directory) }
        let agenda = directory.appendingPathComponent("agenda.txt")
        try "16.06\n35.17\n64.74\n".write(to: agenda, atomically: true, encoding: .utf8)
        let projector = try TmuxSession(arguments: ["--data", directory.path, "--follow", "--today", "2026-11-23", "--as", "proyektor"],
                                        width: 80, height: 24)
        var seen = try projector.waitFor("IKUT … ·")
        #expect(seen.contains("Menunggu dasbor operator…"), "\(seen)")

        let operatorSession = try TmuxSession(arguments: ["present", "--data", directory.path, "--agenda", agenda.path, "--today", "2026-11-23",
                                                         "--as", "fasilitator"], width: 120, height: 36)
        try operatorSession.waitFor("Rekomendasi tertunda: 4")
        var moved = Date()
        seen = try projector.waitFor("Kabupaten Musi Banyuasin  16.06")
        // A second for the follower's poll and draw, plus the wait's own settling time.
        #expect(Date().timeIntervalSince(moved) < (builtWithSanitizer ? 4 : 1.5), "\(Date().timeIntervalSince(moved)) s")
        #expect(seen.contains("1/3"), "\(seen)")

        // The operator's own overlay stays on the operator's screen.
        try operatorSession.send("?")
        try operatorSession.waitFor("Bantuan · Esc tutup")
        try operatorSession.send("Escape")
        try operatorSession.waitUntilGone("Bantuan · Esc tutup")
        #expect(!(try projector.screen()).contains("Bantuan"))

        // The next item of the agenda, and a decision taken on it: both reach the projector.
        try operatorSession.send("Space")
        try operatorSession.waitFor("Kabupaten Jombang  35.17")
        moved = Date()
        seen = try projector.waitFor("Kabupaten Jombang  35.17")
        #expect(Date().timeIntervalSince(moved) < (builtWithSanitizer ? 4 : 1.5), "\(Date().timeIntervalSince(moved)) s")
        #expect(seen.contains("2/3"), "\(seen)")
        // A round trip to the dashboard (p p) keeps the agenda's place, here and there.
        try operatorSession.send("p")
        try operatorSession.waitFor("▶ 1 Wilayah")
        try projector.waitFor("IKUT fasilitator ·")
        try operatorSession.send("p")
        seen = try operatorSession.waitFor("Kabupaten Jombang  35.17")
        #expect(seen.contains("2/3"), "\(seen)")
        seen = try projector.waitFor("Kabupaten Jombang  35.17")
        #expect(seen.contains("2/3"), "\(seen)")
        try operatorSession.send("BSpace")
        try operatorSession.waitFor("Kabupaten Musi Banyuasin  16.06")
        try operatorSession.send("c")
        try operatorSession.waitFor("Ubah status · MUBA-AKS22-07")
        #expect(!(try projector.screen()).contains("Ubah status"))
        // Shared with S: the room sees the form as it is filled, and it closes with it.
        try operatorSession.send("Escape", "S", "c")
        try operatorSession.waitFor("Ubah status · MUBA-AKS22-07")
        try projector.waitFor("Ubah status · MUBA-AKS22-07")
        try operatorSession.send("Down", "Down", "Enter")
        try operatorSession.waitFor("Tersimpan: MUBA-AKS22-07")
        try projector.waitUntilGone("Ubah status")
        seen = try projector.waitFor("Rekomendasi tertunda: 3")
        #expect(seen.contains("Kabupaten Musi Banyuasin  16.06"), "\(seen)")

        // Back to the dashboard, on the region of the slide.
        try operatorSession.send("p")
        try operatorSession.waitFor("▶ 1 Wilayah")
        seen = try projector.waitFor("IKUT fasilitator ·")
        #expect(seen.contains("Kab. Musi Ban"), "\(seen)")

        // The projector records nothing, and says why.
        try projector.send("3", "c")
        seen = try projector.waitFor("--follow")
        #expect(!seen.contains("Ubah status"), "\(seen)")

        // The operator leaves: the projector says it waits, and keeps the last screen.
        try operatorSession.send("q")
        try operatorSession.waitFor("PANTAU-ENDED")
        seen = try projector.waitFor("IKUT … ·")
        #expect(seen.contains("Kab. Musi Ban"), "\(seen)")
        try projector.send("q")
        try projector.waitFor("PANTAU-ENDED")

        let stored = try run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for row in db.execute("SELECT author, recommendation_id, new_value FROM event"): print(",".join(row))
            print("positions:", db.execute("SELECT count(*) FROM operator_position").fetchone()[0])
            """, directory.appendingPathComponent("pantau.sqlite").path])
        #expect(stored.output == "fasilitator,MUBA-AKS22-07,selesai\npositions: 0\n", "\(stored.output)\(stored.error)")
    }
}
