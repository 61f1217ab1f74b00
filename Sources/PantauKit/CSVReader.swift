// A hand-written RFC 4180 reader working on raw bytes.
//
// Why hand-written: see shared/notes/csv-performance.md. The whole file is read into one
// [UInt8], validated as UTF-8 in one pass (8 ASCII bytes at a time), then parsed in one
// forward pass over an UnsafeBufferPointer. A field is a byte range; a String is made per
// field only (the API hands out [String]), and a copy of the bytes is made only for quoted
// fields that contain `""` or CRLF.

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What went wrong in a CSV file's syntax. Messages are localised elsewhere, so this is data only.
public enum CSVProblem: Sendable, Equatable {
    /// A quoted field never closed before end of file (location = the opening quote).
    case unterminatedQuote
    /// `"ab"cd` (location = first character after the closing quote).
    case textAfterClosingQuote
    /// `ab"cd` (location = the quote).
    case quoteInUnquotedField
    /// Location = the first byte of the first ill-formed UTF-8 sequence.
    case invalidUTF8
}

public struct CSVSyntaxError: Error, Sendable, Equatable {
    public var problem: CSVProblem
    /// 1-based physical line.
    public var line: Int
    /// 1-based, counted in Unicode scalars from the start of the physical line.
    public var column: Int

    public init(problem: CSVProblem, line: Int, column: Int) {
        self.problem = problem
        self.line = line
        self.column = column
    }
}

public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based physical line where the record starts.
    public var line: Int
    /// 1-based physical line where field i starts.
    public var fieldLines: [Int]
    /// 1-based column (Unicode scalars) where field i starts (for a quoted field: the opening quote).
    public var fieldColumns: [Int]

    public init(fields: [String], line: Int, fieldLines: [Int], fieldColumns: [Int]) {
        self.fields = fields
        self.line = line
        self.fieldLines = fieldLines
        self.fieldColumns = fieldColumns
    }
}

public struct CSVDocument: Sendable, Equatable {
    /// The first record; nil for an empty file.
    public var header: CSVRecord?
    /// Data records after the header.
    public var records: [CSVRecord]

    public init(header: CSVRecord?, records: [CSVRecord]) {
        self.header = header
        self.records = records
    }
}

public struct CSVFileError: Error, Sendable, Equatable {
    public var path: String
    public var errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }
}

public enum CSVReader {
    /// Parses a whole file's bytes. Throws the first syntax error.
    public static func parse(_ bytes: [UInt8]) throws(CSVSyntaxError) -> CSVDocument {
        try bytes.withUnsafeBufferPointer { (buf) throws(CSVSyntaxError) -> CSVDocument in
            var parser = CSVByteParser(buf)
            return try parser.run()
        }
    }

    /// Reads a file with POSIX open/read (whole file into one [UInt8]) and parses it.
    /// Throws CSVFileError for I/O errors, CSVSyntaxError for syntax.
    public static func read(path: String) throws -> CSVDocument {
        let bytes = try readWholeFile(path: path)
        return try parse(bytes)
    }

    /// Reads the whole file into one array: one `read` for a regular file of known size,
    /// growing the buffer if the file turns out longer (or its size is unknown). A file of
    /// more than `limit` bytes is refused with `EFBIG`, from its size before reading when
    /// it is known, else as soon as that many have been read.
    static func readWholeFile(path: String, limit: Int = Int.max) throws(CSVFileError) -> [UInt8] {
        var fd: Int32
        repeat {
            fd = open(path, O_RDONLY | O_CLOEXEC)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw CSVFileError(path: path, errno: errno) }
        defer { _ = close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw CSVFileError(path: path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw CSVFileError(path: path, errno: EISDIR) }
        if Int(info.st_size) > limit { throw CSVFileError(path: path, errno: EFBIG) }

        var bytes: [UInt8] = []
        // +1 so that reaching end of file needs no second allocation.
        var capacity = max(Int(info.st_size), 0) + 1
        var count = 0
        while true {
            if count == capacity {  // longer than fstat said
                if count > limit { throw CSVFileError(path: path, errno: EFBIG) }
                capacity = max(capacity * 2, 1 << 16)
                if limit < Int.max { capacity = min(capacity, limit + 1) }
            }
            var readError: Int32 = 0
            var reachedEnd = false
            let old = bytes
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { dest, initialized in
                if !old.isEmpty {
                    old.withUnsafeBufferPointer { src in
                        UnsafeMutableRawBufferPointer(dest).copyMemory(from: UnsafeRawBufferPointer(src))
                    }
                }
                var n = count
                while n < capacity {
                    let got = Glue.read(fd, dest.baseAddress! + n, capacity - n)
                    if got < 0 {
                        if errno == EINTR { continue }
                        readError = errno
                        break
                    }
                    if got == 0 {
                        reachedEnd = true
                        break
                    }
                    n += got
                }
                initialized = n
            }
            count = bytes.count
            if readError != 0 { throw CSVFileError(path: path, errno: readError) }
            if reachedEnd { return bytes }
        }
    }
}

/// The C `read` under a name that does not clash with `CSVReader.read(path:)`.
private enum Glue {
    @inline(__always)
    static func read(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Darwin)
        return Darwin.read(fd, buffer, count)
        #elseif canImport(Glibc)
        return Glibc.read(fd, buffer, count)
        #else
        return Musl.read(fd, buffer, count)
        #endif
    }
}

