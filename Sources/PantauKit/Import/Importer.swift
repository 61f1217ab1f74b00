import Foundation

/// `pantau import`: turns a table read from a CSV, TSV, TXT or workbook file into contract
/// rows, merges them into a dataset's files, checks the result with `DatasetLoader` (the
/// one set of dataset rules) and writes it only when the whole import is clean.
public enum Importer {
    public struct Options: Sendable {
        public var indicator: IndicatorID?
        public var sourceID: String?
        public var sourceTitle: String?
        public var publisher: String?
        public var sourceYear: Int?
        public var url: String?
        /// Names of regions are looked up below this region (and recommendations without a
        /// region column belong to it).
        public var region: RegionCode?
        public var idPrefix: String?
        public var origin: RecommendationOrigin?
        public var cycle: String?
        public var decimalComma: Bool?
        public var skipBadRows = false
        public var currentYear: Int
        /// A mapping file's `[columns]`: a header as the office's file spells it (folded,
        /// `ImportVocabulary.fold`) → the built-in header name it means (folded).
        public var renamedHeaders: [String: String] = [:]

        public init(currentYear: Int) { self.currentYear = currentYear }
    }

    public struct Plan: Sendable {
        public var issues: [ImportIssue] = []
        /// Rows that the import adds, per contract file, in the contract's column order.
        public var added: [String: [[String]]] = [:]
        /// Rows already in the dataset with the same value.
        public var unchanged = 0
        /// Cells that hold no figure (`–`, `N/A`, empty) and were left out.
        public var missingCells = 0
        /// The new content of every file that changes, in the order to write them.
        public var files: [(name: String, bytes: [UInt8])] = []

        public var errors: [ImportIssue] { issues.filter { $0.severity == .error } }
        public var isClean: Bool { errors.isEmpty }
    }

    // MARK: Planning

