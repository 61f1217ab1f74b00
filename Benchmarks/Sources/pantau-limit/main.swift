// The parse-and-index limit beside pantau's loader (issue 15): how fast the dataset's
// files could be turned into pantau's tables if nothing were checked.
//
// The limit is one byte pass over each file, on one thread, building the columnar tables
// and nothing else: fields split at commas and line ends (quotes only skipped, never
// unescaped), a region code packed into an integer, an indicator, origin or status told
// apart by its length and last byte, numbers and dates read from digits, texts kept as
// byte ranges; the index is a hash table of region codes (every figure and
// recommendation finds its region there) and, for a file whose figures do not come
// region by region, a counting sort that groups them by region. No rule is checked: a
// wrong code, a percentage of 120, a duplicate or a broken quote go unnoticed.
//
// pantau's figure is `DatasetLoader.load(files:)`: every file checked, figures in the
// dataset's order, the name index, two threads. Both read the same bytes held in memory
// (reading the files is left out of both). Rounds alternate (pantau, limit, pantau, …).
//
//   swift run -c release pantau-limit --rounds 15 /tmp/pantau-national [/tmp/shapes/shuffled-x1 …]
import Foundation
import PantauKit

var rounds = 15
var directories: [String] = []
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    if argument == "--rounds", let value = arguments.first.flatMap({ Int($0) }) {
        rounds = value
        arguments.removeFirst()
    } else {
        directories.append(argument)
    }
}
guard !directories.isEmpty else {
    print("usage: pantau-limit [--rounds N] DATASET-DIRECTORY …")
    exit(2)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func cpuNow() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
func median(_ values: [UInt64]) -> Double { Double(values.sorted()[values.count / 2]) / 1_000_000 }

print("pantau-limit: \(rounds) rounds each, alternating; milliseconds, median (wall / CPU of the process)")
print("| dataset | pantau load | pantau CPU | limit (1 thread) | limit CPU | pantau / limit (wall) | (CPU) |")
print("|---|---|---|---|---|---|---|")
for directory in directories {
    var files: [String: [UInt8]] = [:]
    for name in DatasetLoader.knownFiles {
        if let data = FileManager.default.contents(atPath: directory + "/" + name) { files[name] = [UInt8](data) }
    }
    var loads: [UInt64] = [], loadCPU: [UInt64] = [], limits: [UInt64] = [], limitCPU: [UInt64] = []
    var figures = 0, limitFigures = 0
    for round in 0..<(rounds + 1) {
        let start = now(), cpuStart = cpuNow()
        let dataset = try DatasetLoader.load(files: files, currentYear: 2026, directory: directory)
        let loaded = now(), cpuLoaded = cpuNow()
        figures = dataset.observations.count
        let limitStart = now(), limitCPUStart = cpuNow()
        let tables = Limit.parse(files)
        let limitEnd = now(), limitCPUEnd = cpuNow()
        limitFigures = tables.figureCount
        if round > 0 {  // the first round warms up
            loads.append(loaded - start)
            loadCPU.append(cpuLoaded - cpuStart)
            limits.append(limitEnd - limitStart)
            limitCPU.append(limitCPUEnd - limitCPUStart)
        }
    }
    precondition(figures == limitFigures, "the limit read \(limitFigures) figures, pantau \(figures)")
    let name = (directory as NSString).lastPathComponent
    print(String(format: "| %@ | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.2f× | %.2f× |", name, median(loads), median(loadCPU),
                 median(limits), median(limitCPU), median(loads) / median(limits), median(loadCPU) / median(limitCPU)))
}

/// The columnar tables, built without checking anything.
struct Tables {
    var regionCodes: [UInt64] = [], regionNames: [UInt64] = []  // name as start << 32 | end
    var figureRegion: [Int32] = [], figureIndicator: [UInt8] = [], figureYear: [Int16] = []
    var figureValue: [Double] = [], figureDecimals: [UInt8] = [], figureSource: [UInt8] = []
    var figureStart: [Int32] = []  // figures of region i: figureStart[i]..<figureStart[i + 1]
    var recommendationRegion: [Int32] = [], recommendationFields: [UInt64] = []  // 8 text ranges a row
    var recommendationOrigin: [UInt8] = [], recommendationStatus: [UInt8] = [], recommendationDeadline: [Int32] = []
    var other: [UInt64] = []  // the small files' fields as ranges
    var figureCount: Int { figureRegion.count }
}

enum Limit {
    static func parse(_ files: [String: [UInt8]]) -> Tables {
        var tables = Tables()
        var index = CodeIndex()
        if let bytes = files["wilayah.csv"] {
            bytes.withUnsafeBufferPointer { all in
                var fields = Fields(all)
                let columns = fields.header(["kode", "nama"])
                tables.regionCodes.append(0)  // Indonesia
                tables.regionNames.append(0)
                var row = [(Int, Int)](repeating: (0, 0), count: columns.count)
                while fields.row(&row) {
                    let code = fields.packed(row[columns[0]])
                    index.insert(code, Int32(tables.regionCodes.count))
                    tables.regionCodes.append(code)
                    tables.regionNames.append(UInt64(row[columns[1]].0) << 32 | UInt64(row[columns[1]].1))
                }
            }
        }
        if let bytes = files["indikator.csv"] {
            bytes.withUnsafeBufferPointer { all in
                var fields = Fields(all)
                let columns = fields.header(["kode", "indikator", "tahun", "nilai", "sumber"])
                var row = [(Int, Int)](repeating: (0, 0), count: columns.count)
                let estimate = all.count / 50
                tables.figureRegion.reserveCapacity(estimate); tables.figureIndicator.reserveCapacity(estimate)
                tables.figureYear.reserveCapacity(estimate); tables.figureValue.reserveCapacity(estimate)
                tables.figureDecimals.reserveCapacity(estimate); tables.figureSource.reserveCapacity(estimate)
                var sources: [(Int, Int)] = []
                var previousSource = (0, 0), previousNumber: UInt8 = 0
                var inOrder = true, lastRegion: Int32 = 0
                while fields.row(&row) {
                    let region = index.find(fields.packed(row[columns[0]]))
                    if region < lastRegion { inOrder = false }
                    lastRegion = region
                    tables.figureRegion.append(region)
                    tables.figureIndicator.append(fields.tag(row[columns[1]]))
                    tables.figureYear.append(Int16(fields.integer(row[columns[2]])))
                    let (value, decimals) = fields.decimal(row[columns[3]])
                    tables.figureValue.append(value)
                    tables.figureDecimals.append(decimals)
                    let source = row[columns[4]]
                    if !fields.same(source, previousSource) {
                        if let known = sources.firstIndex(where: { fields.same($0, source) }) {
                            previousNumber = UInt8(known)
                        } else {
                            previousNumber = UInt8(truncatingIfNeeded: sources.count)
                            sources.append(source)
                        }
                        previousSource = source
                    }
                    tables.figureSource.append(previousNumber)
                }
                // The index by region: a count per region, and the figures grouped by
                // region when they do not come that way.
                var starts = [Int32](repeating: 0, count: tables.regionCodes.count + 1)
                for region in tables.figureRegion { starts[Int(region) + 1] += 1 }
                for region in 0..<tables.regionCodes.count { starts[region + 1] += starts[region] }
                if !inOrder {
                    var next = starts
                    var order = [Int32](repeating: 0, count: tables.figureRegion.count)
                    for (position, region) in tables.figureRegion.enumerated() {
                        order[Int(next[Int(region)])] = Int32(position)
                        next[Int(region)] += 1
                    }
                    tables.figureRegion = order.map { tables.figureRegion[Int($0)] }
                    tables.figureIndicator = order.map { tables.figureIndicator[Int($0)] }
                    tables.figureYear = order.map { tables.figureYear[Int($0)] }
                    tables.figureValue = order.map { tables.figureValue[Int($0)] }
                    tables.figureDecimals = order.map { tables.figureDecimals[Int($0)] }
                    tables.figureSource = order.map { tables.figureSource[Int($0)] }
                }
                tables.figureStart = starts
            }
        }
        if let bytes = files["rekomendasi.csv"] {
            bytes.withUnsafeBufferPointer { all in
                var fields = Fields(all)
                let names = ["id", "kode", "siklus", "asal", "kategori", "temuan", "rekomendasi", "opd", "tenggat", "status"]
                let columns = fields.header(names)
                var row = [(Int, Int)](repeating: (0, 0), count: columns.count)
                while fields.row(&row) {
                    tables.recommendationRegion.append(index.find(fields.packed(row[columns[1]])))
                    for column in [0, 2, 4, 5, 6, 7] {
                        let range = row[columns[column]]
                        tables.recommendationFields.append(UInt64(range.0) << 32 | UInt64(range.1))
                    }
                    tables.recommendationOrigin.append(fields.tag(row[columns[3]]))
                    tables.recommendationStatus.append(fields.tag(row[columns[9]]))
                    tables.recommendationDeadline.append(Int32(fields.integer(row[columns[8]])))  // digits of the date
                }
            }
        }
        for name in ["sumber.csv", "target.csv", "konvergensi.csv", "program.csv"] {
            guard let bytes = files[name] else { continue }
            bytes.withUnsafeBufferPointer { all in
                var fields = Fields(all)
                var row = [(Int, Int)]()
                _ = fields.header([])
                row = [(Int, Int)](repeating: (0, 0), count: 16)
                while fields.row(&row) { tables.other.append(UInt64(row[0].0)) }
            }
        }
        return tables
    }
}

/// Fields of one file: byte ranges, quotes skipped, nothing checked.
struct Fields {
    let all: UnsafeBufferPointer<UInt8>
    var i = 0
    var width = 0

    init(_ all: UnsafeBufferPointer<UInt8>) {
        self.all = all
        if all.count >= 3, all[0] == 0xEF, all[1] == 0xBB, all[2] == 0xBF { i = 3 }
    }

    /// The position of each of `names` in the header (an unknown name is column 0).
    mutating func header(_ names: [String]) -> [Int] {
        var row = [(Int, Int)](repeating: (0, 0), count: 32)
        _ = self.row(&row)
        var columns = [Int](repeating: 0, count: names.count)
        for (index, name) in names.enumerated() {
            let wanted = Array(name.utf8)
            for column in 0..<width where Array(all[row[column].0..<row[column].1]) == wanted { columns[index] = column }
        }
        return columns
    }

    /// The next record's fields into `row` (at most its count); false at the end.
    @inline(__always)
    mutating func row(_ row: inout [(Int, Int)]) -> Bool {
        while i < all.count, all[i] == 10 || all[i] == 13 { i += 1 }
        guard i < all.count else { return false }
        var column = 0
        while true {
            var start = i, stop: Int
            if all[i] == 34 {  // a quoted field: to the closing quote (a doubled quote is two quotes)
                start += 1
                i += 1
                while i < all.count {
                    if all[i] == 34 {
                        if i + 1 < all.count, all[i + 1] == 34 { i += 2; continue }
                        break
                    }
                    i += 1
                }
                stop = i
                i += 1
            } else {
                while i < all.count, all[i] > 44 || (all[i] != 44 && all[i] != 10 && all[i] != 13) { i += 1 }
                stop = i
            }
            if column < row.count { row[column] = (start, stop) }
            column += 1
            if i < all.count, all[i] == 44 { i += 1; continue }
            break
        }
        width = column
        return true
    }

    /// A code's digits and its digit count in one integer.
    @inline(__always)
    func packed(_ range: (Int, Int)) -> UInt64 {
        var value: UInt64 = 0, digits: UInt64 = 0
        for k in range.0..<range.1 where all[k] != 46 {
            value = value &* 10 &+ UInt64(all[k] &- 48)
            digits &+= 1
        }
        return digits << 56 | value
    }

    /// A small number that tells the few allowed words apart (length and last byte).
    @inline(__always)
    func tag(_ range: (Int, Int)) -> UInt8 {
        range.1 > range.0 ? UInt8(truncatingIfNeeded: (range.1 - range.0) &* 31 &+ Int(all[range.1 - 1])) : 0
    }

    @inline(__always)
    func integer(_ range: (Int, Int)) -> Int {
        var value = 0
        for k in range.0..<range.1 where all[k] >= 48 && all[k] <= 57 { value = value &* 10 &+ Int(all[k] &- 48) }
        return value
    }

    @inline(__always)
    func decimal(_ range: (Int, Int)) -> (Double, UInt8) {
        var whole: UInt64 = 0, decimals: UInt8 = 0, separator = false
        for k in range.0..<range.1 {
            let byte = all[k]
            if byte == 46 || byte == 44 { separator = true; continue }
            whole = whole &* 10 &+ UInt64(byte &- 48)
            if separator { decimals &+= 1 }
        }
        return (Double(whole) / Limit.powers[Int(decimals & 15)], decimals)
    }

    @inline(__always)
    func same(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
        a.1 - a.0 == b.1 - b.0 && memcmp(all.baseAddress! + a.0, all.baseAddress! + b.0, a.1 - a.0) == 0
    }
}

extension Limit {
    static let powers: [Double] = (0..<16).map { pow(10, Double($0)) }
}

/// Region codes → region rows: open addressing, one word per slot.
struct CodeIndex {
    var keys = [UInt64](repeating: 0, count: 1 << 18)
    var values = [Int32](repeating: 0, count: 1 << 18)
    let mask = (1 << 18) - 1

    @inline(__always)
    func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 46) }

    mutating func insert(_ key: UInt64, _ value: Int32) {
        var slot = self.slot(key)
        while keys[slot] != 0, keys[slot] != key { slot = (slot + 1) & mask }
        keys[slot] = key
        values[slot] = value
    }

    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        var slot = self.slot(key)
        while keys[slot] != 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return 0  // Indonesia, or not there (not checked)
    }
}
