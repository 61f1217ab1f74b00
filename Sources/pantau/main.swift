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

/// `--meeting ID`, for the dashboard, `present`, `screen`, `report` and `recommendation add`. A group of its own
/// (like `DataOptions`), so that a subcommand's copy gets the value, not the root's.
struct MeetingOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Rapat (pantau meeting list): dibuka, setiap keputusan dicatat untuknya; report: notulennya; recommendation add: rapat asalnya / the meeting: opened, every decision recorded is linked to it; report: its minutes; recommendation add: where it was issued (origin and cycle follow it).", valueName: "ID"))
    var meeting: String?
}

/// `--follow [NAME]`, for the dashboard and `present`: this terminal shows what an
/// operator's shows (read-only). A bare `--follow` is given the value "" before parsing
/// (`Pantau.followArguments`): follow the only operator active.
struct FollowOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Ikuti layar operator, hanya-baca: wilayah, slide, tampilan dan pilihannya; tanpa NAMA: satu-satunya operator yang aktif / follow an operator's screen, read-only: region, slide, view and selection; without NAME (or with *): the only operator active.", valueName: "NAME"))
    var follow: String?

    /// Whom to follow: nil when not following, `*` for the only operator active.
    var role: PositionSharing.Role? {
        follow.map { .follow(operatorName: $0 == "*" ? nil : TextRules.canonicalName($0)) }
    }
}

