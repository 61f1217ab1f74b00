import Foundation
import Testing
@testable import PantauKit

/// Runs a program with `input` on its standard input and returns its standard output.
func runTool(_ executable: String, _ arguments: [String], input: Data = Data()) throws -> Data {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-tool-\(UUID().uuidString)")
    try input.write(to: scratch.appendingPathExtension("in"))
    _ = FileManager.default.createFile(atPath: scratch.appendingPathExtension("out").path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: scratch.appendingPathExtension("in"))
        try? FileManager.default.removeItem(at: scratch.appendingPathExtension("out"))
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = try FileHandle(forReadingFrom: scratch.appendingPathExtension("in"))
    process.standardOutput = try FileHandle(forWritingTo: scratch.appendingPathExtension("out"))
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(executable) \(arguments) failed")
    return try Data(contentsOf: scratch.appendingPathExtension("out"))
}

/// The copy of the official list that travels with the repository.
let bundledWilayahPath = TestData.packageRoot().appendingPathComponent("data/wilayah/wilayah.csv.gz").path

@Suite struct GzipTests {
    /// Text compressed by the system's gzip (an independent compressor), read back by ours.
    @Test func readsWhatGzipWrote() throws {
        var text = "kode,nama\n"
        for index in 0..<20_000 { text += "32.01.\(index),Desa Ke-\(index) \u{2019}Sukamaju\u{2019}\n" }
        let compressed = try runTool("/bin/gzip", ["-9", "-c"], input: Data(text.utf8))
        #expect(compressed.count < text.utf8.count / 4)
        #expect(try Gzip.decompress([UInt8](compressed)) == Array(text.utf8))
    }

    @Test func readsConcatenatedMembersLikeGzip() throws {
        let first = try runTool("/bin/gzip", ["-c"], input: Data("kode,nama\n".utf8))
        let second = try runTool("/bin/gzip", ["-c"], input: Data("32,Jawa Barat\n".utf8))
        #expect(try Gzip.decompress([UInt8](first + second)) == Array("kode,nama\n32,Jawa Barat\n".utf8))
    }

    @Test func refusesTruncatedAndDamagedFiles() throws {
        let whole = [UInt8](try runTool("/bin/gzip", ["-c"], input: Data(String(repeating: "32.01,Kabupaten Bogor\n", count: 500).utf8)))
        #expect(throws: Gzip.Failure(reason: "unexpected end of file")) { try Gzip.decompress(Array(whole.prefix(whole.count / 2))) }
        var damaged = whole
        damaged[3] = 0xFF   // reserved header flags
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(damaged) }
        var flipped = whole
        flipped[whole.count - 6] ^= 0x01   // the CRC-32 of the trailer no longer matches
        #expect(throws: Gzip.Failure(reason: "incorrect data check")) { try Gzip.decompress(flipped) }
        #expect(!Gzip.isGzip(Array("kode,nama\n".utf8)))
        #expect(Gzip.isGzip(whole))
    }

    /// A damaged `.gz` given to import-wilayah is one problem naming the file; nothing is written.
    @Test func importWilayahNamesADamagedGzipFile() throws {
        try TestData.withTemporaryDirectory { directory in
            let whole = try runTool("/bin/gzip", ["-c"], input: Data("kode,nama\n32,Jawa Barat\n".utf8))
            let path = directory + "/wilayah.csv.gz"
            try whole.prefix(whole.count - 9).write(to: URL(fileURLWithPath: path))
            let result = try WilayahImport.run(input: path, outputDirectory: directory + "/out", only: [])
            #expect(result.written == 0)
            #expect(result.problems.map { $0.formatted(.en) }
                    == ["wilayah.csv.gz: error: damaged or truncated gzip file (unexpected end of file); download or copy the file again"])
            #expect(!FileManager.default.fileExists(atPath: directory + "/out/wilayah.csv"))
        }
    }

    /// The bundled copy is the official list, byte for byte, when the original is beside the clone.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: TestData.packageRoot().appendingPathComponent("../shared/data/wilayah/wilayah.csv").path)))
    func bundledCopyIsTheOfficialList() throws {
        let root = TestData.packageRoot()
        for name in ["wilayah.csv", "penduduk.csv"] {
            let original = try Data(contentsOf: root.appendingPathComponent("../shared/data/wilayah/\(name)"))
            let bundled = try [UInt8](Data(contentsOf: root.appendingPathComponent("data/wilayah/\(name).gz")))
            #expect(try Gzip.decompress(bundled) == [UInt8](original), "\(name)")
        }
        #expect(try Data(contentsOf: root.appendingPathComponent("data/wilayah/LICENSE"))
                == Data(contentsOf: root.appendingPathComponent("../shared/data/wilayah/LICENSE")))
    }
}