    public static func plan(table: ImportTable, dataset: Dataset, datasetFiles: [String: [UInt8]], options: Options) -> Plan {
        var context = Context(table: table, dataset: dataset, files: datasetFiles, options: options)
        context.run()
        var plan = context.plan
        // In the order of the file: whole-file problems first, then by line and column
        // (or row and column); a stable sort keeps the order of problems at one place.
        func order(_ location: ImportLocation) -> (Int, Int) {
            switch location {
            case .file: return (0, 0)
            case .text(let line, let column): return (line, column)
            case .cell(_, let column, let row): return (row, column + 1)
            }
        }
        plan.issues = plan.issues.enumerated().sorted { a, b in
            let x = order(a.element.location), y = order(b.element.location)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        return plan
    }

    /// Reads the contract files of a dataset directory (those that exist).
    public static func readDatasetFiles(_ directory: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in DatasetLoader.knownFiles {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            // The loader's size bound, before reading (the merged files are loaded by it anyway).
            files[name] = try CSVReader.readWholeFile(path: path, limit: DatasetLoader.maxFileBytes)
        }
        return files
    }

    /// Writes each changed file through a temporary file and a rename, `sumber.csv` first,
    /// so that a crash in between leaves a valid dataset (a source nobody cites yet).
    public static func write(_ plan: Plan, to directory: String) throws {
        for (name, bytes) in plan.files {
            let path = (directory as NSString).appendingPathComponent(name)
            let temporary = (directory as NSString).appendingPathComponent(".\(name).import-\(getpid()).tmp")
            let data = Data(bytes)
            guard FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw CSVFileError(path: temporary, errno: errno)
            }
            let fd = open(temporary, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
            if rename(temporary, path) != 0 {
                let code = errno
                unlink(temporary)
                throw CSVFileError(path: path, errno: code)
            }
        }
    }

    // MARK: The work

    struct Figure {
        var code: RegionCode
        var indicator: IndicatorID
        var year: Int
        var value: String
        var source: String
        var location: ImportLocation
        var row: Int
        var key: String { "\(code.text) \(indicator.rawValue) \(year) \(source)" }
    }

    struct NewRecommendation {
        var fields: [String]  // contract order
        var location: ImportLocation
        var row: Int
    }

    enum Role {
        case region(ImportVocabulary.RegionRole)
        case year, indicator, source, unit
        case value(ImportVocabulary.ValueHeader)
        case recommendation(ImportVocabulary.RecommendationField)
    }

    struct Context {
        let table: ImportTable
        let dataset: Dataset
        let files: [String: [UInt8]]
        let options: Options
        let matcher: RegionMatcher
        var plan = Plan()
        /// Rows with an error (skipped with --skip-bad-rows).
        var badRows: Set<Int> = []
        var headerRow = 0
        var roles: [Int: Role] = [:]
        var headers: [String] = []

        init(table: ImportTable, dataset: Dataset, files: [String: [UInt8]], options: Options) {
            self.table = table; self.dataset = dataset; self.files = files; self.options = options
            self.matcher = RegionMatcher(dataset: dataset)
        }

        mutating func fileError(_ location: ImportLocation, _ problem: ImportProblem) {
            plan.issues.append(ImportIssue(file: table.file, location: location, problem: problem))
        }

        mutating func rowError(_ row: Int, _ location: ImportLocation, _ problem: ImportProblem) {
            badRows.insert(row)
            plan.issues.append(ImportIssue(file: table.file, location: location, severity: options.skipBadRows ? .warning : .error, problem: problem))
        }

        mutating func note(_ location: ImportLocation, _ problem: ImportProblem) {
            plan.issues.append(ImportIssue(file: table.file, location: location, severity: .note, problem: problem))
        }

        func cell(_ row: Int, _ column: Int) -> ImportCell? {
            let cells = table.rows[row]
            return column < cells.count ? cells[column] : nil
        }

        func text(_ row: Int, _ column: Int?) -> String {
            guard let column, let cell = cell(row, column) else { return "" }
            return cell.text.trimmingCharacters(in: .whitespaces)
        }

        func location(_ row: Int, _ column: Int) -> ImportLocation {
            cell(row, column)?.location ?? table.locate(row, column)
        }

        mutating func run() {
            // The header: the first row with at least two cells filled (a title line above
            // a BPS table has one).
            guard let header = table.rows.firstIndex(where: { $0.filter { !$0.isEmpty }.count >= 2 })
                    ?? table.rows.firstIndex(where: { $0.contains { !$0.isEmpty } }) else {
                fileError(.file, .noHeader)
                return
            }
            headerRow = header
            headers = table.rows[header].map { $0.text.trimmingCharacters(in: .whitespaces) }
            if table.headerDepth == 2, header + 1 < table.rows.count {
                // `P0` merged over `2023 | 2024` → `P0 2023`, `P0 2024`; a cell merged down
                // (`Kabupaten/Kota` over two rows) is read once.
                let below = table.rows[header + 1].map { $0.text.trimmingCharacters(in: .whitespaces) }
                for column in 0..<max(headers.count, below.count) {
                    let top = column < headers.count ? headers[column] : ""
                    let bottom = column < below.count ? below[column] : ""
                    let joined = top == bottom || bottom.isEmpty ? top : (top.isEmpty ? bottom : top + " " + bottom)
                    if column < headers.count { headers[column] = joined } else { headers.append(joined) }
                }
                headerRow = header + 1
            }
            while let last = headers.last, last.isEmpty { headers.removeLast() }
            let original = headers.map(ImportVocabulary.fold)
            let folded = original.map { options.renamedHeaders[$0] ?? $0 }
            let recommendations = folded.contains {
                let field = ImportVocabulary.recommendationField($0)
                return field == .recommendation || field == .followUp
            }
            for (column, name) in folded.enumerated() where !name.isEmpty {
                let location = self.location(header, column)
                // A mapping file cannot make a column that identifies a person importable.
                if ImportVocabulary.isPersonal(name, recommendations: recommendations)
                    || ImportVocabulary.isPersonal(original[column], recommendations: recommendations) {
                    note(location, .personColumn(headers[column]))
                    continue
                }
                if let role = ImportVocabulary.regionRole(name, recommendations: recommendations) {
                    roles[column] = .region(role)
                } else if recommendations, let field = ImportVocabulary.recommendationField(name) {
                    roles[column] = .recommendation(field)
                } else if ImportVocabulary.isYearHeader(name) {
                    roles[column] = .year
                } else if !recommendations, ImportVocabulary.isIndicatorHeader(name) {
                    roles[column] = .indicator
                } else if !recommendations, ImportVocabulary.isSourceHeader(name) {
                    roles[column] = .source
                } else if !recommendations, ImportVocabulary.isUnitHeader(name) {
                    roles[column] = .unit
                } else if !recommendations, ImportVocabulary.isValueHeader(name) {
                    roles[column] = .value(ImportVocabulary.ValueHeader(year: nil, indicator: nil, scale: 1, rest: ""))
                } else if !recommendations, case let parsed = ImportVocabulary.valueHeader(name), parsed.year != nil || parsed.indicator != nil {
                    roles[column] = .value(parsed)
                } else {
                    note(location, .unusedColumn(headers[column]))
                }
            }
            if recommendations { runRecommendations() } else { runFigures() }
        }

        // MARK: Regions

        var regionColumns: [(column: Int, role: ImportVocabulary.RegionRole)] {
            roles.compactMap { column, role in
                if case .region(let region) = role { return (column, region) }
                return nil
            }.sorted { $0.column < $1.column }
        }

        var scope: RegionIndex {
            options.region.flatMap { dataset.index(of: $0) } ?? dataset.root
        }

        /// The row's region, or nil after reporting why not. `fallback` is used when every
        /// region cell is empty.
        mutating func region(of row: Int, fallback: RegionIndex?) -> RegionIndex? {
            let columns = regionColumns
            func level(_ role: ImportVocabulary.RegionRole) -> Int {
                switch role {
                case .code(let level), .name(let level): return level?.rawValue ?? 5
                }
            }
            // Codes: the most specific filled one decides.
            let codes = columns.filter { if case .code = $0.role { return true } else { return false } }
                .sorted { level($0.role) > level($1.role) }
            let names = columns.filter { if case .name = $0.role { return true } else { return false } }
            for (column, role) in codes {
                let value = text(row, column)
                if ImportVocabulary.isMissing(value) { continue }
                // A BPS code below kab/kota is matched by the name of the same level.
                let codeLevel: RegionLevel? = { if case .code(let l) = role { return l } else { return nil } }()
                let name = names.first { if case .name(let l) = $0.role { return l == codeLevel || l == nil || codeLevel == nil } else { return false } }
                    .map { text(row, $0.column) }
                switch matcher.match(code: value, name: name) {
                case .region(let index): return index
                case .problem(let problem): rowError(row, location(row, column), problem); return nil
                }
            }
            // Names: from the broadest down, each within the one above.
            var current = scope
            var matchedAny = false
            let ordered = names.sorted { level($0.role) < level($1.role) }
            for (column, role) in ordered {
                let value = text(row, column)
                if ImportVocabulary.isMissing(value) { continue }
                guard case .name(let level) = role else { continue }
                switch matcher.match(name: value, within: current, level: level) {
                case .region(let index): current = index; matchedAny = true
                case .problem(let problem): rowError(row, location(row, column), problem); return nil
                }
            }
            if matchedAny { return current }
            if let fallback { return fallback }
            rowError(row, location(row, columns.first?.column ?? 0), .missingRegion)
            return nil
        }

        // MARK: Figures

        mutating func runFigures() {
            if regionColumns.isEmpty { fileError(location(headerRow, 0), .noRegionColumn); return }
            let yearColumn = roles.first { if case .year = $0.value { return true } else { return false } }?.key
            let indicatorColumn = roles.first { if case .indicator = $0.value { return true } else { return false } }?.key
            let sourceColumn = roles.first { if case .source = $0.value { return true } else { return false } }?.key
            let unitColumn = roles.first { if case .unit = $0.value { return true } else { return false } }?.key
            // Value columns with their indicator (nil: from the indikator column) and year
            // (nil: from the tahun column).
            var values: [(column: Int, indicator: IndicatorID?, year: Int?, scale: Int)] = []
            for (column, role) in roles.sorted(by: { $0.key < $1.key }) {
                guard case .value(let header) = role else { continue }
                let location = self.location(headerRow, column)
                var indicator: IndicatorID?
                switch header.indicator {
                case .indicator(let id):
                    if let chosen = options.indicator, chosen != id {
                        note(location, .otherIndicatorColumn(column: headers[column], indicator: id.rawValue)); continue
                    }
                    indicator = id
                case .stuntingUnclear:
                    guard let chosen = options.indicator, chosen == .stunting || chosen == .stuntingUkur else {
                        fileError(location, .ambiguousStunting(column: headers[column])); continue
                    }
                    indicator = chosen
                case nil:
                    if !header.rest.isEmpty && options.indicator == nil && indicatorColumn == nil {
                        fileError(location, .noIndicator(column: headers[column])); continue
                    }
                    indicator = options.indicator
                    if indicator == nil && indicatorColumn == nil { fileError(location, .noIndicator(column: headers[column])); continue }
                }
                if header.year == nil && yearColumn == nil { fileError(location, .noYear); continue }
                values.append((column, indicator, header.year, header.scale))
            }
            if values.isEmpty && plan.isClean { fileError(location(headerRow, 0), .noValueColumn) }
            if options.sourceID == nil && sourceColumn == nil { fileError(.file, .noSource) }
            guard plan.isClean else { return }

            var numberTexts: [String] = []
            if options.decimalComma == nil {
                for row in (headerRow + 1)..<table.rows.count {
                    for value in values {
                        if let cell = cell(row, value.column), cell.number == nil, !cell.text.isEmpty { numberTexts.append(cell.text) }
                    }
                }
            }
            let decimalComma = options.decimalComma ?? ImportVocabulary.decimalComma(of: numberTexts)

            var figures: [Figure] = []
            figures.reserveCapacity((table.rows.count - headerRow) * values.count)
            for row in (headerRow + 1)..<table.rows.count {
                let cells = table.rows[row]
                if cells.allSatisfy(\.isEmpty) { continue }
                // A note line under a table ("Sumber: BPS") has no figure: skip it quietly.
                let hasFigure = values.contains { value in
                    guard let cell = cell(row, value.column) else { return false }
                    return cell.error != nil || !ImportVocabulary.isMissing(cell.text)
                }
                if !hasFigure { plan.missingCells += values.count; continue }
                guard let region = region(of: row, fallback: nil) else { continue }
                let code = dataset.region(region).code
                var rowYear: Int?
                if let yearColumn {
                    let text = self.text(row, yearColumn)
                    if let year = Int(text.hasSuffix(".0") ? String(text.dropLast(2)) : text), text.count >= 4, FieldRules.years.contains(year) {
                        rowYear = year
                    }
                }
                var rowIndicator: IndicatorID?
                if let indicatorColumn {
                    let text = self.text(row, indicatorColumn)
                    // A contract id (`stunting`) is that indicator; other names go through the synonyms.
                    switch IndicatorID(rawValue: text).map(ImportVocabulary.IndicatorMatch.indicator) ?? ImportVocabulary.indicator(ImportVocabulary.fold(text)) {
                    case .indicator(let id): rowIndicator = id
                    case .stuntingUnclear:
                        if let chosen = options.indicator, chosen == .stunting || chosen == .stuntingUkur { rowIndicator = chosen } else {
                            rowError(row, location(row, indicatorColumn), .ambiguousStunting(column: text))
                        }
                    case nil:
                        rowError(row, location(row, indicatorColumn), .data(.unknownIndicator(text)))
                    }
                }
                var unitScale = 1
                if let unitColumn {
                    let text = self.text(row, unitColumn)
                    if let scale = ImportVocabulary.unitScale(text) { unitScale = scale } else {
                        rowError(row, location(row, unitColumn), .badUnit(text)); continue
                    }
                }
                let source = options.sourceID ?? text(row, sourceColumn)
                for value in values {
                    guard let cell = cell(row, value.column) else { plan.missingCells += 1; continue }
                    if let error = cell.error { rowError(row, cell.location, .formulaError(error)); continue }
                    guard let indicator = value.indicator ?? rowIndicator else { continue }
                    guard let year = value.year ?? rowYear else {
                        if let yearColumn { rowError(row, location(row, yearColumn), .data(.badYear(text(row, yearColumn)))) }
                        continue
                    }
                    let reading: ImportVocabulary.NumberReading
                    if cell.number != nil {
                        // A workbook number: its text is already the shortest decimal form.
                        reading = ImportVocabulary.number(cell.text, decimalComma: false, scale: value.scale * unitScale)
                    } else {
                        reading = ImportVocabulary.number(cell.text, decimalComma: decimalComma, scale: value.scale * unitScale)
                    }
                    switch reading {
                    case .missing: plan.missingCells += 1
                    case .bad: rowError(row, cell.location, .badNumber(cell.text))
                    case .number(let text):
                        figures.append(Figure(code: code, indicator: indicator, year: year, value: text, source: source, location: cell.location, row: row))
                    }
                }
            }
            mergeFigures(figures)
        }

        /// Existing indikator.csv rows (contract order) with their line.
        func existingRows(_ name: String) -> [(fields: [String], line: Int)] {
            guard let bytes = files[name], let document = try? CSVReader.parse(bytes), let header = document.header else { return [] }
            let columns = DatasetLoader.columns[name]!
            let positions = columns.map { column in header.fields.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == column } }
            return document.records.map { record in
                (positions.map { $0.map { record.fields[$0] } ?? "" }, record.line)
            }
        }

        mutating func mergeFigures(_ figures: [Figure]) {
            // Within the file: the same key twice is fine with the same value, a conflict otherwise.
            var seen: [String: Int] = [:]
            var unique: [Figure] = []
            for figure in figures {
                if badRows.contains(figure.row) && options.skipBadRows { continue }
                if let index = seen[figure.key] {
                    let first = unique[index]
                    if NumberParser.parse(first.value)?.value != NumberParser.parse(figure.value)?.value {
                        rowError(figure.row, figure.location, .repeatedInImport(key: figure.key, first: String(first.location.suffix.dropFirst()), firstValue: first.value, value: figure.value))
                    }
                    continue
                }
                seen[figure.key] = unique.count
                unique.append(figure)
            }
            let existing = existingRows("indikator.csv")
            var existingByKey: [String: (value: String, line: Int)] = [:]
            for (fields, line) in existing { existingByKey["\(fields[0]) \(fields[1]) \(fields[2]) \(fields[4])"] = (fields[3], line) }
            var added: [Figure] = []
            for figure in unique {
                if let old = existingByKey[figure.key] {
                    if NumberParser.parse(old.value)?.value == NumberParser.parse(figure.value)?.value {
                        plan.unchanged += 1
                    } else {
                        rowError(figure.row, figure.location, .conflict(key: figure.key, file: "indikator.csv", line: old.line, existing: old.value, given: figure.value))
                    }
                    continue
                }
                added.append(figure)
            }
            if options.skipBadRows { added.removeAll { badRows.contains($0.row) } }
            let entry = sourceEntry(needed: !added.isEmpty)
            let sourceRow = added.isEmpty ? nil : entry
            guard plan.isClean else { return }
            var newRows = added.map { ([$0.code.text, $0.indicator.rawValue, String($0.year), $0.value, $0.source], $0.location, $0.row) }
            var attempt = 0
            while true {
                var merged: [(fields: [String], origin: ImportLocation?, row: Int?)] = existing.map { ($0.fields, nil, nil) }
                merged += newRows.map { ($0.0, $0.1, $0.2) }
                merged = Importer.sortedFigures(merged)
                var changed: [(String, [UInt8], [Int: (ImportLocation, Int)])] = []
                if let sourceRow {
                    changed.append(("sumber.csv", Importer.sortedSources(existingRows("sumber.csv").map(\.fields) + [sourceRow]), [:]))
                }
                if !newRows.isEmpty {
                    var origins: [Int: (ImportLocation, Int)] = [:]
                    for (index, row) in merged.enumerated() {
                        if let origin = row.origin, let r = row.row { origins[index + 2] = (origin, r) }
                    }
                    changed.append(("indikator.csv", Importer.csvBytes(header: DatasetLoader.columns["indikator.csv"]!, rows: merged.map(\.fields)), origins))
                }
                let failedRows = validate(changed)
                if failedRows.isEmpty || !options.skipBadRows || attempt > 2 { break }
                newRows.removeAll { failedRows.contains($0.2) }
                attempt += 1
            }
            plan.added["indikator.csv"] = Importer.sortedFigures(newRows.map { ($0.0, (), nil) }).map(\.fields)
            if let sourceRow { plan.added["sumber.csv"] = [sourceRow] }
        }

        /// The new `sumber.csv` row for `--source` with a title, or nil when the source is
        /// already there (reporting any field that differs).
        mutating func sourceEntry(needed: Bool) -> [String]? {
            guard let id = options.sourceID else { return nil }
            let existing = existingRows("sumber.csv").first { $0.fields[0] == id }
            let given: [(String, String?)] = [("judul", options.sourceTitle), ("penerbit", options.publisher),
                                              ("tahun", options.sourceYear.map(String.init)), ("tautan", options.url)]
            if let existing {
                for (offset, (field, value)) in given.enumerated() {
                    if let value, value != existing.fields[offset + 1] {
                        fileError(.file, .sourceDiffers(id: id, field: field, existing: existing.fields[offset + 1], given: value))
                    }
                }
                return nil
            }
            guard let title = options.sourceTitle, !title.isEmpty else {
                if needed { fileError(.file, .sourceNeedsTitle(id)) }
                return nil
            }
            return [id, title, options.publisher ?? "", options.sourceYear.map(String.init) ?? "", options.url ?? ""]
        }

        /// Loads the dataset with `changed` files in place of its own. Problems on rows
        /// that came from the import are reported where they are in the imported file.
        /// Gives the imported rows that failed.
        mutating func validate(_ changed: [(String, [UInt8], [Int: (ImportLocation, Int)])]) -> Set<Int> {
            var all = files
            for (name, bytes, _) in changed { all[name] = bytes }
            plan.files = changed.map { ($0.0, $0.1) }
            do {
                _ = try DatasetLoader.load(files: all, currentYear: options.currentYear, directory: dataset.directory)
                return []
            } catch {
                var failed: Set<Int> = []
                for issue in error.issues where issue.severity == .error {
                    if let (_, _, origins) = changed.first(where: { $0.0 == issue.file }), let (location, row) = origins[issue.line] {
                        failed.insert(row)
                        rowError(row, location, .data(issue.problem))
                    } else {
                        plan.issues.append(ImportIssue(file: (dataset.directory as NSString).appendingPathComponent(issue.file),
                                                       location: issue.line > 0 ? .text(line: issue.line, column: issue.column) : .file,
                                                       problem: .data(issue.problem)))
                    }
                }
                if options.skipBadRows && !failed.isEmpty { plan.files = [] }
                return failed
            }
        }

        // MARK: Recommendations

        mutating func runRecommendations() {
            func column(_ field: ImportVocabulary.RecommendationField) -> Int? {
                roles.filter { if case .recommendation(let f) = $0.value { return f == field } else { return false } }.keys.min()
            }
            let idColumn = column(.id), numberColumn = column(.number)
            let prefix = options.idPrefix ?? Importer.idPrefix(fileName: table.file)
            var rows: [NewRecommendation] = []
            let fallback: RegionIndex? = options.region.flatMap { dataset.index(of: $0) }
            if let code = options.region, fallback == nil { fileError(.file, .regionNotInDataset(code.text)); return }
            if regionColumns.isEmpty && fallback == nil { fileError(location(headerRow, 0), .noRegionColumn); return }
            for row in (headerRow + 1)..<table.rows.count {
                if table.rows[row].allSatisfy(\.isEmpty) { continue }
                var text: [ImportVocabulary.RecommendationField: String] = [:]
                for field in ImportVocabulary.RecommendationField.allCases {
                    if let c = column(field) { text[field] = self.text(row, c) }
                }
                let recommendationText = [text[.recommendation], text[.followUp]].compactMap { $0 }.filter { !$0.isEmpty }
                if recommendationText.isEmpty && (text[.finding] ?? "").isEmpty { continue }  // a heading or spacer row
                guard let region = region(of: row, fallback: fallback) else { continue }
                var id = text[.id] ?? ""
                if id.isEmpty, let number = text[.number], !number.isEmpty {
                    // A plain number gets the prefix (`RTL-BOGOR-2024S1-01`); a No that is already
                    // an id (`R-01`) is kept.
                    let digits = number.hasSuffix(".0") ? String(number.dropLast(2)) : number
                    if digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                        id = prefix + "-" + (digits.count == 1 ? "0" + digits : digits)
                    } else {
                        id = digits
                    }
                }
                if id.isEmpty {
                    rowError(row, location(row, idColumn ?? numberColumn ?? 0), .noRecommendationID); continue
                }
                var recommendation = text[.recommendation] ?? ""
                if let followUp = text[.followUp], !followUp.isEmpty {
                    recommendation = recommendation.isEmpty ? followUp : recommendation + " (RTL: " + followUp + ")"
                }
                var deadline = ""
                if let c = column(.deadline), let cell = cell(row, c) {
                    if let date = cell.date { deadline = date.iso } else {
                        switch ImportVocabulary.deadline(cell.text) {
                        case .none: break
                        case .date(let date): deadline = date.iso
                        case .bad: rowError(row, cell.location, .badDeadline(cell.text)); continue
                        }
                    }
                }
                let statusText = text[.status] ?? ""
                guard let status = ImportVocabulary.status(statusText) else {
                    rowError(row, location(row, column(.status) ?? 0), .badStatus(statusText)); continue
                }
                var origin = options.origin ?? .aks
                if let originText = text[.origin], !originText.isEmpty {
                    guard let parsed = ImportVocabulary.origin(originText) else {
                        rowError(row, location(row, column(.origin)!), .badOrigin(originText)); continue
                    }
                    origin = parsed
                }
                let category = (text[.category].flatMap { $0.isEmpty ? nil : $0 }) ?? text[.target] ?? ""
                let cycle = (text[.cycle].flatMap { $0.isEmpty ? nil : $0 }) ?? options.cycle ?? ""
                let fields = [id, dataset.region(region).code.text, cycle, origin.rawValue, category, text[.finding] ?? "",
                              recommendation, text[.owner] ?? "", deadline, status.rawValue]
                rows.append(NewRecommendation(fields: fields, location: location(row, idColumn ?? numberColumn ?? 0), row: row))
            }
            mergeRecommendations(rows)
        }

