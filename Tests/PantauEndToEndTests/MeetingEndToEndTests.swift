import Foundation
import Testing

/// 16.1 and 16.4 through the real binary: a notulis prepares the Muba Diseminasi I from
/// the command line, the facilitator runs it on the slide, and the minutes hold what was
/// decided, under the meeting's header.
@Suite(.enabled(if: tmuxAvailable)) struct MeetingEndToEndTests {
    @Test func prepareRunAndWriteUpAMeeting() throws {
        let directory = try sampleDataCopy("meeting")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        let prepared = try run(pantauBinary, ["meeting", "new"] + data + [
            "--kind", "diseminasi-1", "--region", "16.06", "--date", "2022-10-25", "--time", "09:00",
            "--title", "Diseminasi I Audit Kasus Stunting", "--place", "Aula Bappeda", "--chair", "Pj Sekda",
            "--attendee", "Dinas Kesehatan|Kepala Dinas", "--attendee", "Kecamatan Lais|Camat|Contoh Nama",
            "--agenda", "16.06.02=Kasus baduta Lais,16.06.01", "--as", "notulis"])
        #expect(prepared.status == 0, "\(prepared.error)")
        // The id alone on the last line, for scripts.
        let id = String(prepared.output.split(separator: "\n").last ?? "")
        #expect(id.range(of: #"^RAPAT-16\.06-20221025-[0-9A-Z]{4}$"#, options: .regularExpression) != nil, "\(prepared.output)")

        let listed = try run(pantauBinary, ["meeting", "list"] + data)
        #expect(listed.output.contains("| \(id) | 25 Okt 2022 | diseminasi-1 | Diseminasi I Audit Kasus Stunting | Kabupaten Musi Banyuasin (16.06) | terbuka |"),
                "\(listed.output)")

        let session = try TmuxSession(arguments: ["present", "--meeting", id, "--today", "2026-11-23", "--as", "fasilitator"] + data,
                                      width: 100, height: 30)
        // The meeting's title, its first agenda region and its topic on the slide.
        var screen = try session.waitFor("Lais  16.06.02 · kecamatan · Kasus baduta Lais")
        #expect(screen.contains("pantau · Diseminasi I Audit Kasus Stunting"), "\(screen)")
        #expect(screen.contains("1/2"), "\(screen)")
        try session.waitFor("● MUBA-AKS22-07")
        try session.send("c")
        try session.waitFor("Ubah status · MUBA-AKS22-07")
        try session.send("Down", "Enter")   // belum → proses
        try session.waitFor("Tersimpan: MUBA-AKS22-07")
        try session.send("Space")
        screen = try session.waitFor("Sekayu  16.06.01")
        #expect(screen.contains("2/2"), "\(screen)")
        try session.send("e")
        try session.waitFor("Evaluasi tindak lanjut · MUBA-AKS22-10")
        try session.type("rujukan berjalan")
        try session.send("Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-10")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")

        // A decision made without the meeting open is not in its minutes.
        let outside = try TmuxSession(arguments: ["--today", "2026-11-23", "--as", "lain"] + data, width: 120, height: 36)
        try outside.waitFor("▶ 1 Wilayah")
        try outside.send("Enter", "j", "3")
        try outside.waitFor("MUBA-AKS22-07")
        try outside.send("n")
        try outside.waitFor("Tambah catatan · MUBA-AKS22-07")
        try outside.type("di luar rapat")
        try outside.send("Enter")
        try outside.waitFor("Tersimpan: MUBA-AKS22-07")
        try outside.send("q")
        try outside.waitFor("PANTAU-ENDED")

        let minutes = try run(pantauBinary, ["report", "--meeting", id, "--today", "2026-11-23"] + data)
        #expect(minutes.status == 0, "\(minutes.error)")
        let text = minutes.output
        for expected in ["# Notulen rapat — Diseminasi I Audit Kasus Stunting", "- Waktu: 25 Okt 2022, 09:00 WIB", "- Tempat: Aula Bappeda",
                         "- Pimpinan rapat: Pj Sekda", "2. Kecamatan Lais · Camat · Contoh Nama",
                         "### 1. Lais (16.06.02) — Kasus baduta Lais", "**MUBA-AKS22-07**", "status: belum → proses | fasilitator",
                         "### 2. Sekayu (16.06.01)", "**MUBA-AKS22-10**", "hasil: – → tercapai | fasilitator | rujukan berjalan",
                         "## Kesimpulan", "## Rencana Tindak Lanjut (2)", "## Evaluasi RTL (1)"] {
            #expect(text.contains(expected), "\(expected)\n\(text)")
        }
        #expect(!text.contains("di luar rapat"), "\(text)")
        let json = try run(pantauBinary, ["report", "--meeting", id, "--format", "json"] + data)
        #expect(json.output.contains("\"judul\" : \"Diseminasi I Audit Kasus Stunting\""), "\(json.output)")

        // Closed, it no longer takes decisions.
        let closed = try run(pantauBinary, ["meeting", "close", id] + data)
        #expect(closed.status == 0 && closed.output.contains("ditutup"), "\(closed.output)\(closed.error)")
        let refused = try TmuxSession(arguments: ["present", "--meeting", id] + data, width: 120, height: 36)
        try refused.waitFor("sudah ditutup")
        try refused.waitFor("PANTAU-ENDED")
        let shown = try run(pantauBinary, ["meeting", "show", id] + data)
        #expect(shown.output.contains("- Keadaan: ditutup · 3 keputusan tercatat"), "\(shown.output)")
    }

    /// 16.7: the seed articles' two meetings, with one documented command.
    @Test func theSampleMeetingsLoadWithOneCommand() throws {
        let directory = try sampleDataCopy("meeting-sample")
        defer { try? FileManager.default.removeItem(at: directory) }
        let binaries = (pantauBinary as NSString).deletingLastPathComponent
        let loaded = try run("/bin/bash", [packageRoot.appendingPathComponent("scripts/sample-meetings").path, "--data", directory.path],
                             environment: ["PATH": binaries + ":/usr/bin:/bin", "LANG": "C.UTF-8"])
        #expect(loaded.status == 0, "\(loaded.error)")
        let ids = loaded.output.split(separator: "\n").map(String.init)
        #expect(ids.count == 2 && ids[0].hasPrefix("RAPAT-16.06-20221025-") && ids[1].hasPrefix("RAPAT-32-20240812-"), "\(loaded.output)")
        let shown = try run(pantauBinary, ["meeting", "show", ids[0], "--data", directory.path])
        for expected in ["# Diseminasi I Audit Kasus Stunting dan Kemiskinan Ekstrem Kabupaten Musi Banyuasin", "- Pimpinan: Pj Sekretaris Daerah",
                         "1. Lais (16.06.02) — Hasil survei TNP2K", "2. Sekayu (16.06.01)", "Camat (ilustratif)"] {
            #expect(shown.output.contains(expected), "\(expected)\n\(shown.output)")
        }
    }

    @Test func badMeetingsAreRefusedAndNothingIsRecorded() throws {
        let directory = try sampleDataCopy("meeting-bad")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        let base = ["meeting", "new"] + data + ["--kind", "rakor", "--region", "32", "--date", "2024-11-04", "--title", "Rakor asda kesra"]
        for (extra, message) in [(["--agenda", "32.99"], "--agenda: '32.99' tidak ada di dataset"),
                                 (["--time", "25:00"], "--time: '25:00' bukan jam JJ:MM"),
                                 (["--attendee", "Bappeda"], "--attendee: 'Bappeda' bukan OPD|jabatan[|nama]")] {
            let result = try run(pantauBinary, base + extra)
            #expect(result.status != 0 && result.error.contains(message), "\(extra) \(result.error)")
        }
        let wrongKind = try run(pantauBinary, ["meeting", "new"] + data + ["--kind", "arisan", "--region", "32", "--date", "2024-11-04", "--title", "x"])
        #expect(wrongKind.status != 0 && wrongKind.error.contains("arisan"), "\(wrongKind.error)")
        let none = try run(pantauBinary, ["meeting", "list"] + data)
        #expect(none.output.contains("Belum ada rapat"), "\(none.output)")
        let unknown = try run(pantauBinary, ["report", "--meeting", "RAPAT-NOPE"] + data)
        #expect(unknown.status != 0 && unknown.error.contains("rapat 'RAPAT-NOPE' tidak ada"), "\(unknown.error)")
    }
}