/// Options shared by every command that reads a dataset.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "Direktori dataset / dataset directory (default: config, else the installed sample data, or ./sample-data in a source checkout).")
    var dataOption: String?

    /// The dataset directory: --data, else the config file's `data`, else the bundled sample (Installation.swift).
    var data: String {
        get { dataOption ?? config.data ?? Installation.defaultDataDirectory }
        set { dataOption = newValue }
    }

    @Option(name: .long, help: "Bahasa tampilan / display language: id or en (default: from LANG, else id).")
    var lang: Language?

    @Option(name: .long, help: ArgumentHelp("Tanggal 'hari ini' untuk tenggat; angka tahun sesudahnya disembunyikan / the date deadlines are measured against; figures for later years are hidden.", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Buka seperti pada tanggal itu, hanya-baca: tenggat diukur dari tanggal itu; angka, rekomendasi, program dan keputusan sesudahnya disembunyikan / open as it was on that day, read-only: deadlines measured from it; later figures, recommendations, programmes and decisions hidden.", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Berkas keputusan tindak lanjut, atau server bersama postgres://pengguna@host/db / follow-up decisions file, or a shared server postgres://user@host/db (default: $PANTAU_STATE_URL, else DIR/pantau.sqlite). Password: PGPASSFILE or PGPASSWORD, never in the URL.", valueName: "FILE|URL"))
    var state: String?

    @Flag(name: .long, help: "Buka tanpa menulis / open without recording decisions.")
    var readonly = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Nama pencatat keputusan / who records decisions (default: login name).", valueName: "NAME"))
    var author: String?

    @Option(name: .long, help: "Tema / theme: dark, light, high-contrast, monochrome (t cycles; default: config, else dark).")
    var theme: Theme?

    @Flag(name: .long, help: "Hanya ASCII / ASCII only (automatic when the locale is not UTF-8).")
    var ascii = false
    @Flag(name: .long, help: "Tanpa tetikus / no mouse (clicks and the wheel stay with the terminal).")
    var noMouse = false

    @Option(name: .long, help: ArgumentHelp("Bobot skor prioritas / priority weights, e.g. kemiskinan=0.3,stunting=0.3,ekstrem=0.2,lewat=0.2 (default: config, else these).", valueName: "LIST"))
    var weights: String?

    /// --weights, else the config file's, else the standard weights.
    func priorityWeights() throws -> PriorityWeights {
        guard let text = weights ?? config.weights else { return .standard }
        guard let parsed = PriorityWeights.parse(text) else {
            throw ValidationError("--weights: '\(text)' " + language.pick("tidak sah; contoh kemiskinan=0.3,stunting=0.3,ekstrem=0.2,lewat=0.2",
                                                                       "is not valid; e.g. kemiskinan=0.3,stunting=0.3,ekstrem=0.2,lewat=0.2"))
        }
        return parsed
    }

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("Satu zona untuk semua jam yang ditampilkan / one zone for every time shown: WIB, WITA, WIT, or auto (each region's province; default: config, else auto).", valueName: "ZONE"))
    var timeZone: String?

    /// --time-zone, else the config file's `time_zone`, else each region's province.
    func localTimeZones() throws -> LocalTimeZones {
        guard let text = timeZone else { return config.timeZones ?? .byProvince }
        guard let zones = LocalTimeZones.parse(text) else {
            throw ValidationError("--time-zone: '\(text)' " + language.pick("tidak dikenal; pilih: ", "is not known; choose: ")
                                  + LocalTimeZones.choices.joined(separator: ", "))
        }
        return zones
    }

    var language: Language { lang ?? config.lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }

    /// `$XDG_CONFIG_HOME/pantau/config.toml`, read once per run; flags win over it.
    /// Checked in `validate`.
    var config: PantauConfig { ProcessConfig.shared.config ?? PantauConfig() }

    func validate() throws {
        _ = try localTimeZones()
        if today != nil && asOf != nil {
            throw ValidationError(language.pick("--today dan --as-of: pilih salah satu", "--today and --as-of: give one of them"))
        }
        if let state, PostgresLocation.hasPassword(state) {
            // Anyone on the machine can read a command line (ps); refuse rather than expose it.
            throw ValidationError("--state: " + language.pick(
                "kata sandi tidak boleh di baris perintah (terlihat di ps). Hapus dari URL; simpan di PGPASSFILE (~/.pgpass, mode 0600) atau PGPASSWORD.",
                "a password must not be on the command line (visible in ps). Remove it from the URL; keep it in PGPASSFILE (~/.pgpass, mode 0600) or PGPASSWORD."))
        }
        if let message = ProcessConfig.shared.errorMessage(lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)) {
            printError(message)
            throw ExitCode(2)
        }
    }

    var asciiOnly: Bool { ascii || !localeIsUTF8(ProcessInfo.processInfo.environment) }

    /// The starting state shared by the dashboard, `present` and `screen`.
    func initialState(_ dataset: Dataset, events: [FollowUpEvent], size: Size) throws -> AppState {
        var state = AppState(context: DashboardContext(dataset: dataset, today: try todayDate(), events: events),
                             lang: language, size: size)
        state.author = authorName
        state.theme = theme ?? config.theme ?? .dark
        state.ascii = asciiOnly
        state.viewingPast = asOf != nil
        state.weights = try priorityWeights()
        state.timeZones = try localTimeZones()
        return state
    }

    /// --state, else `PANTAU_STATE_URL`, else the SQLite file in the dataset directory.
    var statePath: String {
        if let state { return state }
        if let url = ProcessInfo.processInfo.environment["PANTAU_STATE_URL"], !url.isEmpty { return url }
        return (data as NSString).appendingPathComponent("pantau.sqlite")
    }

    /// The state for messages (a URL's password, if any, replaced by ***).
    var stateDisplay: String { PostgresLocation.redact(statePath) }

    /// Whether there is history to check: a shared server always, a file when it exists.
    var stateExists: Bool { FollowUpStores.isShared(statePath) || FileManager.default.fileExists(atPath: statePath) }

    /// Who records decisions, as a name by `TextRules` (no controls or invisible characters).
    var authorName: String {
        let environment = ProcessInfo.processInfo.environment
        var name = "?"
        if let author, !author.isEmpty { name = author }
        else if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { name = user }
        else if let login = getlogin() { name = String(cString: login) }
        let canonical = TextRules.canonicalName(name)
        return canonical.isEmpty ? "?" : canonical
    }

    /// Whether the state was named (`--state`, `PANTAU_STATE_URL`) rather than defaulted.
    var stateIsExplicit: Bool {
        state != nil || !(ProcessInfo.processInfo.environment["PANTAU_STATE_URL"] ?? "").isEmpty
    }

    /// Opens the follow-up store for the dashboard (policy: `FollowUpStores.openForDashboard`);
    /// prints why it is read-only or offline, and gives the status line its words.
    func openStore(forceReadOnly: Bool = false) -> (store: FollowUpStore?, status: StoreStatus) {
        let lang = language
        if !readonly && !forceReadOnly, let sample = Installation.bundledSampleStore(statePath: statePath) { return sample }
        let cause: FollowUpStores.ReadOnlyCause? = readonly ? .requested : (forceReadOnly ? .preview : nil)
        let opened = FollowUpStores.openForDashboard(statePath, readOnly: cause)
        switch opened.access {
        case .writable:
            return (opened.store, .writable)
        case .offline(let pending, let reason):
            if let reason { printError(reason.message(lang)) }
            return (opened.store, .offline(pending: pending))
        case .readOnly(.requested):
            return (opened.store, .readOnly(.requested))
        case .readOnly(.preview):
            return (opened.store, .readOnly(asOf.map(ReadOnlyReason.asOf) ?? .preview))
        case .readOnly(.store(let error)):
            let reason = ReadOnlyReason.store(error, location: error == .readOnly && !FollowUpStores.isShared(statePath) ? statePath : nil)
            printError(reason.message(lang))
            return (opened.store, .readOnly(reason))
        }
    }

    /// The whole recorded history, for commands that report on it: a store that cannot
    /// be read (server down, wrong password, corrupt file, mistyped --state) prints why
    /// and exits 1, never "no decisions".
    func recordedEvents(reportingTo report: (String) -> Void = printError) throws -> [FollowUpEvent] {
        do {
            let store = try FollowUpStores.openForReading(statePath, explicit: stateIsExplicit)
            defer { store.close() }
            return try store.allEvents()
        } catch let error as FollowUpStoreError {
            report("\(stateDisplay): " + language.pick("galat: ", "error: ") + error.message(language))
            throw ExitCode(1)
        }
    }

    /// The day of this run: --as-of, else --today, else the real date.
    func todayDate() throws -> LocalDate {
        guard let given = asOf ?? today else { return LocalDate.today() }
        guard let date = LocalDate(iso: given) else {
            throw ValidationError("\(asOf != nil ? "--as-of" : "--today"): '\(given)' bukan tanggal TTTT-BB-HH / is not a YYYY-MM-DD date")
        }
        return date
    }

    /// The year after which an `indikator.csv` figure is in the future: the real year, or
    /// a later --today (a scripted day ahead). A day in the past hides later figures
    /// (`viewed`) instead of refusing them, so every dataset opens on any day.
    func futureYearRuleYear() throws -> Int {
        max(LocalDate.today().year, try todayDate().year)
    }

    /// The dataset and history as the day of this run shows them (`AsOf`): with --today,
    /// figures after its year are left out; with --as-of, also later recommendations,
    /// programmes and decisions. `notice` says what was left out, once.
    func viewed(_ dataset: Dataset, events: [FollowUpEvent]) throws -> (dataset: Dataset, events: [FollowUpEvent], notice: String?) {
        guard asOf != nil || today != nil else { return (dataset, events, nil) }
        var view = AsOf(try todayDate())
        let shown = view.dataset(dataset, recommendations: asOf != nil)
        let kept = asOf != nil ? view.events(events, in: dataset, zones: try localTimeZones()) : events
        return (shown, kept, view.notice(language))
    }

    /// Loads the dataset or prints every problem (file:line:column) and exits 1.
    /// Loads the dataset or prints every problem and exits 1. With `notice`, a line on the
    /// terminal says what is loading once it has taken 200 ms (docs/performance.md).
    func loadOrExit(notice: Bool = false) throws -> Dataset {
        let currentYear = try futureYearRuleYear()
        let loading = notice ? LoadingNotice(language.pick("pantau: memuat \(data) …", "pantau: loading \(data) …")) : nil
        defer { loading?.finish() }
        do {
            let dataset = try DatasetLoader.load(directory: data, currentYear: currentYear)
            for warning in dataset.warnings { printError(warning.formatted(language, directory: data)) }
            return dataset
        } catch {
            for issue in error.issues { printError(issue.formatted(language, directory: data)) }
            printError(errorSummary(error.errors.count, language))
            throw ExitCode(1)
        }
    }
}

