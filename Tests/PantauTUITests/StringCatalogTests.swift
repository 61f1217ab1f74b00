import Foundation
import Testing

/// Every user-facing string is written with both languages side by side
/// (`lang.pick("Indonesian", "English")`, and `titleID:`/`titleEN:` in the command
/// registry). Like gettext's extraction, this test collects them into one catalog,
/// `docs/strings.tsv`, for translators and reviewers: it fails when a text is empty in
/// either language, and when the committed catalog is out of date
/// (`PANTAU_RECORD=1 swift test --filter StringCatalog` rewrites it).
@Suite struct StringCatalogTests {
    struct Entry: Hashable { let file: String; let indonesian: String; let english: String }

    /// Reads a Swift string literal starting at `index` (on the opening quote), keeping
    /// interpolations as written. Returns the literal's text and the index after it.
    static func literal(_ chars: [Character], _ start: Int) -> (String, Int)? {
        guard start < chars.count, chars[start] == "\"" else { return nil }
        var index = start + 1
        var text = ""
        while index < chars.count {
            let c = chars[index]
            if c == "\\" && index + 1 < chars.count && chars[index + 1] == "(" {
                // An interpolation: copy it through its matching parenthesis, skipping nested literals.
                var depth = 0
                var j = index + 1
                while j < chars.count {
                    if chars[j] == "(" { depth += 1 }
                    if chars[j] == ")" { depth -= 1; if depth == 0 { break } }
                    if chars[j] == "\"", let (_, after) = literal(chars, j) { j = after; continue }
                    j += 1
                }
                text += String(chars[index...min(j, chars.count - 1)])
                index = j + 1
                continue
            }
            if c == "\\" && index + 1 < chars.count { text += String(chars[index...index + 1]); index += 2; continue }
            if c == "\"" { return (text, index + 1) }
            text.append(c)
            index += 1
        }
        return nil
    }

    static func skipSpaceAndComma(_ chars: [Character], _ index: Int) -> Int {
        var i = index
        while i < chars.count, chars[i] == " " || chars[i] == "," || chars[i] == "\n" { i += 1 }
        return i
    }

    static func extract() throws -> [Entry] {
        let sources = packageRoot.appendingPathComponent("Sources")
        var entries: [Entry] = []
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted() ?? []
        for file in files where file != "PantauKit/Language.swift" {
            let chars = Array(try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8))
            var i = 0
            while i < chars.count {
                func matches(_ word: String) -> Bool {
                    let w = Array(word)
                    return i + w.count <= chars.count && Array(chars[i..<i + w.count]) == w
                }
                var pair: (String, String)?
                var next = i + 1
                if matches("pick(") {
                    if let (first, after) = literal(chars, i + 5), let (second, end) = literal(chars, skipSpaceAndComma(chars, after)) {
                        pair = (first, second); next = end
                    }
                } else if matches("titleID: "), let (first, after) = literal(chars, i + 9) {
                    let rest = skipSpaceAndComma(chars, after)
                    let label = Array("titleEN: ")
                    if rest + label.count <= chars.count, Array(chars[rest..<rest + label.count]) == label,
                       let (second, end) = literal(chars, rest + label.count) {
                        pair = (first, second); next = end
                    }
                } else if matches("hintID: "), let (first, after) = literal(chars, i + 8) {
                    let rest = skipSpaceAndComma(chars, after)
                    let label = Array("hintEN: ")
                    if rest + label.count <= chars.count, Array(chars[rest..<rest + label.count]) == label,
                       let (second, end) = literal(chars, rest + label.count) {
                        pair = (first, second); next = end
                    }
                }
                if let pair { entries.append(Entry(file: file, indonesian: pair.0, english: pair.1)) }
                i = next
            }
        }
        return entries
    }

    @Test func everyTextHasBothLanguages() throws {
        let entries = try Self.extract()
        #expect(entries.count > 250, "the extractor found only \(entries.count) texts")
        for entry in entries {
            #expect(!entry.indonesian.trimmingCharacters(in: .whitespaces).isEmpty, "empty Indonesian text in \(entry.file): \(entry.english)")
            #expect(!entry.english.trimmingCharacters(in: .whitespaces).isEmpty, "empty English text in \(entry.file): \(entry.indonesian)")
        }
    }

    @Test func theCatalogIsUpToDate() throws {
        var seen = Set<String>()
        var lines = ["file\tid\ten"]
        for entry in try Self.extract() {
            let line = [entry.file, entry.indonesian, entry.english].map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t")
            if seen.insert(line).inserted { lines.append(line) }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let url = packageRoot.appendingPathComponent("docs/strings.tsv")
        if ProcessInfo.processInfo.environment["PANTAU_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let committed = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        #expect(committed == text, "docs/strings.tsv is out of date: run PANTAU_RECORD=1 swift test --filter StringCatalog")
    }
}