        mutating func mergeRecommendations(_ rows: [NewRecommendation]) {
            let columns = DatasetLoader.columns["rekomendasi.csv"]!
            let existing = existingRows("rekomendasi.csv")
            var byID: [String: (fields: [String], line: Int)] = [:]
            for row in existing { byID[row.fields[0]] = row }
            var seen: [String: NewRecommendation] = [:]
            var added: [NewRecommendation] = []
            for row in rows {
                if badRows.contains(row.row) && options.skipBadRows { continue }
                let id = row.fields[0]
                if let first = seen[id] {
                    if first.fields != row.fields {
                        rowError(row.row, row.location, .repeatedInImport(key: "id \(id)", first: String(first.location.suffix.dropFirst()),
                                                                          firstValue: first.fields[6], value: row.fields[6]))
                    }
                    continue
                }
                seen[id] = row
                if let old = byID[id] {
                    if old.fields == row.fields { plan.unchanged += 1; continue }
                    let differing = (0..<columns.count).first { old.fields[$0] != row.fields[$0] }!
                    rowError(row.row, row.location, .conflict(key: "id \(id) (\(columns[differing]))", file: "rekomendasi.csv", line: old.line,
                                                              existing: old.fields[differing], given: row.fields[differing]))
                    continue
                }
                added.append(row)
            }
            guard plan.isClean else { return }
            var newRows = added
            var attempt = 0
            while !newRows.isEmpty {
                var merged: [(fields: [String], origin: NewRecommendation?)] = existing.map { ($0.fields, nil) } + newRows.map { ($0.fields, $0) }
                merged.sort { a, b in
                    let ca = RegionCode(a.fields[1]) ?? .indonesia, cb = RegionCode(b.fields[1]) ?? .indonesia
                    return ca != cb ? ca < cb : a.fields[0] < b.fields[0]
                }
                var origins: [Int: (ImportLocation, Int)] = [:]
                for (index, row) in merged.enumerated() { if let origin = row.origin { origins[index + 2] = (origin.location, origin.row) } }
                let failed = validate([("rekomendasi.csv", Importer.csvBytes(header: columns, rows: merged.map(\.fields)), origins)])
                if failed.isEmpty || !options.skipBadRows || attempt > 2 { break }
                newRows.removeAll { failed.contains($0.row) }
                attempt += 1
            }
            plan.added["rekomendasi.csv"] = newRows.map(\.fields).sorted { a, b in
                let ca = RegionCode(a[1]) ?? .indonesia, cb = RegionCode(b[1]) ?? .indonesia
                return ca != cb ? ca < cb : a[0] < b[0]
            }
        }
    }

    // MARK: Output helpers

    /// The contract order of `indikator.csv` as `pantau import` writes it: region code,
    /// indicator (the order of the indicator table), year, source.
    static func sortedFigures<T>(_ rows: [(fields: [String], origin: T, row: Int?)]) -> [(fields: [String], origin: T, row: Int?)] {
        let keyed = rows.map { row -> (RegionCode, Int, String, String, Int) in
            (RegionCode(row.fields[0]) ?? .indonesia, IndicatorID(rawValue: row.fields[1])?.order ?? 99, row.fields[2], row.fields[4], 0)
        }
        let order = rows.indices.sorted { a, b in
            let x = keyed[a], y = keyed[b]
            if x.0 != y.0 { return x.0 < y.0 }
            if x.1 != y.1 { return x.1 < y.1 }
            if x.2 != y.2 { return x.2 < y.2 }
            if x.3 != y.3 { return x.3 < y.3 }
            return a < b
        }
        return order.map { rows[$0] }
    }

    static func sortedSources(_ rows: [[String]]) -> [UInt8] {
        csvBytes(header: DatasetLoader.columns["sumber.csv"]!, rows: rows.sorted { $0[0] < $1[0] })
    }

    static func csvBytes(header: [String], rows: [[String]]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(rows.count * 48)
        output.append(contentsOf: header.joined(separator: ",").utf8)
        output.append(10)
        for row in rows {
            var first = true
            for field in row {
                if !first { output.append(44) }
                first = false
                output.append(contentsOf: CSVWriter.escape(field).utf8)
            }
            output.append(10)
        }
        return output
    }

    /// `rtl-bogor-2024s1.csv` → `RTL-BOGOR-2024S1`: the default id prefix of imported
    /// recommendations, so that importing the same file again gives the same ids.
    static func idPrefix(fileName: String) -> String {
        let stem = ((fileName as NSString).lastPathComponent as NSString).deletingPathExtension
        var output = ""
        var dash = false
        for scalar in ImportVocabulary.fold(stem).uppercased().unicodeScalars {
            if scalar == " " { dash = true; continue }
            if dash && !output.isEmpty { output.append("-") }
            dash = false
            output.unicodeScalars.append(scalar)
        }
        return output.isEmpty ? "IMPOR" : output
    }
}
