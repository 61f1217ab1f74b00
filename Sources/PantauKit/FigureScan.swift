import Foundation

/// `indikator.csv` decoded while it is tokenised: one forward pass over the bytes, no
/// table of field offsets, each field decoded where it ends by the shared rules
/// (`RegionCode.orderKey` → `hasValidShape`, `RawValueBytes` of `IndicatorID`,
/// `FieldRules.year`, `FieldRules.isFuture`, `NumberParser`, `FieldRules.valueFits`).
///
/// It reads any valid file, in any row order, with CRLF or LF, a byte order mark, quoted
/// fields (escaped quotes too), decimal commas and the columns in any order. It never
/// reports: at the first thing that is not valid (a field a rule rejects, a syntax error,
/// a wrong number of fields, a header that is not the contract's) it stops and says nil,
/// and the loader reads the file through the reporting path (`CSVTable`,
/// `LoadContext.loadObservations`), which names every problem with its line and column.
/// So a valid file never leaves this path, and an invalid one gets exactly the messages it
/// always got. `FigureScanTests` check that the two agree.
///
/// The regions and sources are not known yet when it runs (it runs on the second thread
/// while the first reads `wilayah.csv`): a code is kept as its order key, a source as its
/// number among the ids met; `observations` resolves both afterwards.
struct FigureScan: Sendable {
    /// One figure as read: `code` is `RegionCode.orderKey`; `packed` holds the indicator's
    /// order (bits 0–3), the decimals (4–7), the year after 1900 (8–15) and the source's
    /// number among `sourceIDs` (16–31).
    struct Row: Sendable {
        var code: UInt64
        var value: Double
        var line: UInt32
        var packed: UInt32
    }

    var rows: [Row]
    /// The source ids met, in the order first met.
    var sourceIDs: [String]
    /// The smallest and largest year of any row.
    var years: ClosedRange<Int>

    static let maxSources = 1 << 16

    /// Reads `bytes` (a whole `indikator.csv`); nil unless every row is valid by the
    /// rules that need no other file.
    static func scan(_ bytes: [UInt8], columns: [String], currentYear: Int) -> FigureScan? {
        bytes.withUnsafeBufferPointer { scan($0, columns: columns, currentYear: currentYear) }
    }

    static func scan(_ all: UnsafeBufferPointer<UInt8>, columns: [String], currentYear: Int) -> FigureScan? {
        precondition(IndicatorID.allCases.count <= 16)
        var scanner = FigureScanner(all, currentYear: currentYear)
        defer { scanner.release() }
        return scanner.run(columns: columns)
    }

