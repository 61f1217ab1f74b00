import ArgumentParser
import Foundation
import PantauKit
import PantauTUI

extension Language: ExpressibleByArgument {}

/// Options shared by every command that reads a dataset.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Direktori dataset / dataset directory.")
    var data: String = "sample-data"

    @Option(name: .long, help: "Bahasa tampilan / display language: id or en (default: from LANG, else id).")
    var lang: Language?

    @Option(name: .long, help: ArgumentHelp("Tanggal 'hari ini' untuk tenggat / the date deadlines are measured against (YYYY-MM-DD).", valueName: "YYYY-MM-DD"))
    var today: String?

    var language: Language { lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment) }

    func todayDate() throws -> LocalDate {
        guard let today else { return LocalDate.today() }
        guard let date = LocalDate(iso: today) else {
            throw ValidationError("--today: '\(today)' bukan tanggal TTTT-BB-HH / is not a YYYY-MM-DD date")
        }
        return date
    }

    /// Loads the dataset or prints every problem (file:line:column) and exits 1.
    func loadOrExit() throws -> Dataset {
        do {
            let dataset = try DatasetLoader.load(directory: data)
            for warning in dataset.warnings { printError(warning.formatted(language, directory: data)) }
            return dataset
        } catch {
            for issue in error.issues { printError(issue.formatted(language, directory: data)) }
            printError(errorSummary(error.errors.count, language))
            throw ExitCode(1)
        }
    }
}

func errorSummary(_ count: Int, _ lang: Language) -> String {
    lang.pick("\(count) galat; dataset tidak dimuat.", "\(count) error\(count == 1 ? "" : "s"); dataset not loaded.")
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

@main
struct Pantau: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pantau",
        abstract: "Dasbor kemiskinan & stunting di terminal / a terminal dashboard for poverty and stunting follow-up.",
        discussion: """
        Tanpa subperintah, membuka dasbor pada --data (bawaan ./sample-data).
        Without a subcommand, opens the dashboard on --data (default ./sample-data).
        Keys: Tab/S-Tab panes, 1-4 jump, j/k or arrows move, Enter drill, Esc back,
        / filter, s sort, f status filter, o OPD filter, : palette, ? help, q quit.
        """,
        subcommands: [Check.self, ImportWilayah.self, Screen.self]
    )

    @OptionGroup var options: DataOptions

    mutating func run() throws {
        let lang = options.language
        let today = try options.todayDate()
        let dataset = try options.loadOrExit()
        let state = AppState(context: DashboardContext(dataset: dataset, today: today), lang: lang, size: Size(width: 80, height: 24))
        guard isatty(0) == 1, isatty(1) == 1 else {
            printError(lang.pick("pantau perlu terminal interaktif; untuk skrip pakai 'pantau screen'.",
                                 "pantau needs an interactive terminal; for scripts use 'pantau screen'."))
            throw ExitCode(2)
        }
        // NO_COLOR counts when set to anything but the empty string (no-color.org).
        let colour = (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(colour: colour)
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
        let status = runDashboard(state, on: terminal)
        if status != 0 { throw ExitCode(status) }
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
        do {
            let dataset = try DatasetLoader.load(directory: directory)
            for warning in dataset.warnings { print(warning.formatted(language, directory: directory)) }
            let regions = Format.integer(dataset.regions.count - 1, language)
            let figures = Format.integer(dataset.observations.count, language)
            let recommendations = Format.integer(dataset.recommendations.count, language)
            print(language.pick("OK: \(regions) wilayah, \(figures) angka indikator, \(recommendations) rekomendasi",
                                "OK: \(regions) regions, \(figures) indicator figures, \(recommendations) recommendations"))
        } catch {
            for issue in error.issues { print(issue.formatted(language, directory: directory)) }
            print(errorSummary(error.errors.count, language))
            throw ExitCode(1)
        }
    }
}

struct ImportWilayah: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-wilayah",
        abstract: "Buat wilayah.csv dari daftar resmi / write a dataset's wilayah.csv from the official region list.")

    @Argument(help: "Daftar resmi kode,nama / the official list (kode,nama), e.g. ../shared/data/wilayah/wilayah.csv.")
    var file: String

    @Option(name: .long, help: "Direktori tujuan / output directory.")
    var out: String

    @Option(name: .long, help: ArgumentHelp("Hanya kode ini beserta induk dan seluruh turunannya / keep only these codes, their ancestors and all their descendants.", valueName: "KODE,…"))
    var only: String?

    mutating func run() throws {
        let lang = Language.fromEnvironment(ProcessInfo.processInfo.environment)
        var codes: [RegionCode] = []
        for text in (only ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !text.isEmpty {
            guard let code = RegionCode(text), code != .indonesia else {
                throw ValidationError("--only: '\(text)' " + lang.pick("bukan kode wilayah", "is not a region code"))
            }
            codes.append(code)
        }
        let result: WilayahImport.Result
        do {
            result = try WilayahImport.run(input: file, outputDirectory: out, only: codes)
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
        let dataset = try options.loadOrExit()
        var state = AppState(context: DashboardContext(dataset: dataset, today: try options.todayDate()),
                             lang: options.language, size: Size(width: width, height: height))
        reduce(&state, .resize(state.size))
        for key in keyList where !state.shouldQuit { reduce(&state, .key(key)) }
        print(render(state).text())
    }
}
