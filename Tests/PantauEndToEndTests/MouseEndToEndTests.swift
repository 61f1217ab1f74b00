import Foundation
import Testing

/// The mouse through the real binary: raw SGR (1006) mouse reports, as xterm sends them,
/// typed into the pane (`ESC[<b;x;yM` press, `…m` release; cells count from 1).
@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed"))
struct MouseEndToEndTests {
    func click(_ session: TmuxSession, x: Int, y: Int) throws {
        try session.type("\u{1B}[<0;\(x + 1);\(y + 1)M\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    @Test func aClickSelectsARowAndTheWheelAndHintsWork() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        let screen = try session.waitFor("▶ 1 Wilayah")
        let row = try #require(session.row(of: "Jawa Barat ›", in: screen))
        try click(session, x: 3, y: row)
        var cursor = (x: -1, y: -1)
        for _ in 0..<100 where cursor.y != row { usleep(50_000); cursor = try session.cursor() }
        #expect(cursor.y == row) // the terminal's cursor sits on the selected row
        try session.waitFor("Indikator · Jawa Barat")
        // Pane 3 by a click inside it.
        let recommendations = try #require(session.row(of: "3 Rekomendasi", in: screen))
        try click(session, x: 3, y: recommendations + 2)
        try session.waitFor("▶ 3 Rekomendasi")
        // The wheel, one notch down in the Regions pane, moves three rows.
        try session.type("\u{1B}[<65;4;\(row + 1)M")
        try session.waitFor("▶ 1 Wilayah")
        // A click on the help hint opens help.
        let bottom = try session.screen().split(separator: "\n", omittingEmptySubsequences: false)
        let status = try #require(bottom.lastIndex { $0.contains("? bantuan") })
        let column = try #require(bottom[status].range(of: "? bantuan")).lowerBound
        try click(session, x: bottom[status].distance(from: bottom[status].startIndex, to: column), y: status)
        try session.waitFor("Bantuan · Esc tutup")
        try session.send("Escape", "q")
        try session.waitFor("PANTAU-ENDED")
        #expect(session.file("before") == session.file("after"))
    }

    /// Whether the program in the pane asked the terminal to report the mouse (tmux tracks it).
    func reportsMouse(_ session: TmuxSession) throws -> Bool {
        try session.tmux(["display-message", "-p", "-t", "t", "#{mouse_any_flag}#{mouse_standard_flag}#{mouse_sgr_flag}"])
            .contains("1")
    }

    @Test func noMouseLeavesTheMouseToTheTerminalAndQuitGivesItBack() throws {
        let plain = try TmuxSession(arguments: dashboardArguments + ["--no-mouse"])
        try plain.waitFor("▶ 1 Wilayah")
        #expect(try !reportsMouse(plain))
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        #expect(try reportsMouse(session))
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        #expect(try !reportsMouse(session))
    }
}