/// A line on standard error (the terminal) shown only if loading takes longer than
/// `delay`, so that a slow machine never shows a blank screen; erased when loading ends.
final class LoadingNotice: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false
    private var shown = false

    init(_ text: String, delay: DispatchTimeInterval = .milliseconds(200)) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
            lock.lock()
            defer { lock.unlock() }
            guard !finished else { return }
            let line = Array((DisplayText.sanitize(text)).utf8)
            _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            shown = true
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        if shown { _ = "\r\u{1B}[K".withCString { write(2, $0, 4) } }
    }
}

func errorSummary(_ count: Int, _ lang: Language) -> String {
    lang.pick("\(count) galat; dataset tidak dimuat.", "\(count) error\(count == 1 ? "" : "s"); dataset not loaded.")
}

/// A message on standard error, sanitised (`DisplayText.sanitizeLines`): the one way
/// pantau writes a message on any stream, so no escape sequence from a path, a value or a
/// server's words reaches the terminal.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((DisplayText.sanitizeLines(text) + "\n").utf8))
}

/// A message on standard output, sanitised like `printError`.
func say(_ text: String) {
    print(DisplayText.sanitizeLines(text))
}

/// The config file, read and parsed once per run.
struct ProcessConfig: Sendable {
    static let shared = ProcessConfig(ProcessInfo.processInfo.environment)
    let config: PantauConfig?
    /// Why the file cannot be used, in both languages. The message, not the error value:
    /// a ConfigError kept in this static was reported by LeakSanitizer at exit.
    let errorMessages: (id: String, en: String)?

    init(_ environment: [String: String]) {
        guard let path = PantauConfig.defaultPath(environment) else { config = nil; errorMessages = nil; return }
        do {
            config = try PantauConfig.load(path: path)
            errorMessages = nil
        } catch let problem {
            config = nil
            errorMessages = (problem.message(.id), problem.message(.en))
        }
    }

