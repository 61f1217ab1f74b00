import Foundation
import Testing

/// 17.1 through the real binary: the facilitator records a decision and an evaluation on
/// the projected slide, without leaving it, and the agenda place is kept.
@Suite(.enabled(if: tmuxAvailable)) struct SlideDecisionEndToEndTests {
    @Test func aDecisionAndAnEvaluationAreRecordedOnTheSlide() throws {
        let directory = try sampleDataCopy("slide")
        defer { try? FileManager.default.removeItem(at: directory) }
        let agenda = directory.appendingPathComponent("agenda.txt")
        try "16.06\n35.17\n64.74\n".write(to: agenda, atomically: true, encoding: .utf8)
        let session = try TmuxSession(arguments: ["present", "--data", directory.path, "--agenda", agenda.path, "--today", "2026-11-23",
                                                  "--as", "fasilitator"], width: 100, height: 30)
        try session.waitFor("Kabupaten Musi Banyuasin  16.06")
        var screen = try session.waitFor("Rekomendasi tertunda: 4")
        // The selected row is drawn in the selection's colours: the attributes before its "●"
        // differ from another row's, and move with `j`.
        func look(_ id: String) throws -> String {
            let styled = try session.screen(withAttributes: true)
            let line = try #require(styled.split(separator: "\n").first { $0.contains(id) })
            // The attributes in force at "●": tmux writes only what changes, so the SGR
            // sequences before it are played in order (0 resets; the rest set a part).
            var parts: [String: String] = [:]
            for sequence in String(line.prefix { $0 != "●" }).components(separatedBy: "\u{1B}[").dropFirst() {
                let codes = sequence.prefix { $0 != "m" }.split(separator: ";").map(String.init)
                if codes.isEmpty || codes == ["0"] { parts = [:]; continue }
                switch codes[0] {
                case "38", "39": parts["fg"] = codes.joined(separator: ";")
                case "48", "49": parts["bg"] = codes.joined(separator: ";")
                default: parts[codes[0]] = codes[0]
                }
            }
            return parts.sorted { $0.key < $1.key }.map(\.value).joined(separator: " ")
        }
        let (selected, other) = (try look("MUBA-AKS22-07"), try look("MUBA-AKS22-03"))
        #expect(selected != other, "\(selected.debugDescription) \(other.debugDescription)")
        try session.send("j")
        try session.waitFor("● MUBA-AKS22-03")
        Thread.sleep(forTimeInterval: 0.3)
        let (moved, left) = (try look("MUBA-AKS22-03"), try look("MUBA-AKS22-07"))
        #expect(moved == selected, "\(moved.debugDescription) \(selected.debugDescription)")
        #expect(left != selected, "\(left.debugDescription) \(other.debugDescription)")
        try session.send("c")
        screen = try session.waitFor("Ubah status · MUBA-AKS22-03")
        #expect(screen.contains("1/3"), "\(screen)")
        try session.send("Down", "Enter") // proses → selesai
        screen = try session.waitFor("Tersimpan: MUBA-AKS22-03")
        #expect(screen.contains("Rekomendasi tertunda: 3"), "\(screen)")
        #expect(!screen.contains("● MUBA-AKS22-03"), "\(screen)")
        try session.send("e")
        try session.waitFor("Evaluasi tindak lanjut · MUBA-AKS22-05")
        try session.send("Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-05")
        // n is still "next" on a slide.
        try session.send("n")
        screen = try session.waitFor("Kabupaten Jombang  35.17")
        #expect(screen.contains("2/3"), "\(screen)")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        let stored = try run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            for row in sqlite3.connect(sys.argv[1]).execute("SELECT recommendation_id, field, new_value, author FROM event ORDER BY id"):
                print(",".join(row))
            """, directory.appendingPathComponent("pantau.sqlite").path])
        #expect(stored.output == """
            MUBA-AKS22-03,status,selesai,fasilitator
            MUBA-AKS22-05,hasil,tercapai,fasilitator
            MUBA-AKS22-05,risiko,belum_diketahui,fasilitator

            """, "\(stored.output)\(stored.error)")
    }
}