    /// The figures in the dataset's order (region, indicator, year, source), or nil when a
    /// row names a region or source that is not in the dataset, or two rows have the same
    /// key (the reporting path then says which).
    /// `regionKeys[i]` is `RegionCode.orderKey` of region `i`, ascending (regions are in
    /// code order). `sources` are the ids of `sumber.csv`.
    func observations(regionKeys: [UInt64], lookup: RegionKeyLookup, sources: [String: Source]) -> [Observation]? {
        // Each source id met, by its place among the ids in String order (the dataset's order).
        guard sourceIDs.allSatisfy({ sources[$0] != nil }) else { return nil }
        let byName = sourceIDs.indices.sorted { sourceIDs[$0] < sourceIDs[$1] }
        var rank = [UInt32](repeating: 0, count: sourceIDs.count)
        for (place, number) in byName.enumerated() { rank[number] = UInt32(place) }
        let names = byName.map { sources[sourceIDs[$0]]!.id }

        // A sort key per row: region, indicator, year, source in as few bits as they need;
        // the row's decimals and line above them, carried along.
        let regionBits = Self.bits(for: regionKeys.count), indicatorBits = Self.bits(for: IndicatorID.allCases.count)
        let yearBits = Self.bits(for: years.count), sourceBits = Self.bits(for: sourceIDs.count)
        let sortBits = regionBits + indicatorBits + yearBits + sourceBits
        let lineBits = Self.bits(for: Int(rows.last?.line ?? 0) + 1)
        guard sortBits + 4 + lineBits <= 64 else { return nil }
        let yearShift = sourceBits, indicatorShift = yearShift + yearBits, regionShift = indicatorShift + indicatorBits
        let decimalsShift = sortBits, lineShift = sortBits + 4
        let sortMask: UInt64 = sortBits == 64 ? ~0 : (1 << sortBits) - 1
        let firstYear = years.lowerBound - FieldRules.years.lowerBound

        let count = rows.count
        var keys = [UInt64](repeating: 0, count: count)
        var values = [Double](repeating: 0, count: count)
        var inOrder = true, regionsInOrder = true
        let resolved: Bool = rows.withUnsafeBufferPointer { rows in
            keys.withUnsafeMutableBufferPointer { keys in
                values.withUnsafeMutableBufferPointer { values in
                    var previousCode = UInt64.max, region: UInt64 = 0, previousKey: UInt64 = 0
                    for index in 0..<count {
                        let row = rows[index]
                        if row.code != previousCode {
                            // In a file in code order the next code is usually the next region's.
                            let next = Int(region) + 1
                            if next < regionKeys.count, regionKeys[next] == row.code {
                                region = UInt64(next)
                            } else {
                                guard let found = lookup.region(row.code) else { return false }
                                region = UInt64(found)
                            }
                            previousCode = row.code
                        }
                        let packed = UInt64(row.packed)
                        let key = region << regionShift | (packed & 0xF) << indicatorShift
                            | (((packed >> 8) & 0xFF) - UInt64(firstYear)) << yearShift | UInt64(rank[Int(packed >> 16)])
                        if index > 0, key <= previousKey {
                            inOrder = false
                            if key >> regionShift < previousKey >> regionShift { regionsInOrder = false }
                        }
                        previousKey = key
                        keys[index] = key | ((packed >> 4) & 0xF) << decimalsShift | UInt64(row.line) << lineShift
                        values[index] = row.value
                    }
                    return true
                }
            }
        }
        guard resolved else { return nil }
        if !inOrder {
            if regionsInOrder {
                StableOrder.sortRuns(&keys, &values, mask: sortMask, runShift: regionShift)
            } else {
                StableOrder.radixSort(&keys, &values, bits: sortBits)
            }
            // Two figures with one key: a duplicate (the reporting path names both lines).
            let duplicate = keys.withUnsafeBufferPointer { keys in
                (1..<max(count, 1)).contains { keys[$0] & sortMask == keys[$0 - 1] & sortMask }
            }
            if duplicate { return nil }
        }
        let indicators = IndicatorID.allCases
        let regionMask: UInt64 = (1 << regionBits) - 1
        return [Observation](unsafeUninitializedCapacity: count) { buffer, initialised in
            keys.withUnsafeBufferPointer { keys in
                values.withUnsafeBufferPointer { values in
                    for index in 0..<count {
                        let key = keys[index]
                        (buffer.baseAddress! + index).initialize(to: Observation(
                            region: RegionIndex(truncatingIfNeeded: key >> regionShift & regionMask),
                            indicator: indicators[Int(key >> indicatorShift & 0xF)],
                            year: Int(key >> yearShift & ((1 << yearBits) - 1)) + years.lowerBound,
                            value: values[index], decimals: Int(key >> decimalsShift & 0xF),
                            sourceID: names[Int(key & ((1 << sourceBits) - 1))], line: Int(key >> lineShift)))
                    }
                }
            }
            initialised = count
        }
    }

    /// Bits that hold every value below `count`.
    static func bits(for count: Int) -> Int { max(1, Int.bitWidth - max(count - 1, 0).leadingZeroBitCount) }
}

/// Regions found by their codes' order keys: an open-addressing table (linear probing, a
/// multiplicative hash) of one word per slot, the key above the region's index, so a
/// lookup touches one cache line of a table half the size of one holding both apart.
struct RegionKeyLookup: Sendable {
    private var slots: [UInt64]  // 0 = empty (a region's key is never 0: Indonesia is not looked up here)
    private let shift: UInt64
    private static let indexBits: UInt64 = 64 - 35

