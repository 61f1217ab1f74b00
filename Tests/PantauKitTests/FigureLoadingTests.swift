import Foundation
import Testing
@testable import PantauKit
import PantauNational

/// indikator.csv is read by one path whatever its shape. The same figures written in any
/// row order, with CRLF, a byte order mark, every field quoted, columns swapped or decimal
/// commas give the same dataset, and the same rows broken give the same problems; the
/// byte decoders the path uses for plainly valid fields agree with the reporting parsers.
@Suite struct FigureLoadingTests {
    static let year = 2026
    static let header = ["kode", "indikator", "tahun", "nilai", "sumber"]

    /// Ways of writing the same rows (each a list of the five fields, in header order).
    enum Shape: String, CaseIterable {
        case asWritten, reversed, shuffled, byIndicatorThenRegion, yearsDescending, crlf, byteOrderMarkAndQuoted,
             columnsSwapped, decimalComma
    }

    /// The file text for `rows` written in `shape`, and each data line's row (by line number).
    static func write(_ rows: [[String]], _ shape: Shape, seed: UInt64 = 7) -> (text: String, rowOfLine: [Int: [String]]) {
        var rows = rows
        var random = SplitMix64(seed: seed)
        switch shape {
        case .reversed: rows.reverse()
        case .shuffled:
            for index in rows.indices.reversed() where index > 0 { rows.swapAt(index, Int(random.next() % UInt64(index + 1))) }
        case .byIndicatorThenRegion:
            rows = rows.enumerated().sorted { ($0.element[1], $0.offset) < ($1.element[1], $1.offset) }.map(\.element)
        case .yearsDescending:
            rows = rows.enumerated().sorted { ($1.element[2], $0.offset) < ($0.element[2], $1.offset) }.map(\.element)
        default: break
        }
        var rowOfLine: [Int: [String]] = [:]
        for (index, row) in rows.enumerated() { rowOfLine[index + 2] = row }
        func line(_ fields: [String]) -> String {
            switch shape {
            case .byteOrderMarkAndQuoted: fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
            case .columnsSwapped: [fields[4], fields[2], fields[0], fields[3], fields[1]].joined(separator: ",")
            case .decimalComma:
                fields.enumerated().map { $0.offset == 3 && $0.element.contains(".") ? "\"" + $0.element.replacingOccurrences(of: ".", with: ",") + "\"" : $0.element }
                    .joined(separator: ",")
            default: fields.joined(separator: ",")
            }
        }
        let ending = shape == .crlf ? "\r\n" : "\n"
        let text = ([line(header)] + rows.map(line)).joined(separator: ending) + ending
        return (shape == .byteOrderMarkAndQuoted ? "\u{FEFF}" + text : text, rowOfLine)
    }

    static func load(_ indikator: String) -> Result<Dataset, DatasetLoadError> {
        let files = TestData.valid(replacing: ["indikator.csv": indikator]).mapValues { Array($0.utf8) }
        return Result { () throws(DatasetLoadError) in try DatasetLoader.load(files: files, currentYear: year) }
    }

    /// A figure without its line, for comparing files written in other orders.
    struct Figure: Hashable {
        let region: RegionIndex, indicator: IndicatorID, year: Int, value: Double, decimals: Int, source: String
        init(_ observation: Observation) {
            (region, indicator, year, value, decimals, source) = (observation.region, observation.indicator, observation.year,
                                                                   observation.value, observation.decimals, observation.sourceID)
        }
    }

    /// The fixture's regions and sources, in rows of valid figures in the dataset's order.
    static let codes = ["0", "32", "32.01", "32.01.01", "32.01.01.1001", "32.01.01.1002", "32.01.02", "32.01.02.2001", "32.73",
                        "35", "35.17", "35.17.01", "35.17.01.2001"]
    static let sources = ["bps-2023", "bps-2024", "bps-jombang-2024", "pemkab-jombang", "ssgi-2022"]

