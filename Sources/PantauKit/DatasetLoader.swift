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

    /// The largest file read, in bytes: 256 MiB, ten times the national `indikator.csv`
    /// (25 MB). A larger file is refused from its size before any of it is read
    /// (`fileTooLarge`); a file that grows past it while being read is refused too.
    public static let maxFileBytes = 256 << 20

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

    /// The same, with `FigureScan` turned off: every file through the reporting path (the
    /// reference the scan is tested against).
    static func loadReporting(files: [String: [UInt8]], currentYear: Int) throws(DatasetLoadError) -> Dataset {
        var context = LoadContext(source: .memory(files, directory: ""), currentYear: currentYear)
        context.scansFigures = false
        return try load(context)
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
enum DatasetSource: Sendable {
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

    /// What reading one file gave.
    enum FileRead {
        /// No such file (a broken symbolic link is not missing: see `brokenLink`).
        case missing
        case bytes([UInt8])
        /// Why the file cannot be used (`unreadable`, `fileTooLarge`, `brokenLink`).
        case failed(DataProblem)
    }

    /// The bytes of `name`. The size is checked before anything is read: a file over
    /// `DatasetLoader.maxFileBytes` (a sparse 2 GB file costs nothing to make) is refused
    /// from its size alone.
    func read(_ name: String) -> FileRead {
        switch self {
        case .directory(let directory):
            let path = (directory as NSString).appendingPathComponent(name)
            var link = stat()
            guard lstat(path, &link) == 0 else {
                let code = errno
                return code == ENOENT ? .missing : .failed(.unreadable(errno: code))
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                let code = errno
                if link.st_mode & S_IFMT == S_IFLNK, code == ENOENT || code == ELOOP {
                    return .failed(.brokenLink(target: Self.linkTarget(path), errno: code))
                }
                return .failed(.unreadable(errno: code))
            }
            // A FIFO would block forever and a device (a link to /dev/zero) never ends:
            // only regular files are read (a directory gets EISDIR from the reader).
            let type = info.st_mode & S_IFMT
            if type != S_IFREG && type != S_IFDIR { return .failed(.unreadable(errno: EINVAL)) }
            if type == S_IFREG, Int(info.st_size) > DatasetLoader.maxFileBytes {
                return .failed(.fileTooLarge(bytes: Int(info.st_size), limit: DatasetLoader.maxFileBytes))
            }
            do {
                return .bytes(try CSVReader.readWholeFile(path: path, limit: DatasetLoader.maxFileBytes))
            } catch {
                // EFBIG: the file grew past the limit while it was read.
                if error.errno == EFBIG {
                    return .failed(.fileTooLarge(bytes: DatasetLoader.maxFileBytes + 1, limit: DatasetLoader.maxFileBytes))
                }
                return .failed(.unreadable(errno: error.errno))
            }
        case .memory(let files, _):
            guard let bytes = files[name] else { return .missing }
            if bytes.count > DatasetLoader.maxFileBytes {
                return .failed(.fileTooLarge(bytes: bytes.count, limit: DatasetLoader.maxFileBytes))
            }
            return .bytes(bytes)
        }
    }

    /// What the symbolic link at `path` says, as text (for a message).
    static func linkTarget(_ path: String) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, $0.count) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// Why the dataset directory itself cannot be used, or nil: it must exist, be a
    /// directory, and be listable and enterable. Checked before any file, so a mistyped
    /// `--data` is not reported as a missing wilayah.csv.
    func directoryProblem() -> DataProblem? {
        guard case .directory(let directory) = self else { return nil }
        var info = stat()
        guard stat(directory, &info) == 0 else { return .dataDirectory(errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { return .dataDirectory(errno: ENOTDIR) }
        guard let handle = opendir(directory) else { return .dataDirectory(errno: errno) }
        closedir(handle)
        guard access(directory, X_OK) == 0 else { return .dataDirectory(errno: errno) }
        return nil
    }
}

/// The contract columns of a file and where each one is in the file's header.
struct ColumnMap: Sendable {
    let names: [String]
    let positions: [Int]

    /// The field index of a contract column (the map holds every contract column).
    @inline(__always)
    func position(_ column: String) -> Int {
        for index in names.indices where names[index] == column { return positions[index] }
        preconditionFailure("not a contract column: \(column)")
    }
}

/// A data row with its columns looked up by contract name. Fields stay bytes in the
/// table until a loader asks for their text.
struct ContractRow: Sendable {
    let table: CSVTable
    let record: Int
    let columns: ColumnMap

    /// The 1-based physical line where the row starts.
    var line: Int { Int(table.recordLine[record]) }

    func text(_ column: String) -> String { table.text(record, columns.position(column)) }

    func location(_ column: String) -> (line: Int, column: Int) { table.location(record, columns.position(column)) }
}

/// The rows of a file that have the header's number of fields and no overlong field.
struct ContractRows: Sequence {
    let table: CSVTable
    let columns: ColumnMap
    let records: [Int32]

    var count: Int { records.count }

    func makeIterator() -> AnyIterator<ContractRow> {
        var iterator = records.makeIterator()
        let table = self.table, columns = self.columns
        return AnyIterator { iterator.next().map { ContractRow(table: table, record: Int($0), columns: columns) } }
    }
}

struct LoadContext: Sendable {
    let source: DatasetSource
    let currentYear: Int
    var issues: [DataIssue] = []
    var file = ""
    /// Files already read and parsed (in parallel, by `loadAll`), by name.
    var prefetched: [String: ParsedFile] = [:]
    /// Whether `indikator.csv` is read by `FigureScan` first (off only in tests).
    var scansFigures = true

    var directory: String { source.directory }

    /// A file read and parsed, or why not.
    enum ParsedFile: Sendable {
        case missing
        /// The one problem that makes the whole file unusable (unreadable, too large, a
        /// broken link, the wrong encoding or separator), reported alone.
        case unusable(DataProblem, line: Int, column: Int)
        case syntax(CSVSyntaxError)
        case table(CSVTable)
        /// `indikator.csv` read by `FigureScan` (every row valid by the rules that need no
        /// other file), with its bytes for the reporting path if the regions or sources
        /// turn out not to match.
        case figures(FigureScan, bytes: [UInt8])
    }

    /// Reads and parses one file; no report yet (`table` reports, in file order).
    func parse(_ name: String) -> ParsedFile {
        switch source.read(name) {
        case .missing: return .missing
        case .failed(let problem): return .unusable(problem, line: 0, column: 0)
        case .bytes(let bytes): return parse(name, bytes: bytes)
        }
    }

    /// Parses a file already read.
    func parse(_ name: String, bytes: [UInt8]) -> ParsedFile {
        // Before parsing, a file in the wrong encoding or with the wrong separator gets one
        // message naming that (a semicolon file may also hold quotes that the comma reader
        // would report as a syntax error somewhere further down).
        if let found = Self.shapeProblem(bytes, columns: DatasetLoader.columns[name] ?? []) {
            return .unusable(found.problem, line: found.line, column: found.column)
        }
        if scansFigures, name == "indikator.csv", let scan = FigureScan.scan(bytes, columns: DatasetLoader.columns[name]!, currentYear: currentYear) {
            return .figures(scan, bytes: bytes)
        }
        return parseTable(bytes)
    }

    /// The general parse into a `CSVTable` (shape problems already ruled out).
    func parseTable(_ bytes: [UInt8]) -> ParsedFile {
        do {
            guard let table = try CSVTable.parse(bytes) else {
                return .unusable(.fileTooLarge(bytes: bytes.count, limit: DatasetLoader.maxFileBytes), line: 0, column: 0)
            }
            return .table(table)
        } catch {
            return .syntax(error)
        }
    }

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
    mutating func table(_ name: String, required: Bool = false) -> ContractRows? {
        file = name
        let columns = DatasetLoader.columns[name] ?? []
        let table: CSVTable
        var parsed = prefetched.removeValue(forKey: name) ?? parse(name)
        // Scanned figures whose regions or sources do not match the dataset: read again
        // through the reporting path, which says where.
        if case .figures(_, let bytes) = parsed { parsed = parseTable(bytes) }
        switch parsed {
        case .missing:
            if required { report(.missingRequiredFile, line: 0, column: 0) }
            return nil
        case .unusable(let problem, let line, let column):
            report(problem, line: line, column: column)
            return nil
        case .syntax(let error):
            report(.syntax(error.problem), line: error.line, column: error.column)
            return nil
        case .table(let parsed):
            table = parsed
        case .figures:
            preconditionFailure("made a table above")
        }
        guard table.recordCount > 0 else {
            report(.emptyFile, line: 1, column: 1)
            return nil
        }
        let headerCount = table.fieldCount(0)
        var positions = [Int](repeating: -1, count: columns.count)
        var headerUsable = true
        // Nameless columns at the end of the header (Excel keeps every column that once
        // held something): one message for all of them, at the first.
        var named = headerCount
        while named > 1, Self.isBlank(table.text(0, named - 1)) { named -= 1 }
        if named < headerCount {
            let place = table.location(0, named)
            report(.emptyHeaderColumns(count: headerCount - named), line: place.line, column: place.column)
            headerUsable = false
        }
        for index in 0..<named {
            let rawName = table.text(0, index)
            let name = Self.headerName(rawName)
            if let column = columns.firstIndex(of: name) {
                if positions[column] >= 0 {
                    let place = table.location(0, index)
                    report(.duplicateColumn(rawName), line: place.line, column: place.column)
                    headerUsable = false
                } else {
                    positions[column] = index
                }
            } else {
                let place = table.location(0, index)
                report(.unknownColumn(rawName), line: place.line, column: place.column)
                headerUsable = false
            }
        }
        for (index, column) in columns.enumerated() where positions[index] < 0 {
            report(.missingColumn(column), line: Int(table.recordLine[0]), column: 1)
            headerUsable = false
        }
        guard headerUsable else { return nil }
        var records: [Int32] = []
        records.reserveCapacity(table.recordCount - 1)
        for record in 1..<table.recordCount {
            let count = table.fieldCount(record)
            if count != headerCount {
                report(.fieldCount(expected: headerCount, found: count), line: Int(table.recordLine[record]), column: 1)
                continue
            }
            var tooLong = false
            for index in 0..<count {
                let range = table.content(record, index)
                // Bytes bound scalars from above: only a long field is measured.
                guard range.end - range.start > DatasetLoader.maxFieldLength else { continue }
                let length = table.text(record, index).unicodeScalars.count
                if length > DatasetLoader.maxFieldLength {
                    let place = table.location(record, index)
                    report(.fieldTooLong(length: length, limit: DatasetLoader.maxFieldLength), line: place.line, column: place.column)
                    tooLong = true
                }
            }
            if tooLong { continue }
            records.append(Int32(record))
        }
        return ContractRows(table: table, columns: ColumnMap(names: columns, positions: positions), records: records)
    }

    /// A header field as the contract column it names: spaces around it and case do not count.
    static func headerName(_ raw: String) -> String { raw.trimmingCharacters(in: .whitespaces).lowercased() }

    /// The one problem that makes a whole file unreadable as a comma-separated UTF-8
    /// file, found before parsing so that it is reported alone instead of as a cascade of
    /// column errors: UTF-16 text, a second byte order mark or one starting a later line, Excel's `sep=`
    /// line, or a header separated by `;` or tabs.
    static func shapeProblem(_ bytes: [UInt8], columns: [String]) -> (problem: DataProblem, line: Int, column: Int)? {
        if isUTF16(bytes) { return (.utf16, 1, 1) }
        let start = bytes.starts(with: byteOrderMark) ? 3 : 0
        if let place = strayByteOrderMark(bytes, from: start) { return (.strayByteOrderMark, place.line, place.column) }
        if let hint = separatorHint(bytes, from: start) { return (.separatorHint(hint), 1, 1) }
        if let line = separatedHeaderLine(bytes, columns: columns, separator: UInt8(ascii: ";")) { return (.semicolonSeparated, line, 1) }
        if let line = separatedHeaderLine(bytes, columns: columns, separator: UInt8(ascii: "\t")) { return (.tabSeparated, line, 1) }
        return nil
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// UTF-16: its byte order mark, or (without one) a start where every other byte is
    /// zero, as ASCII text is in UTF-16.
    static func isUTF16(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return true }
        let count = min(bytes.count, 256) & ~1
        guard count >= 4 else { return false }
        var evenZeros = 0, oddZeros = 0
        for index in 0..<count where bytes[index] == 0 {
            if index & 1 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = count / 2
        return (oddZeros == half && evenZeros == 0) || (evenZeros == half && oddZeros == 0)
    }

    /// The line and column (in Unicode scalars, after the first mark) of a byte order
    /// mark that starts a line at or after `start` (a second mark, or a file joined to
    /// another), or nil.
    static func strayByteOrderMark(_ bytes: [UInt8], from start: Int) -> (line: Int, column: Int)? {
        bytes.withUnsafeBufferPointer { all -> (line: Int, column: Int)? in
            guard let base = all.baseAddress else { return nil }
            var position = start
            while position + 3 <= all.count {
                guard let found = memchr(base + position, 0xEF, all.count - position) else { return nil }
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                // Only at the start of a line: inside text, U+FEFF is a (zero-width) character.
                let lineStarts = offset == start || all[offset - 1] == 0x0A || all[offset - 1] == 0x0D
                if lineStarts, offset + 3 <= all.count, all[offset + 1] == 0xBB, all[offset + 2] == 0xBF {
                    var line = 1, lineStart = start, index = start
                    while index < offset {
                        if all[index] == 0x0A || all[index] == 0x0D {
                            if all[index] == 0x0D, index + 1 < offset, all[index + 1] == 0x0A { index += 1 }
                            line += 1
                            lineStart = index + 1
                        }
                        index += 1
                    }
                    var column = 1
                    for index in lineStart..<offset where all[index] & 0xC0 != 0x80 { column += 1 }
                    return (line, column)
                }
                position = offset + 1
            }
            return nil
        }
    }

    /// The first line when it is Excel's separator hint (`sep=;`, `sep=,`, `sep=\t`), or nil.
    static func separatorHint(_ bytes: [UInt8], from start: Int) -> String? {
        var end = start
        while end < bytes.count, end - start <= 8, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let line = String(decoding: bytes[start..<end], as: UTF8.self)
        guard line.count <= 6, line.lowercased().hasPrefix("sep=") else { return nil }
        return line
    }

    /// The line of a header written with `separator` instead of `,` (`;`: Excel with
    /// Indonesian regional settings; a tab: a spreadsheet's "text" export), or nil. It is
    /// the first non-empty line; it holds no comma, and split on `separator` (each part
    /// trimmed of spaces and quotes, compared case-insensitively) it names at least two
    /// of the file's columns.
    static func separatedHeaderLine(_ bytes: [UInt8], columns: [String], separator: UInt8) -> Int? {
        let comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var start = bytes.starts(with: byteOrderMark) ? 3 : 0
        var line = 1
        while start < bytes.count, bytes[start] == lf || bytes[start] == cr {
            if bytes[start] == cr, start + 1 < bytes.count, bytes[start + 1] == lf { start += 1 }
            start += 1
            line += 1
        }
        var end = start
        var sawSeparator = false
        while end < bytes.count, bytes[end] != lf, bytes[end] != cr {
            if bytes[end] == comma { return nil }
            if bytes[end] == separator { sawSeparator = true }
            end += 1
        }
        guard sawSeparator else { return nil }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        let trim = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\""))
        var named = Set<String>()
        for part in text.split(separator: Character(UnicodeScalar(separator)), omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: trim).lowercased()
            if columns.contains(name) { named.insert(name) }
        }
        return named.count >= min(2, columns.count) && !named.isEmpty ? line : nil
    }

    // MARK: Field parsers (each reports its own problem and returns nil)

    /// `text.trimmingCharacters(in: .whitespaces).isEmpty`, without Foundation for the
    /// usual text that starts with a visible ASCII character.
    static func isBlank(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        if first > 0x20 && first < 0x7F { return false }
        return text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    mutating func nonEmpty(_ row: ContractRow, _ column: String) -> String? {
        let text = row.text(column)
        if Self.isBlank(text) {
            report(.emptyValue(column: column), row, column)
            return nil
        }
        return text
    }

    /// A non-empty id or name in its canonical form (`TextRules.identifier`), or nil with
    /// the offending character's place reported.
    mutating func identifier(_ row: ContractRow, _ column: String) -> String? {
        guard let text = nonEmpty(row, column) else { return nil }
        switch TextRules.identifier(text) {
        case .success(let canonical): return canonical
        case .failure(let violation):
            let place = row.location(column)
            report(.invisibleCharacter(column: column, scalar: violation.scalar.value), line: place.line, column: place.column + violation.position - 1)
            return nil
        }
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
        guard let year = FieldRules.year(text) else {
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
        guard FieldRules.valueFits(value, decimals: decimals, unit: unit) else {
            report(FieldRules.valueProblem(value, decimals: decimals, unit: unit, text: row.text(column))!, row, column)
            return false
        }
        return true
    }

    // MARK: The whole dataset

    mutating func loadAll() -> Dataset? {
        if let problem = source.directoryProblem() {
            file = ""
            report(problem, line: 0, column: 0)
            return nil
        }
        reportUnknownFiles()
        // Two threads, in two phases. First the other thread reads and parses
        // indikator.csv (the largest file by far), while this one parses the other files
        // and checks the regions and sources. Then the other thread checks the figures,
        // puts them in order and builds the name index, while this one checks the
        // remaining files and sorts the recommendations. Each side collects its own
        // issues, merged below in the usual file order.
        let this = self
        var regions: [Region] = [], index: [RegionCode: RegionIndex] = [:], sourceTable: [String: Source] = [:]
        var codes: [RegionCode] = [], regionKeys: [UInt64] = [], lookup: RegionKeyLookup? = nil
        let (figuresFile, _) = inParallel({ this.parse("indikator.csv") }, {
            for name in DatasetLoader.knownFiles where name != "indikator.csv" { prefetched[name] = parse(name) }
            (regions, index) = loadRegions()
            sourceTable = loadSources()
            // Region codes by their order keys, for the figures and the recommendations
            // (made here, while the other thread is still reading indikator.csv).
            codes = regions.map(\.code)
            regionKeys = codes.map(RegionCode.orderKey)
            lookup = RegionKeyLookup(regionKeys)
        })
        prefetched["indikator.csv"] = figuresFile
        let keyLookup = lookup!, allCodes = codes, keys = regionKeys
        let regionIndex = index, sources = sourceTable
        var figuresContext = self
        figuresContext.issues = []
        figuresContext.prefetched = prefetched.filter { $0.key == "indikator.csv" }
        var restContext = self
        restContext.issues = []
        restContext.prefetched["indikator.csv"] = nil
        let figuresSide = figuresContext, restSide = restContext, allRegions = regions
        let (figures, rest) = inParallel({ () -> ((observations: [Observation], inOrder: Bool), [DataIssue], Dataset.RegionIndexes) in
            let regionIndexes = Dataset.RegionIndexes(allRegions)
            var context = figuresSide
            let observations = context.loadObservations(regionIndex, codes: allCodes, keys: keys, keyLookup, sources)
            return (observations, context.issues, regionIndexes)
        }, {
            var context = restSide
            let targets = context.loadTargets(regionIndex)
            let recommendations = Dataset.sortedByRegion(context.loadRecommendations(regionIndex, keyLookup), regionCount: allCodes.count)
            let convergence = context.loadConvergence(regionIndex)
            let programmes = context.loadProgrammes(regionIndex)
            return (targets, recommendations, convergence, programmes, context.issues)
        })
        let observations = figures.0
        let (targets, recommendations, convergence, programmes) = (rest.0, rest.1, rest.2, rest.3)
        issues += figures.1 + rest.4
        if issues.contains(where: { $0.severity == .error }) { return nil }
        return Dataset(directory: directory, regions: regions, sources: sources, observations: observations.observations,
                       targets: targets, recommendations: recommendations, convergence: convergence,
                       programmes: programmes, warnings: issues, indexByCode: regionIndex,
                       regionIndexes: figures.2, observationsInOrder: observations.inOrder)
    }

    mutating func reportUnknownFiles() {
        let names = source.names()
        for name in names.sorted() where name.lowercased().hasSuffix(".csv") && !DatasetLoader.knownFiles.contains(name) {
            file = name
            report(.unknownFile, line: 0, column: 0, severity: .warning)
        }
    }

    /// The regions in code order with Indonesia at index 0, and the index of each code.
    /// The official list (91,599 rows) comes in code order; while it does, a duplicate can
    /// only be the row just before and a parent only the last region one level up, so the
    /// dictionaries of the general case are built only for a list out of order.
    mutating func loadRegions() -> (regions: [Region], index: [RegionCode: RegionIndex]) {
        var regions = [Region(code: .indonesia, name: "Indonesia", level: .nasional, parent: nil, children: [])]
        guard let rows = table("wilayah.csv", required: true) else { return (regions, [.indonesia: 0]) }
        var firstLine: [RegionCode: Int]? = nil  // built at the first code out of order
        // Codes and names side by side (not one array of tuples holding rows): 91,599
        // entries are appended, compared and read back here.
        var codes: [RegionCode] = [], names: [String] = [], records: [Int32] = []
        codes.reserveCapacity(rows.count); names.reserveCapacity(rows.count); records.reserveCapacity(rows.count)
        let table = rows.table, kode = rows.columns.position("kode"), nama = rows.columns.position("nama")
        for recordIndex in rows.records {
            let record = Int(recordIndex)
            let codeText = table.text(record, kode)
            let code: RegionCode
            if let valid = RegionCode(codeText), valid != .indonesia {
                code = valid
            } else {
                _ = regionCode(ContractRow(table: table, record: record, columns: rows.columns), "kode", allowIndonesia: false)
                continue
            }
            let name = table.text(record, nama)
            if Self.isBlank(name) {
                _ = nonEmpty(ContractRow(table: table, record: record, columns: rows.columns), "nama")
                continue
            }
            if firstLine == nil, let last = codes.last, !(last < code) {
                var all: [RegionCode: Int] = [:]
                all.reserveCapacity(codes.count * 2)
                for (entry, earlier) in zip(codes, records) { all[entry] = Int(table.recordLine[Int(earlier)]) }
                firstLine = all
            }
            if firstLine != nil {
                if let line = firstLine![code] {
                    report(.duplicateKey(key: "kode \(code)", firstLine: line), ContractRow(table: table, record: record, columns: rows.columns), "kode")
                    continue
                }
                firstLine![code] = Int(table.recordLine[record])
            }
            codes.append(code)
            names.append(name)
            records.append(recordIndex)
        }
        // Parents, reported in file order.
        var lastAtLevel = [RegionCode?](repeating: nil, count: RegionLevel.allCases.count)
        for (code, record) in zip(codes, records) {
            let level = code.level
            guard level > .provinsi else {
                lastAtLevel[level.rawValue] = code
                continue
            }
            let exists = firstLine.map { $0[code.parent!] != nil } ?? (lastAtLevel[level.rawValue - 1].map { code.isChild(of: $0) } ?? false)
            if !exists {
                report(.missingParent(code: code.text, parent: code.parent!.text), ContractRow(table: table, record: Int(record), columns: rows.columns), "kode")
            }
            lastAtLevel[level.rawValue] = code
        }
        var order = Array(codes.indices)
        if firstLine != nil { order.sort { codes[$0] < codes[$1] } }
        var indexByCode: [RegionCode: RegionIndex] = [.indonesia: 0]
        indexByCode.reserveCapacity(codes.count + 1)
        // In code order a region's parent is the last region seen one level up, if any.
        var lastIndexAtLevel = [RegionIndex](repeating: 0, count: RegionLevel.allCases.count)
        regions.reserveCapacity(codes.count + 1)
        for position in order {
            let code = codes[position]
            let index = RegionIndex(regions.count)
            let level = code.level
            var parentIndex: RegionIndex? = nil
            if level == .provinsi {
                parentIndex = 0
            } else {
                let candidate = lastIndexAtLevel[level.rawValue - 1]
                if candidate != 0, code.isChild(of: regions[Int(candidate)].code) { parentIndex = candidate }
            }
            regions.append(Region(code: code, name: names[position], level: level, parent: parentIndex, children: []))
            indexByCode[code] = index
            lastIndexAtLevel[level.rawValue] = index
            if let parentIndex { regions[Int(parentIndex)].children.append(index) }
        }
        return (regions, indexByCode)
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
            firstLine[id] = row.line
            sources[id] = Source(id: id, title: title, publisher: row.text("penerbit"), year: year, link: row.text("tautan"))
        }
        return sources
    }

    /// The largest file by far (one row per figure: ~465,000 rows for the whole country),
    /// so fields are read from bytes, and the code, indicator and source of the row before
    /// are reused when they repeat (as they do in a file written region by region). Any
    /// field that is not the plain common case goes through the same checks as elsewhere.
    /// The figures, and whether they came in the dataset's order (region, indicator, year,
    /// source), so that `Dataset` need not check again.
    /// The figures of indikator.csv in the dataset's order (region, indicator, year,
    /// source), whatever the file's row order. One pass over the rows: each field is
    /// taken from its bytes where the bytes are plainly valid (the same rules, through
    /// `RegionCodeLookup`, `FieldRules`, `NumberParser` and the enums' raw values), else
    /// through the reporting parser of its column, which says what is wrong and where.
    /// Rows arriving out of order are ordered afterwards by an integer key
    /// (`FigureKeyLayout`, `StableOrder`), and duplicates are the equal keys after the
    /// first, reported at their own line as if found in the pass.
    mutating func loadObservations(_ regions: [RegionCode: RegionIndex], codes: [RegionCode], keys: [UInt64], _ keyLookup: RegionKeyLookup,
                                   _ sources: [String: Source]) -> (observations: [Observation], inOrder: Bool) {
        if case .figures(let scan, _)? = prefetched["indikator.csv"],
           let observations = scan.observations(regionKeys: keys, lookup: keyLookup, sources: sources) {
            prefetched["indikator.csv"] = nil
            return (observations, true)
        }
        guard let rows = table("indikator.csv") else { return ([], true) }
        let table = rows.table
        let kode = rows.columns.position("kode"), indikator = rows.columns.position("indikator")
        let tahun = rows.columns.position("tahun"), nilai = rows.columns.position("nilai"), sumber = rows.columns.position("sumber")
        // Sources are numbered in their ids' order, so a key orders sources as `String` does.
        let sourceIDs = sources.keys.sorted()
        var sourceNumbers: [String: Int32] = [:]
        for (number, id) in sourceIDs.enumerated() { sourceNumbers[id] = Int32(number) }
        let layout = FigureKeyLayout(regionCount: codes.count, sourceCount: sourceIDs.count)
        var lookup: RegionCodeLookup? = nil  // made at the first code that is not the next region's
        var guessNext = true

        var observations: [Observation] = []
        observations.reserveCapacity(rows.count)
        var keys: [UInt64] = []
        keys.reserveCapacity(layout == nil ? 0 : rows.count)
        var nondecreasing = true
        let firstRowIssue = issues.count
        let indicatorIDs = RawValueBytes<IndicatorID>()
        // Ids of sources already met, by their bytes (pointing into the table's bytes).
        var sourceOfBytes: [ByteKey: Int32] = [:]
        var recentSources: [(bytes: UnsafeBufferPointer<UInt8>, number: Int32)] = []  // the first few, compared before hashing

        table.bytes.withUnsafeBufferPointer { all in
            /// The field's bytes, or nil when they must be unescaped first (`""`, CRLF in quotes).
            func plainBytes(_ record: Int, _ column: Int) -> UnsafeBufferPointer<UInt8>? {
                let range = table.content(record, column)
                return range.needsCopy ? nil : UnsafeBufferPointer(rebasing: all[range.start..<range.end])
            }
            func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
                a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
            var previousRecord = -1
            var previousRegion: RegionIndex? = nil
            var previousIndicator: IndicatorID? = nil
            var previousSource: Int32? = nil
            for recordIndex in rows.records {
                let record = Int(recordIndex)
                let row = ContractRow(table: table, record: record, columns: rows.columns)
                /// Whether the field holds the same bytes as in the row before.
                func same(_ column: Int) -> Bool {
                    guard previousRecord >= 0, let a = plainBytes(record, column), let b = plainBytes(previousRecord, column) else { return false }
                    return equal(a, b)
                }
                // kode
                var region: RegionIndex? = nil
                if let earlier = previousRegion, same(kode) {
                    region = earlier
                } else if let bytes = plainBytes(record, kode) {
                    // In a file in code order the next code is usually the next region's;
                    // once that guess fails, it waits until the codes are in order again
                    // (in a shuffled file, reading the guessed code costs a cache miss).
                    let next = Int(previousRegion ?? 0) + 1
                    if guessNext, next < codes.count {
                        var expected = codes[next].text
                        if expected.withUTF8({ equal($0, bytes) }) { region = RegionIndex(next) }
                    }
                    if region == nil {
                        if lookup == nil { lookup = RegionCodeLookup(codes) }
                        region = lookup!.region(bytes)
                        guessNext = region.map { Int($0) == next } ?? false
                    }
                }
                if region == nil { region = self.region(row, "kode", in: regions) }
                // indikator
                var indicator: IndicatorID? = nil
                if let earlier = previousIndicator, same(indikator) {
                    indicator = earlier
                } else if let bytes = plainBytes(record, indikator) {
                    indicator = indicatorIDs.match(bytes)
                }
                if indicator == nil {
                    let text = row.text("indikator")
                    indicator = IndicatorID(rawValue: text)
                    if indicator == nil { report(.unknownIndicator(text), row, "indikator") }
                }
                // tahun
                var year = plainBytes(record, tahun).flatMap { FieldRules.year($0) }
                if year == nil { year = self.year(row, "tahun") }
                if let found = year, FieldRules.isFuture(found, currentYear: currentYear) {
                    report(.futureYear(row.text("tahun"), currentYear: currentYear), row, "tahun")
                    year = nil
                }
                // nilai
                var number = plainBytes(record, nilai).flatMap { NumberParser.parse($0) }
                if number == nil { number = self.number(row, "nilai") }
                // sumber
                var source: Int32? = nil
                if let earlier = previousSource, same(sumber) {
                    source = earlier
                } else {
                    let bytes = plainBytes(record, sumber)
                    if let bytes, let known = recentSources.first(where: { equal($0.bytes, bytes) })?.number ?? sourceOfBytes[ByteKey(bytes)] {
                        source = known
                    } else {
                        let sourceID = row.text("sumber")
                        if sourceID.isEmpty {
                            report(.emptyValue(column: "sumber"), row, "sumber")
                        } else if let known = sourceNumbers[sourceID] {
                            source = known
                            if let bytes {
                                sourceOfBytes[ByteKey(bytes)] = known
                                if recentSources.count < 16 { recentSources.append((bytes, known)) }
                            }
                        } else {
                            report(.unknownSource(sourceID), row, "sumber")
                        }
                    }
                }
                previousRecord = record
                previousRegion = region
                previousIndicator = indicator
                previousSource = source
                guard let region, let indicator, let year, let number, let source else { continue }
                guard checkRange(number.value, decimals: number.decimals, unit: indicator.unit, row, "nilai") else { continue }
                if let layout {
                    let key = layout.key(region: region, indicator: indicator, year: year, source: source)
                    if let last = keys.last, key < last { nondecreasing = false }
                    keys.append(key)
                }
                observations.append(Observation(region: region, indicator: indicator, year: year, value: number.value,
                                                decimals: number.decimals, sourceID: sourceIDs[Int(source)], line: row.line))
            }
        }
        putInOrder(&observations, keys: layout == nil ? nil : keys, nondecreasing: nondecreasing,
                   sourceNumbers: sourceNumbers, rows: rows, firstRowIssue: firstRowIssue)
        return (observations, true)
    }

    /// The accepted figures in the dataset's order without duplicates; each duplicate (a
    /// figure whose region, indicator, year and source an earlier one has) is reported at
    /// its line, among the other row issues in line order, naming the first.
    private mutating func putInOrder(_ observations: inout [Observation], keys: [UInt64]?, nondecreasing: Bool,
                                     sourceNumbers: [String: Int32], rows: ContractRows, firstRowIssue: Int) {
        // The positions in order (nil: as they are), and for each position in that order
        // whether its key equals the one before it.
        var order: [UInt32]? = nil
        var repeats = [Bool](repeating: false, count: observations.count)
        var anyRepeat = false
        if let keys {
            var sortedKeys = keys
            if !nondecreasing { (order, sortedKeys) = StableOrder.of(keys) }
            sortedKeys.withUnsafeBufferPointer { sorted in
                repeats.withUnsafeMutableBufferPointer { repeats in
                    for index in sorted.indices.dropFirst() where sorted[index] == sorted[index - 1] {
                        repeats[index] = true
                        anyRepeat = true
                    }
                }
            }
        } else {
            // Too many regions and sources for one integer: compare field by field.
            let wide = observations.map { ($0.region, $0.indicator.order, $0.year, sourceNumbers[$0.sourceID]!) }
            let sorted = wide.indices.sorted { wide[$0] != wide[$1] ? wide[$0] < wide[$1] : $0 < $1 }
            order = sorted.map { UInt32($0) }
            for index in sorted.indices.dropFirst() where wide[sorted[index]] == wide[sorted[index - 1]] {
                repeats[index] = true
                anyRepeat = true
            }
        }
        guard order != nil || anyRepeat else { return }  // as they came
        // In place (half a million figures are not held twice), then each repeat left out.
        if let order { StableOrder.apply(order, to: &observations) }
        var duplicates: [DataIssue] = []
        var kept = 0
        observations.withUnsafeMutableBufferPointer { all in
            for index in all.indices {
                if repeats[index] {
                    // The first of its run is the last one kept.
                    duplicates.append(duplicateIssue(all[index], earlier: all[kept - 1], rows: rows))
                    continue
                }
                if kept != index { all.swapAt(kept, index) }
                kept += 1
            }
        }
        observations.removeLast(observations.count - kept)
        if !duplicates.isEmpty {
            // Among the row issues, in line order (each row's own issues stay together).
            let rowIssues = issues[firstRowIssue...]
            var merged: [DataIssue] = []
            merged.reserveCapacity(rowIssues.count + duplicates.count)
            var next = duplicates.sorted { $0.line < $1.line }.makeIterator()
            var pending = next.next()
            for issue in rowIssues {
                while let duplicate = pending, duplicate.line < issue.line {
                    merged.append(duplicate)
                    pending = next.next()
                }
                merged.append(issue)
            }
            while let duplicate = pending { merged.append(duplicate); pending = next.next() }
            issues.replaceSubrange(firstRowIssue..., with: merged)
        }
    }

    private func duplicateIssue(_ figure: Observation, earlier: Observation, rows: ContractRows) -> DataIssue {
        let table = rows.table
        /// The record of an accepted figure (lines grow with records), for its text as written.
        func row(_ observation: Observation) -> ContractRow {
            var low = 1, high = table.recordCount
            while low < high {
                let mid = (low + high) / 2
                if Int(table.recordLine[mid]) < observation.line { low = mid + 1 } else { high = mid }
            }
            return ContractRow(table: table, record: low, columns: rows.columns)
        }
        let duplicate = row(figure), first = row(earlier)
        let place = duplicate.location("kode")
        return DataIssue(file: file, line: place.line, column: place.column, severity: .error,
                         problem: .duplicateFigure(key: "\(duplicate.text("kode")) \(figure.indicator.rawValue) \(figure.year) \(figure.sourceID)",
                                                   firstLine: first.line, firstValue: first.text("nilai"), value: duplicate.text("nilai")))
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
            first[key] = (row.line, row.text("nilai"))
            targets.append(Target(region: region, indicator: indicator, year: year, value: number.value,
                                  decimals: number.decimals, basis: basis))
        }
        return targets
    }

    mutating func loadRecommendations(_ regions: [RegionCode: RegionIndex], _ keyLookup: RegionKeyLookup) -> [Recommendation] {
        var recommendations: [Recommendation] = []
        guard let rows = table("rekomendasi.csv") else { return recommendations }
        recommendations.reserveCapacity(rows.count)
        var firstLine: [String: Int] = [:]
        firstLine.reserveCapacity(rows.count)
        var interned: [String: String] = [:]
        let table = rows.table
        let positions = rows.columns
        let (idColumn, codeColumn, cycleColumn, originColumn) = (positions.position("id"), positions.position("kode"), positions.position("siklus"), positions.position("asal"))
        let (categoryColumn, findingColumn, textColumn, ownerColumn) = (positions.position("kategori"), positions.position("temuan"), positions.position("rekomendasi"), positions.position("opd"))
        let (deadlineColumn, statusColumn) = (positions.position("tenggat"), positions.position("status"))
        let origins = RawValueBytes<RecommendationOrigin>(), statuses = RawValueBytes<RecommendationStatus>()
        table.bytes.withUnsafeBufferPointer { all in
            // Cycles, categories, findings, texts and owners repeat across thousands of rows:
            // one String of each is kept, found by its bytes (so a repeat makes no String).
            var internedBytes: [ByteKey: String] = [:]
            func field(_ record: Int, _ column: Int) -> UnsafeBufferPointer<UInt8>? {
                let range = table.content(record, column)
                return range.needsCopy ? nil : UnsafeBufferPointer(rebasing: all[range.start..<range.end])
            }
            func internedText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
                let key = ByteKey(bytes)
                if let shared = internedBytes[key] { return shared }
                let text = String(decoding: bytes, as: UTF8.self)
                internedBytes[key] = text
                return text
            }
            func visibleFirst(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { bytes.first.map { $0 > 0x20 && $0 < 0x7F } ?? false }
            func intern(_ text: String) -> String {
                if text.utf8.count <= 15 { return text }  // stored inline anyway
                if let shared = interned[text] { return shared }
                interned[text] = text
                return text
            }
            /// One row, each field in column order: from its bytes when they are plainly
            /// valid (the same rules: `TextRules.isPlainIdentifier`, the enums' raw
            /// values, `LocalDate(isoBytes:)`, `RegionCode`), else through the field's
            /// reporting parser, which says what is wrong and where.
            func decodedRow(_ record: Int, _ row: ContractRow) -> Recommendation? {
                let id = field(record, idColumn).flatMap { TextRules.isPlainIdentifier($0) ? String(decoding: $0, as: UTF8.self) : nil }
                    ?? identifier(row, "id")
                let region = field(record, codeColumn).flatMap(RegionCode.orderKey).flatMap(keyLookup.region).map { RegionIndex($0) }
                    ?? self.region(row, "kode", in: regions)
                let origin = field(record, originColumn).flatMap(origins.match) ?? choice(row, "asal", as: RecommendationOrigin.self)
                let text = field(record, textColumn).flatMap { visibleFirst($0) ? internedText($0) : nil }
                    ?? nonEmpty(row, "rekomendasi").map(intern)
                let owner = field(record, ownerColumn).flatMap { TextRules.isPlainIdentifier($0) ? internedText($0) : nil }
                    ?? identifier(row, "opd").map(intern)
                var deadline: LocalDate?? = nil
                if let bytes = field(record, deadlineColumn) {
                    if bytes.isEmpty { deadline = .some(nil) } else if let date = LocalDate(isoBytes: bytes) { deadline = .some(date) }
                }
                if deadline == nil { deadline = optionalDate(row, "tenggat") }
                let status = field(record, statusColumn).flatMap(statuses.match) ?? choice(row, "status", as: RecommendationStatus.self)
                guard let id, let region, let origin, let text, let owner, let deadline, let status else { return nil }
                func freeText(_ column: Int, _ name: String) -> String { field(record, column).map(internedText) ?? intern(row.text(name)) }
                return Recommendation(
                    id: id, region: region, cycle: freeText(cycleColumn, "siklus"), origin: origin,
                    category: freeText(categoryColumn, "kategori"), finding: freeText(findingColumn, "temuan"), text: text,
                    owner: owner, deadline: deadline, status: status, line: row.line)
            }
            for recordIndex in rows.records {
                let record = Int(recordIndex)
                let row = ContractRow(table: table, record: record, columns: rows.columns)
                guard let recommendation = decodedRow(record, row) else { continue }
                if let line = firstLine[recommendation.id] {
                    report(.duplicateKey(key: "id \(recommendation.id)", firstLine: line), row, "id")
                    continue
                }
                firstLine[recommendation.id] = recommendation.line
                recommendations.append(recommendation)
            }
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
            if let value = number?.value, !FieldRules.scores.contains(value) {
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
            first[key] = (row.line, row.text("nilai"))
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
            firstLine[key] = row.line
            let components = row.text("komponen").split(separator: ";")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            programmes.append(Programme(region: region, name: name, partner: row.text("mitra"), components: components,
                                        start: start, end: end, target: target, reach: reach))
        }
        return programmes
    }
}

/// Runs `a` on another thread and `b` on this one; returns when both are done. A plain
/// POSIX thread, joined: the join orders the other thread's writes before our reads (and
/// ThreadSanitizer knows it). If no thread can be started, `a` runs here.
func inParallel<A: Sendable, B: Sendable>(_ a: @escaping @Sendable () -> A, _ b: () -> B) -> (A, B) {
    let result = ParallelResult<A>()
    let start = Unmanaged.passRetained(ThreadStart { result.value = a() }).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { raw in
        Unmanaged<ThreadStart>.fromOpaque(raw!).takeRetainedValue().run()
        return nil
    }, start)
    if started != 0 {
        Unmanaged<ThreadStart>.fromOpaque(start).release()
        let first = a()
        return (first, b())
    }
    let second = b()
    pthread_join(thread, nil)
    return (result.value!, second)
}

