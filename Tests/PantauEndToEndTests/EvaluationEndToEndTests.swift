import Foundation
import Testing

/// A Diseminasi II through the real binary (issue 16.3): the notulis changes a status and
/// records an evaluation in the dashboard, and the minutes list both with the evaluation's
/// evidence and counts; Python's csv module reads the CSV minutes.
@Suite(.enabled(if: tmuxAvailable)) struct EvaluationEndToEndTests {
    @Test func anEvaluationRecordedInTheDashboardReachesTheMinutes() throws {
        let directory = try sampleDataCopy("eval")
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try TmuxSession(arguments: ["--data", directory.path, "--today", "2026-11-23", "--as", "notulis"], width: 120, height: 36)
        try session.waitFor("▶ 1 Wilayah")
        try session.send("Enter", "j", "3")
        try session.waitFor("MUBA-AKS22-07")
        try session.send("c")
        try session.waitFor("Ubah status · MUBA-AKS22-07")
        try session.send("Down", "Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-07")
        try session.send("e")
        var screen = try session.waitFor("Evaluasi tindak lanjut · MUBA-AKS22-07")
        #expect(screen.contains("▶ tercapai") && screen.contains("● belum diketahui"), "\(screen)")
        try session.send("Down", "Tab", "Up", "Up")
        try session.type("TPK desa Lais lengkap")
        screen = try session.waitFor("TPK desa Lais lengkap")
        #expect(screen.contains("● sebagian") && screen.contains("▶ ya"), "\(screen)")
        try session.send("Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-07")
        screen = try session.waitFor("Evaluasi: sebagian")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")

        let minutes = try run(pantauBinary, ["report", "--data", directory.path, "--today", "2026-11-23", "--region", "16.06", "--format", "md"])
        #expect(minutes.status == 0, "\(minutes.error)")
        let text = minutes.output
        #expect(text.contains("## Keputusan (3)"), "\(text)")
        #expect(text.contains("| MUBA-AKS22-07 | Lais | status: belum → proses | notulis |"), "\(text)")
        #expect(text.contains("| MUBA-AKS22-07 | Lais | hasil: – → sebagian | notulis | TPK desa Lais lengkap |"), "\(text)")
        #expect(text.contains("| MUBA-AKS22-07 | Lais | risiko membaik: – → ya | notulis |"), "\(text)")
        #expect(text.contains("## Evaluasi tindak lanjut (1)"), "\(text)")
        #expect(text.contains("| MUBA-AKS22-07 | Lais | DPPKB | proses | sebagian | ya | TPK desa Lais lengkap |"), "\(text)")
        #expect(text.contains("| Kabupaten Musi Banyuasin (16.06) | 1 | 0 | 1 | 0 | 1 |"), "\(text)")

        let csv = try run(pantauBinary, ["report", "--data", directory.path, "--today", "2026-11-23", "--region", "16.06", "--format", "csv",
                                         "--out", directory.appendingPathComponent("notulen.csv").path])
        #expect(csv.status == 0, "\(csv.error)")
        let read = try run("/usr/bin/python3", ["-c", """
            import csv, sys
            rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["bagian"] == "evaluasi"]
            print(";".join(r["id"] + "," + r["hasil"] + "," + r["risiko_membaik"] + "," + r["bukti"] for r in rows))
            """, directory.appendingPathComponent("notulen.csv").path])
        #expect(read.output == "MUBA-AKS22-07,sebagian,ya,TPK desa Lais lengkap\n", "\(read.output)\(read.error)")
    }
}