// MARK: - UTF-8 validation

/// Result of one validation pass over the bytes.
struct CSVUTF8Scan {
    /// Offset of the first byte of the first ill-formed sequence, or the end if none.
    var firstInvalid: Int
    /// Offset of the first byte >= 0x80, or the end if none (before it, columns are byte offsets).
    var firstNonASCII: Int
}

/// Validates UTF-8 strictly (no overlong forms, no surrogates, nothing above U+10FFFF, no
/// truncated sequences).
func csvScanUTF8(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> CSVUTF8Scan {
    let n = buf.count
    guard n > start, let base = buf.baseAddress else { return CSVUTF8Scan(firstInvalid: n, firstNonASCII: n) }
    let raw = UnsafeRawPointer(base)
    var firstNonASCII = n
    var i = start
    while i < n {
        // Skip ASCII eight bytes at a time.
        while i &+ 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i &+= 8
        }
        if i >= n { break }
        let b = base[i]
        if b < 0x80 {
            i &+= 1
            continue
        }
        if firstNonASCII == n { firstNonASCII = i }
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0  // below A0 would be overlong
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F  // above 9F would be a surrogate
        case 0xF0: length = 4; low = 0x90  // below 90 would be overlong
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F  // above 8F would be beyond U+10FFFF
        default: return CSVUTF8Scan(firstInvalid: i, firstNonASCII: firstNonASCII)  // 80–C1, F5–FF
        }
        guard i &+ length <= n else { return CSVUTF8Scan(firstInvalid: i, firstNonASCII: firstNonASCII) }
        let second = base[i &+ 1]
        guard second >= low, second <= high else { return CSVUTF8Scan(firstInvalid: i, firstNonASCII: firstNonASCII) }
        var k = 2
        while k < length {
            guard base[i &+ k] & 0xC0 == 0x80 else { return CSVUTF8Scan(firstInvalid: i, firstNonASCII: firstNonASCII) }
            k &+= 1
        }
        i &+= length
    }
    return CSVUTF8Scan(firstInvalid: n, firstNonASCII: firstNonASCII)
}

// MARK: - Parser

private let comma: UInt8 = 0x2C
private let quote: UInt8 = 0x22
private let lf: UInt8 = 0x0A
private let cr: UInt8 = 0x0D

/// One forward pass over the bytes. Only the bytes before the first invalid UTF-8 sequence are
/// parsed; a syntax error found before it wins, otherwise `invalidUTF8` is thrown at the end.
struct CSVByteParser {
    let buf: UnsafeBufferPointer<UInt8>
    /// Parsing stops here: the end of the bytes, or the first invalid UTF-8 byte.
    let end: Int
    let hasInvalidUTF8: Bool
    let firstNonASCII: Int
    var i: Int
    /// Current physical line (1-based) and the offset where it starts.
    var line = 1
    var lineStart: Int
    /// Cache for counting scalars: `columnCount` scalars lie between `lineStart` and `columnBase`.
    var columnBase: Int
    var columnCount = 0

    init(_ buf: UnsafeBufferPointer<UInt8>) {
        self.buf = buf
        var start = 0
        if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { start = 3 }
        let scan = csvScanUTF8(buf, from: start)
        end = scan.firstInvalid
        hasInvalidUTF8 = scan.firstInvalid < buf.count
        firstNonASCII = scan.firstNonASCII
        i = start
        lineStart = start
        columnBase = start
    }

