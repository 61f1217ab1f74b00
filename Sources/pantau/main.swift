import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

extension Language: ExpressibleByArgument {}
extension Theme: ExpressibleByArgument {}

/// Local wall-clock time, "09:41", for the presentation header.
func localClock() -> String {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return two(parts.tm_hour) + ":" + two(parts.tm_min)
}

/// True when the locale promises UTF-8; otherwise the screen is drawn in ASCII.
func localeIsUTF8(_ environment: [String: String]) -> Bool {
    for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
        if let value = environment[key], !value.isEmpty {
            let lowered = value.lowercased()
            return lowered.contains("utf-8") || lowered.contains("utf8")
        }
    }
    return false
}

// The entry point is the last line of this file (`Pantau.main()`), not `@main`: with more
// than one source file in the target, main.swift is top-level code.
struct Pantau: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pantau",
        abstract: "Dasbor kemiskinan & stunting di terminal / a terminal dashboard for poverty and stunting follow-up.",
        discussion: """
        Tanpa subperintah, membuka dasbor pada --data (bawaan: data contoh terpasang, atau ./sample-data).
        Without a subcommand, opens the dashboard on --data (default: the installed sample data, or ./sample-data in a source checkout).
        Keys: Tab/S-Tab panes, 1-4 jump, j/k or arrows move, Enter drill, Esc back,
        / filter, s sort, f status / o OPD / a origin filters, c status, n note,
        d deadline, O owner, u undo, m mark to compare, M compare, X clear marks,
        A 8-aksi scorecard, P programmes, p presentation, t theme, L language,
        : palette, ? help, q quit. Config: $XDG_CONFIG_HOME/pantau/config.toml.
        """,
        version: PantauVersion.text,
        subcommands: [Present.self, Check.self, Report.self, MeetingCommand.self, RecommendationCommand.self, ImportWilayah.self, ImportData.self, Screen.self, StateCommand.self]
    )

    @OptionGroup var options: DataOptions

    @OptionGroup var meetingOption: MeetingOption
    var meeting: String? { meetingOption.meeting }

    // --- signals (hardening, docs/architecture.md "Terminal lifecycle") ---
    /// SIGPIPE takes its default action, whatever the parent left: `pantau report | head`
    /// ends quietly (status 141) instead of failing on a write to a closed pipe.
    static func main() {
        StartupTrace.shared.mark("runtime")
        signal(SIGPIPE, SIG_DFL)
        // As ArgumentParser's own main, but its messages (which quote the arguments) are
        // sanitised like every other message.
        do {
            var command = try parseAsRoot(followArguments(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { say(message) } else { printError(message) }
            }
            Foundation.exit(code.rawValue)
        }
    }
    // --- end signals ---

    /// `--follow` without a name (last, or before another option) becomes `--follow *`,
    /// since an option's value cannot be left out in ArgumentParser.
    static func followArguments(_ arguments: [String]) -> [String] {
        var rewritten = arguments
        for index in rewritten.indices where rewritten[index] == "--follow" {
            let value: String? = index + 1 < rewritten.count ? rewritten[index + 1] : nil
            if value.map({ $0.hasPrefix("-") }) ?? true { rewritten[index] = "--follow=*" }
        }
        return rewritten
    }

    @OptionGroup var followOption: FollowOption

    /// Set by `pantau present`: builds the agenda once the dataset is loaded.
    var agendaPresentation: ((AppState) throws -> Presentation)? = nil

    enum CodingKeys: CodingKey { case options, meetingOption, followOption }

    mutating func run() throws {
        let trace = StartupTrace.shared
        DispatchQueue.global().async { DisplayText.prepare() }
        let lang = options.language
        let today = try options.todayDate()
        let dataset = try options.loadOrExit(notice: isatty(1) == 1 && isatty(2) == 1)
        trace.mark("load")
        guard isatty(0) == 1, isatty(1) == 1 else {
            printError(lang.pick("pantau perlu terminal interaktif; untuk skrip pakai 'pantau screen'.",
                                 "pantau needs an interactive terminal; for scripts use 'pantau screen'."))
            throw ExitCode(2)
        }
        // NO_COLOR counts when set to anything but the empty string (no-color.org).
        _ = today
        // A day in the past (--as-of) is looked at, not recorded in: a decision made now
        // would be after it, so the store is read once and not followed.
        let following = followOption.role
        let opened = options.openStore(forceReadOnly: options.asOf != nil || following != nil)
        let recorded = (try? opened.store?.allEvents()) ?? []
        let view = try options.viewed(dataset, events: recorded)
        trace.mark("store")
        var state = try options.initialState(view.dataset, events: view.events, size: Size(width: 80, height: 24))
        if let meeting {
            state.openMeetingID = try Self.openable(meeting, in: state.context.followUp.meetings, lang: lang).id
        }
        state.presentation = try agendaPresentation?(state)
        trace.mark("context")
        state.storeStatus = opened.status
        if case .readOnly(let reason) = opened.status, !options.readonly, following == nil { state.flash = reason.message(state.lang) }
        let sharing = options.asOf != nil ? nil
            : PositionSharing.forDashboard(&state, following: following, operatorName: options.authorName, board: opened.store?.positionBoard)
        if let notice = view.notice { state.flash = notice }
        var followUp = opened.store.map { FollowUpSession(store: $0) }
        if options.asOf != nil { opened.store?.close(); followUp = nil }
        let colour = (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(colour: colour, mouse: !options.noMouse && options.config.mouse != false)
        } catch TerminalUnavailable.cannotAddressCursor {
            // TERM=dumb and the like: show the opening screen as plain text instead of garbage.
            print(render(state).text())
            printError(lang.pick("Terminal ini tidak dapat memindah kursor (TERM=dumb); ditampilkan sebagai teks. Gunakan 'pantau screen --keys …' untuk menjelajah.",
                                 "This terminal cannot move the cursor (TERM=dumb); shown as plain text. Use 'pantau screen --keys …' to browse."))
            return
        } catch TerminalUnavailable.unknownTerminal(let name) {
            printError(lang.pick("Terminal '\(name)' tidak dikenal terminfo; coba TERM=xterm-256color.",
                                 "Terminal '\(name)' is unknown to terminfo; try TERM=xterm-256color."))
            throw ExitCode(2)
        }
        trace.mark("terminal")
        // --- test-only crash hook (docs/architecture.md): PANTAU_TEST_CRASH=1 crashes after the first frame ---
        var device: TerminalDevice = ProcessInfo.processInfo.environment["PANTAU_TEST_CRASH"] == "1" ? CrashAfterFirstFrame(terminal) : terminal
        // --- end test-only crash hook ---
        if trace.enabled { device = TracedTerminal(device) }
        defer { trace.report() }
        let status = runDashboard(state, on: device, followUp: followUp, sharing: sharing, clock: localClock)
        if status != 0 { throw ExitCode(status) }
    }
}

extension Pantau {
    /// The meeting `--meeting` names, if it can be opened: recorded, and not closed.
    static func openable(_ id: String, in book: MeetingBook, lang: Language) throws -> Meeting {
        let found = try MeetingCommand.find(id, in: book, lang: lang)
        if found.isClosed {
            throw ValidationError(lang.pick("--meeting: rapat \(found.id) sudah ditutup; keputusan baru tidak dapat dikaitkan dengannya",
                                            "--meeting: meeting \(found.id) is closed; new decisions cannot be linked to it"))
        }
        return found
    }
}

Pantau.main()