    func errorMessage(_ lang: Language) -> String? { errorMessages.map { lang.pick($0.id, $0.en) } }
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
        var sharing: PositionSharing?
        if let following, options.asOf == nil {
            // A follower never records: its keys say why (the reason names the option).
            state.storeStatus = .readOnly(.following)
            if let board = opened.store?.positionBoard {
                sharing = PositionSharing(role: following, board: board)
                state.following = sharing?.startingStatus
                state.flash = state.following.map { followMessage($0, lang) }
            } else {
                state.flash = lang.pick("--follow: catatan ini tidak dapat membawa posisi operator", "--follow: these records cannot carry operators' positions")
            }
        } else if options.asOf == nil, !opened.status.isReadOnly, let board = opened.store?.positionBoard {
            // Every dashboard that records says where it is, for anyone who follows it.
            sharing = PositionSharing(role: .publish(operatorName: options.authorName), board: board)
        }
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

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Periksa dataset / validate a dataset: lists every problem as file:line:column, exits 1 if any error.")

    @Argument(help: "Direktori dataset / dataset directory (default: --data).")
    var directory: String?

    @OptionGroup var options: DataOptions

    mutating func run() throws {
        let language = options.language
        let directory = self.directory ?? options.data
        // The future-year rule against the real date (or a --today ahead of it), never a past day.
        let currentYear = try options.futureYearRuleYear()
        let dataset: Dataset
        do {
            dataset = try DatasetLoader.load(directory: directory, currentYear: currentYear)
        } catch {
            for issue in error.issues { say(issue.formatted(language, directory: directory)) }
            say(errorSummary(error.errors.count, language))
            throw ExitCode(1)
        }
        do {
            for warning in dataset.warnings { say(warning.formatted(language, directory: directory)) }
            let regions = Format.integer(dataset.regions.count - 1, language)
            let figures = Format.integer(dataset.observations.count, language)
            let recommendations = Format.integer(dataset.recommendations.count, language)
            say(language.pick("OK: \(regions) wilayah, \(figures) angka indikator, \(recommendations) rekomendasi",
                                "OK: \(regions) regions, \(figures) indicator figures, \(recommendations) recommendations"))
            var options = self.options
            options.data = directory
            if options.stateExists || options.stateIsExplicit {
                let events = try options.recordedEvents(reportingTo: say)
                // Recommendations recorded in meetings count as the dataset's own.
                let applied = FollowUpApplier.apply(events, to: dataset.addingRecorded(events).recommendations)
                for orphan in applied.orphans {
                    say("\(options.stateDisplay): " + language.pick("peringatan: keputusan #\(orphan.id ?? 0) untuk rekomendasi '\(orphan.recommendationID)' yang tidak ada di dataset (disimpan, tidak ditampilkan)",
                                                                "warning: decision #\(orphan.id ?? 0) refers to recommendation '\(orphan.recommendationID)', which is not in the dataset (kept, not shown)"))
                }
                for bad in applied.invalid {
                    say("\(options.stateDisplay): " + language.pick("peringatan: keputusan #\(bad.id ?? 0) untuk '\(bad.recommendationID)' punya nilai tidak sah '\(bad.newValue)' (diabaikan)",
                                                                "warning: decision #\(bad.id ?? 0) for '\(bad.recommendationID)' has an invalid value '\(bad.newValue)' (ignored)"))
                }
                let decisions = events.count - events.filter { $0.field == .meeting || $0.field == .recommendation }.count
                let meetings = applied.meetings.all.count
                let added = RecordedRecommendations(events).active.count
                say(language.pick("\(decisions) keputusan tindak lanjut", "\(decisions) follow-up decisions")
                    + (meetings > 0 ? language.pick(", \(meetings) rapat", ", \(meetings) meetings") : "")
                    + (added > 0 ? language.pick(", \(added) rekomendasi baru dari rapat", ", \(added) new recommendations from meetings") : "")
                    + language.pick(" di ", " in ") + options.stateDisplay)
            }
        }
    }
}

struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Kelola catatan tindak lanjut / manage the follow-up store: export, export-csv, import, migrate, backup.",
        discussion: """
        export copies the events of --state (file or postgres:// URL) to --to; import copies \
        the events of --from into --state. Each event keeps its client id, so running either \
        again copies nothing twice. migrate applies the schema (run once by the owner of a \
        shared database, see docs/shared-server.md).
        """,
        subcommands: [Export.self, ExportCSV.self, Import.self, Migrate.self, Backup.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Salin keputusan ke / copy the decisions of --state to another store.")
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: ArgumentHelp("Tujuan / destination: SQLite file or postgres:// URL.", valueName: "FILE|URL"))
        var to: String

        mutating func run() throws {
            try StateCommand.transfer(from: options.statePath, to: to, lang: options.language)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Salin keputusan dari / copy the decisions of another store into --state.")
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: ArgumentHelp("Sumber / source: SQLite file or postgres:// URL.", valueName: "FILE|URL"))
        var from: String

        mutating func run() throws {
            try StateCommand.transfer(from: from, to: options.statePath, lang: options.language)
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Siapkan skema / create or update the store's schema, then exit.")
        @OptionGroup var options: DataOptions

        mutating func run() throws {
            let lang = options.language
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let count = try store.allEvents().count
            say(lang.pick("Skema terkini; \(count) keputusan di \(PostgresLocation.redact(options.statePath))",
                            "Schema up to date; \(count) decisions in \(PostgresLocation.redact(options.statePath))"))
        }
    }

    /// Opens a store that must be usable now: a shared server that refuses or cannot be
    /// reached is an error here (nothing is queued), with its message, exit status 1.
    static func open(_ state: String, readOnly: Bool, lang: Language) throws -> FollowUpStore {
        if PostgresLocation.hasPassword(state) {
            throw ValidationError(lang.pick("kata sandi tidak boleh di baris perintah; gunakan PGPASSFILE atau PGPASSWORD",
                                            "a password must not be on the command line; use PGPASSFILE or PGPASSWORD"))
        }
        do {
            return readOnly ? try FollowUpStores.openForReading(state, explicit: true) : try FollowUpStores.openForWriting(state)
        } catch {
            printError(error.message(lang))
            throw ExitCode(1)
        }
    }

    static func transfer(from source: String, to destination: String, lang: Language) throws {
        let from = try open(source, readOnly: true, lang: lang)
        defer { from.close() }
        let to = try open(destination, readOnly: false, lang: lang)
        defer { to.close() }
        do {
            let result = try FollowUpTransfer.copy(from: from, to: to)
            if to.health() != .ok {
                printError(FollowUpStoreHealth.offlineMessage(lang))
                throw ExitCode(1)
            }
            say(lang.pick("\(result.copied) keputusan disalin, \(result.present) sudah ada di \(PostgresLocation.redact(destination))",
                            "\(result.copied) decisions copied, \(result.present) already in \(PostgresLocation.redact(destination))"))
        } catch let error as FollowUpStoreError {
            printError(error.message(lang))
            throw ExitCode(1)
        }
    }
}

struct ImportWilayah: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-wilayah",
        abstract: "Buat wilayah.csv dari daftar resmi / write a dataset's wilayah.csv from the official region list.")

    @Argument(help: "Daftar resmi kode,nama / the official list (kode,nama; may be .gz) (default: the bundled data/wilayah/wilayah.csv.gz).")
    var file: String?

    @Option(name: .long, help: "Direktori tujuan / output directory.")
    var out: String

    @Option(name: .long, help: ArgumentHelp("Hanya kode ini beserta induk dan seluruh turunannya / keep only these codes, their ancestors and all their descendants.", valueName: "KODE,…"))
    var only: String?

    @Option(name: .long, help: ArgumentHelp("Juga kode ini beserta induknya, tanpa turunannya / also these codes and their ancestors, without their descendants.", valueName: "KODE,…"))
    var also: String?

    mutating func run() throws {
        let lang = Language.fromEnvironment(ProcessInfo.processInfo.environment)
        let file = self.file ?? Installation.officialWilayahList
        func codes(_ list: String?, _ flag: String) throws -> [RegionCode] {
            var codes: [RegionCode] = []
            for text in (list ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !text.isEmpty {
                guard let code = RegionCode(text), code != .indonesia else {
                    throw ValidationError("\(flag): '\(text)' " + lang.pick("bukan kode wilayah", "is not a region code"))
                }
                codes.append(code)
            }
            return codes
        }
        let selected = try codes(only, "--only"), extra = try codes(also, "--also")
        let result: WilayahImport.Result
        do {
            result = try WilayahImport.run(input: file, outputDirectory: out, only: selected, also: extra)
        } catch let error as CSVSyntaxError {
            printError(DataIssue(file: file, line: error.line, column: error.column, problem: .syntax(error.problem)).formatted(lang))
            throw ExitCode(1)
        } catch let error as CSVFileError {
            printError(DataIssue(file: file, line: 0, column: 0, problem: .unreadable(errno: error.errno)).formatted(lang))
            throw ExitCode(1)
        }
        for problem in result.problems { printError(problem.formatted(lang)) }
        print(lang.pick("\(Format.integer(result.written, lang)) wilayah ditulis ke \(out)/wilayah.csv",
                        "\(Format.integer(result.written, lang)) regions written to \(out)/wilayah.csv")
              + (result.problems.isEmpty ? "" : lang.pick("; \(result.problems.count) baris rusak dilewati", "; \(result.problems.count) malformed lines skipped")))
        if !result.problems.isEmpty { throw ExitCode(1) }
    }
}

struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cetak layar sebagai teks / print the dashboard screen as plain text after replaying keys.",
        discussion: "Key names: single characters, Tab, S-Tab, Enter, Esc, BSpace, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: ArgumentHelp("Ukuran layar / screen size.", valueName: "WxH"))
    var size: String = "80x24"

    @Option(name: .long, help: "Tombol yang diputar ulang / keys to replay, separated by spaces.")
    var keys: String = ""

    @Option(name: .long, help: ArgumentHelp("Mulai dalam mode presentasi dengan agenda ini (\"\" = wilayah teratas, atau agenda rapat --meeting) / start in presentation mode with this agenda (\"\" = top level, or the --meeting's agenda).", valueName: "FILE"))
    var agenda: String?

    @OptionGroup var meetingOption: MeetingOption

    mutating func run() throws {
        let parts = size.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0, width <= 1000, height <= 1000 else {
            throw ValidationError("--size: '\(size)' " + options.language.pick("harus berbentuk LxT, mis. 120x36", "must look like WxH, e.g. 120x36"))
        }
        let keyList: [Key]
        switch Key.parseList(keys) {
        case .success(let list): keyList = list
        case .failure(let error):
            throw ValidationError("--keys: " + options.language.pick("nama tombol tidak dikenal '\(error.name)'", "unknown key name '\(error.name)'"))
        }
        let loaded = try options.loadOrExit()
        // The screen shows the recorded decisions; decisions typed in --keys go to a
        // throw-away copy, so a script can preview a form without changing anything.
        let recorded = options.openStore(forceReadOnly: true).store
        let view = try options.viewed(loaded, events: (try? recorded?.allEvents()) ?? [])
        let events = view.events
        var state = try options.initialState(view.dataset, events: events, size: Size(width: width, height: height))
        if let notice = view.notice { state.flash = notice }
        state.clock = "09:00"
        if let meeting = meetingOption.meeting {
            state.openMeetingID = try Pantau.openable(meeting, in: state.context.followUp.meetings, lang: options.language).id
        }
        if let agenda {
            state.presentation = try Present.presentation(agendaFile: agenda.isEmpty ? nil : agenda, meetingAgenda: agenda.isEmpty, state: state)
        }
        let preview = try SQLiteFollowUpStore.inMemory(holding: events)
        let session = FollowUpSession(store: preview, clock: { "2000-01-01T00:00:00Z" })
        reduce(&state, .resize(state.size))
        for key in keyList where !state.shouldQuit {
            reduce(&state, .key(key))
            session.synchronise(&state)
        }
        print(render(state).text())
    }
}

