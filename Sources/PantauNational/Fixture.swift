import Foundation
import PantauKit

extension NationalDataset {
    /// `../shared/data/wilayah/` next to the package whose root is `packageRoot`, if present.
    public static func officialListDirectory(packageRoot: String) -> String? {
        let directory = URL(fileURLWithPath: packageRoot).appendingPathComponent("../shared/data/wilayah").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: directory + "/wilayah.csv") ? directory : nil
    }

    /// The copy of the official list that travels with the repository, `data/wilayah/`
    /// (gzip-compressed, the same bytes once decompressed).
    public static func bundledListDirectory(packageRoot: String) -> String? {
        let directory = URL(fileURLWithPath: packageRoot).appendingPathComponent("data/wilayah").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: directory + "/wilayah.csv.gz") ? directory : nil
    }

    /// The official list's `wilayah.csv` and `penduduk.csv` bytes: from `../shared/data/wilayah/`
    /// when it is beside the package, else from the bundled copy; nil when neither is there.
    public static func officialList(packageRoot: String) throws -> (wilayah: [UInt8], penduduk: [UInt8]?)? {
        if let directory = officialListDirectory(packageRoot: packageRoot) {
            return (try readMaybeGzip(directory + "/wilayah.csv"), try? readMaybeGzip(directory + "/penduduk.csv"))
        }
        guard let directory = bundledListDirectory(packageRoot: packageRoot) else { return nil }
        return (try readMaybeGzip(directory + "/wilayah.csv.gz"), try? readMaybeGzip(directory + "/penduduk.csv.gz"))
    }

    /// A file's bytes, decompressed when it is gzip.
    static func readMaybeGzip(_ path: String) throws -> [UInt8] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return Gzip.isGzip(bytes) ? try Gzip.decompress(bytes) : bytes
    }

    /// The national dataset, generated in memory and loaded (the date fixed at 2026-11-23's
    /// year); nil when the official list is absent.
    public static func load(packageRoot: String) throws -> Dataset? {
        guard let list = try officialList(packageRoot: packageRoot) else { return nil }
        let files = try self.files(wilayah: list.wilayah, penduduk: list.penduduk)
        return try DatasetLoader.load(files: files, currentYear: 2026, directory: "national")
    }

    /// The scripted session timed by `pantau-keys` (Benchmarks/) at 200×60: moving, drilling
    /// down to a desa and back, switching panes, cycling sorts and status filters, and a `/`
    /// filter over all 91,599 names typed character by character, corrected and cleared.
    public static let keystrokeScript: String = {
        var keys: [String] = []
        keys += Array(repeating: "j", count: 30) + Array(repeating: "k", count: 10)
        keys += ["Enter"] + Array(repeating: "j", count: 15) + ["Enter"] + Array(repeating: "j", count: 10)
        keys += ["Enter"] + Array(repeating: "j", count: 8) + ["Enter"] + Array(repeating: "j", count: 5)
        keys += ["Tab", "j", "j", "Tab", "j", "j", "f", "f", "f", "f", "f", "Tab", "Tab"]
        keys += ["Esc", "Esc", "Esc", "Esc", "Esc"]
        keys += ["Tab", "Tab", "Tab", "f", "j", "j", "j", "f", "f", "f", "f", "Tab"]
        keys += ["s", "s", "s", "s", "s", "s", "s"]
        keys += ["/"] + "sukamaju".map(String.init) + ["BSpace", "BSpace", "BSpace"] + "aya".map(String.init)
        keys += ["Enter", "j", "j", "j", "Enter", "Esc", "Esc"]
        keys += ["/", "a", "s", "s", "s", "s", "s", "s", "s", "BSpace", "Esc"]
        keys += ["/"] + "kec".map(String.init) + ["Esc"]
        keys += ["/", "3", "2", ".", "0", "1", "Enter", "j", "j", "Esc"]
        return keys.joined(separator: " ")
    }()
}
