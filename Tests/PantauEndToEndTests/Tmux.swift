import Foundation
import Testing

/// The package root, found from this file so tests work in any clone.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The pantau binary built beside this test bundle (the test target depends on it).
let pantauBinary: String = {
    if let override = ProcessInfo.processInfo.environment["PANTAU_BIN"] { return override }
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pantau").path
    if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
    return packageRoot.appendingPathComponent(".build/debug/pantau").path
}()

let tmuxAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

struct CommandResult {
    let status: Int32
    let output: String
    let error: String
}

/// Runs a program and waits for it, with output captured in files. posix_spawn and
/// waitpid are used directly: Foundation's Process left tmux's short-lived client
/// unreaped here, and a tmux server inherits any pipe it is given and keeps it open.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-run-\(UUID().uuidString)").path
    defer { unlink(scratch + ".out"); unlink(scratch + ".err") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, scratch + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, scratch + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    // A fixed locale: messages are Indonesian unless a test asks otherwise, whatever CI sets.
    var base = environment ?? ProcessInfo.processInfo.environment
    if environment == nil || environment?["LANG"] == ProcessInfo.processInfo.environment["LANG"] {
        base["LANG"] = "C.UTF-8"
        base["LC_ALL"] = nil
        base["LC_MESSAGES"] = nil
    }
    let env = base.map { "\($0.key)=\($0.value)" }
    let argv = [executable] + arguments
    var cArgs = argv.map { strdup($0) } + [nil]
    var cEnv = env.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
    // Test threads (Swift concurrency's workers) block most signals, and a child inherits
    // the mask: a tmux server started so never sees the SIGTERM that kill-server sends
    // itself, and outlives the test with its pantau. Children start with none blocked.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, &cArgs, &cEnv)
    guard spawned == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let exited = (status & 0x7f) == 0
    let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let output = (try? String(contentsOfFile: scratch + ".out", encoding: .utf8)) ?? ""
    let error = (try? String(contentsOfFile: scratch + ".err", encoding: .utf8)) ?? ""
    return CommandResult(status: code, output: output, error: error)
}

func shellQuote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// pantau running in a private tmux server, driven like a person at a keyboard. Waits
/// poll the screen until the expected text shows (never a fixed sleep); on a timeout the
/// screen is attached to the failure so you can see what was there instead.
final class TmuxSession {
    let socket = "pantau-e2e-\(UUID().uuidString.prefix(8))"
    let workDirectory: URL

    /// Starts `pantau ARGUMENTS` inside `sh`, which records the tty settings before and
    /// after, the exit status, and the program's pid, then stays open for inspection.
    init(arguments: [String], width: Int = 120, height: Int = 36, environment: [String: String] = [:], binary: String = pantauBinary) throws {
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        var env = ["TERM": "xterm-256color", "LANG": "C.UTF-8"]
        env.merge(environment) { $1 }
        let exports = env.map { "export \($0.key)=\(shellQuote($0.value));" }.joined(separator: " ")
        let unset = environment["NO_COLOR"] == nil ? "unset NO_COLOR;" : ""
        let program = ([binary] + arguments).map(shellQuote).joined(separator: " ")
        let work = shellQuote(workDirectory.path)
        let script = """
        \(exports) \(unset) cd \(shellQuote(packageRoot.path)); stty -g > \(work)/before; \
        sh -c "echo \\$\\$ > \(work)/pid; exec \(program.replacingOccurrences(of: "\"", with: "\\\""))"; \
        echo "EXIT=$?" > \(work)/exit; stty -g > \(work)/after; echo PANTAU-ENDED; sleep 600
        """
        try tmux(["new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height), "sh -c \(shellQuote(script))"])
    }

    /// An interactive `sh` (so job control is on: Ctrl-Z, `fg`) with the prompt `$ `, in
    /// the package root, for tests that type their commands themselves.
    init(interactiveShellWidth width: Int = 120, height: Int = 36) throws {
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "PS1": "$ ", "ENV": "/dev/null"]
        let settings = environment.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        try tmux(["new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height),
                  "cd \(shellQuote(packageRoot.path)) && exec env -u NO_COLOR \(settings) sh -i"])
    }

    /// The terminal device of the pane (`/dev/pts/N`), to inspect its settings from outside.
    func paneTTY() throws -> String {
        try tmux(["display-message", "-p", "-t", "t", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
        _ = try? run("/usr/bin/tmux", ["-L", socket, "kill-server"])
        try? FileManager.default.removeItem(at: workDirectory)
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try run("/usr/bin/tmux", ["-L", socket] + arguments).output
    }

    func send(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", "t", key]) }
    }

    /// Types text literally, one character at a time.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "t", "-l", text])
    }

    func screen(withAttributes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "t"] + (withAttributes ? ["-e"] : []))
    }

    func cursor() throws -> (x: Int, y: Int) {
        let parts = try tmux(["display-message", "-p", "-t", "t", "#{cursor_x},#{cursor_y}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        return (parts.first ?? -1, parts.last ?? -1)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "t", "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen contains `text` and has settled; returns the screen.
    /// A capture can land in the middle of a redraw (the text already there, the rest of
    /// the frame not yet), so a match counts only once two captures 150 ms apart agree (sanitizer builds draw slowly).
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) {
                usleep(150_000)
                let again = try screen()
                if again == last { return last }
                last = again
                continue
            }
            usleep(30_000)
        }
        Issue.record("timed out waiting for \(text.debugDescription); screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Waits until `text` is gone from the screen.
    @discardableResult
    func waitUntilGone(_ text: String, timeout: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if !last.contains(text) {
                usleep(150_000) // settled, as in waitFor
                let again = try screen()
                if again == last { return last }
                last = again
                continue
            }
            usleep(30_000)
        }
        Issue.record("timed out waiting for \(text.debugDescription) to go; screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    func file(_ name: String) -> String? {
        try? String(contentsOf: workDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    var pid: Int32? { file("pid").flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }

    /// Line index of the first screen line containing `text`.
    func row(of text: String, in screen: String) -> Int? {
        screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }
    }
}

/// A copy of `sample-data/` in the temporary directory, without a state file.
func sampleDataCopy(_ label: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-\(label)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample"), to: directory)
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(at: directory.appendingPathComponent("pantau.sqlite" + suffix)) }
    return directory
}

/// A state file in pantau's first schema, written by Python's sqlite3 (a writer
/// independent of pantau) with `rows`, each the SQL values of one event:
/// `(id, client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes)`.
func writeFirstSchemaState(_ path: String, rows: [String]) throws {
    let script = """
        import sqlite3, sys
        db = sqlite3.connect(sys.argv[1])
        db.execute("CREATE TABLE event (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL UNIQUE, recommendation_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT NOT NULL, note TEXT, author TEXT NOT NULL, recorded_at TEXT NOT NULL, undoes INTEGER)")
        for row in sys.argv[2:]: db.execute("INSERT INTO event VALUES " + row)
        db.commit()
        """
    let written = try run("/usr/bin/python3", ["-c", script, path] + rows)
    #expect(written.status == 0, "\(written.error)")
}