struct Report: ParsableCommand {
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case md, csv, json, xlsx }

    static let configuration = CommandConfiguration(
        abstract: "Notulen tindak lanjut / follow-up minutes: decisions in a period, then pending and overdue per OPD and region.",
        discussion: """
        --view targets|ranking|scorecard|compare|programmes: a decision view
        instead (methods in docs/scores.md), e.g.
          pantau report --view ranking --region 16.06 --format csv
          pantau report --view compare --region 32.01,35.17
          pantau report --view scorecard --region 64 --format json
        """)

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: ArgumentHelp("Keputusan sejak tanggal ini / decisions since this date.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Hanya wilayah ini dan turunannya / only this region and below (--view compare: 2-4 codes, comma-separated).", valueName: "KODE"))
    var region: String?

    @Option(name: .long, help: "md, csv, json atau/or xlsx (a workbook: needs --out).")
    var format: OutputFormat = .md

    enum View: String, ExpressibleByArgument, CaseIterable { case minutes, targets, ranking, scorecard, compare, programmes }

    @Option(name: .long, help: """
        minutes (bawaan/default); targets (target tracking); ranking (children of --region by priority score); \
        scorecard (8 aksi of a kab/kota, or the kab/kota below a province compared); compare (--region A,B[,C,D] side by side); \
        programmes (programmes in and covering --region). Every view in md, csv and json.
        """)
    var view: View = .minutes

    @Option(name: .long, help: ArgumentHelp("Tulis ke berkas ini (utuh atau tidak sama sekali) / write to this file (whole or not at all) instead of standard output.", valueName: "FILE"))
    var out: String?

    /// With --meeting, the minutes of that meeting instead.
    @OptionGroup var meetingOption: MeetingOption
    var meeting: String? { meetingOption.meeting }

    mutating func run() throws {
        let lang = options.language
        if meeting != nil && (since != nil || region != nil || view != .minutes) {
            throw ValidationError("--meeting: " + lang.pick("tanpa --since, --region atau --view (notulen rapat memuat keputusan rapat itu)",
                                                            "without --since, --region or --view (a meeting's minutes hold that meeting's decisions)"))
        }
        var sinceDate: LocalDate?
        if let since {
            guard let date = LocalDate(iso: since) else {
                throw ValidationError("--since: '\(since)' " + lang.pick("bukan tanggal TTTT-BB-HH", "is not a YYYY-MM-DD date"))
            }
            sinceDate = date
        }
        let asOfDay = try options.viewed(try options.loadOrExit(), events: try options.recordedEvents())
        if let notice = asOfDay.notice { printError(notice) }
        let dataset = asOfDay.dataset
        func index(_ text: String) throws -> RegionIndex {
            guard let code = RegionCode(text), let index = dataset.index(of: code) else {
                throw ValidationError("--region: '\(text)' " + lang.pick("tidak ada di wilayah.csv", "is not in wilayah.csv"))
            }
            return index
        }
        let codes = (region ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var regions = try codes.map(index)
        if view == .compare {
            guard (2...AppState.maxMarks).contains(regions.count) else {
                throw ValidationError("--view compare: " + lang.pick("beri 2–4 kode wilayah, mis. --region 32.01,35.17 (sekarang \(regions.count))",
                                                                     "give 2–4 region codes, e.g. --region 32.01,35.17 (now \(regions.count))"))
            }
        } else if regions.count > 1 {
            throw ValidationError("--region: " + lang.pick("satu kode saja (beberapa kode hanya untuk --view compare)", "one code only (several codes only with --view compare)"))
        }
        if regions.isEmpty { regions = [dataset.root] }
        if format == .xlsx && out == nil {
            throw ValidationError("--format xlsx: " + lang.pick("beri --out BERKAS.xlsx (buku kerja tidak ditulis ke terminal)",
                                                                "give --out FILE.xlsx (a workbook is not written to the terminal)"))
        }
        let events = asOfDay.events
        let context = DashboardContext(dataset: dataset, today: try options.todayDate(), events: events)
        if let meeting {
            let found = try MeetingCommand.find(meeting, in: context.followUp.meetings, lang: lang)
            let minutes = MeetingMinutes(meeting: found, dataset: context.dataset, events: events, generatedAt: FollowUpClock.nowISO8601(),
                                         zones: try options.localTimeZones())
            switch format {
            case .md: try write(minutes.markdown(lang), lang: lang)
            case .csv: try write(minutes.csv(), lang: lang)
            case .json: try write(minutes.json(), lang: lang)
            case .xlsx: try writeWorkbook(csv: minutes.csv(), sheet: lang.pick("notulen", "minutes"), dataset: dataset, lang: lang)
            }
            return
        }
        guard format == .xlsx else {
            try write(body(context: context, events: events, regions: regions, sinceDate: sinceDate), lang: lang)
            return
        }
        var asCSV = self
        asCSV.format = .csv
        let table = try asCSV.body(context: context, events: events, regions: regions, sinceDate: sinceDate)
        try writeWorkbook(csv: table, sheet: view == .minutes ? lang.pick("notulen", "minutes") : view.rawValue, dataset: dataset, lang: lang)
    }

    /// The workbook holds the CSV's table, typed, and the sources on their own sheet.
    func writeWorkbook(csv table: String, sheet: String, dataset: Dataset, lang: Language) throws {
        let sources = [["id", "judul", "penerbit", "tahun", "tautan"]] + dataset.sources.values.sorted { $0.id < $1.id }.map {
            [$0.id, $0.title, $0.publisher, $0.year.map(String.init) ?? "", $0.link]
        }
        let sheets = [XlsxSheet(name: sheet, rows: ReportTable.rows(ofCSV: table)),
                      XlsxSheet(name: lang.pick("sumber", "sources"), rows: sources)]
        do {
            try ReportOutput.write(bytes: Array(try XlsxWriter.data(sheets)), to: out)
        } catch let failure as ReportOutput.Failure {
            printError((out ?? "") + ": " + lang.pick("galat: buku kerja tidak dapat ditulis (\(failure.reason)); tidak ada berkas setengah jadi",
                                                    "error: the workbook cannot be written (\(failure.reason)); no partial file is left"))
            throw ExitCode(1)
        }
    }

    /// Writes the report to --out (a temporary file renamed into place: never a truncated
    /// file) or standard output; a failed write prints why and exits 1.
    func write(_ text: String, lang: Language) throws {
        do {
            try ReportOutput.write(text, to: out)
        } catch {
            printError((out ?? "stdout") + ": " + lang.pick("galat: laporan tidak dapat ditulis (\(error.reason)); tidak ada berkas setengah jadi",
                                                          "error: the report cannot be written (\(error.reason)); no partial file is left"))
            throw ExitCode(1)
        }
    }

    func body(context: DashboardContext, events: [FollowUpEvent], regions: [RegionIndex], sinceDate: LocalDate?) throws -> String {
        let lang = options.language
        let regionIndex = regions[0]
        func emit(_ table: DecisionTable) -> String {
            switch format {
            case .md: table.markdown()
            case .csv, .xlsx: table.csv()
            case .json: table.json()
            }
        }
        switch view {
        case .minutes:
            break
        case .targets:
            switch format {
            case .md: return ScoreReports.targets(context.dataset, region: regionIndex, lang: lang)
            case .csv, .xlsx: return ScoreReports.targetsCSV(context.dataset, region: regionIndex)
            case .json: return ScoreReports.targetsJSON(context.dataset, region: regionIndex)
            }
        case .ranking:
            let weights = try options.priorityWeights()
            switch format {
            case .md: return ScoreReports.ranking(context.dataset, region: regionIndex, weights: weights, rollUp: context.rollUp, lang: lang)
            case .csv, .xlsx: return ScoreReports.rankingCSV(context.dataset, region: regionIndex, weights: weights, rollUp: context.rollUp)
            case .json: return ScoreReports.rankingJSON(context.dataset, region: regionIndex, weights: weights, rollUp: context.rollUp)
            }
        case .scorecard:
            return emit(context.dataset.scorecardTable(for: regionIndex, rollUp: context.rollUp, lang: lang))
        case .compare:
            return emit(context.dataset.comparison(of: regions, rollUp: context.rollUp, weights: try options.priorityWeights(), lang: lang))
        case .programmes:
            return emit(context.dataset.programmeTable(for: regionIndex, lang: lang))
        }
        let report = FollowUpReport(dataset: context.dataset, events: events, today: context.today, since: sinceDate,
                                    region: regionIndex, generatedAt: FollowUpClock.nowISO8601(), zones: try options.localTimeZones())
        switch format {
        case .md: return report.markdown(lang)
        case .csv, .xlsx: return report.csv()
        case .json: return report.json()
        }
    }
}

