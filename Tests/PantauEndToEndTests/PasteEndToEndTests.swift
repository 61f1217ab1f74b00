import Foundation
import Testing

/// Bracketed paste through the real binary: tmux wraps the buffer in ESC[200~ … ESC[201~
/// (`paste-buffer -p`) only because pantau asked for it, and turns line breaks into CR.
@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed"))
struct PasteEndToEndTests {
    @Test func aPastedBlockIsTextInTheFormNeverCommands() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-paste-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("pantau.sqlite"))
        let session = try TmuxSession(arguments: ["--data", directory.path, "--today", "2026-11-23", "--as", "notulis"])
        func paste(_ text: String) throws {
            // From a file: a 20,000-character argument is more than a tmux command takes.
            let file = session.workDirectory.appendingPathComponent("clip.txt")
            try text.write(to: file, atomically: true, encoding: .utf8)
            try session.tmux(["load-buffer", "-b", "clip", file.path])
            try session.tmux(["paste-buffer", "-p", "-b", "clip", "-t", "t"])
        }
        try session.waitFor("▶ 1 Wilayah")
        try session.send("Enter", "j", "3")
        try session.waitFor("MUBA-AKS22-07")
        try session.send("c")
        try session.waitFor("Ubah status · MUBA-AKS22-07")
        try session.send("Down")
        // Three lines: as keys, `u` would undo and `q` would quit.
        try paste("sudah\nu\nq")
        try session.waitFor("Catatan (opsional): sudah u q▏")
        try session.send("Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-07")
        // Long text in one paste (issue 19, finding 14): the field scrolls, all of it is kept.
        let long = String(repeating: "x", count: 20_000) + " ujung"
        try session.send("n")
        try session.waitFor("Tambah catatan · MUBA-AKS22-07")
        try paste(long)
        try session.waitFor("xxx ujung▏")
        try session.send("Enter")
        try session.waitFor("Tersimpan: MUBA-AKS22-07")
        // Outside a field a paste runs nothing.
        try paste("q")
        try session.waitFor("Tempelan diabaikan")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        #expect(session.file("exit")?.contains("EXIT=0") == true)
        #expect(session.file("before") == session.file("after"))
        // Bracketed paste is off again: a paste reaches the shell's tty without markers.
        try paste("sesudah")
        let after = try session.waitFor("sesudah")
        #expect(!after.contains("200~"))
        let result = try run(pantauBinary, ["report", "--data", directory.path, "--today", "2026-11-23", "--format", "csv"])
        #expect(result.output.contains("sudah u q"))
        #expect(result.output.contains(long))
        #expect(!result.output.contains("(batal)"))
    }
}
