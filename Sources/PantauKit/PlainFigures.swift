import Foundation

/// A single pass over an `indikator.csv` written the plain way: the contract header in
/// the documented order, one figure per line, no quotes, ASCII only, every value valid,
/// and figures in the dataset's order (region code, indicator, year, source) with no
/// duplicate. A national file written by a program usually is; reading it this way
/// skips the general CSV table and its field offsets (docs/performance.md).
///
/// It never reports a problem. At anything else (a quote, a bad value, a figure out of
/// order, an unknown region or source) it gives up, and the file is read again by the
/// general reader, which reports exactly what it always did. So for any file the
/// figures and the issues are those of the general path; the tests compare the two.
final class PlainFigures: @unchecked Sendable {
    // One thread at a time: made on the loading thread, resolved after the join.

    /// Figures with `region` holding the index of their code in `codeRanges` until
    /// `resolve` maps it to the region's index.
    private var observations: [Observation]
    /// The byte range of each distinct code, in file (and code) order.
    private let codeRanges: [(start: Int, end: Int)]
    private let sourceIDs: [String]
    private let file: FileBytes

    static let header = Array("kode,indikator,tahun,nilai,sumber".utf8)

    /// Scans the file; nil if it is not plain in the sense above.
    init?(_ file: FileBytes, currentYear: Int) {
        guard let scanned = Self.scan(file.buffer, currentYear: currentYear) else { return nil }
        (observations, codeRanges, sourceIDs) = scanned
        self.file = file
    }

    /// The figures with their regions, or nil if a code is not a region of the list or a
    /// source is not in sumber.csv (the general path then reports it). Call it once: the
    /// figures are handed over, not copied.
    func resolve(codes: [RegionCode], index: [RegionCode: RegionIndex], sources: [String: Source]) -> [Observation]? {
        guard sourceIDs.allSatisfy({ sources[$0] != nil }) else { return nil }
        var regionOfCode = [RegionIndex](repeating: 0, count: codeRanges.count)
        let all = file.buffer
        var next = 0  // in code order, the next code is usually the next region's
        for (position, range) in codeRanges.enumerated() {
            let length = range.end - range.start
            var region: RegionIndex? = nil
            if next < codes.count {
                var expected = codes[next].text
                let same = expected.withUTF8 { text in
                    text.count == length && memcmp(text.baseAddress!, all.baseAddress! + range.start, length) == 0
                }
                if same { region = RegionIndex(next) }
            }
            if region == nil {
                let text = String(decoding: UnsafeBufferPointer(rebasing: all[range.start..<range.end]), as: UTF8.self)
                guard let code = RegionCode(text), let known = index[code] else { return nil }
                region = known
            }
            regionOfCode[position] = region!
            next = Int(region!) + 1
        }
        var resolved = observations
        observations = []  // so that `resolved` is the only reference and is changed in place
        resolved.withUnsafeMutableBufferPointer { all in
            for index in all.indices { all[index].region = regionOfCode[Int(all[index].region)] }
        }
        return resolved
    }

    // MARK: The scan

    private static let comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private static let quote = UInt8(ascii: "\"")
    private static let indicators = RawValueBytes<IndicatorID>()