struct Present: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mode presentasi untuk rapat / presentation mode for projected meetings: one region per screen.",
        discussion: """
        Agenda: a text file with one region code per line (# starts a comment); without it,
        the top-level regions of the dataset. Space/n next, BSpace/b previous, t theme,
        p or Esc back to the dashboard, q quits.
        """)

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: ArgumentHelp("Berkas agenda: satu kode wilayah per baris / agenda file: one region code per line.", valueName: "FILE"))
    var agenda: String?

    @OptionGroup var meetingOption: MeetingOption

    @OptionGroup var followOption: FollowOption

    mutating func run() throws {
        var dashboard = Pantau()
        dashboard.options = options
        dashboard.meetingOption = meetingOption
        dashboard.followOption = followOption
        let agendaFile = agenda ?? options.config.agenda
        let fromMeeting = agenda == nil
        dashboard.agendaPresentation = { state in
            try Present.presentation(agendaFile: agendaFile, meetingAgenda: fromMeeting, state: state)
        }
        try dashboard.run()
    }

    /// The agenda's presentation (parsing and its errors: `Agenda` in PantauTUI). With
    /// `meetingAgenda`, the open meeting's agenda comes first, when it has one.
    static func presentation(agendaFile: String?, meetingAgenda: Bool = false, state: AppState) throws -> Presentation {
        if meetingAgenda, let meeting = Agenda.meetingPresentation(state) { return meeting }
        do {
            return try Agenda.presentation(file: agendaFile, dataset: state.dataset)
        } catch {
            throw ValidationError(error.message(state.lang))
        }
    }
}

// --- test-only crash hook ---
/// PANTAU_TEST_CRASH=1: a fatal error right after the first frame is on screen, so the
/// end-to-end tests can check that a crash still gives the terminal back as it was.
final class CrashAfterFirstFrame: TerminalDevice {
    let terminal: TerminalDevice
    init(_ terminal: TerminalDevice) { self.terminal = terminal }
    var size: Size { terminal.size }
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? { terminal.nextEvent(timeoutMilliseconds: timeoutMilliseconds) }
    func present(_ screen: ScreenBuffer) {
        terminal.present(screen)
        fatalError("PANTAU_TEST_CRASH: crashing after the first frame, as asked")
    }
    func restore() { terminal.restore() }
}
// --- end test-only crash hook ---

/// PANTAU_TRACE_STARTUP=1: after the dashboard ends, prints how long each step before
/// the first frame took (docs/performance.md), measured from the start of `main`.
final class StartupTrace: @unchecked Sendable {
    static let shared = StartupTrace()
    let enabled = ProcessInfo.processInfo.environment["PANTAU_TRACE_STARTUP"] == "1"
    private let start = DispatchTime.now().uptimeNanoseconds
    private var marks: [(String, UInt64)] = []

    func mark(_ step: String) {
        guard enabled else { return }
        marks.append((step, DispatchTime.now().uptimeNanoseconds))
    }

    func report() {
        guard enabled else { return }
        var previous = start
        for (step, time) in marks {
            printError(String(format: "startup %-16@ %7.1f ms (at %7.1f ms)", step as NSString,
                              Double(time - previous) / 1e6, Double(time - start) / 1e6))
            previous = time
        }
    }
}

/// Marks the first frame in the startup trace.
final class TracedTerminal: TerminalDevice {
    let terminal: TerminalDevice
    private var first = true
    init(_ terminal: TerminalDevice) { self.terminal = terminal }
    var size: Size { terminal.size }
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? { terminal.nextEvent(timeoutMilliseconds: timeoutMilliseconds) }
    func present(_ screen: ScreenBuffer) {
        terminal.present(screen)
        if first { first = false; StartupTrace.shared.mark("first frame") }
    }
    func restore() { terminal.restore() }
}

Pantau.main()
