import Foundation
import Testing

// Crash and signal safety, on the real binary in tmux. (`q`, SIGTERM, SIGINT and SIGHUP
// are in EndToEndTests.swift.) Each test compares `stty -g` before and after.

/// The screen once it has stopped changing (two captures 100 ms apart agree).
func settledScreen(_ session: TmuxSession) throws -> String {
    var previous = try session.screen()
    for _ in 0..<100 {
        usleep(100_000)
        let current = try session.screen()
        if current == previous { return current }
        previous = current
    }
    return previous
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(_ timeout: Double = 15, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(30_000)
    }
    return try condition()
}

/// True in the sanitizer runs of .ci/run (the tests and pantau are built the same way).
let builtWithSanitizer = dlsym(nil, "__asan_init") != nil || dlsym(nil, "__tsan_init") != nil

@Suite(.serialized, .enabled(if: tmuxAvailable, "tmux is not installed"))
struct SignalEndToEndTests {
    /// SIGQUIT ends the dashboard like SIGTERM: terminal restored, status 128 + 3.
    @Test func sigquitRestoresTheTerminal() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("▶ 1 Wilayah")
        try run("/bin/kill", ["-QUIT", String(try #require(session.pid))])
        try session.waitFor("PANTAU-ENDED")
        #expect(session.file("exit")?.contains("EXIT=131") == true, "\(session.file("exit") ?? "no exit file")")
        #expect(session.file("before") != nil)
        #expect(session.file("before") == session.file("after"))
    }

    /// The keys the terminal turns into signals, pressed in a job-control shell (where
    /// they reach the dashboard's process group only): Ctrl-\ (SIGQUIT) and Ctrl-C (SIGINT).
    @Test(arguments: [("C-\\", 131), ("C-c", 130)])
    func signalKeysRestoreTheTerminal(key: String, status: Int) throws {
        let session = try TmuxSession(interactiveShellWidth: 120, height: 36)
        try startDashboard(in: session)
        try session.send(key)
        try session.waitUntilGone("? bantuan")
        try finishInShell(session)
        #expect(session.file("exit")?.contains("EXIT=\(status)") == true, "\(session.file("exit") ?? "no exit file")")
        #expect(session.file("before") == session.file("after"))
    }

    /// A fatal error (PANTAU_TEST_CRASH=1 calls fatalError after the first frame): the
    /// crash handler restores the terminal before Swift's backtracer reports, and the
    /// process dies of the signal (SIGILL on x86-64, SIGTRAP on arm64). With a terminal,
    /// the backtracer by default waits for a key; a person presses one.
    @Test(arguments: ["interactive=no", "default"])
    func aFatalErrorRestoresTheTerminal(backtrace: String) throws {
        var environment = ["PANTAU_TEST_CRASH": "1"]
        if backtrace != "default" { environment["SWIFT_BACKTRACE"] = backtrace }
        // Under AddressSanitizer the backtracer's memory reader trips over the redzones
        // (an ASan report instead of a backtrace): the plain signal death is tested there.
        if builtWithSanitizer { environment["SWIFT_BACKTRACE"] = "enable=no" }
        let session = try TmuxSession(arguments: dashboardArguments, environment: environment)
        var screen = ""
        #expect(try eventually(60) {
            screen = try session.screen()
            return screen.contains("PANTAU-ENDED") || screen.contains("Press space to interact")
        }, "screen was:\n\(screen)")
        if screen.contains("Press space to interact") { try session.send("q") }
        screen = try session.waitFor("PANTAU-ENDED", timeout: 60)
        let exit = session.file("exit") ?? "no exit file"
        #expect(exit.contains("EXIT=132") || exit.contains("EXIT=133"), "\(exit)")
        #expect(session.file("before") != nil)
        #expect(session.file("before") == session.file("after"))
        // The report is on the shell's screen (scrolled into its history), not lost in the dashboard's.
        let history = try session.tmux(["capture-pane", "-p", "-S", "-5000", "-t", "t"])
        #expect(history.contains("PANTAU_TEST_CRASH"), "\(history)")
        #expect(!screen.contains("▶ 1 Wilayah"))
    }

