import Foundation
import Testing
@testable import PantauKit

// Files that are not comma-separated UTF-8 text of a sane size, and a dataset directory
// that cannot be used (issue 19, findings 4, 9 and 12): each gets ONE message naming the
// problem, from a directory and from memory alike, instead of a cascade of column errors,
// a misleading "missing", or gigabytes read before a limit is checked.

private let thisYear = 2026

/// The issues of `files` loaded from a temporary directory and from memory (they must agree).
private func issues(_ files: [String: [UInt8]], sourceLocation: SourceLocation = #_sourceLocation) throws -> [DataIssue] {
    let fromDirectory = try TestData.withTemporaryDirectory { directory -> [DataIssue] in
        for (name, content) in files {
            try Data(content).write(to: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)))
        }
        return directoryIssues(directory)
    }
    var fromMemory: [DataIssue] = []
    do throws(DatasetLoadError) {
        _ = try DatasetLoader.load(files: files, currentYear: thisYear)
        Issue.record("expected the dataset to be rejected", sourceLocation: sourceLocation)
    } catch {
        fromMemory = error.issues
    }
    #expect(fromDirectory == fromMemory, "directory and memory loads disagree", sourceLocation: sourceLocation)
    return fromDirectory
}

/// The valid dataset with `name` replaced; a replaced wilayah.csv alone (the other files
/// would name regions it no longer gives).
private func issues(replacing name: String, with content: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> [DataIssue] {
    var files = name == "wilayah.csv" ? [:] : TestData.valid.mapValues { Array($0.utf8) }
    files[name] = content
    return try issues(files, sourceLocation: sourceLocation)
}

private func directoryIssues(_ directory: String) -> [DataIssue] {
    do throws(DatasetLoadError) {
        _ = try DatasetLoader.load(directory: directory, currentYear: thisYear)
        Issue.record("expected the dataset to be rejected")
        return []
    } catch {
        return error.issues
    }
}

private func path(_ directory: String, _ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

@Suite struct FileShapeTests {
    // MARK: Size, checked before reading (19.4)

    @Test func sparseTwoGigabyteFileIsRefusedFromItsSize() throws {
        try TestData.withDataset(TestData.valid) { directory in
            let file = path(directory, "indikator.csv")
            // 2 GiB that occupy no disk: reading them would take seconds and 2 GiB of memory.
            #expect(truncate(file, 2 << 30) == 0)
            let clock = ContinuousClock()
            var found: [DataIssue] = []
            let elapsed = clock.measure { found = directoryIssues(directory) }
            #expect(found == [DataIssue(file: "indikator.csv", line: 0, column: 0,
                                        problem: .fileTooLarge(bytes: 2 << 30, limit: DatasetLoader.maxFileBytes))])
            // Reading 2 GiB takes far longer than this; the size alone takes microseconds.
            #expect(elapsed < .seconds(2), "\(elapsed)")
            #expect(found.first?.formatted(.en) == "indikator.csv: error: file too large: 2,048 MiB, at most 256 MiB; not read. "
                + "Check that this is the right file (not a damaged copy), or split the data")
            #expect(found.first?.formatted(.id) == "indikator.csv: galat: berkas terlalu besar: 2.048 MiB, paling besar 256 MiB; tidak dibaca. "
                + "Periksa bahwa ini berkas yang benar (bukan salinan yang rusak), atau bagi datanya")
            // Any file, not only the large one; just over the limit is over it.
            #expect(truncate(file, 0) == 0)
            try Data(TestData.indikator.utf8).write(to: URL(fileURLWithPath: file))
            #expect(truncate(path(directory, "rekomendasi.csv"), off_t(DatasetLoader.maxFileBytes + 1)) == 0)
            #expect(directoryIssues(directory) == [DataIssue(file: "rekomendasi.csv", line: 0, column: 0,
                problem: .fileTooLarge(bytes: DatasetLoader.maxFileBytes + 1, limit: DatasetLoader.maxFileBytes))])
        }
    }

    @Test func readingStopsAtTheLimitWhenTheSizeIsUnknown() throws {
        // A file that grows while it is read (here: a size the reader is not told) stops
        // at the limit instead of filling memory.
        try TestData.withTemporaryDirectory { directory in
            let file = path(directory, "big.csv")
            try Data(repeating: 0x61, count: 5000).write(to: URL(fileURLWithPath: file))
            #expect(throws: CSVFileError(path: file, errno: EFBIG)) { try CSVReader.readWholeFile(path: file, limit: 4999) }
            #expect(try CSVReader.readWholeFile(path: file, limit: 5000).count == 5000)
        }
    }

    // MARK: Symbolic links (19.9)

    @Test func danglingAndLoopingLinksAreErrorsNotAbsentFiles() throws {
        try TestData.withDataset(TestData.valid) { directory in
            for name in ["indikator.csv", "target.csv", "wilayah.csv"] { try FileManager.default.removeItem(atPath: path(directory, name)) }
            try FileManager.default.createSymbolicLink(atPath: path(directory, "indikator.csv"), withDestinationPath: "hilang/indikator.csv")
            try FileManager.default.createSymbolicLink(atPath: path(directory, "target.csv"), withDestinationPath: "target.csv")
            // Even the required file: not "required file is missing".
            try FileManager.default.createSymbolicLink(atPath: path(directory, "wilayah.csv"), withDestinationPath: "/nowhere/wilayah.csv")
            let found = directoryIssues(directory)
            #expect(found.contains(DataIssue(file: "wilayah.csv", line: 0, column: 0, problem: .brokenLink(target: "/nowhere/wilayah.csv", errno: ENOENT))))
            #expect(found.contains(DataIssue(file: "indikator.csv", line: 0, column: 0, problem: .brokenLink(target: "hilang/indikator.csv", errno: ENOENT))))
            #expect(found.contains(DataIssue(file: "target.csv", line: 0, column: 0, problem: .brokenLink(target: "target.csv", errno: ELOOP))))
            #expect(!found.contains { $0.problem == .missingRequiredFile })
            let indikator = try #require(found.first { $0.file == "indikator.csv" })
            #expect(indikator.formatted(.en) == "indikator.csv: error: this symbolic link points to 'hilang/indikator.csv', which does not exist; "
                + "point it at the right file or replace it with the file")
            let target = try #require(found.first { $0.file == "target.csv" })
            #expect(target.formatted(.id) == "target.csv: galat: tautan simbolik ini berputar (menunjuk dirinya sendiri lewat 'target.csv'); "
                + "arahkan ke berkas yang benar atau ganti dengan berkasnya")
        }
        // A link to a file that exists is read as the file.
        try TestData.withDataset(TestData.valid) { directory in
            try FileManager.default.moveItem(atPath: path(directory, "target.csv"), toPath: path(directory, "target.txt"))
            try FileManager.default.createSymbolicLink(atPath: path(directory, "target.csv"), withDestinationPath: "target.txt")
            let dataset = try DatasetLoader.load(directory: directory, currentYear: thisYear)
            #expect(!dataset.targets.isEmpty)
        }
    }

    // MARK: Encodings and separators (19.12)

    @Test func aSecondByteOrderMarkIsOneMessage() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let twice = try issues(replacing: "wilayah.csv", with: bom + bom + Array(TestData.wilayah.utf8))
        #expect(twice == [DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .strayByteOrderMark)])
        #expect(twice.first?.formatted(.en) == "wilayah.csv:1:1: error: byte order mark (BOM, U+FEFF) here; the file was probably "
            + "saved twice with a BOM or joined from two files; remove the mark (save again as CSV UTF-8)")
        // Two files joined: the second one's BOM starts line 3, counted in scalars.
        let joined = bom + Array("kode,nama\n32,Jawa Barat\n".utf8) + bom + Array("32.01,Kabupaten Bogor\n".utf8)
        #expect(try issues(replacing: "wilayah.csv", with: joined) == [DataIssue(file: "wilayah.csv", line: 3, column: 1, problem: .strayByteOrderMark)])
        let joinedCRLF = bom + Array("kode,nama\r\n32,Jawa Barat\r\n".utf8) + bom + Array("32.01,Kabupatén Bogor\r\n".utf8)
        #expect(try issues(replacing: "wilayah.csv", with: joinedCRLF) == [DataIssue(file: "wilayah.csv", line: 3, column: 1, problem: .strayByteOrderMark)])
        // Inside text U+FEFF is a zero-width character, not a mark: the file loads.
        let inside = Array("kode,nama\n32,Jawa Barat\n32.01,Kabupatén ".utf8) + bom + Array("Bogor\n".utf8)
        let dataset = try DatasetLoader.load(files: ["wilayah.csv": inside], currentYear: thisYear)
        #expect(dataset.regions.last?.name == "Kabupatén \u{FEFF}Bogor")
    }

    @Test func utf16IsNamedWithOrWithoutItsMark() throws {
        let text = "kode,nama\r\n32,Jawa Barat\r\n"
        let littleEndian = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for content in [littleEndian, bigEndian, [0xFF, 0xFE] + littleEndian, [0xFE, 0xFF] + bigEndian] {
            #expect(try issues(replacing: "wilayah.csv", with: content) == [DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .utf16)])
        }
        let found = try issues(replacing: "wilayah.csv", with: littleEndian)
        #expect(found.first?.formatted(.id) == "wilayah.csv:1:1: galat: berkas ini teks UTF-16, bukan UTF-8; simpan ulang sebagai CSV UTF-8 (Excel: Simpan Sebagai, CSV UTF-8)")
    }

    @Test func excelSeparatorHintLine() throws {
        for hint in ["sep=;", "sep=,", "SEP=;"] {
            let content = Array("\(hint)\r\nkode;nama\r\n32;Jawa Barat\r\n".utf8)
            #expect(try issues(replacing: "wilayah.csv", with: content) == [DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .separatorHint(hint))])
        }
        let found = try issues(replacing: "indikator.csv", with: Array("sep=;\nkode;indikator;tahun;nilai;sumber\n".utf8))
        #expect(found.first?.formatted(.en) == "indikator.csv:1:1: error: the line 'sep=;' is Excel's separator hint, not a header; "
            + "delete that line and make sure fields are separated by commas")
    }

    @Test func tabSeparatedFileIsOneMessage() throws {
        let tabs = TestData.indikator.replacingOccurrences(of: ",", with: "\t")
        let found = try issues(replacing: "indikator.csv", with: Array(tabs.utf8))
        #expect(found == [DataIssue(file: "indikator.csv", line: 1, column: 1, problem: .tabSeparated)])
        #expect(found.first?.formatted(.en) == "indikator.csv:1:1: error: this file is separated by tabs, not commas; save it again as CSV with commas")
        // A tab inside a comma-separated header is still an unknown column, as before.
        let mixed = try issues(replacing: "wilayah.csv", with: Array("kode,nama\tx\n32,Jawa Barat\n".utf8))
        #expect(mixed.first?.problem == .unknownColumn("nama\tx"))
    }

    @Test func trailingEmptyHeaderColumnsAreOneMessage() throws {
        // Excel keeps every column that ever held something: 20,000 nameless columns.
        let empty = String(repeating: ",", count: 20_000)
        let content = "kode,nama\(empty)\n32,Jawa Barat\(empty)\n"
        let found = try issues(replacing: "wilayah.csv", with: Array(content.utf8))
        #expect(found == [DataIssue(file: "wilayah.csv", line: 1, column: 11, problem: .emptyHeaderColumns(count: 20_000))])
        #expect(found.first?.formatted(.en) == "wilayah.csv:1:11: error: the header ends in 20,000 columns without a name, starting here; "
            + "usually from Excel: delete the empty columns to the right of the table, then save again")
        // Blank names (spaces) count as nameless; a wrong name before them is still named.
        let spaced = try issues(replacing: "wilayah.csv", with: Array("kode,naam, ,\n32,Jawa Barat,,\n".utf8))
        #expect(spaced == [
            DataIssue(file: "wilayah.csv", line: 1, column: 11, problem: .emptyHeaderColumns(count: 2)),
            DataIssue(file: "wilayah.csv", line: 1, column: 6, problem: .unknownColumn("naam")),
            DataIssue(file: "wilayah.csv", line: 1, column: 1, problem: .missingColumn("nama")),
        ])
    }

    // MARK: The data directory itself (19.12)

    @Test func missingOrNonDirectoryDataIsReportedAsSuch() throws {
        try TestData.withTemporaryDirectory { directory in
            let missing = path(directory, "data-typo")
            let found = directoryIssues(missing)
            #expect(found == [DataIssue(file: "", line: 0, column: 0, problem: .dataDirectory(errno: ENOENT))])
            #expect(found.first?.formatted(.en, directory: missing) == "\(missing): error: the data directory does not exist; "
                + "check --data (or 'data' in the configuration file) and the directory you run from")
            let file = path(directory, "wilayah.csv")
            try Data(TestData.wilayah.utf8).write(to: URL(fileURLWithPath: file))
            let notDirectory = directoryIssues(file)
            #expect(notDirectory == [DataIssue(file: "", line: 0, column: 0, problem: .dataDirectory(errno: ENOTDIR))])
            #expect(notDirectory.first?.formatted(.id, directory: file) == "\(file): galat: ini berkas, bukan direktori data; "
                + "--data menunjuk direktori yang memuat wilayah.csv dan berkas lainnya")
            // Permissions mean nothing to root (CI containers): checked only as another user.
            if getuid() != 0 {
                let closed = path(directory, "closed")
                try FileManager.default.createDirectory(atPath: closed, withIntermediateDirectories: false)
                try TestData.write(TestData.valid, into: closed)
                #expect(chmod(closed, 0o000) == 0)
                defer { chmod(closed, 0o700) }
                #expect(directoryIssues(closed) == [DataIssue(file: "", line: 0, column: 0, problem: .dataDirectory(errno: EACCES))])
            }
        }
    }
}
