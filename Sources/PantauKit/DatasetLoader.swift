import Foundation

/// Loads a contract-v1 dataset directory. Every problem in every file is collected and
/// reported together; a dataset with any error is never returned half-loaded.
public enum DatasetLoader {
    public static let knownFiles = ["wilayah.csv", "sumber.csv", "indikator.csv", "target.csv",
                                    "rekomendasi.csv", "konvergensi.csv", "program.csv"]

    /// The contract columns of each known file, in the documented order.
    public static let columns: [String: [String]] = [
        "wilayah.csv": ["kode", "nama"],
        "sumber.csv": ["id", "judul", "penerbit", "tahun", "tautan"],
        "indikator.csv": ["kode", "indikator", "tahun", "nilai", "sumber"],
        "target.csv": ["kode", "indikator", "tahun", "nilai", "dasar"],
        "rekomendasi.csv": ["id", "kode", "siklus", "asal", "kategori", "temuan", "rekomendasi", "opd", "tenggat", "status"],
        "konvergensi.csv": ["kode", "tahun", "aksi", "nilai", "catatan"],
        "program.csv": ["kode", "nama", "mitra", "komponen", "mulai", "selesai", "sasaran", "capaian"],
    ]

    /// The longest field accepted, in Unicode scalars. Longer fields are an error
    /// (`fieldTooLong`): in practice they come from a quote that was never meant to open a
    /// field and swallowed the lines after it.
    public static let maxFieldLength = 10_000

    /// Loads `directory`, taking the current year from the computer's local date.
    public static func load(directory: String) throws(DatasetLoadError) -> Dataset {
        try load(directory: directory, currentYear: LocalDate.today().year)
    }

    /// Loads `directory`. `currentYear` is the last year an `indikator.csv` figure may be for.
    public static func load(directory: String, currentYear: Int) throws(DatasetLoadError) -> Dataset {
        try load(LoadContext(source: .directory(directory), currentYear: currentYear))
    }

    /// Loads a dataset held in memory: file name → the file's bytes. Names are matched
    /// exactly as in a directory; other names ending in `.csv` get the unknown-file
    /// warning. Issues and the dataset carry `directory` as if the files had been read
    /// from there.
    public static func load(files: [String: [UInt8]], currentYear: Int, directory: String = "") throws(DatasetLoadError) -> Dataset {
        try load(LoadContext(source: .memory(files, directory: directory), currentYear: currentYear))
    }

    private static func load(_ context: LoadContext) throws(DatasetLoadError) -> Dataset {
        var context = context
        let dataset = context.loadAll()
        if let dataset, !context.issues.contains(where: { $0.severity == .error }) {
            return dataset
        }
        throw DatasetLoadError(directory: context.directory, issues: context.issues)
    }
}

/// Where a dataset's files come from.
enum DatasetSource {
    case directory(String)
    case memory([String: [UInt8]], directory: String)

    var directory: String {
        switch self {
        case .directory(let directory), .memory(_, let directory): directory
        }
    }

    /// Every file name in the dataset (not only the known ones).
    func names() -> [String] {
        switch self {
        case .directory(let directory): (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        case .memory(let files, _): Array(files.keys)
        }
    }

    /// The bytes of `name`; nil when there is no such file.
    func bytes(_ name: String) throws(CSVFileError) -> [UInt8]? {
        switch self {
        case .directory(let directory):
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            // A FIFO would block forever and a device (a link to /dev/zero) never ends:
            // only regular files are read (a directory gets EISDIR from the reader).
            var info = stat()
            if stat(path, &info) == 0 {
                let type = info.st_mode & S_IFMT
                if type != S_IFREG && type != S_IFDIR { throw CSVFileError(path: path, errno: EINVAL) }
            }
            return try CSVReader.readWholeFile(path: path)
        case .memory(let files, _):
            return files[name]
        }
    }
}

/// A data row with its columns looked up by contract name.
struct ContractRow {
    let record: CSVRecord
    let positions: [String: Int]