    static func randomRows(_ random: inout SplitMix64) -> [[String]] {
        var rows: [[String]] = []
        for code in codes where random.next() % 3 != 0 {
            for indicator in IndicatorID.allCases where random.next() % 3 == 0 {
                for year in 2019...2026 where random.next() % 3 == 0 {
                    for source in sources where random.next() % 4 == 0 {
                        let whole = indicator.unit == .percent ? random.next() % 100 : random.next() % 100_000
                        let value = indicator.unit == .people || indicator.unit == .families ? "\(whole)" : "\(whole).\(random.next() % 100)"
                        rows.append([code, indicator.rawValue, "\(year)", value, source])
                    }
                }
            }
        }
        return rows
    }

    /// In every shape: the same figures, in the dataset's order, each at a line of the
    /// file that holds it.
    @Test func everyShapeGivesTheSameFigures() throws {
        var random = SplitMix64(seed: 0x5348415045)
        for round in 0..<40 {
            let rows = Self.randomRows(&random)
            guard !rows.isEmpty else { continue }
            let reference = try Self.load(Self.write(rows, .asWritten).text).get()
            #expect(reference.observations.count == rows.count)
            for shape in Shape.allCases {
                let (text, rowOfLine) = Self.write(rows, shape, seed: UInt64(round))
                let dataset = try Self.load(text).get()
                #expect(dataset.observations.map(Figure.init) == reference.observations.map(Figure.init), "round \(round), \(shape)")
                for observation in dataset.observations {
                    let row = try #require(rowOfLine[observation.line], "\(shape): line \(observation.line)")
                    #expect(row[0] == dataset.regions[Int(observation.region)].code.text && row[1] == observation.indicator.rawValue
                            && row[2] == "\(observation.year)" && row[4] == observation.sourceID, "\(shape): line \(observation.line)")
                }
            }
        }
    }

    /// Rows broken in each way give the same problems in every order; duplicates name an
    /// earlier line, and a file's issues come in line order.
    @Test(arguments: [
        ("duplicate figure", ["35.17", "kemiskinan", "2023", "9.15", "bps-jombang-2024"]),
        ("same key, another value", ["0", "kemiskinan", "2024", "9.10", "bps-2024"]),
        ("unknown region", ["99", "kemiskinan", "2024", "1.0", "bps-2024"]),
        ("unknown desa", ["32.01.01.1000", "stunting_ukur", "2024", "12.5", "ssgi-2022"]),
        ("unknown source", ["35.17", "stunting", "2024", "20.1", "nowhere"]),
        ("unknown indicator", ["35.17", "zzz", "2024", "1", "bps-2024"]),
        ("future year", ["35.17", "stunting", "2027", "20.1", "bps-2024"]),
        ("percentage over 100", ["35.17", "stunting", "2024", "120", "bps-2024"]),
        ("count with decimals", ["35.17", "penduduk_miskin", "2022", "7408.5", "pemkab-jombang"]),
        ("negative count", ["35.17", "penduduk_miskin", "2021", "-7408", "pemkab-jombang"]),
        ("blank source", ["35.17", "stunting", "2024", "20.1", ""]),
        ("source of spaces", ["35.17", "stunting", "2024", "20.1", "  "]),
        ("bad code", ["35.1", "stunting", "2024", "20.1", "bps-2024"]),
        ("Indonesia as 00", ["00", "stunting", "2024", "20.1", "bps-2024"]),
        ("year of three digits", ["35.17", "stunting", "202", "20.1", "bps-2024"]),
        ("year 1899", ["0", "kemiskinan", "1899", "9.36", "bps-2023"]),
        ("thousands separator", ["0", "penduduk_miskin", "2020", "1.234.567", "bps-2023"]),
        ("NUL in a code", ["35.17\u{0}", "stunting", "2024", "20.1", "bps-2024"]),
    ] as [(String, [String])])
    func brokenRowsGiveTheSameProblemsInEveryOrder(_ name: String, _ broken: [String]) throws {
        var random = SplitMix64(seed: 0x42524F4B)
        let rows = Self.randomRows(&random) + [broken, broken.enumerated().map { $0.offset == 3 ? "1" : $0.element }]
        func problems(_ shape: Shape) throws -> (all: [String], duplicates: Int, issues: [DataIssue]) {
            let (text, rowOfLine) = Self.write(rows, shape, seed: 3)
            guard case .failure(let error) = Self.load(text) else {
                Issue.record("\(name), \(shape): loads")
                return ([], 0, [])
            }
            let issues = error.issues.filter { $0.file == "indikator.csv" }
            var all: [String] = [], duplicates = 0
            for issue in issues {
                if case .duplicateFigure(_, let firstLine, _, _) = issue.problem {
                    duplicates += 1
                    #expect(firstLine < issue.line && rowOfLine[firstLine] != nil, "\(name), \(shape)")
                } else {
                    all.append("\(issue.problem) at \(rowOfLine[issue.line] ?? [])")
                }
            }
            #expect(issues.map(\.line) == issues.map(\.line).sorted(), "\(name), \(shape): issues out of line order")
            return (all.sorted(), duplicates, issues)
        }
        let reference = try problems(.asWritten)
        #expect(!reference.issues.isEmpty)
        for shape in [Shape.reversed, .shuffled, .byIndicatorThenRegion, .yearsDescending, .crlf, .byteOrderMarkAndQuoted] {
            let other = try problems(shape)
            #expect(other.all == reference.all, "\(name), \(shape)")
            #expect(other.duplicates == reference.duplicates, "\(name), \(shape)")
        }
    }

    /// A duplicate is reported at its own line, naming the first figure with the key, and
    /// among the other problems in line order.
    @Test func duplicatesOutOfOrderAreReportedInLineOrderNamingTheFirst() {
        let text = TestData.csv(
            "kode,indikator,tahun,nilai,sumber",
            "35.17,kemiskinan,2024,8.60,bps-jombang-2024",  // 2
            "0,kemiskinan,2023,9.36,bps-2023",  // 3
            "35.17,kemiskinan,2024,8.70,bps-jombang-2024",  // 4: duplicate of 2
            "35.17,stunting,2024,120,bps-2024",  // 5: over 100
            "0,kemiskinan,2023,9.40,bps-2023",  // 6: duplicate of 3
            "35.17,kemiskinan,2024,8.80,bps-jombang-2024"  // 7: duplicate of 2
        )
        guard case .failure(let error) = Self.load(text) else {
            Issue.record("loads")
            return
        }
        let issues = error.issues.filter { $0.file == "indikator.csv" }
        #expect(issues.map(\.line) == [4, 5, 6, 7])
        #expect(issues.map(\.column) == [1, 21, 1, 1])
        #expect(issues[0].problem == .duplicateFigure(key: "35.17 kemiskinan 2024 bps-jombang-2024", firstLine: 2, firstValue: "8.60", value: "8.70"))
        #expect(issues[2].problem == .duplicateFigure(key: "0 kemiskinan 2023 bps-2023", firstLine: 3, firstValue: "9.36", value: "9.40"))
        #expect(issues[3].problem == .duplicateFigure(key: "35.17 kemiskinan 2024 bps-jombang-2024", firstLine: 2, firstValue: "8.60", value: "8.80"))
    }

    /// The byte lookup of a code finds a region exactly when `RegionCode` accepts the text
    /// and the list has it: the same rule, through bytes.
    @Test func codeBytesAgreeWithTheReportingParser() {
        let codes = Self.codes.compactMap(RegionCode.init)
        let lookup = RegionCodeLookup(codes)
        var index: [RegionCode: RegionIndex] = [:]
        for (position, code) in codes.enumerated() { index[code] = RegionIndex(position) }
        var random = SplitMix64(seed: 0x434F4445)
        let alphabet = Array("0123456789.. 1a\u{0}".utf8)
        var tried = 0, found = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                // A known code, changed in one place (or not).
                bytes = Array(Self.codes[Int(random.next() % UInt64(Self.codes.count))].utf8)
                switch random.next() % 4 {
                case 0: bytes[Int(random.next() % UInt64(bytes.count))] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: Int(random.next() % UInt64(bytes.count + 1)))
                case 2: bytes.removeLast()
                default: break
                }
            } else {
                bytes = (0..<Int(random.next() % 14)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let expected = RegionCode(text).flatMap { index[$0] }
            let got = bytes.withUnsafeBufferPointer { lookup.region($0) }
            #expect(got == expected, "\(bytes)")
            tried += 1
            if got != nil { found += 1 }
        }
        #expect(found > 2_000 && found < tried)
    }

    /// Indicator ids by their bytes agree with the enum's raw values.
    @Test func indicatorBytesAgreeWithTheEnum() {
        let matcher = RawValueBytes<IndicatorID>()
        let candidates = IndicatorID.allCases.map(\.rawValue).flatMap { [$0, $0.uppercased(), $0 + " ", String($0.dropLast()), " " + $0] } + ["", "p3"]
        for text in candidates {
            let got = Array(text.utf8).withUnsafeBufferPointer { matcher.match($0) }
            #expect(got == IndicatorID(rawValue: text), "\(text)")
        }
    }

    /// The sort used for figures out of order: ascending, ties in their first order.
    @Test func stableOrderSortsAndKeepsTies() {
        var random = SplitMix64(seed: 0x534F5254)
        for size in [0, 1, 2, 3, 100, 5_000] {
            for spread in [UInt64(1), 7, 1 << 20, UInt64.max] {
                let keys = (0..<size).map { _ in spread == .max ? random.next() : random.next() % spread }
                let (order, sorted) = StableOrder.of(keys)
                let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
                #expect(order.map(Int.init) == expected, "size \(size), spread \(spread)")
                #expect(sorted == expected.map { keys[$0] })
                var values = keys.map { "v\($0)" }
                StableOrder.apply(order, to: &values)
                #expect(values == expected.map { "v\(keys[$0])" })
            }
        }
    }

    /// Keys order figures as the dataset does: region, indicator, year, then source id.
    @Test func figureKeysOrderAsTheDataset() throws {
        let layout = try #require(FigureKeyLayout(regionCount: 91_599, sourceCount: 300))
        let a = layout.key(region: 5, indicator: .kemiskinan, year: 2024, source: 299)
        #expect(a < layout.key(region: 6, indicator: .kemiskinan, year: 1900, source: 0))
        #expect(a < layout.key(region: 5, indicator: .stunting, year: 1900, source: 0))
        #expect(a < layout.key(region: 5, indicator: .kemiskinan, year: 2025, source: 0))
        #expect(a > layout.key(region: 5, indicator: .kemiskinan, year: 2024, source: 298))
        #expect(layout.key(region: 91_598, indicator: .keluargaBerisikoStunting, year: 2100, source: 299) > a)
        #expect(FigureKeyLayout(regionCount: 1 << 40, sourceCount: 1 << 20) == nil)
    }
}

