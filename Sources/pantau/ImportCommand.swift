import ArgumentParser
import Foundation
import PantauKit

/// `pantau import FILE --data DIR`: figures or recommendations from the files offices hold,
/// merged into the dataset's CSV files (docs/importing.md).
struct ImportData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Impor angka atau rekomendasi / import figures or recommendations from a CSV, TSV, TXT or XLSX file into a dataset.",
        discussion: """
        Nothing is written unless the whole import is clean (or --skip-bad-rows); existing
        rows are never removed or replaced. See docs/importing.md. Examples:
          pantau import kemiskinan.csv --data sample-data --indicator kemiskinan \\
            --source bps-jabar-kab-2024 --source-title "Data dan Informasi Kemiskinan 2024" \\
            --publisher "BPS Provinsi Jawa Barat" --year 2024 --dry-run
          pantau import rtl.csv --data sample-data --region 32.01 --siklus "2024 S1"
        """)

    @Argument(help: "Berkas yang diimpor / the file to import (.csv, .tsv, .txt, .xlsx).")
    var file: String

    @Option(name: .long, help: ArgumentHelp("Lembar kerja .xlsx / the workbook sheet (default: the first).", valueName: "NAME"))
    var sheet: String?

    /// --data and --lang (the root command has them too, so they come as the same group;
    /// the other dataset options are not used here). --data is required: an import never
    /// writes into a default directory.
    @OptionGroup var options: DataOptions

    var data: String { options.data }

    @Option(name: .long, help: ArgumentHelp("Pemisah kolom / field delimiter: , ; tab (default: detected, or a sep= first line).", valueName: "CHAR"))
    var delimiter: String?

    @Option(name: .long, help: ArgumentHelp("Pengodean / encoding: utf-8, utf-16, windows-1252 (default: detected).", valueName: "NAME"))
    var encoding: String?

    @Option(name: .long, help: ArgumentHelp("Desimal / decimal mark: comma or dot (default: detected from the values).", valueName: "comma|dot"))
    var decimal: String?

    @Option(name: .long, help: ArgumentHelp("Indikator untuk kolom angka yang tidak menyebutnya / indicator of value columns that do not name one.", valueName: "ID"))
    var indicator: String?

    @Option(name: .long, help: ArgumentHelp("Sumber semua angka / the source of every figure (an id in sumber.csv, or a new one with --source-title).", valueName: "ID"))
    var source: String?

    @Option(name: .customLong("source-title"), help: "Judul sumber baru / title of a new source.")
    var sourceTitle: String?

    @Option(name: .long, help: "Penerbit sumber baru / publisher of a new source.")
    var publisher: String?

    @Option(name: .long, help: "Tahun terbit sumber baru / publication year of a new source.")
    var year: Int?

    @Option(name: .long, help: "Tautan sumber baru / link of a new source.")
    var url: String?

    @Option(name: .long, help: ArgumentHelp("Cari nama wilayah di bawah wilayah ini; rekomendasi tanpa kolom wilayah milik wilayah ini / look names up below this region; recommendations without a region column belong to it.", valueName: "KODE"))
    var region: String?

    @Option(name: .customLong("id-prefix"), help: ArgumentHelp("Awalan id rekomendasi dari kolom No / id prefix for recommendations numbered by a No column (default: from the file name).", valueName: "TEXT"))
    var idPrefix: String?

    @Option(name: .long, help: ArgumentHelp("Asal rekomendasi / origin of recommendations: aks, konvergensi, rakor, lainnya (default aks).", valueName: "ASAL"))
    var asal: String?

    @Option(name: .long, help: ArgumentHelp("Siklus rekomendasi / cycle of recommendations, e.g. \"2024 S1\".", valueName: "TEXT"))
    var siklus: String?

    @Flag(name: .customLong("dry-run"), help: "Tampilkan saja, tulis apa pun tidak / show what would change, write nothing.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Berkas peta tata letak kantor (TOML): opsi dan [columns] \"judul kolom\" = \"nama bawaan\"; opsi baris perintah menang / an office's layout mapping file (TOML): options and [columns] \"file header\" = \"built-in name\"; command-line options win.", valueName: "FILE.toml"))
    var map: String?

    @Flag(name: .customLong("skip-bad-rows"), help: "Lewati baris bermasalah (dicantumkan) dan impor sisanya / skip (and list) bad rows, import the rest.")
    var skipBadRows = false

    mutating func run() throws {
        let language = options.language
        guard options.dataOption != nil else {
            throw ValidationError(language.pick("--data DIR wajib: direktori dataset tujuan", "--data DIR is required: the dataset directory to merge into"))
        }
        var renamedHeaders: [String: String] = [:]
        if let map {
            let layout: ImportMap
            do {
                layout = try ImportMap.load(path: map)
            } catch {
                printError(error.message(language))
                printError(Self.summary(1, language))
                throw ExitCode(1)
            }
            // The command line wins over the file.
            sheet = sheet ?? layout.sheet; delimiter = delimiter ?? layout.delimiter; encoding = encoding ?? layout.encoding
            decimal = decimal ?? layout.decimal; indicator = indicator ?? layout.indicator; source = source ?? layout.source
            sourceTitle = sourceTitle ?? layout.sourceTitle; publisher = publisher ?? layout.publisher; year = year ?? layout.year
            url = url ?? layout.url; region = region ?? layout.region; idPrefix = idPrefix ?? layout.idPrefix
            asal = asal ?? layout.asal; siklus = siklus ?? layout.siklus
            renamedHeaders = layout.columns
        }
        var readOptions = ImportReader.Options()
        readOptions.sheet = sheet
        if let delimiter {
            switch delimiter {
            case ",": readOptions.text.delimiter = 44
            case ";": readOptions.text.delimiter = 59
            case "tab", "\\t", "\t": readOptions.text.delimiter = 9
            case "|": readOptions.text.delimiter = 124
            default: throw ValidationError("--delimiter: '\(delimiter)' " + language.pick("harus , ; tab atau |", "must be , ; tab or |"))
            }
        }
        if let encoding {
            guard let chosen = ImportEncoding(name: encoding) else {
                throw ValidationError("--encoding: '\(encoding)' " + language.pick("harus utf-8, utf-16 atau windows-1252", "must be utf-8, utf-16 or windows-1252"))
            }
            readOptions.text.encoding = chosen
        }
        let currentYear = LocalDate.today().year
        var importOptions = Importer.Options(currentYear: currentYear)
        if let decimal {
            switch decimal.lowercased() {
            case "comma", "koma", ",": importOptions.decimalComma = true
            case "dot", "titik", ".": importOptions.decimalComma = false
            default: throw ValidationError("--decimal: '\(decimal)' " + language.pick("harus comma atau dot", "must be comma or dot"))
            }
        }
        if let indicator {
            guard let id = IndicatorID(rawValue: indicator) else {
                throw ValidationError("--indicator: " + DataProblem.unknownIndicator(indicator).message(language))
            }
            importOptions.indicator = id
        }
        if let region {
            guard let code = RegionCode(region) else {
                throw ValidationError("--region: " + DataProblem.badRegionCode(region).message(language))
            }
            importOptions.region = code
        }
        if let asal {
            guard let origin = RecommendationOrigin(rawValue: asal) else {
                throw ValidationError("--asal: " + DataProblem.badChoice(value: asal, allowed: RecommendationOrigin.allCases.map(\.rawValue)).message(language))
            }
            importOptions.origin = origin
        }
        if let source, source.trimmingCharacters(in: .whitespaces).isEmpty || source.contains(where: { $0.isNewline }) {
            throw ValidationError("--source: " + language.pick("id sumber tidak boleh kosong", "the source id must not be empty"))
        }
        importOptions.sourceID = source
        importOptions.sourceTitle = sourceTitle
        importOptions.publisher = publisher
        importOptions.sourceYear = year
        importOptions.url = url
        importOptions.idPrefix = idPrefix
        importOptions.cycle = siklus
        importOptions.skipBadRows = skipBadRows
        importOptions.renamedHeaders = renamedHeaders

        let dataset: Dataset
        let files: [String: [UInt8]]
        do {
            dataset = try DatasetLoader.load(directory: data, currentYear: currentYear)
            files = try Importer.readDatasetFiles(data)
        } catch let error as DatasetLoadError {
            for issue in error.issues { printError(issue.formatted(language, directory: data)) }
            printError(errorSummary(error.errors.count, language))
            throw ExitCode(1)
        }
        let table: ImportTable
        switch ImportReader.read(path: file, options: readOptions) {
        case .success(let read): table = read
        case .failure(let issue):
            printError(issue.formatted(language))
            printError(Self.summary(1, language))
            throw ExitCode(1)
        }
        let plan = Importer.plan(table: table, dataset: dataset, datasetFiles: files, options: importOptions)
        for issue in plan.issues { printError(issue.formatted(language)) }
        if !plan.isClean {
            printError(Self.summary(plan.errors.count, language))
            throw ExitCode(1)
        }
        for name in DatasetLoader.knownFiles {
            guard let rows = plan.added[name], !rows.isEmpty else { continue }
            if dryRun {
                for row in rows { print(DisplayText.sanitize("+ \(name): " + row.map(CSVWriter.escape).joined(separator: ","))) }
            }
        }
        var parts: [String] = []
        for name in DatasetLoader.knownFiles {
            if let rows = plan.added[name], !rows.isEmpty {
                parts.append(language.pick("\(name) +\(Format.integer(rows.count, language)) baris", "\(name) +\(Format.integer(rows.count, language)) rows"))
            }
        }
        if parts.isEmpty { parts.append(language.pick("tidak ada baris baru", "no new rows")) }
        if plan.unchanged > 0 {
            parts.append(language.pick("\(Format.integer(plan.unchanged, language)) sudah ada dengan nilai sama", "\(Format.integer(plan.unchanged, language)) already there with the same value"))
        }
        if plan.missingCells > 0 {
            parts.append(language.pick("\(Format.integer(plan.missingCells, language)) sel tanpa angka dilewati", "\(Format.integer(plan.missingCells, language)) cells without a figure left out"))
        }
        if dryRun {
            print(DisplayText.sanitize(language.pick("uji coba, tidak ada yang ditulis: ", "dry run, nothing written: ") + parts.joined(separator: "; ")))
            return
        }
        do {
            try Importer.write(plan, to: data)
        } catch let error as CSVFileError {
            printError(ImportIssue(file: error.path, location: .file, problem: .cannotWrite(path: error.path, errno: error.errno)).formatted(language))
            throw ExitCode(1)
        }
        print(DisplayText.sanitize(language.pick("ditulis ke \(data): ", "written to \(data): ") + parts.joined(separator: "; ")))
    }

    static func summary(_ count: Int, _ lang: Language) -> String {
        lang.pick("\(count) galat; tidak ada yang ditulis.", "\(count) error\(count == 1 ? "" : "s"); nothing written.")
    }
}
