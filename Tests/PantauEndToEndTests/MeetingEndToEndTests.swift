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
        // A recommendation issued in the room, for Lais, through the form on the slide.
        try session.send("R")
        try session.waitFor("Rekomendasi baru · Diseminasi I Audit Kasus Stunting")
        try session.send("Down")
        try session.type("Puskesmas Lais")
        try session.send("Down")
        try session.type("Kunjungi rumah baduta kasus audit tiap bulan")
        try session.send("Enter")
        screen = try session.waitFor("Tersimpan: 16.06.02-2022S2-")
        // Listed at once (without a deadline, after the others: below the fold here).
        #expect(screen.contains("Rekomendasi tertunda: 3") && screen.contains("+1 lagi ↓"), "\(screen)")
        try session.send("Space")
        screen = try session.waitFor("Sekayu  16.06.01")
        #expect(screen.contains("2/2"), "\(screen)")
        try session.send("e")
        try session.waitFor("Evaluasi tindak lanjut · MUBA-AKS22-10")
        try session.type("rujukan berjalan")
        try session.send("Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-10")
        // The room started half an hour late: the meeting's own form, on the slide.
        try session.send("E")
        try session.waitFor("Jam:      09:00")
        try session.send("Down", "Down", "C-u")
        try session.type("09:30")
        try session.send("Enter")
        try session.waitFor("Rapat disimpan: Diseminasi I Audit Kasus Stunting")
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
        for expected in ["# Notulen rapat — Diseminasi I Audit Kasus Stunting", "- Waktu: 25 Okt 2022, 09:30 WIB", "- Tempat: Aula Bappeda",
                         "- Pimpinan rapat: Pj Sekda", "2. Kecamatan Lais · Camat · Contoh Nama",
                         "### 1. Lais (16.06.02) — Kasus baduta Lais", "**MUBA-AKS22-07**", "status: belum → proses | fasilitator",
                         "| rekomendasi baru | fasilitator |", "Kunjungi rumah baduta kasus audit tiap bulan",
                         "### 2. Sekayu (16.06.01)", "**MUBA-AKS22-10**", "hasil: – → tercapai | fasilitator | rujukan berjalan",
                         "## Kesimpulan", "; 1 rekomendasi baru", "## Rencana Tindak Lanjut (3)", "## Evaluasi RTL (1)"] {
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
        #expect(shown.output.contains("- Keadaan: ditutup · 4 keputusan tercatat"), "\(shown.output)")
    }

    /// 16.2 from the command line: a notulis types up the recommendations issued in the
    /// room; they show in the dashboard and the minutes at once, and go back into the
    /// dataset as rekomendasi.csv rows that `pantau check` accepts.
    @Test func newRecommendationsFromTheCommandLineAndBackIntoTheDataset() throws {
        let directory = try sampleDataCopy("meeting-rec")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data", directory.path]
        let meeting = try run(pantauBinary, ["meeting", "new"] + data + ["--kind", "diseminasi-1", "--region", "16.06", "--date", "2022-10-25",
                                                                         "--title", "Diseminasi I", "--agenda", "16.06.02"])
        let meetingID = String(meeting.output.split(separator: "\n").last ?? "")
        let added = try run(pantauBinary, ["recommendation", "add", "--meeting", meetingID, "--region", "16.06.02", "--opd", "Puskesmas Lais",
                                           "--text", "Jadwalkan kunjungan rumah baduta kasus audit", "--finding", "Baduta belum dikunjungi",
                                           "--deadline", "2022-12-31", "--group", "baduta", "--as", "notulis"] + data)
        #expect(added.status == 0, "\(added.error)")
        let id = String(added.output.split(separator: "\n").last ?? "")
        #expect(id.range(of: #"^16\.06\.02-2022S2-[0-9A-Z]{4}$"#, options: .regularExpression) != nil, "\(added.output)")
        let screen = try run(pantauBinary, ["screen", "--size", "120x36", "--today", "2022-11-01", "--keys", "Enter Enter j 3"] + data)
        #expect(screen.output.contains("\(id) Puskesmas Lais"), "\(screen.output)")
        #expect(screen.output.contains("Asal: Audit Kasus Stunting · 2022 S2"), "\(screen.output)")
        let minutes = try run(pantauBinary, ["report", "--meeting", meetingID] + data)
        #expect(minutes.output.contains("**\(id)** · Lais · Puskesmas Lais") && minutes.output.contains("| rekomendasi baru | notulis |"),
                "\(minutes.output)")
        #expect(minutes.output.contains("- Sasaran: baduta"), "\(minutes.output)")

        // Edited, and a second one added then withdrawn: an event each.
        let edited = try run(pantauBinary, ["recommendation", "edit", id, "--text", "Jadwalkan kunjungan rumah baduta kasus audit tiap bulan"] + data)
        #expect(edited.status == 0 && edited.output.contains("diubah"), "\(edited.output)\(edited.error)")
        let second = try run(pantauBinary, ["recommendation", "add", "--region", "16.06.01", "--opd", "Dinas Sosial", "--text", "Salah ketik"] + data)
        let secondID = String(second.output.split(separator: "\n").last ?? "")
        #expect(secondID.hasPrefix("16.06.01-2026-"), "\(second.output)\(second.error)")   // no meeting: this year, origin lainnya
        let gone = try run(pantauBinary, ["recommendation", "withdraw", secondID] + data)
        #expect(gone.status == 0 && gone.output.contains("ditarik"), "\(gone.output)\(gone.error)")
        let sekayu = try run(pantauBinary, ["screen", "--size", "120x36", "--keys", "Enter Enter 3"] + data)
        #expect(!sekayu.output.contains(secondID), "\(sekayu.output)")
        // The meeting's header changes the same way.
        let moved = try run(pantauBinary, ["meeting", "edit", meetingID, "--place", "Ruang Rapat Sekda", "--time", "13:30"] + data)
        #expect(moved.status == 0, "\(moved.error)")
        let header = try run(pantauBinary, ["meeting", "show", meetingID] + data)
        #expect(header.output.contains("- Waktu: 25 Okt 2022, 13:30 WIB") && header.output.contains("- Tempat: Ruang Rapat Sekda"), "\(header.output)")

        let exported = directory.appendingPathComponent("ekspor")
        let export = try run(pantauBinary, ["state", "export-csv", "--to", exported.path] + data)
        #expect(export.status == 0 && export.output.contains("1 rekomendasi dari rapat"), "\(export.output)\(export.error)")
        let rows = try String(contentsOf: exported.appendingPathComponent("rekomendasi.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status")
        #expect(rows.count == 2 && rows[1] == "\(id),16.06.02,2022 S2,aks,,Baduta belum dikunjungi,Jadwalkan kunjungan rumah baduta kasus audit tiap bulan,Puskesmas Lais,2022-12-31,belum",
                "\(rows)")
        // Merged by the secretariat: the dataset accepts it, and it is there once.
        let csv = directory.appendingPathComponent("rekomendasi.csv")
        let handle = try FileHandle(forWritingTo: csv)
        handle.seekToEndOfFile()
        handle.write(Data((rows[1] + "\n").utf8))
        try handle.close()
        let checked = try run(pantauBinary, ["check"] + data)
        #expect(checked.status == 0 && checked.output.contains("36 rekomendasi"), "\(checked.output)")
        let merged = try run(pantauBinary, ["screen", "--size", "120x36", "--today", "2022-11-01", "--keys", "Enter Enter j 3"] + data)
        #expect(merged.output.components(separatedBy: id).count == 3, "\(merged.output)")   // the list row and Detail's title

        let wrong = try run(pantauBinary, ["recommendation", "add", "--region", "16.06.02", "--opd", "x", "--text", "y", "--group", "remaja"] + data)
        #expect(wrong.status != 0 && wrong.error.contains("--group: 'remaja' bukan salah satu dari catin, bumil, nifas, baduta, balita"), "\(wrong.error)")
        let withdrawn = try run(pantauBinary, ["recommendation", "withdraw", "MUBA-AKS22-07"] + data)
        #expect(withdrawn.status != 0 && withdrawn.error.contains("bukan rekomendasi yang dicatat dalam rapat"), "\(withdrawn.error)")
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