    /// `keys[i]` is the order key of region `i`.
    init(_ keys: [UInt64]) {
        precondition(keys.count < 1 << Self.indexBits)
        var bits = 4
        while (1 << bits) * 3 < keys.count * 4 { bits += 1 }  // at most three quarters full
        shift = UInt64(64 - bits)
        var slots = [UInt64](repeating: 0, count: 1 << bits)
        let mask = (1 << bits) - 1
        for (index, key) in keys.enumerated() where key != 0 {
            var slot = Self.slot(key, shift)
            while slots[slot] != 0, slots[slot] >> Self.indexBits != key { slot = (slot + 1) & mask }
            if slots[slot] == 0 { slots[slot] = key << Self.indexBits | UInt64(index) }
        }
        self.slots = slots
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The region with this order key, or nil.
    @inline(__always)
    func region(_ key: UInt64) -> Int? {
        if key == 0 { return 0 }  // Indonesia, always region 0
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.slot(key, shift)
            while true {
                let found = slots[slot]
                if found >> Self.indexBits == key { return Int(found & ((1 << Self.indexBits) - 1)) }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// The state of one `FigureScan.scan`: a struct with mutating methods, so that the
/// position and line it advances are plain stored properties (a closure capturing them
/// would check exclusive access at run time on every byte).
private struct FigureScanner {
    enum Role: UInt8 { case code, indicator, year, value, source }

    let all: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let end: Int
    let currentYear: Int
    var i = 0
    var line = 1
    var scratch: [UInt8] = []

    let indicators = RawValueBytes<IndicatorID>()
    let units = IndicatorID.allCases.map(\.unit)
    var sourceIDs: [String] = []
    /// Each source id met, a copy of its bytes (a field may be unescaped into `scratch`).
    var sourceBytes: [UnsafeMutableBufferPointer<UInt8>] = []
    var sourceNumbers: [ByteKey: UInt32] = [:]
    var previousSource: UInt32 = .max

    // The row being read.
    var code: UInt64 = 0, indicator = 0, year = 0, value = 0.0, decimals = 0, source: UInt32 = 0

    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    init(_ all: UnsafeBufferPointer<UInt8>, currentYear: Int) {
        self.all = all
        base = all.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = all.count
        self.currentYear = currentYear
    }

    func release() { for bytes in sourceBytes { bytes.deallocate() } }

    /// One field from `i`: its content, whether `""` or CRLF must be unescaped, and whether
    /// it ends its record (a line end or the end of the file). Leaves `i` after the comma
    /// or line end. Nil on a syntax error (the reporting path says which).
    @inline(__always)
    mutating func field() -> (start: Int, stop: Int, needsCopy: Bool, last: Bool)? {
        var needsCopy = false
        let start: Int, stop: Int
        if i < end, base[i] == Self.quote {
            i &+= 1
            start = i
            while true {
                guard i < end else { return nil }  // never closed
                let byte = base[i]
                if byte > Self.quote { i &+= 1; continue }
                if byte == Self.quote {
                    if i &+ 1 < end, base[i &+ 1] == Self.quote { needsCopy = true; i &+= 2; continue }
                    break
                }
                if byte == Self.lf {
                    line &+= 1
                } else if byte == Self.cr {
                    if i &+ 1 < end, base[i &+ 1] == Self.lf { needsCopy = true; i &+= 1 }
                    line &+= 1
                }
                i &+= 1
            }
            stop = i
            i &+= 1
        } else {
            start = i
            while i < end {
                let byte = base[i]
                if byte > Self.comma { i &+= 1; continue }  // one comparison rules out , " CR LF
                if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
                if byte == Self.quote { return nil }
                i &+= 1
            }
            stop = i
        }
        guard i < end else { return (start, stop, needsCopy, true) }
        let byte = base[i]
        if byte == Self.comma { i &+= 1; return (start, stop, needsCopy, false) }
        guard byte == Self.lf || byte == Self.cr else { return nil }  // text after a closing quote
        i &+= (byte == Self.cr && i &+ 1 < end && base[i &+ 1] == Self.lf) ? 2 : 1
        line &+= 1
        return (start, stop, needsCopy, true)
    }

    /// Empty lines are not records (as `CSVByteParser` has it).
    @inline(__always)
    mutating func skipEmptyLines() {
        while i < end, base[i] == Self.lf || base[i] == Self.cr {
            i &+= (base[i] == Self.cr && i &+ 1 < end && base[i &+ 1] == Self.lf) ? 2 : 1
            line &+= 1
        }
    }

    /// The field's text as the reporting path sees it (`""` → `"`, CRLF → LF), in `scratch`.
    mutating func unescape(_ start: Int, _ stop: Int) {
        scratch.removeAll(keepingCapacity: true)
        var k = start
        while k < stop {
            if base[k] == Self.quote {
                scratch.append(Self.quote); k += 2
            } else if base[k] == Self.cr, k + 1 < stop, base[k + 1] == Self.lf {
                scratch.append(Self.lf); k += 2
            } else {
                scratch.append(base[k]); k += 1
            }
        }
    }

    /// Decodes one field into the row being read by the one rule of its column.
    @inline(__always)
    mutating func decode(_ role: Role, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch role {
        case .code:
            guard let key = RegionCode.orderKey(bytes) else { return false }
            code = key
        case .indicator:
            guard let found = indicators.match(bytes) else { return false }
            indicator = found.order
        case .year:
            guard let found = FieldRules.year(bytes), !FieldRules.isFuture(found, currentYear: currentYear) else { return false }
            year = found
        case .value:
            guard let number = NumberParser.parse(bytes) else { return false }
            (value, decimals) = number
        case .source:
            guard !bytes.isEmpty else { return false }
            if previousSource != .max, Self.equal(UnsafeBufferPointer(sourceBytes[Int(previousSource)]), bytes) {
                source = previousSource
                return true
            }
            // A few sources: compared in turn; many: hashed.
            var found: UInt32? = nil
            if sourceBytes.count <= 8 {
                for (number, known) in sourceBytes.enumerated() where Self.equal(UnsafeBufferPointer(known), bytes) {
                    found = UInt32(number)
                    break
                }
            } else {
                found = sourceNumbers[ByteKey(bytes)]
            }
            if let found {
                source = found
            } else {
                guard sourceIDs.count < FigureScan.maxSources else { return false }
                let owned = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)  // not empty
                _ = owned.initialize(from: bytes)
                source = UInt32(sourceIDs.count)
                sourceBytes.append(owned)
                sourceNumbers[ByteKey(UnsafeBufferPointer(owned))] = source
                sourceIDs.append(String(decoding: bytes, as: UTF8.self))
            }
            previousSource = source
        }
        return true
    }

    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        sameBytes(a, b)
    }

    mutating func run(columns: [String]) -> FigureScan? {
        guard end > 0 else { return nil }
        i = all.starts(with: LoadContext.byteOrderMark) ? 3 : 0
        guard csvScanUTF8(all, from: i).firstInvalid == end else { return nil }

        // The header: the contract's columns, each once, in any order, named as
        // `LoadContext.table` names them.
        skipEmptyLines()
        var roles: [Role] = []
        while true {
            guard let found = field() else { return nil }
            if found.needsCopy { unescape(found.start, found.stop) } else { scratch = Array(all[found.start..<found.stop]) }
            let name = LoadContext.headerName(String(decoding: scratch, as: UTF8.self))
            guard let index = columns.firstIndex(of: name), let role = Role(rawValue: UInt8(index)), !roles.contains(role) else { return nil }
            roles.append(role)
            if found.last { break }
        }
        guard roles.count == 5 else { return nil }
        let roleOf = (roles[0], roles[1], roles[2], roles[3], roles[4])

        var rows: [FigureScan.Row] = []
        // A row takes at least 14 bytes; capacity never touched costs no memory.
        rows.reserveCapacity(end / 14 + 1)
        var minYear = Int.max, maxYear = Int.min
        while true {
            skipEmptyLines()
            if i >= end { break }
            let rowLine = line
            var seen = 0
            while true {
                guard seen < 5, let found = field() else { return nil }
                let role: Role
                switch seen {
                case 0: role = roleOf.0
                case 1: role = roleOf.1
                case 2: role = roleOf.2
                case 3: role = roleOf.3
                default: role = roleOf.4
                }
                seen &+= 1
                let decoded: Bool
                if found.needsCopy {
                    unescape(found.start, found.stop)
                    let copy = scratch
                    decoded = copy.withUnsafeBufferPointer { decode(role, $0) }
                } else {
                    decoded = decode(role, UnsafeBufferPointer(start: base + found.start, count: found.stop &- found.start))
                }
                guard decoded else { return nil }
                if found.last { break }
            }
            guard seen == 5, FieldRules.valueFits(value, decimals: decimals, unit: units[indicator]) else { return nil }
            if year < minYear { minYear = year }
            if year > maxYear { maxYear = year }
            rows.append(FigureScan.Row(code: code, value: value, line: UInt32(truncatingIfNeeded: rowLine),
                                       packed: UInt32(indicator) | UInt32(decimals) << 4
                                           | UInt32(year - FieldRules.years.lowerBound) << 8 | source << 16))
        }
        // A header alone is a valid file without figures.
        return FigureScan(rows: rows, sourceIDs: sourceIDs, years: rows.isEmpty ? FieldRules.years.lowerBound...FieldRules.years.lowerBound : minYear...maxYear)
    }
}
