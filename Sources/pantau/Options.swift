import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

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
