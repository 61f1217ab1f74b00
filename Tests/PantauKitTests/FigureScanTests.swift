import Foundation
import Testing
@testable import PantauKit
import PantauNational

/// `FigureScan` (indikator.csv decoded while it is tokenised) against the reporting path
/// (`CSVTable` and `LoadContext.loadObservations`, which names every problem): on every
/// input both give the same dataset or the same issues, and every valid file is read by
/// the scan, whatever its shape.
@Suite struct FigureScanTests {
    static let year = FigureLoadingTests.year

    static func files(_ indikator: [UInt8]) -> [String: [UInt8]] {
        var files = TestData.valid.mapValues { Array($0.utf8) }
        files["indikator.csv"] = indikator
        return files
    }

    /// What the scan alone gives for a dataset's `indikator.csv`, with the regions and
    /// sources of `dataset`.
    static func scanned(_ indikator: [UInt8], in dataset: Dataset) -> [Observation]? {
        let keys = dataset.regions.map { RegionCode.orderKey($0.code) }
        return FigureScan.scan(indikator, columns: DatasetLoader.columns["indikator.csv"]!, currentYear: year)?
            .observations(regionKeys: keys, lookup: RegionKeyLookup(keys), sources: dataset.sources)
    }

    /// Loads `files` with and without the scan and checks that they agree; when the
    /// dataset loads, also that the scan alone read `indikator.csv`. Returns whether it loaded.
    @discardableResult
    static func agree(_ files: [String: [UInt8]], _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let scanned = Result { () throws(DatasetLoadError) in try DatasetLoader.load(files: files, currentYear: year) }
        let reporting = Result { () throws(DatasetLoadError) in try DatasetLoader.loadReporting(files: files, currentYear: year) }
        switch (scanned, reporting) {
        case (.success(let a), .success(let b)):
            #expect(a.observations == b.observations, comment, sourceLocation: sourceLocation)
            if let indikator = files["indikator.csv"] {
                #expect(Self.scanned(indikator, in: b) == b.observations, "not read by the scan: \(comment)", sourceLocation: sourceLocation)
            }
            return true
        case (.failure(let a), .failure(let b)):
            #expect(a.issues == b.issues, comment, sourceLocation: sourceLocation)
            return false
        default:
            Issue.record("one way loads, the other does not: \(comment)", sourceLocation: sourceLocation)
            return false
        }
    }

    @Test func everyShapeIsReadByTheScan() throws {
        var random = SplitMix64(seed: 0x5343_414E)
        for round in 0..<25 {
            let rows = FigureLoadingTests.randomRows(&random)
            guard !rows.isEmpty else { continue }
            for shape in FigureLoadingTests.Shape.allCases {
                let text = FigureLoadingTests.write(rows, shape, seed: UInt64(round)).text
                #expect(Self.agree(Self.files(Array(text.utf8)), "round \(round), \(shape)"), "round \(round), \(shape)")
            }
        }
    }

    @Test(arguments: [
        ("duplicate figure", ["35.17", "kemiskinan", "2023", "9.15", "bps-jombang-2024"]),
        ("unknown region", ["99", "kemiskinan", "2024", "1.0", "bps-2024"]),
        ("unknown desa", ["32.01.01.1000", "stunting_ukur", "2024", "12.5", "ssgi-2022"]),
        ("unknown source", ["35.17", "stunting", "2024", "20.1", "nowhere"]),
        ("unknown indicator", ["35.17", "zzz", "2024", "1", "bps-2024"]),
        ("future year", ["35.17", "stunting", "2027", "20.1", "bps-2024"]),
        ("percentage over 100", ["35.17", "stunting", "2024", "120", "bps-2024"]),
        ("count with decimals", ["35.17", "penduduk_miskin", "2022", "7408.5", "pemkab-jombang"]),
        ("negative index", ["35.17", "p1", "2022", "-1.5", "bps-2024"]),
        ("blank source", ["35.17", "stunting", "2024", "20.1", ""]),
        ("source of spaces", ["35.17", "stunting", "2024", "20.1", "  "]),
        ("bad code", ["35.1", "stunting", "2024", "20.1", "bps-2024"]),
        ("Indonesia as 00", ["00", "stunting", "2024", "20.1", "bps-2024"]),
        ("year of three digits", ["35.17", "stunting", "202", "20.1", "bps-2024"]),
        ("year 1899", ["0", "kemiskinan", "1899", "9.36", "bps-2023"]),
        ("thousands separator", ["0", "penduduk_miskin", "2020", "1.234.567", "bps-2023"]),
        ("NUL in a code", ["35.17\u{0}", "stunting", "2024", "20.1", "bps-2024"]),
        ("code with a space", ["35.17 ", "stunting", "2024", "20.1", "bps-2024"]),
        ("empty value", ["35.17", "stunting", "2024", "", "bps-2024"]),
    ] as [(String, [String])])
    func brokenRowsGoToTheReportingPath(_ name: String, _ broken: [String]) {
        var random = SplitMix64(seed: 0x4252_4F4B)
        // Twice (the second with another value), so that a duplicate is one.
        let rows = FigureLoadingTests.randomRows(&random) + [broken, broken.enumerated().map { $0.offset == 3 ? "1" : $0.element }]
        for shape in FigureLoadingTests.Shape.allCases {
            let text = FigureLoadingTests.write(rows, shape, seed: 5).text
            #expect(!Self.agree(Self.files(Array(text.utf8)), "\(name), \(shape)"), "\(name), \(shape): loads")
        }
    }