    func text(_ column: String) -> String {
        guard let position = positions[column], position < record.fields.count else { return "" }
        return record.fields[position]
    }

    func location(_ column: String) -> (line: Int, column: Int) {
        guard let position = positions[column], position < record.fields.count else { return (record.line, 1) }
        return (record.fieldLines[position], record.fieldColumns[position])
    }
}

struct LoadContext {
    let source: DatasetSource
    let currentYear: Int
    var issues: [DataIssue] = []
    var file = ""

    var directory: String { source.directory }

    init(source: DatasetSource, currentYear: Int) {
        self.source = source
        self.currentYear = currentYear
    }

    mutating func report(_ problem: DataProblem, line: Int, column: Int, severity: DataIssue.Severity = .error) {
        issues.append(DataIssue(file: file, line: line, column: column, severity: severity, problem: problem))
    }

    mutating func report(_ problem: DataProblem, _ row: ContractRow, _ column: String) {
        let place = row.location(column)
        report(problem, line: place.line, column: place.column)
    }

    // MARK: Reading tables

    /// Reads `name` and checks its header against its contract columns. Returns nil when
    /// the file is absent (and optional) or unusable; problems are reported.
    mutating func table(_ name: String, required: Bool = false) -> [ContractRow]? {
        file = name
        let columns = DatasetLoader.columns[name] ?? []
        let bytes: [UInt8]
        do {
            guard let found = try source.bytes(name) else {
                if required { report(.missingRequiredFile, line: 0, column: 0) }
                return nil
            }
            bytes = found
        } catch {
            report(.unreadable(errno: error.errno), line: 0, column: 0)
            return nil
        }
        // Before parsing: a semicolon file may also hold quotes that the comma reader
        // would report as a syntax error somewhere further down.
        if let line = Self.semicolonHeaderLine(bytes, columns: columns) {
            report(.semicolonSeparated, line: line, column: 1)
            return nil
        }
        let document: CSVDocument
        do {
            document = try CSVReader.parse(bytes)
        } catch {
            report(.syntax(error.problem), line: error.line, column: error.column)
            return nil
        }
        guard let header = document.header else {
            report(.emptyFile, line: 1, column: 1)
            return nil
        }
        var positions: [String: Int] = [:]
        var headerUsable = true
        for (index, rawName) in header.fields.enumerated() {
            let name = rawName.trimmingCharacters(in: .whitespaces).lowercased()
            if !columns.contains(name) {
                report(.unknownColumn(rawName), line: header.fieldLines[index], column: header.fieldColumns[index])
                headerUsable = false
            } else if positions[name] != nil {
                report(.duplicateColumn(rawName), line: header.fieldLines[index], column: header.fieldColumns[index])
                headerUsable = false
            } else {
                positions[name] = index
            }
        }
        for column in columns where positions[column] == nil {
            report(.missingColumn(column), line: header.line, column: 1)
            headerUsable = false
        }
        guard headerUsable else { return nil }
        var rows: [ContractRow] = []
        rows.reserveCapacity(document.records.count)
        for record in document.records {
            if record.fields.count != header.fields.count {
                report(.fieldCount(expected: header.fields.count, found: record.fields.count), line: record.line, column: 1)
                continue
            }
            var tooLong = false
            for (index, field) in record.fields.enumerated() where field.utf8.count > DatasetLoader.maxFieldLength {
                let length = field.unicodeScalars.count
                if length > DatasetLoader.maxFieldLength {
                    report(.fieldTooLong(length: length, limit: DatasetLoader.maxFieldLength),
                           line: record.fieldLines[index], column: record.fieldColumns[index])
                    tooLong = true
                }
            }
            if tooLong { continue }
            rows.append(ContractRow(record: record, positions: positions))
        }
        return rows
    }

