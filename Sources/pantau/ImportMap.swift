import Foundation
import PantauKit
import PantauTUI
import TOMLKit

/// `pantau import --map FILE.toml`: an office's recurring layout written down once. Its
/// top-level keys are the import's options (flags given on the command line win); its
/// `[columns]` table says which built-in header each of the file's own headers means.
///
///     # Rekap bulanan e-PPGBM Dinkes Jombang
///     sheet = "Rekap"
///     indicator = "stunting_eppgbm"
///     source = "eppgbm-jombang-2024-08"
///     region = "35.17"
///
///     [columns]
///     "Nama Desa/Kel" = "desa"
///     "% Balita Stunting" = "nilai"
struct ImportMap: Equatable {
    var sheet: String?
    var delimiter: String?
    var encoding: String?
    var decimal: String?
    var indicator: String?
    var source: String?
    var sourceTitle: String?
    var publisher: String?
    var year: Int?
    var url: String?
    var region: String?
    var idPrefix: String?
    var asal: String?
    var siklus: String?
    /// Folded header in the file → folded built-in header.
    var columns: [String: String] = [:]

    static let textKeys = ["sheet", "delimiter", "encoding", "decimal", "indicator", "source", "source-title", "publisher",
                           "url", "region", "id-prefix", "asal", "siklus"]
    static let knownKeys = textKeys + ["year", "columns"]

    /// A problem with the file, as `file:line:column: galat: …`.
    struct Problem: Error {
        let path: String
        let line: Int
        let text: @Sendable (Language) -> String
        func message(_ lang: Language) -> String {
            "\(path)" + (line > 0 ? ":\(line):1" : "") + ": " + lang.pick("galat: ", "error: ") + text(lang)
        }
    }

    static func load(path: String) throws(Problem) -> ImportMap {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Problem(path: path, line: 0) { $0.pick("berkas peta tidak dapat dibaca", "the mapping file cannot be read") }
        }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws(Problem) -> ImportMap {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let detail = error.description
            throw Problem(path: path, line: error.source.begin.line) { $0.pick("TOML tidak sah (\(detail))", "invalid TOML (\(detail))") }
        } catch {
            throw Problem(path: path, line: 0) { $0.pick("TOML tidak sah", "invalid TOML") }
        }
        func line(of key: String) -> Int { TOMLLines.line(of: key, in: text) }
        var map = ImportMap()
        for key in table.keys where !knownKeys.contains(key) {
            let known = knownKeys.joined(separator: ", ")
            throw Problem(path: path, line: line(of: key)) { $0.pick("kunci '\(key)' tidak dikenal; yang dikenal: \(known)",
                                                                      "unknown key '\(key)'; known: \(known)") }
        }
        var texts: [String: String] = [:]
        for key in textKeys {
            guard let value = table[key] else { continue }
            guard let string = value.string else {
                throw Problem(path: path, line: line(of: key)) { $0.pick("'\(key)' harus teks dalam tanda kutip", "'\(key)' must be quoted text") }
            }
            texts[key] = string
        }
        map.sheet = texts["sheet"]; map.delimiter = texts["delimiter"]; map.encoding = texts["encoding"]; map.decimal = texts["decimal"]
        map.indicator = texts["indicator"]; map.source = texts["source"]; map.sourceTitle = texts["source-title"]
        map.publisher = texts["publisher"]; map.url = texts["url"]; map.region = texts["region"]; map.idPrefix = texts["id-prefix"]
        map.asal = texts["asal"]; map.siklus = texts["siklus"]
        if let value = table["year"] {
            guard let year = value.int else {
                throw Problem(path: path, line: line(of: "year")) { $0.pick("'year' harus angka tahun tanpa tanda kutip", "'year' must be a year without quotes") }
            }
            map.year = year
        }
        if let value = table["columns"] {
            guard let columns = value.table else {
                throw Problem(path: path, line: line(of: "columns")) { $0.pick("'columns' harus tabel [columns]", "'columns' must be a [columns] table") }
            }
            for header in columns.keys.sorted() {
                guard let target = columns[header]?.string else {
                    throw Problem(path: path, line: line(of: header)) { $0.pick("kolom '\(header)': nama kolom bawaan harus teks dalam tanda kutip",
                                                                                "column '\(header)': the built-in column name must be quoted text") }
                }
                let folded = ImportVocabulary.fold(target)
                guard ImportVocabulary.knowsHeader(folded) else {
                    throw Problem(path: path, line: line(of: header)) { $0.pick(
                        "kolom '\(header)' = '\(target)': '\(target)' bukan nama kolom yang dikenal (mis. kode, desa, tahun, indikator, nilai, rekomendasi, opd, tenggat; lihat docs/importing.md)",
                        "column '\(header)' = '\(target)': '\(target)' is not a known column name (e.g. kode, desa, tahun, indikator, nilai, rekomendasi, opd, tenggat; see docs/importing.md)") }
                }
                map.columns[ImportVocabulary.fold(header)] = folded
            }
        }
        return map
    }
}