    /// Ctrl-Z in a job-control shell: the dashboard gives the terminal back as it found
    /// it and stops; `fg` brings it back with the whole screen drawn again.
    @Test func ctrlZSuspendsCleanlyAndFgRedraws() throws {
        let session = try TmuxSession(interactiveShellWidth: 120, height: 36)
        try startDashboard(in: session)
        try session.send("j")
        try session.waitFor("Indikator · Jawa Barat")
        let dashboard = try settledScreen(session) // the whole frame, not the first rows of it
        let coloured = try session.screen(withAttributes: true)
        let cursor = try session.cursor()
        try session.send("C-z")
        let stopped = try session.waitFor("Stopped")
        #expect(!stopped.contains("▶ 1 Wilayah"), "the dashboard left the screen to the shell")
        // The terminal, read from outside while the dashboard is stopped, is as it was before.
        let during = try run("/bin/stty", ["-F", try session.paneTTY(), "-g"]).output
        #expect(during == session.file("before"), "while stopped: \(during)")
        try session.type("fg")
        try session.send("Enter")
        var redrawn = ""
        #expect(try eventually {
            redrawn = try session.screen()
            return redrawn == dashboard
        }, "after fg the screen was:\n\(redrawn)\nnot:\n\(dashboard)")
        // Overdue is red in the dark theme: 256-colour 203 on this xterm-256color terminal.
        #expect(visibleLook(coloured).joined().contains { $0.hasPrefix("L|") && $0.contains("|38:5,203") }, "overdue is red in the dark theme")
        let look = visibleLook(coloured)
        var lookAfter: [[String]] = []
        #expect(try eventually(5) {
            lookAfter = visibleLook(try session.screen(withAttributes: true))
            return lookAfter == look
        }, "colours and attributes are back too; first difference: \(zip(look, lookAfter).enumerated().first { $0.element.0 != $0.element.1 }.map { "row \($0.offset): \($0.element.0.joined(separator: " ")) ≠ \($0.element.1.joined(separator: " "))" } ?? "row count")")
        #expect(try session.cursor() == cursor)
        try session.send("j") // and it still answers keys
        try session.waitFor("Indikator · Jawa Timur")
        try session.send("q")
        try session.waitUntilGone("? bantuan")
        try finishInShell(session)
        #expect(session.file("exit")?.contains("EXIT=0") == true, "\(session.file("exit") ?? "no exit file")")
        #expect(session.file("before") == session.file("after"))
    }

    /// Stopped by someone else (SIGSTOP cannot be caught) while something scribbles on
    /// the terminal: on SIGCONT the dashboard draws every cell again.
    @Test func continuingAfterAStopRedrawsTheWholeScreen() throws {
        let session = try TmuxSession(arguments: dashboardArguments)
        try session.waitFor("? bantuan")
        let dashboard = try settledScreen(session)
        let pid = String(try #require(session.pid))
        try run("/bin/kill", ["-STOP", pid])
        let tty = try #require(FileHandle(forWritingAtPath: try session.paneTTY()))
        tty.write(Data("\u{1B}[5;10HSCRIBBLE SCRIBBLE SCRIBBLE\u{1B}[20;3HSCRIBBLE".utf8))
        try tty.close()
        try session.waitFor("SCRIBBLE")
        try run("/bin/kill", ["-CONT", pid])
        var redrawn = ""
        #expect(try eventually {
            redrawn = try session.screen()
            return redrawn == dashboard
        }, "after SIGCONT the screen was:\n\(redrawn)")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        #expect(session.file("exit")?.contains("EXIT=0") == true)
        #expect(session.file("before") == session.file("after"))
    }
}

/// What a person sees in a `capture-pane -e` screen: for each cell its character, its
/// background and reverse video, and for cells that are not blank also the foreground,
/// bold, dim and underline. (ncurses may clear a run of blanks with another foreground
/// colour than it drew them with; nobody can see that.)
func visibleLook(_ capture: String) -> [[String]] {
    var rows: [[String]] = []
    for line in capture.split(separator: "\n", omittingEmptySubsequences: false) {
        var row: [String] = []
        var fg = "39", bg = "49", bold = false, dim = false, underline = false, reverse = false
        var scalars = line.unicodeScalars[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            guard scalar == "\u{1B}" else {
                let blank = scalar == " "
                row.append(String(scalar) + "|" + bg + (reverse ? "|R" : "") + (blank ? "" : "|" + fg + (bold ? "B" : "") + (dim ? "D" : "") + (underline ? "U" : "")))
                continue
            }
            guard scalars.first == "[" else { continue }
            scalars = scalars.dropFirst()
            var parameters = ""
            while let next = scalars.first, next != "m" { parameters.unicodeScalars.append(next); scalars = scalars.dropFirst() }
            scalars = scalars.dropFirst()
            var codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
            while let code = codes.first {
                codes = codes.dropFirst()
                switch code {
                case 0: fg = "39"; bg = "49"; bold = false; dim = false; underline = false; reverse = false
                case 1: bold = true
                case 2: dim = true
                case 4: underline = true
                case 7: reverse = true
                case 22: bold = false; dim = false
                case 24: underline = false
                case 27: reverse = false
                case 30...37, 39, 90...97: fg = String(code)
                case 40...47, 49, 100...107: bg = String(code)
                case 38, 48:
                    let count = codes.first == 5 ? 2 : 4
                    let colour = "\(code):" + codes.prefix(count).map(String.init).joined(separator: ",")
                    codes = codes.dropFirst(count)
                    if code == 38 { fg = colour } else { bg = colour }
                default: break
                }
            }
        }
        rows.append(row)
    }
    return rows
}

