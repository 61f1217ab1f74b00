import Foundation
import Testing
@testable import PantauKit
import PantauNational

/// The one-pass reading of a plain indikator.csv (PlainFigures) must give exactly what the
/// general path gives: the same figures, or the same issues. Every case is loaded both
/// ways and compared; the cases say whether the one pass is expected to take the file.
@Suite struct PlainFiguresTests {
    static let year = 2026

    /// The valid fixture's files with `indikator` as indikator.csv, as bytes.
    static func files(_ indikator: String) -> [String: [UInt8]] {
        TestData.valid(replacing: ["indikator.csv": indikator]).mapValues { Array($0.utf8) }
    }

    /// Loads both ways and compares; returns the figures or the issues.
    @discardableResult
    static func sameBothWays(_ files: [String: [UInt8]], _ name: String,
                             sourceLocation: SourceLocation = #_sourceLocation) -> Result<Dataset, DatasetLoadError> {
        let onePass = Result { () throws(DatasetLoadError) in try DatasetLoader.load(files: files, currentYear: year) }
        let general = Result { () throws(DatasetLoadError) in try DatasetLoader.loadWithoutPlainFigures(files: files, currentYear: year) }
        switch (onePass, general) {
        case (.success(let a), .success(let b)):
            #expect(a.observations == b.observations, "\(name): figures differ", sourceLocation: sourceLocation)
            #expect(a.warnings == b.warnings, "\(name)", sourceLocation: sourceLocation)
            #expect(a.regions.map(\.code) == b.regions.map(\.code), "\(name)", sourceLocation: sourceLocation)
            for index in a.regions.indices {
                let region = RegionIndex(index)
                #expect(a.observations(of: region) == b.observations(of: region), "\(name): \(a.regions[index].code)",
                        sourceLocation: sourceLocation)
            }
        case (.failure(let a), .failure(let b)):
            #expect(a.issues == b.issues, "\(name): issues differ", sourceLocation: sourceLocation)
        default:
            Issue.record("\(name): one way loads, the other does not: \(onePass) / \(general)", sourceLocation: sourceLocation)
        }
        return onePass
    }

    /// Whether the one pass takes the file (else it leaves it to the general path).
    static func plain(_ indikator: String) -> Bool {
        PlainFigures(FileBytes(copying: Array(indikator.utf8)), currentYear: year) != nil
    }

    static let header = "kode,indikator,tahun,nilai,sumber"
    /// In the dataset's order: code, then indicator (display order), year, source.
    static let ordered = [
        "0,kemiskinan,2023,9.36,bps-2023",
        "0,kemiskinan,2024,9.03,bps-2024",
        "0,stunting,2022,21.6,ssgi-2022",
        "32.01,kemiskinan,2024,7.05,bps-2024",
        "32.01.01.1001,stunting_ukur,2024,12.5,ssgi-2022",
        "35.17,kemiskinan,2023,9.15,bps-jombang-2024",
        "35.17,kemiskinan,2023,9.5,pemkab-jombang",
        "35.17,kemiskinan,2024,8.60,bps-jombang-2024",
        "35.17,penduduk_miskin,2023,7408,pemkab-jombang",
    ]

    static func text(_ lines: [String], ending: String = "\n") -> String {
        ([header] + lines).joined(separator: ending) + ending
    }

    @Test func anOrderedFileIsReadInOnePassWithTheSameFigures() throws {
        let indikator = Self.text(Self.ordered)
        #expect(Self.plain(indikator))
        let dataset = try Self.sameBothWays(Self.files(indikator), "ordered").get()
        #expect(dataset.observations.count == Self.ordered.count)
        // Lines, decimals and sources as written.
        let jombang = try #require(dataset.index("35.17"))
        let figures = dataset.observations(of: jombang)
        #expect(figures.map(\.line) == [7, 8, 9, 10])
        #expect(figures.map(\.sourceID) == ["bps-jombang-2024", "pemkab-jombang", "bps-jombang-2024", "pemkab-jombang"])
        #expect(figures.map(\.decimals) == [2, 1, 2, 0])
        #expect(figures.map(\.value) == [9.15, 9.5, 8.60, 7408])
    }

    @Test func windowsLineEndsAndAMissingFinalLineEndAreStillPlain() throws {
        let crlf = Self.text(Self.ordered, ending: "\r\n")
        #expect(Self.plain(crlf))
        Self.sameBothWays(Self.files(crlf), "CRLF")
        var unterminated = Self.text(Self.ordered)
        unterminated.removeLast()
        #expect(Self.plain(unterminated))
        Self.sameBothWays(Self.files(unterminated), "no final LF")
    }

    /// Anything else goes to the general path, which reports what it always reported.
    @Test(arguments: [
        ("quoted field", ordered.enumerated().map { $0.offset == 3 ? "32.01,kemiskinan,2024,\"7.05\",bps-2024" : $0.element }),
        ("figure out of order", [ordered[1], ordered[0]] + ordered.dropFirst(2)),
        ("codes out of order", [ordered[3]] + ordered.prefix(3) + ordered.dropFirst(4)),
        ("duplicate figure", ordered + [ordered.last!]),
        ("same key, another value", ordered.prefix(2) + ["0,kemiskinan,2024,9.10,bps-2024"] + ordered.dropFirst(2)),
        ("unknown region", ordered + ["99,kemiskinan,2024,1.0,bps-2024"]),
        ("unknown desa between known ones", ordered.prefix(4) + ["32.01.01.1000,stunting_ukur,2024,12.5,ssgi-2022"] + ordered.dropFirst(4)),
        ("unknown source", ordered + ["35.17,stunting,2024,20.1,nowhere"]),
        ("unknown indicator", ordered + ["35.17,zzz,2024,1,bps-2024"]),
        ("future year", ordered + ["35.17,stunting,2027,20.1,bps-2024"]),
        ("percentage over 100", ordered + ["35.17,stunting,2024,120,bps-2024"]),
        ("count with decimals", ordered.dropLast() + ["35.17,penduduk_miskin,2023,7408.5,pemkab-jombang"]),
        ("negative count", ordered.dropLast() + ["35.17,penduduk_miskin,2023,-7408,pemkab-jombang"]),
        ("decimal comma", ordered.dropLast() + ["35.17,penduduk_miskin,2023,\"7408,0\",pemkab-jombang"]),
        ("blank source", ordered + ["35.17,stunting,2024,20.1,"]),
        ("source of spaces", ordered + ["35.17,stunting,2024,20.1,  "]),
        ("source with a space", ordered + ["35.17,stunting,2024,20.1,bps 2024"]),
        ("non-ASCII source", ordered + ["35.17,stunting,2024,20.1,bps-2024é"]),
        ("six fields", ordered + ["35.17,stunting,2024,20.1,bps-2024,x"]),
        ("four fields", ordered + ["35.17,stunting,2024,20.1"]),
        ("blank line inside", ordered.prefix(3) + [""] + ordered.dropFirst(3)),
        ("blank line at the end", ordered + [""]),
        ("bad code", ordered + ["35.1,stunting,2024,20.1,bps-2024"]),
        ("year of three digits", ordered + ["35.17,stunting,202,20.1,bps-2024"]),
        ("year 1899", ["0,kemiskinan,1899,9.36,bps-2023"] + ordered),
        ("lone CR", ordered.prefix(3) + ["32.01,kemiskinan,2024,7.05,bps\r2024"] + ordered.dropFirst(4)),
        ("tab in a value", ordered.dropLast() + ["35.17,penduduk_miskin,2023,7408\t,pemkab-jombang"]),
        ("NUL in a code", ordered + ["35.17\u{0},stunting,2024,20.1,bps-2024"]),
    ] as [(String, [String])])
    func otherFilesGoToTheGeneralPath(_ name: String, _ lines: [String]) {
        let indikator = Self.text(lines)
        Self.sameBothWays(Self.files(indikator), name)
    }

    @Test func otherHeadersGoToTheGeneralPath() {
        for header in ["kode,indikator,tahun,sumber,nilai", "Kode,Indikator,Tahun,Nilai,Sumber", "\u{FEFF}kode,indikator,tahun,nilai,sumber",
                       "kode,indikator,tahun,nilai", "kode;indikator;tahun;nilai;sumber", "kode,indikator,tahun,nilai,sumber,catatan"] {
            let indikator = ([header] + Self.ordered).joined(separator: "\n") + "\n"
            #expect(!Self.plain(indikator), "\(header)")
            Self.sameBothWays(Self.files(indikator), header)
        }
        // A header alone, and an empty file.
        for indikator in [Self.header + "\n", ""] {
            #expect(!Self.plain(indikator))
            Self.sameBothWays(Self.files(indikator), "header only / empty")
        }
    }

    /// Every kept fuzz input, both ways.
    @Test func fuzzCorpusGivesTheSameResultBothWays() throws {
        for url in FuzzInput.corpusFiles() {
            let bytes = [UInt8](try Data(contentsOf: url))
            Self.sameBothWays(FuzzInput.split(bytes), url.lastPathComponent)
        }
    }

    /// Random plain files, some broken at one random place, both ways.
    @Test func randomFilesGiveTheSameResultBothWays() {
        var random = SplitMix64(seed: 0x504C41494E)
        let codes = ["0", "32", "32.01", "32.01.01", "32.01.01.1001", "32.01.01.1002", "32.01.02", "32.01.02.2001", "32.73",
                     "35", "35.17", "35.17.01", "35.17.01.2001"]
        let sources = ["bps-2023", "bps-2024", "bps-jombang-2024", "pemkab-jombang", "ssgi-2022"]
        let indicators = IndicatorID.allCases
        let breakages: [(String) -> String] = [
            { $0 }, { $0 + ",x" }, { $0.replacingOccurrences(of: "20", with: "2O") }, { "\"" + $0 + "\"" },
            { $0.replacingOccurrences(of: ".", with: ",") }, { $0 + "\r" }, { String($0.dropLast()) }, { $0.uppercased() },
        ]
        var plainCount = 0
        for round in 0..<300 {
            var lines: [String] = []
            for code in codes where random.next() % 3 != 0 {
                for indicator in indicators where random.next() % 4 == 0 {
                    for year in 2019...2026 where random.next() % 3 == 0 {
                        let source = sources[Int(random.next() % UInt64(sources.count))]
                        let whole = indicator.unit == .percent ? random.next() % 100 : random.next() % 100_000
                        let value = indicator.unit == .people || indicator.unit == .families ? "\(whole)" : "\(whole).\(random.next() % 100)"
                        lines.append("\(code),\(indicator.rawValue),\(year),\(value),\(source)")
                    }
                }
            }
            if !lines.isEmpty, round % 2 == 1 {
                let place = Int(random.next() % UInt64(lines.count))
                lines[place] = breakages[Int(random.next() % UInt64(breakages.count))](lines[place])
                if random.next() % 4 == 0 { lines.swapAt(place, Int(random.next() % UInt64(lines.count))) }
            }
            let indikator = Self.text(lines)
            if Self.plain(indikator) { plainCount += 1 }
            Self.sameBothWays(Self.files(indikator), "round \(round)")
        }
        // Both paths were exercised.
        #expect(plainCount > 100 && plainCount < 300)
    }
}