/// The byte decoders `loadRecommendations` takes plainly valid fields with agree with the
/// reporting parsers the other fields go through: whatever the bytes take, the parser
/// would have taken with the same value.
@Suite struct RecommendationFieldDecoderTests {
    static func randomText(_ random: inout SplitMix64, alphabet: [String]) -> String {
        (0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    @Test func identifiersAndTextsAgree() {
        var random = SplitMix64(seed: 0x4944)
        let alphabet = ["a", "B", "-", " ", "  ", "\u{0}", "\t", "é", "e\u{301}", "\u{200B}", "\u{202E}", "7", ".", "\""]
        var plain = 0
        for _ in 0..<20_000 {
            let text = Self.randomText(&random, alphabet: alphabet)
            let bytes = Array(text.utf8)
            if bytes.withUnsafeBufferPointer(TextRules.isPlainIdentifier) {
                plain += 1
                #expect(TextRules.identifier(text) == .success(text), "\(bytes)")
                #expect(!LoadContext.isBlank(text))
            }
            if let first = bytes.first, first > 0x20, first < 0x7F { #expect(!LoadContext.isBlank(text), "\(bytes)") }
        }
        #expect(plain > 1_000)
    }

    @Test func datesAgree() {
        var random = SplitMix64(seed: 0x44415445)
        let alphabet = ["2", "0", "1", "9", "-", "3", "1", "a", " ", "02-29", "-12-", "2024", "13"]
        var dates = 0
        for round in 0..<20_000 {
            let text = round % 3 == 0 ? String(format: "%04d-%02d-%02d", Int(random.next() % 2200), Int(random.next() % 14), Int(random.next() % 33))
                                      : Self.randomText(&random, alphabet: alphabet)
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { LocalDate(isoBytes: $0) }
            #expect(fromBytes == LocalDate(iso: text), "\(text)")
            if fromBytes != nil { dates += 1 }
        }
        #expect(dates > 1_000)
    }
}