/// In an interactive shell session: records `stty -g` in `before`, then starts the dashboard.
private func startDashboard(in session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try session.waitFor("$", sourceLocation: sourceLocation) // the prompt (capture-pane drops its trailing space)
    try session.type("stty -g > \(shellQuote(session.workDirectory.path + "/before"))")
    try session.send("Enter")
    #expect(eventually { session.file("before")?.isEmpty == false }, sourceLocation: sourceLocation)
    try session.type(([pantauBinary] + dashboardArguments).map(shellQuote).joined(separator: " "))
    try session.send("Enter")
    try session.waitFor("? bantuan", sourceLocation: sourceLocation)
}

/// Back at the prompt: records the exit status in `exit` and `stty -g` in `after`.
private func finishInShell(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let work = session.workDirectory.path
    try session.type("echo EXIT=$? > \(shellQuote(work + "/exit")); stty -g > \(shellQuote(work + "/after"))")
    try session.send("Enter")
    #expect(eventually { session.file("after")?.isEmpty == false }, sourceLocation: sourceLocation)
}

/// `pantau report | head -1` and friends: when the reader goes away, pantau dies of
/// SIGPIPE quietly (status 141), even when its parent left SIGPIPE ignored, and never
/// prints a "Fatal error" or a backtrace. The outputs are larger than a pipe's buffer,
/// so the write into the closed pipe really happens.
@Suite struct BrokenPipeTests {
    static func bigDataset() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-pipe-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let sample = packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample")
        for file in try FileManager.default.contentsOfDirectory(atPath: sample.path) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        let recommendations = directory.appendingPathComponent("rekomendasi.csv")
        var text = try String(contentsOf: recommendations, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        for number in 1...3000 {
            text += "PIPE-\(number),32.01,2024 S1,aks,Uji,Temuan uji \(number),Rekomendasi uji \(number),Dinas Uji \(number % 40),2025-01-31,belum\n"
        }
        try text.write(to: recommendations, atomically: true, encoding: .utf8)
        return directory
    }

    @Test(arguments: ["", "trap '' PIPE; "])
    func reportIntoAClosedPipeEndsQuietly(parent: String) throws {
        let directory = try Self.bigDataset()
        defer { try? FileManager.default.removeItem(at: directory) }
        let status = directory.appendingPathComponent("status").path
        for format in ["md", "csv", "json"] {
            let command = [pantauBinary, "report", "--data", directory.path, "--today", "2026-11-23", "--format", format].map(shellQuote).joined(separator: " ")
            let result = try run("/bin/sh", ["-c", "\(parent)(\(command); echo $? > \(shellQuote(status))) | head -1"])
            #expect(result.status == 0)
            #expect(result.error.isEmpty, "\(format): \(result.error)")
            #expect(result.output.split(separator: "\n").count == 1, "\(format): \(result.output)")
            let code = try String(contentsOfFile: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(code == "141", "\(format): status \(code)")
        }
    }

    /// Errors go to standard error through Foundation's FileHandle, which traps on a
    /// failed write when SIGPIPE is ignored; with SIGPIPE's default action it never gets there.
    @Test(arguments: ["", "trap '' PIPE; "])
    func errorsIntoAClosedPipeEndQuietly(parent: String) throws {
        let directory = try Self.bigDataset()
        defer { try? FileManager.default.removeItem(at: directory) }
        let indicators = directory.appendingPathComponent("indikator.csv")
        var text = try String(contentsOf: indicators, encoding: .utf8)
        for year in 1...3000 { text += "32.01,kemiskinan,\(year),abc,bps-p0-2020\n" }
        try text.write(to: indicators, atomically: true, encoding: .utf8)
        let status = directory.appendingPathComponent("status").path
        let command = [pantauBinary, "--data", directory.path].map(shellQuote).joined(separator: " ")
        let result = try run("/bin/sh", ["-c", "\(parent)(\(command) 2>&1 >/dev/null; echo $? > \(shellQuote(status))) | head -1"])
        #expect(result.error.isEmpty, "\(result.error)")
        #expect(result.output.contains("indikator.csv:"), "\(result.output)")
        let code = try String(contentsOfFile: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(code == "141", "status \(code)")
    }
}