    /// 1-based column of offset `p` on the current line, in Unicode scalars.
    @inline(__always)
    mutating func column(_ p: Int) -> Int {
        if p <= firstNonASCII { return p &- lineStart &+ 1 }
        if columnBase < lineStart || columnBase > p {
            columnBase = lineStart
            columnCount = 0
        }
        var k = columnBase
        var c = columnCount
        while k < p {
            if buf[k] & 0xC0 != 0x80 { c &+= 1 }
            k &+= 1
        }
        columnBase = p
        columnCount = c
        return c &+ 1
    }

    @inline(__always)
    mutating func newLine(at p: Int) {
        line &+= 1
        lineStart = p
    }

    /// Consumes a line end at `i` (LF, CRLF or a lone CR). `i` must point at CR or LF.
    @inline(__always)
    mutating func consumeLineEnd() {
        if buf[i] == cr, i &+ 1 < end, buf[i &+ 1] == lf {
            i &+= 2
        } else {
            i &+= 1
        }
        newLine(at: i)
    }

    /// Parses every record into `sink`. Throws the first syntax error.
    mutating func run<Sink: CSVSink>(into sink: inout Sink) throws(CSVSyntaxError) {
        while i < end {
            let first = buf[i]
            if first == lf || first == cr {
                // A completely empty physical line: not a record.
                consumeLineEnd()
                continue
            }
            try parseRecord(into: &sink)
        }
        if hasInvalidUTF8 {
            throw CSVSyntaxError(problem: .invalidUTF8, line: line, column: column(end))
        }
    }

    mutating func run() throws(CSVSyntaxError) -> CSVDocument {
        var sink = CSVDocumentSink(buf)
        try run(into: &sink)
        return CSVDocument(header: sink.header, records: sink.records)
    }

    /// Parses one record starting at `i` (not at a line end); leaves `i` after its line end.
    mutating func parseRecord<Sink: CSVSink>(into sink: inout Sink) throws(CSVSyntaxError) {
        let recordLine = line
        while true {
            let fieldStart = i
            let fieldLine = line
            // Columns cost a scan once the line holds non-ASCII text; a sink that finds them
            // later on demand (CSVTable) skips it.
            let fieldColumn = Sink.wantsColumns ? column(fieldStart) : 0

            if i < end, buf[i] == quote {
                let needsCopy = try parseQuotedField(line: fieldLine, column: Sink.wantsColumns ? fieldColumn : column(fieldStart))
                sink.field(start: fieldStart, contentStart: fieldStart &+ 1, contentEnd: i &- 1, quoted: true,
                           needsCopy: needsCopy, line: fieldLine, column: fieldColumn)
                // After the closing quote: end of data, a comma or a line end.
                if i < end {
                    let b = buf[i]
                    if b != comma, b != lf, b != cr {
                        throw CSVSyntaxError(problem: .textAfterClosingQuote, line: line, column: column(i))
                    }
                }
            } else {
                // Unquoted: stop at comma, CR or LF; a quote is an error.
                while i < end {
                    let b = buf[i]
                    if b > comma {  // one comparison rules out , " CR LF for most bytes
                        i &+= 1
                        continue
                    }
                    if b == comma || b == lf || b == cr { break }
                    if b == quote {
                        throw CSVSyntaxError(problem: .quoteInUnquotedField, line: line, column: column(i))
                    }
                    i &+= 1
                }
                sink.field(start: fieldStart, contentStart: fieldStart, contentEnd: i, quoted: false,
                           needsCopy: false, line: fieldLine, column: fieldColumn)
            }

            if i >= end { break }
            if buf[i] == comma {
                i &+= 1
                continue  // another field follows, possibly empty at end of line / file
            }
            consumeLineEnd()
            break
        }
        sink.endRecord(line: recordLine)
    }