    /// Files that are valid or broken in the ways a tokeniser can trip on.
    @Test(arguments: [
        ("plain", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9.15,bps-jombang-2024\n"),
        ("no final line end", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9.15,bps-jombang-2024"),
        ("empty lines", "\n\nkode,indikator,tahun,nilai,sumber\r\n\r\n35.17,kemiskinan,2023,9.15,bps-jombang-2024\n\n0,kemiskinan,2023,9.36,bps-2023\n\n"),
        ("lone CR line ends", "kode,indikator,tahun,nilai,sumber\r35.17,kemiskinan,2023,9.15,bps-jombang-2024\r0,kemiskinan,2023,9.36,bps-2023\r"),
        ("mixed line ends", "kode,indikator,tahun,nilai,sumber\r\n35.17,kemiskinan,2023,9.15,bps-jombang-2024\n0,kemiskinan,2023,9.36,bps-2023\r"),
        ("header in capitals and spaces", " KODE ,Indikator,tahun , Nilai,SUMBER\n35.17,kemiskinan,2023,9.15,bps-jombang-2024\n"),
        ("columns in another order", "sumber,nilai,tahun,indikator,kode\nbps-jombang-2024,9.15,2023,kemiskinan,35.17\n"),
        ("quoted header and fields", "\"kode\",\"indikator\",\"tahun\",\"nilai\",\"sumber\"\n\"35.17\",\"kemiskinan\",\"2023\",\"9,15\",\"bps-jombang-2024\"\n"),
        ("escaped quote in a value", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,\"9\"\".15\",bps-jombang-2024\n"),
        ("line end inside quotes", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,\"9.15\n\",bps-jombang-2024\n0,kemiskinan,2023,9.36,bps-2023\n"),
        ("CRLF inside quotes", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,\"20\r\n23\",9.15,bps-jombang-2024\n"),
        ("unterminated quote", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,\"9.15,bps-jombang-2024\n"),
        ("text after a closing quote", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,\"9.15\"x,bps-jombang-2024\n"),
        ("quote inside a field", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9\"15,bps-jombang-2024\n"),
        ("too few fields", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9.15\n"),
        ("too many fields", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9.15,bps-jombang-2024,\n"),
        ("header only", "kode,indikator,tahun,nilai,sumber\n"),
        ("empty file", ""),
        ("only line ends", "\n\r\n"),
        ("byte order mark only", "\u{FEFF}"),
        ("duplicate column", "kode,indikator,tahun,nilai,kode\n35.17,kemiskinan,2023,9.15,35.17\n"),
        ("missing column", "kode,indikator,tahun,nilai\n35.17,kemiskinan,2023,9.15\n"),
        ("unknown column", "kode,indikator,tahun,nilai,sumber,catatan\n35.17,kemiskinan,2023,9.15,bps-jombang-2024,x\n"),
        ("nameless columns at the end", "kode,indikator,tahun,nilai,sumber,,\n35.17,kemiskinan,2023,9.15,bps-jombang-2024,,\n"),
        ("a second byte order mark", "kode,indikator,tahun,nilai,sumber\n\u{FEFF}35.17,kemiskinan,2023,9.15,bps-jombang-2024\n"),
        ("a semicolon file", "kode;indikator;tahun;nilai;sumber\n35.17;kemiskinan;2023;9.15;bps-jombang-2024\n"),
        ("non-ASCII source", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9.15,bps-jombang-2024\n35.17,stunting,2023,9.15,sumber-é\n"),
        ("source differing only in case", "kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9.15,BPS-2024\n"),
    ] as [(String, String)])
    func tokenising(_ name: String, _ indikator: String) {
        Self.agree(Self.files(Array(indikator.utf8)), "\(name)")
    }

    @Test func invalidUTF8() {
        var bytes = Array("kode,indikator,tahun,nilai,sumber\n35.17,kemiskinan,2023,9.15,bps-jombang-2024\n".utf8)
        bytes.insert(0xFF, at: bytes.count - 3)
        Self.agree(Self.files(bytes), "invalid UTF-8 in a source")
    }

    /// Random edits of a valid file (bytes the tokeniser and the decoders care about,
    /// inserted, replaced or removed): whatever comes out, both ways agree.
    @Test func randomEditsAgree() {
        var random = SplitMix64(seed: 0x4544_4954)
        let alphabet = Array(",\"\r\n.0123456789-  abkp_".utf8) + [0xC3, 0xA9, 0xFF]
        var loaded = 0
        for round in 0..<300 {
            var rows = FigureLoadingTests.randomRows(&random)
            rows = Array(rows.prefix(12))
            let shape = FigureLoadingTests.Shape.allCases[Int(random.next() % UInt64(FigureLoadingTests.Shape.allCases.count))]
            var bytes = Array(FigureLoadingTests.write(rows, shape, seed: UInt64(round)).text.utf8)
            for _ in 0..<(1 + random.next() % 3) where !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                switch random.next() % 3 {
                case 0: bytes.insert(byte, at: at)
                case 1: bytes[at] = byte
                default: bytes.remove(at: at)
                }
            }
            if Self.agree(Self.files(bytes), "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)") { loaded += 1 }
        }
        #expect(loaded > 5)  // some edits leave a valid file (a digit for a digit)
    }

    /// The kept fuzz corpus: the same result with and without the scan.
    @Test func fuzzCorpusAgrees() throws {
        for url in FuzzInput.corpusFiles() {
            let files = FuzzInput.split(Array(try Data(contentsOf: url)))
            Self.agree(files, "\(url.lastPathComponent)")
        }
    }

    /// A code's order key orders as `RegionCode.<` and exists exactly for the codes
    /// `hasValidShape` accepts.
    @Test func orderKeysOrderAsCodes() {
        var random = SplitMix64(seed: 0x4F52_4445)
        var codes: [RegionCode] = [.indonesia]
        let shapes = ["", "..", "1", "1.", ".1", "12.", "12.3", "12.34.5", "12.34.56.789", "12.34.56.78901", "12..34", "1a", "0.1", "123"]
        for text in shapes {
            var copy = text
            #expect(copy.withUTF8 { RegionCode.orderKey($0) } == nil, "\(text)")
        }
        for _ in 0..<2000 {
            var text = String(format: "%02d", random.next() % 100)
            for width in [2, 2, 4].prefix(Int(random.next() % 4)) {
                text += "." + String(format: "%0\(width)d", random.next() % (width == 4 ? 10000 : 100))
            }
            codes.append(RegionCode(text)!)
        }
        let keys = codes.map(RegionCode.orderKey)
        for a in codes.indices.prefix(300) {
            for b in codes.indices.prefix(300) {
                #expect((codes[a] < codes[b]) == (keys[a] < keys[b]), "\(codes[a]) \(codes[b])")
            }
        }
    }

    @Test func radixSortAndRunSortAreStable() {
        var random = SplitMix64(seed: 0x5254)
        for bits in [1, 5, 11, 12, 26, 33, 45] {
            let count = 3000
            // Bits above `bits` are carried along, never sorted on.
            let keys = (0..<count).map { _ in (random.next() & ((1 << UInt64(bits)) - 1)) | (random.next() << UInt64(bits)) }
            let values = (0..<count).map(Double.init)
            var sortedKeys = keys, sortedValues = values
            StableOrder.radixSort(&sortedKeys, &sortedValues, bits: bits)
            let mask: UInt64 = (1 << UInt64(bits)) - 1
            let expected = (0..<count).sorted { (keys[$0] & mask, $0) < (keys[$1] & mask, $1) }
            #expect(sortedKeys == expected.map { keys[$0] } && sortedValues == expected.map { values[$0] }, "\(bits) bits")
            // Runs: keys already in order by their bits from 4 up.
            var runKeys = keys.sorted { ($0 & mask) >> 4 < ($1 & mask) >> 4 }, runValues = values
            let runExpected = runKeys.indices.sorted { (runKeys[$0] & mask, $0) < (runKeys[$1] & mask, $1) }.map { (runKeys[$0], runValues[$0]) }
            StableOrder.sortRuns(&runKeys, &runValues, mask: mask, runShift: 4)
            #expect(zip(runKeys, runValues).map { $0 } .elementsEqual(runExpected, by: { $0 == $1 }), "runs, \(bits) bits")
        }
    }
}