    private static func scan(_ all: UnsafeBufferPointer<UInt8>, currentYear: Int)
        -> (observations: [Observation], codeRanges: [(start: Int, end: Int)], sourceIDs: [String])? {
        // The header, exactly, then LF or CRLF.
        guard all.count > header.count, (0..<header.count).allSatisfy({ all[$0] == header[$0] }) else { return nil }
        var position = header.count
        if all[position] == cr { position += 1 }
        guard position < all.count, all[position] == lf else { return nil }
        position += 1

        var observations: [Observation] = []
        observations.reserveCapacity(all.count / 48)
        var codeRanges: [(start: Int, end: Int)] = []
        var sourceIDs: [String] = []
        var sourceRanges: [(start: Int, end: Int)] = []
        var line = 1
        // The key of the figure before: code (as a byte range), indicator order, year, source.
        var previousCode = (start: 0, end: 0), previousIndicator = -1, previousYear = 0, previousSource = -1

        func equal(_ a: (start: Int, end: Int), _ b: (start: Int, end: Int)) -> Bool {
            a.end - a.start == b.end - b.start && memcmp(all.baseAddress! + a.start, all.baseAddress! + b.start, a.end - a.start) == 0
        }
        /// -1, 0 or 1 in byte order, as `RegionCode` and `String` order ASCII text.
        func compare(_ a: (start: Int, end: Int), _ b: (start: Int, end: Int)) -> Int {
            let common = min(a.end - a.start, b.end - b.start)
            let result = memcmp(all.baseAddress! + a.start, all.baseAddress! + b.start, common)
            if result != 0 { return result < 0 ? -1 : 1 }
            return a.end - a.start == b.end - b.start ? 0 : (a.end - a.start < b.end - b.start ? -1 : 1)
        }

        let base = all.baseAddress!
        /// The offset of the next `byte` in `from..<to`, or nil.
        func find(_ byte: UInt8, _ from: Int, _ to: Int) -> Int? {
            guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        while position < all.count {
            line += 1
            // Five fields up to the end of the line (LF or CRLF). Fields are found by their
            // commas; each field's own check below rejects quotes, CR and non-ASCII bytes.
            var lineEnd = find(lf, position, all.count) ?? all.count
            let next = lineEnd + 1
            if lineEnd > position, all[lineEnd - 1] == cr { lineEnd -= 1 }
            guard let first = find(comma, position, lineEnd), let second = find(comma, first + 1, lineEnd),
                  let third = find(comma, second + 1, lineEnd), let fourth = find(comma, third + 1, lineEnd) else { return nil }
            let code = (start: position, end: first), indicatorField = (start: first + 1, end: second)
            let yearField = (start: second + 1, end: third), valueField = (start: third + 1, end: fourth)
            let sourceField = (start: fourth + 1, end: lineEnd)  // a fifth comma fails the source check
            position = next

            // kode: `0` or 2, 2, 2 and 4 digits separated by dots.
            let sameCode = !codeRanges.isEmpty && equal(code, previousCode)
            if !sameCode {
                guard RegionCode.hasValidShape(UnsafeBufferPointer(rebasing: all[code.start..<code.end])) else { return nil }
                if !codeRanges.isEmpty, compare(code, previousCode) < 0 { return nil }
                codeRanges.append(code)
                previousCode = code
                previousIndicator = -1
            }
            // indikator
            guard let indicator = indicators.match(UnsafeBufferPointer(rebasing: all[indicatorField.start..<indicatorField.end])) else { return nil }
            // tahun: four digits, 1900–2100, not after the current year.
            guard let year = FieldRules.year(UnsafeBufferPointer(rebasing: all[yearField.start..<yearField.end])),
                  !FieldRules.isFuture(year, currentYear: currentYear) else { return nil }
            // nilai, within its unit's range.
            guard let number = NumberParser.parse(UnsafeBufferPointer(rebasing: all[valueField.start..<valueField.end])),
                  FieldRules.valueFits(number.value, decimals: number.decimals, unit: indicator.unit) else { return nil }
            // sumber: one of the few distinct ids seen so far, or a new one.
            guard sourceField.end > sourceField.start, sourceField.end - sourceField.start <= DatasetLoader.maxFieldLength else { return nil }
            var source = -1
            if previousSource >= 0, equal(sourceField, sourceRanges[previousSource]) {
                source = previousSource
            } else if let known = sourceRanges.firstIndex(where: { equal($0, sourceField) }) {
                source = known
            } else {
                // Printable ASCII other than quote and comma, not only spaces.
                var printable = false
                for index in sourceField.start..<sourceField.end {
                    let byte = all[index]
                    guard byte >= 0x20, byte < 0x7F, byte != quote, byte != comma else { return nil }
                    if byte != 0x20 { printable = true }
                }
                guard printable else { return nil }
                let text = String(decoding: UnsafeBufferPointer(rebasing: all[sourceField.start..<sourceField.end]), as: UTF8.self)
                sourceIDs.append(text)
                sourceRanges.append(sourceField)
                source = sourceIDs.count - 1
            }
            // Strictly after the figure before, within the same code.
            if sameCode {
                let order = indicator.order
                if order < previousIndicator { return nil }
                if order == previousIndicator {
                    if year < previousYear { return nil }
                    if year == previousYear, compare(sourceField, sourceRanges[previousSource]) <= 0 { return nil }
                }
            }
            previousIndicator = indicator.order
            previousYear = year
            previousSource = source
            observations.append(Observation(region: RegionIndex(codeRanges.count - 1), indicator: indicator, year: year,
                                            value: number.value, decimals: number.decimals, sourceID: sourceIDs[source], line: line))
        }
        guard !observations.isEmpty else { return nil }
        return (observations, codeRanges, sourceIDs)
    }
}

/// A file's bytes in one buffer of their own (not an Array, whose storage cannot be
/// kept as a pointer). Not mapped with `mmap`, though that is ~15 ms faster on the
/// national file: a file truncated while mapped (a script rewriting it with `>`) would
/// end pantau with SIGBUS instead of a message naming the line where the file stops.
final class FileBytes: @unchecked Sendable {
    // Read-only once made.
    let buffer: UnsafeBufferPointer<UInt8>

    /// Reads a regular, non-empty file; nil if it cannot (the general reader then reads
    /// it again and says why).
    init?(reading path: String) {
        // Only a regular file: opening a FIFO would block (BadInputTests). O_NONBLOCK in
        // case the path changes between the two calls.
        var before = stat()
        guard stat(path, &before) == 0, before.st_mode & S_IFMT == S_IFREG else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0,
              Int(info.st_size) <= DatasetLoader.maxFileBytes else { return nil }
        let size = Int(info.st_size)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
        var count = 0
        while count < size {
            let got = read(fd, storage.baseAddress! + count, size - count)
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        // A file that changed size while being read: the general reader reads it whole.
        guard count == size else {
            storage.deallocate()
            return nil
        }
        buffer = UnsafeBufferPointer(storage)
    }

    /// A copy of bytes held in memory (datasets loaded from memory: tests, benchmarks).
    init(copying bytes: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        buffer = UnsafeBufferPointer(copy)
    }

    deinit {
        buffer.deallocate()
    }
}