    /// `i` points at the opening quote; leaves `i` just after the closing quote. Returns
    /// whether the content holds `""` or CRLF (and so must be copied to become text).
    mutating func parseQuotedField(line openLine: Int, column openColumn: Int) throws(CSVSyntaxError) -> Bool {
        i &+= 1
        var needsCopy = false
        while true {
            guard i < end else {
                if hasInvalidUTF8 {
                    throw CSVSyntaxError(problem: .invalidUTF8, line: line, column: column(end))
                }
                throw CSVSyntaxError(problem: .unterminatedQuote, line: openLine, column: openColumn)
            }
            let b = buf[i]
            if b > quote {  // rules out " CR LF
                i &+= 1
                continue
            }
            if b == quote {
                if i &+ 1 < end, buf[i &+ 1] == quote {
                    needsCopy = true
                    i &+= 2
                    continue
                }
                break
            }
            if b == lf {
                i &+= 1
                newLine(at: i)
                continue
            }
            if b == cr {
                if i &+ 1 < end, buf[i &+ 1] == lf {
                    needsCopy = true  // CRLF inside quotes becomes LF
                    i &+= 2
                } else {
                    i &+= 1
                }
                newLine(at: i)
                continue
            }
            i &+= 1
        }
        i &+= 1  // the closing quote
        return needsCopy
    }
}

/// Receives the fields of a parse, in order.
protocol CSVSink {
    /// Whether `field` needs `column` (counting scalars is skipped otherwise and 0 is passed).
    static var wantsColumns: Bool { get }
    /// `start` is the field's first byte (its opening quote when quoted); the content is
    /// `contentStart..<contentEnd`, with `""` and CRLF still to be unescaped when `needsCopy`.
    mutating func field(start: Int, contentStart: Int, contentEnd: Int, quoted: Bool, needsCopy: Bool, line: Int, column: Int)
    mutating func endRecord(line: Int)
}

/// The text of a field's content: `""` becomes `"` and CRLF becomes LF when `needsCopy`.
@inline(__always)
func csvFieldText(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int, needsCopy: Bool, scratch: inout [UInt8]) -> String {
    if start == stop { return "" }
    if !needsCopy { return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<stop]), as: UTF8.self) }
    scratch.removeAll(keepingCapacity: true)
    var k = start
    while k < stop {
        let b = buf[k]
        if b == quote {
            scratch.append(quote)
            k &+= 2  // `""` → `"`
        } else if b == cr, k &+ 1 < stop, buf[k &+ 1] == lf {
            scratch.append(lf)
            k &+= 2
        } else {
            scratch.append(b)
            k &+= 1
        }
    }
    return scratch.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
}

/// Builds `CSVRecord`s: a String per field, with the line and column of each.
struct CSVDocumentSink: CSVSink {
    static var wantsColumns: Bool { true }
    let buf: UnsafeBufferPointer<UInt8>
    var header: CSVRecord?
    var records: [CSVRecord] = []
    var fields: [String] = []
    var fieldLines: [Int] = []
    var fieldColumns: [Int] = []
    var expectedFields = 4
    var scratch: [UInt8] = []

    init(_ buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

    mutating func field(start: Int, contentStart: Int, contentEnd: Int, quoted: Bool, needsCopy: Bool, line: Int, column: Int) {
        if fields.isEmpty {
            fields.reserveCapacity(expectedFields)
            fieldLines.reserveCapacity(expectedFields)
            fieldColumns.reserveCapacity(expectedFields)
        }
        fields.append(csvFieldText(buf, contentStart, contentEnd, needsCopy: needsCopy, scratch: &scratch))
        fieldLines.append(line)
        fieldColumns.append(column)
    }

    mutating func endRecord(line: Int) {
        let record = CSVRecord(fields: fields, line: line, fieldLines: fieldLines, fieldColumns: fieldColumns)
        expectedFields = fields.count
        fields = []
        fieldLines = []
        fieldColumns = []
        if header == nil { header = record } else { records.append(record) }
    }
}

// MARK: - Compact table

/// A parsed file kept as byte ranges, for large files: no String and no array per record.
/// A field's line and column are found again only when a problem is reported.
final class CSVTable: Sendable {
    let bytes: [UInt8]
    /// Per field: the offset of its first byte (its opening quote when quoted).
    let fieldStart: [UInt32]
    /// Per field: one past its content; `quotedFlag` and `copyFlag` in the high bits.
    let fieldEnd: [UInt32]
    /// Per record (the header is record 0): the index of its first field; one more entry at the end.
    let recordFirstField: [UInt32]
    /// Per record: its 1-based physical line.
    let recordLine: [UInt32]

    static let quotedFlag: UInt32 = 1 << 31
    static let copyFlag: UInt32 = 1 << 30
    /// Offsets must fit below the flags.
    static let maxBytes = 1 << 30

