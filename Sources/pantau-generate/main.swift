// pantau-generate: writes the synthetic national benchmark dataset (docs/performance.md).
//
//   swift run -c release pantau-generate --out /tmp/pantau-national
//   [--wilayah ../shared/data/wilayah/wilayah.csv] [--penduduk ../shared/data/wilayah/penduduk.csv]
//   (default: ../shared/data/wilayah/ when present, else the bundled data/wilayah/*.csv.gz)
//   [--seed 20261123] [--recommendations 50000]
//
// A developer tool, not part of the product: every figure it writes is synthetic.
import Foundation
import PantauNational

var arguments = Array(CommandLine.arguments.dropFirst())
var options: [String: String] = [:]
while let name = arguments.first {
    arguments.removeFirst()
    guard name.hasPrefix("--"), let value = arguments.first else {
        FileHandle.standardError.write(Data("usage: pantau-generate --out DIR [--wilayah FILE] [--penduduk FILE] [--seed N] [--recommendations N]\n".utf8))
        exit(2)
    }
    arguments.removeFirst()
    options[String(name.dropFirst(2))] = value
}
guard let out = options["out"] else {
    FileHandle.standardError.write(Data("pantau-generate: --out DIR is required\n".utf8))
    exit(2)
}
// Default: ../shared/data/wilayah/ beside the clone, else the copy bundled in data/wilayah/.
let shared = "../shared/data/wilayah/wilayah.csv"
let wilayah = options["wilayah"] ?? (FileManager.default.fileExists(atPath: shared) ? shared : "data/wilayah/wilayah.csv.gz")
let penduduk = options["penduduk"] ?? (wilayah as NSString).deletingLastPathComponent + (wilayah.hasSuffix(".gz") ? "/penduduk.csv.gz" : "/penduduk.csv")
do {
    let summary = try NationalDataset.write(
        wilayahPath: wilayah, pendudukPath: FileManager.default.fileExists(atPath: penduduk) ? penduduk : nil,
        outputDirectory: out, seed: options["seed"].flatMap { UInt64($0) } ?? NationalDataset.defaultSeed,
        recommendations: options["recommendations"].flatMap { Int($0) } ?? NationalDataset.defaultRecommendations)
    print("\(out): \(summary.regions) regions, \(summary.observations) indicator rows, \(summary.recommendations) recommendations, \(summary.bytes) bytes (synthetic)")
} catch {
    FileHandle.standardError.write(Data("pantau-generate: \(error)\n".utf8))
    exit(1)
}