    /// The line of a header written with `;` instead of `,` (Excel with Indonesian
    /// regional settings), or nil. It is the first non-empty line; it holds no comma, and
    /// split on `;` (each part trimmed of spaces and quotes, compared case-insensitively)
    /// it names at least two of the file's columns.
    static func semicolonHeaderLine(_ bytes: [UInt8], columns: [String]) -> Int? {
        let semicolon = UInt8(ascii: ";"), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while start < bytes.count, bytes[start] == lf || bytes[start] == cr {
            if bytes[start] == cr, start + 1 < bytes.count, bytes[start + 1] == lf { start += 1 }
            start += 1
            line += 1
        }
        var end = start
        var sawSemicolon = false
        while end < bytes.count, bytes[end] != lf, bytes[end] != cr {
            if bytes[end] == comma { return nil }
            if bytes[end] == semicolon { sawSemicolon = true }
            end += 1
        }
        guard sawSemicolon else { return nil }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let trim = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\""))
        var named = Set<String>()
        for part in text.split(separator: ";", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: trim).lowercased()
            if columns.contains(name) { named.insert(name) }
        }
        return named.count >= min(2, columns.count) && !named.isEmpty ? line : nil
    }

    // MARK: Field parsers (each reports its own problem and returns nil)

    mutating func nonEmpty(_ row: ContractRow, _ column: String) -> String? {
        let text = row.text(column)
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            report(.emptyValue(column: column), row, column)
            return nil
        }
        return text
    }

    mutating func regionCode(_ row: ContractRow, _ column: String, allowIndonesia: Bool) -> RegionCode? {
        let text = row.text(column)
        guard let code = RegionCode(text), allowIndonesia || code != .indonesia else {
            report(text == "0" ? .indonesiaListed : .badRegionCode(text), row, column)
            return nil
        }
        return code
    }

    mutating func region(_ row: ContractRow, _ column: String, in index: [RegionCode: RegionIndex]) -> RegionIndex? {
        guard let code = regionCode(row, column, allowIndonesia: true) else { return nil }
        guard let found = index[code] else {
            report(.unknownRegion(code.text), row, column)
            return nil
        }
        return found
    }

    mutating func year(_ row: ContractRow, _ column: String) -> Int? {
        let text = row.text(column)
        guard text.utf8.count == 4, let year = Int(text), (1900...2100).contains(year) else {
            report(.badYear(text), row, column)
            return nil
        }
        return year
    }

    mutating func number(_ row: ContractRow, _ column: String) -> (value: Double, decimals: Int)? {
        let text = row.text(column)
        guard let parsed = NumberParser.parse(text) else {
            report(.badNumber(text), row, column)
            return nil
        }
        return parsed
    }

    mutating func optionalDate(_ row: ContractRow, _ column: String) -> LocalDate?? {
        let text = row.text(column)
        if text.isEmpty { return .some(nil) }
        guard let date = LocalDate(iso: text) else {
            report(.badDate(text), row, column)
            return nil
        }
        return .some(date)
    }

    mutating func optionalCount(_ row: ContractRow, _ column: String) -> Int?? {
        let text = row.text(column)
        if text.isEmpty { return .some(nil) }
        guard let value = Int(text), value >= 0 else {
            report(.notWholeCount(text), row, column)
            return nil
        }
        return .some(value)
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ row: ContractRow, _ column: String, as type: T.Type) -> T?
    where T.RawValue == String {
        let text = row.text(column)
        guard let value = T(rawValue: text) else {
            report(.badChoice(value: text, allowed: T.allCases.map(\.rawValue)), row, column)
            return nil
        }
        return value
    }

    /// Checks a value against its indicator's unit: percentages in 0–100, counts whole and non-negative.
    mutating func checkRange(_ value: Double, decimals: Int, unit: IndicatorUnit, _ row: ContractRow, _ column: String) -> Bool {
        switch unit {
        case .percent:
            if !(0...100).contains(value) { report(.percentOutOfRange(row.text(column)), row, column); return false }
        case .people, .families:
            if value < 0 || decimals > 0 { report(.notWholeCount(row.text(column)), row, column); return false }
        case .index:
            if value < 0 { report(.negativeValue(row.text(column)), row, column); return false }
        }
        return true
    }

    // MARK: The whole dataset

    mutating func loadAll() -> Dataset? {
        reportUnknownFiles()
        let regions = loadRegions()
        let regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1.code, RegionIndex($0)) })
        let sources = loadSources()
        let observations = loadObservations(regionIndex, sources)
        let targets = loadTargets(regionIndex)
        let recommendations = loadRecommendations(regionIndex)
        let convergence = loadConvergence(regionIndex)
        let programmes = loadProgrammes(regionIndex)
        if issues.contains(where: { $0.severity == .error }) { return nil }
        return Dataset(directory: directory, regions: regions, sources: sources, observations: observations,
                       targets: targets, recommendations: recommendations, convergence: convergence,
                       programmes: programmes, warnings: issues)
    }

    mutating func reportUnknownFiles() {
        let names = source.names()
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") && !DatasetLoader.knownFiles.contains(name) {
            file = name
            report(.unknownFile, line: 0, column: 0, severity: .warning)
        }
    }

    mutating func loadRegions() -> [Region] {
        var regions = [Region(code: .indonesia, name: "Indonesia", level: .nasional, parent: nil, children: [])]
        guard let rows = table("wilayah.csv", required: true) else { return regions }
        var firstLine: [RegionCode: Int] = [:]
        var parsed: [(code: RegionCode, name: String, row: ContractRow)] = []
        parsed.reserveCapacity(rows.count)
        for row in rows {
            guard let code = regionCode(row, "kode", allowIndonesia: false) else { continue }
            guard let name = nonEmpty(row, "nama") else { continue }
            if let line = firstLine[code] {
                report(.duplicateKey(key: "kode \(code)", firstLine: line), row, "kode")
                continue
            }
            firstLine[code] = row.record.line
            parsed.append((code, name, row))
        }
        for entry in parsed {
            if let parent = entry.code.parent, parent != .indonesia, firstLine[parent] == nil {
                report(.missingParent(code: entry.code.text, parent: parent.text), entry.row, "kode")
            }
        }
        parsed.sort { $0.code < $1.code }
        var indexByCode: [RegionCode: RegionIndex] = [.indonesia: 0]
        indexByCode.reserveCapacity(parsed.count + 1)
        for entry in parsed {
            let index = RegionIndex(regions.count)
            let parentIndex = entry.code.parent.flatMap { indexByCode[$0] }
            regions.append(Region(code: entry.code, name: entry.name, level: entry.code.level, parent: parentIndex, children: []))
            indexByCode[entry.code] = index
            if let parentIndex { regions[Int(parentIndex)].children.append(index) }
        }
        return regions
    }

    mutating func loadSources() -> [String: Source] {
        var sources: [String: Source] = [:]
        var firstLine: [String: Int] = [:]
        guard let rows = table("sumber.csv") else { return sources }
        for row in rows {
            guard let id = nonEmpty(row, "id"), let title = nonEmpty(row, "judul") else { continue }
            var year: Int?
            if !row.text("tahun").isEmpty {
                guard let parsed = self.year(row, "tahun") else { continue }
                year = parsed
            }
            if let line = firstLine[id] {
                report(.duplicateKey(key: "id \(id)", firstLine: line), row, "id")
                continue
            }
            firstLine[id] = row.record.line
            sources[id] = Source(id: id, title: title, publisher: row.text("penerbit"), year: year, link: row.text("tautan"))
        }
        return sources
    }

    mutating func loadObservations(_ regions: [RegionCode: RegionIndex], _ sources: [String: Source]) -> [Observation] {
        var observations: [Observation] = []
        guard let rows = table("indikator.csv") else { return observations }
        observations.reserveCapacity(rows.count)
        struct Key: Hashable { let region: RegionIndex; let indicator: IndicatorID; let year: Int; let source: String }
        var first: [Key: (line: Int, value: String)] = [:]
        for row in rows {
            let region = self.region(row, "kode", in: regions)
            let indicatorText = row.text("indikator")
            let indicator = IndicatorID(rawValue: indicatorText)
            if indicator == nil { report(.unknownIndicator(indicatorText), row, "indikator") }
            var year = self.year(row, "tahun")
            if let found = year, found > currentYear {
                report(.futureYear(row.text("tahun"), currentYear: currentYear), row, "tahun")
                year = nil
            }
            let number = self.number(row, "nilai")
            let sourceID = row.text("sumber")
            var sourceKnown = true
            if sourceID.isEmpty {
                report(.emptyValue(column: "sumber"), row, "sumber"); sourceKnown = false
            } else if sources[sourceID] == nil {
                report(.unknownSource(sourceID), row, "sumber"); sourceKnown = false
            }
            guard let region, let indicator, let year, let number, sourceKnown else { continue }
            guard checkRange(number.value, decimals: number.decimals, unit: indicator.unit, row, "nilai") else { continue }
            let key = Key(region: region, indicator: indicator, year: year, source: sourceID)
            if let earlier = first[key] {
                report(.duplicateFigure(key: "\(row.text("kode")) \(indicator.rawValue) \(year) \(sourceID)", firstLine: earlier.line,
                                        firstValue: earlier.value, value: row.text("nilai")), row, "kode")
                continue
            }
            first[key] = (row.record.line, row.text("nilai"))
            observations.append(Observation(region: region, indicator: indicator, year: year, value: number.value,
                                            decimals: number.decimals, sourceID: sourceID, line: row.record.line))
        }
        return observations
    }

    mutating func loadTargets(_ regions: [RegionCode: RegionIndex]) -> [Target] {
        var targets: [Target] = []
        guard let rows = table("target.csv") else { return targets }
        struct Key: Hashable { let region: RegionIndex; let indicator: IndicatorID; let year: Int }
        var first: [Key: (line: Int, value: String)] = [:]
        for row in rows {
            let region = self.region(row, "kode", in: regions)
            let indicator = choice(row, "indikator", as: IndicatorID.self)
            let year = self.year(row, "tahun")
            let number = self.number(row, "nilai")
            let basis = nonEmpty(row, "dasar")
            guard let region, let indicator, let year, let number, let basis else { continue }
            guard checkRange(number.value, decimals: number.decimals, unit: indicator.unit, row, "nilai") else { continue }
            let key = Key(region: region, indicator: indicator, year: year)
            if let earlier = first[key] {
                report(.duplicateFigure(key: "\(row.text("kode")) \(indicator.rawValue) \(year)", firstLine: earlier.line,
                                        firstValue: earlier.value, value: row.text("nilai")), row, "kode")
                continue
            }
            first[key] = (row.record.line, row.text("nilai"))
            targets.append(Target(region: region, indicator: indicator, year: year, value: number.value,
                                  decimals: number.decimals, basis: basis))
        }
        return targets
    }

    mutating func loadRecommendations(_ regions: [RegionCode: RegionIndex]) -> [Recommendation] {
        var recommendations: [Recommendation] = []
        guard let rows = table("rekomendasi.csv") else { return recommendations }
        var firstLine: [String: Int] = [:]
        for row in rows {
            let id = nonEmpty(row, "id")
            let region = self.region(row, "kode", in: regions)
            let origin = choice(row, "asal", as: RecommendationOrigin.self)
            let text = nonEmpty(row, "rekomendasi")
            let owner = nonEmpty(row, "opd")
            let deadline = optionalDate(row, "tenggat")
            let status = choice(row, "status", as: RecommendationStatus.self)
            guard let id, let region, let origin, let text, let owner, let deadline, let status else { continue }
            if let line = firstLine[id] {
                report(.duplicateKey(key: "id \(id)", firstLine: line), row, "id")
                continue
            }
            firstLine[id] = row.record.line
            recommendations.append(Recommendation(
                id: id, region: region, cycle: row.text("siklus"), origin: origin, category: row.text("kategori"),
                finding: row.text("temuan"), text: text, owner: owner, deadline: deadline, status: status,
                line: row.record.line))
        }
        return recommendations
    }

    mutating func loadConvergence(_ regions: [RegionCode: RegionIndex]) -> [ConvergenceScore] {
        var scores: [ConvergenceScore] = []
        guard let rows = table("konvergensi.csv") else { return scores }
        struct Key: Hashable { let region: RegionIndex; let year: Int; let action: Int }
        var first: [Key: (line: Int, value: String)] = [:]
        for row in rows {
            let region = self.region(row, "kode", in: regions)
            let year = self.year(row, "tahun")
            let actionText = row.text("aksi")
            let action = Int(actionText).flatMap(ConvergenceAction.init(rawValue:))
            if action == nil { report(.actionOutOfRange(actionText), row, "aksi") }
            var number = self.number(row, "nilai")
            if let value = number?.value, !(0...100).contains(value) {
                report(.scoreOutOfRange(row.text("nilai")), row, "nilai")
                number = nil
            }
            guard let region, let year, let action, let number else { continue }
            let key = Key(region: region, year: year, action: action.rawValue)
            if let earlier = first[key] {
                report(.duplicateFigure(key: "\(row.text("kode")) \(year) aksi \(action.rawValue)", firstLine: earlier.line,
                                        firstValue: earlier.value, value: row.text("nilai")), row, "kode")
                continue
            }
            first[key] = (row.record.line, row.text("nilai"))
            scores.append(ConvergenceScore(region: region, year: year, action: action, value: number.value,
                                           decimals: number.decimals, note: row.text("catatan")))
        }
        return scores
    }

    mutating func loadProgrammes(_ regions: [RegionCode: RegionIndex]) -> [Programme] {
        var programmes: [Programme] = []
        guard let rows = table("program.csv") else { return programmes }
        struct Key: Hashable { let region: RegionIndex; let name: String }
        var firstLine: [Key: Int] = [:]
        for row in rows {
            let region = self.region(row, "kode", in: regions)
            let name = nonEmpty(row, "nama")
            let start = optionalDate(row, "mulai")
            let end = optionalDate(row, "selesai")
            let target = optionalCount(row, "sasaran")
            let reach = optionalCount(row, "capaian")
            guard let region, let name, let start, let end, let target, let reach else { continue }
            let key = Key(region: region, name: name)
            if let line = firstLine[key] {
                report(.duplicateKey(key: "\(row.text("kode")) \(name)", firstLine: line), row, "nama")
                continue
            }
            firstLine[key] = row.record.line
            let components = row.text("komponen").split(separator: ";")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            programmes.append(Programme(region: region, name: name, partner: row.text("mitra"), components: components,
                                        start: start, end: end, target: target, reach: reach))
        }
        return programmes
    }
}