    /// Parses `bytes`; nil when the file is too large for 30-bit offsets (use `CSVReader.parse`).
    static func parse(_ bytes: [UInt8]) throws(CSVSyntaxError) -> CSVTable? {
        guard bytes.count < maxBytes else { return nil }
        var sink = CSVTableSink()
        // About one field per 9 bytes in pantau's files; reserving avoids regrowing big arrays.
        sink.fieldStart.reserveCapacity(bytes.count / 9)
        sink.fieldEnd.reserveCapacity(bytes.count / 9)
        try bytes.withUnsafeBufferPointer { (buf) throws(CSVSyntaxError) in
            var parser = CSVByteParser(buf)
            try parser.run(into: &sink)
        }
        sink.recordFirstField.append(UInt32(sink.fieldStart.count))
        return CSVTable(bytes: bytes, sink: sink)
    }

    private init(bytes: [UInt8], sink: CSVTableSink) {
        self.bytes = bytes
        fieldStart = sink.fieldStart
        fieldEnd = sink.fieldEnd
        recordFirstField = sink.recordFirstField
        recordLine = sink.recordLine
    }

    var recordCount: Int { recordLine.count }

    @inline(__always)
    func fieldCount(_ record: Int) -> Int { Int(recordFirstField[record + 1] &- recordFirstField[record]) }

    /// The content range of field `index` of `record` and whether it must be unescaped.
    @inline(__always)
    func content(_ record: Int, _ index: Int) -> (start: Int, end: Int, needsCopy: Bool) {
        let field = Int(recordFirstField[record]) &+ index
        let end = fieldEnd[field]
        let quoted = end & Self.quotedFlag != 0
        return (Int(fieldStart[field]) &+ (quoted ? 1 : 0), Int(end & ~(Self.quotedFlag | Self.copyFlag)), end & Self.copyFlag != 0)
    }

    /// The field's text, unescaped.
    func text(_ record: Int, _ index: Int) -> String {
        let range = content(record, index)
        var scratch: [UInt8] = []
        return bytes.withUnsafeBufferPointer { csvFieldText($0, range.start, range.end, needsCopy: range.needsCopy, scratch: &scratch) }
    }

    /// Whether the field's bytes (taken as they are) equal `expected`.
    @inline(__always)
    func field(_ record: Int, _ index: Int, equals expected: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = content(record, index)
        guard !range.needsCopy, range.end &- range.start == expected.count else { return false }
        return bytes.withUnsafeBufferPointer { buf in
            memcmp(buf.baseAddress! + range.start, expected.baseAddress!, expected.count) == 0
        }
    }

    /// The 1-based line and column (in Unicode scalars) where field `index` of `record`
    /// starts, as `CSVRecord.fieldLines`/`fieldColumns` give them.
    func location(_ record: Int, _ index: Int) -> (line: Int, column: Int) {
        let first = Int(recordFirstField[record])
        let target = Int(fieldStart[first &+ index])
        var line = Int(recordLine[record])
        var lineStart = Int(fieldStart[first])  // a record starts a line
        var k = lineStart
        while k < target {
            let b = bytes[k]
            if b == lf {
                line &+= 1; lineStart = k &+ 1
            } else if b == cr {
                if k &+ 1 < target, bytes[k &+ 1] == lf { k &+= 1 }
                line &+= 1; lineStart = k &+ 1
            }
            k &+= 1
        }
        var column = 1
        for p in lineStart..<target where bytes[p] & 0xC0 != 0x80 { column &+= 1 }
        return (line, column)
    }
}

struct CSVTableSink: CSVSink {
    static var wantsColumns: Bool { false }
    var fieldStart: [UInt32] = []
    var fieldEnd: [UInt32] = []
    var recordFirstField: [UInt32] = []
    var recordLine: [UInt32] = []
    var recordOpen = false

    @inline(__always)
    mutating func field(start: Int, contentStart: Int, contentEnd: Int, quoted: Bool, needsCopy: Bool, line: Int, column: Int) {
        if !recordOpen { recordFirstField.append(UInt32(fieldStart.count)); recordOpen = true }
        fieldStart.append(UInt32(truncatingIfNeeded: start))
        var end = UInt32(truncatingIfNeeded: contentEnd)
        if quoted { end |= CSVTable.quotedFlag }
        if needsCopy { end |= CSVTable.copyFlag }
        fieldEnd.append(end)
    }

    @inline(__always)
    mutating func endRecord(line: Int) {
        recordLine.append(UInt32(truncatingIfNeeded: line))
        recordOpen = false
    }
}