/// The cases of a small enum found by their raw values' bytes, without making a String.
struct RawValueBytes<Value: RawRepresentable & CaseIterable & Sendable>: Sendable where Value.RawValue == String {
    private let cases = Value.allCases.map { (bytes: Array($0.rawValue.utf8), value: $0) }

    @inline(__always)
    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        for candidate in cases where candidate.bytes.count == bytes.count {
            if candidate.bytes.withUnsafeBufferPointer({ sameBytes($0, bytes) }) { return candidate.value }
        }
        return nil
    }
}

/// Whether two byte ranges are equal, eight bytes at a time and inline (a call to `memcmp`
/// costs more than comparing the few bytes of an id or a code).
@inline(__always)
func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = a.count
    guard count == b.count else { return false }
    guard count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
    let p = UnsafeRawPointer(x), q = UnsafeRawPointer(y)
    var offset = 0
    while offset + 8 <= count {
        if p.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != q.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
        offset += 8
    }
    while offset < count {
        if x[offset] != y[offset] { return false }
        offset += 1
    }
    return true
}

/// Bytes of a file being loaded, as a dictionary key (valid only while the file's bytes are).
struct ByteKey: Hashable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
    func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
    static func == (a: ByteKey, b: ByteKey) -> Bool {
        a.bytes.count == b.bytes.count && (a.bytes.isEmpty || memcmp(a.bytes.baseAddress!, b.bytes.baseAddress!, a.bytes.count) == 0)
    }
}

/// What the other thread runs.
private final class ThreadStart: @unchecked Sendable {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// The other thread's result; read only after the thread is joined.
private final class ParallelResult<A>: @unchecked Sendable {
    var value: A?
}

/// Parses decimal numbers as the contract allows: `7.05`, `-3`, or `7,05` (a comma
/// decimal, which a CSV file can only hold quoted). There is exactly one separator and it
/// is always the decimal one: `1.234` is one point two three four, and `1.234.567` is
/// rejected, so thousands separators never silently change a value.
public enum NumberParser {
    public static func parse(_ text: String) -> (value: Double, decimals: Int)? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// The same on UTF-8 bytes.
    public static func parse(_ all: UnsafeBufferPointer<UInt8>) -> (value: Double, decimals: Int)? {
        guard !all.isEmpty else { return nil }
        var negative = false
        var bytes = all[...]
        if bytes[bytes.startIndex] == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
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