/// Parses decimal numbers as the contract allows: `7.05`, `-3`, or `7,05` (a comma
/// decimal, which a CSV file can only hold quoted). There is exactly one separator and it
/// is always the decimal one: `1.234` is one point two three four, and `1.234.567` is
/// rejected, so thousands separators never silently change a value.
public enum NumberParser {
    public static func parse(_ text: String) -> (value: Double, decimals: Int)? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; bytes.removeFirst() }
        var whole: UInt64 = 0
        var fraction: UInt64 = 0
        var decimals = 0
        var seenSeparator = false
        var digitsBefore = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = UInt64(byte - UInt8(ascii: "0"))
                if seenSeparator {
                    guard decimals < 15 else { return nil }
                    fraction = fraction * 10 + digit; decimals += 1
                } else {
                    guard digitsBefore < 15 else { return nil }
                    whole = whole * 10 + digit; digitsBefore += 1
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                guard !seenSeparator else { return nil }
                seenSeparator = true
            default:
                return nil
            }
        }
        guard digitsBefore > 0, !seenSeparator || decimals > 0 else { return nil }
        var divisor = 1.0
        for _ in 0..<decimals { divisor *= 10 }
        let value = Double(whole) + Double(fraction) / divisor
        return (negative ? -value : value, decimals)
    }
}
