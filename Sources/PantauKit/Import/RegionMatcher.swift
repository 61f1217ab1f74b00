/// Finds a dataset's region from a code or a name as imported files write them. A name
/// that fits more than one region, or none, is reported, never guessed.
public struct RegionMatcher: Sendable {
    public enum Match: Sendable, Equatable {
        case region(RegionIndex)
        case problem(ImportProblem)
    }

    let dataset: Dataset
    /// Folded, prefix-normalised name → regions with that name.
    let byName: [String: [RegionIndex]]

    public init(dataset: Dataset) {
        self.dataset = dataset
        var byName: [String: [RegionIndex]] = [:]
        for (index, region) in dataset.regions.enumerated() {
            byName[RegionMatcher.key(region.name), default: []].append(RegionIndex(index))
        }
        self.byName = byName
    }

    /// `Kab. Bogor`, `KABUPATEN BOGOR`, `Kab Bogor` → `kabupaten bogor`; `Kota Adm. Jakarta
    /// Pusat` → `kota administrasi jakarta pusat`; `DKI Jakarta` → `daerah khusus ibukota
    /// jakarta`; `Prov. Jawa Barat` → `jawa barat`.
    static func key(_ name: String) -> String {
        var words = ImportVocabulary.fold(name).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return "" }
        switch words[0] {
        case "kab", "kabupaten", "regency": words[0] = "kabupaten"
        case "kodya", "kotamadya", "kot", "city": words[0] = "kota"
        case "prov", "provinsi", "propinsi", "province": words.removeFirst()
        case "dki": words.replaceSubrange(0..<1, with: ["daerah", "khusus", "ibukota"])
        case "di", "diy": words.replaceSubrange(0..<1, with: ["daerah", "istimewa"])
        case "kec", "kecamatan": if words.count > 1 { words.removeFirst() }
        case "desa", "kel", "kelurahan", "ds": if words.count > 1 { words.removeFirst() }
        default: break
        }
        if words.count > 1, words[0] == "kota", ["adm", "administrasi"].contains(words[1]) { words[1] = "administrasi" }
        if words.count > 1, words.last == "regency" { words.removeLast(); words.insert("kabupaten", at: 0) }
        if words.count > 1, words.last == "city" { words.removeLast(); words.insert("kota", at: 0) }
        return words.joined(separator: " ")
    }

    public func code(of index: RegionIndex) -> RegionCode { dataset.region(index).code }

    /// A code as written: dotted Kemendagri (`32.01`), undotted BPS at province or kab/kota
    /// level (`32`, `3201`, which equal Kemendagri's), or undotted BPS below it (`3201010`,
    /// `3201010001`), which is matched by `name` among that kab/kota's kecamatan or desa.
    public func match(code text: String, name: String?) -> Match {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return .region(dataset.root) }
        if trimmed.contains(".") {
            guard let code = RegionCode(trimmed) else { return .problem(.badRegionCode(trimmed)) }
            guard let index = dataset.index(of: code) else { return .problem(.regionNotInDataset(code.text)) }
            return .region(index)
        }
        guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .problem(.badRegionCode(trimmed)) }
        let digits = Array(trimmed)
        switch digits.count {
        case 2, 4:
            let dotted = digits.count == 2 ? trimmed : String(digits[0..<2]) + "." + String(digits[2..<4])
            guard let code = RegionCode(dotted) else { return .problem(.badRegionCode(trimmed)) }
            guard let index = dataset.index(of: code) else { return .problem(.regionNotInDataset(code.text)) }
            return .region(index)
        case 7, 10:
            let parentText = String(digits[0..<2]) + "." + String(digits[2..<4])
            guard let parentCode = RegionCode(parentText) else { return .problem(.badRegionCode(trimmed)) }
            guard let parent = dataset.index(of: parentCode) else { return .problem(.regionNotInDataset(parentCode.text)) }
            guard let name, !ImportVocabulary.isMissing(name) else { return .problem(.regionNeedsName(code: trimmed)) }
            return match(name: name, within: parent, level: digits.count == 7 ? .kecamatan : .desa)
        default:
            return .problem(.badRegionCode(trimmed))
        }
    }

    /// A name among the regions below `scope` (itself included), at `level` if given.
    /// Without a `Kabupaten`/`Kota` word, a kab/kota-level name matches either, and
    /// a name that then fits both (`Bogor`) is ambiguous.
    public func match(name: String, within scope: RegionIndex, level: RegionLevel?) -> Match {
        let key = RegionMatcher.key(name)
        if key.isEmpty { return .problem(.missingRegion) }
        if ["indonesia", "nasional", "national"].contains(key), level == nil || level == .nasional { return .region(dataset.root) }
        func candidates(_ key: String) -> [RegionIndex] {
            (byName[key] ?? []).filter { index in
                (index == scope || dataset.isInSubtree(index, of: scope)) && (level == nil || dataset.region(index).level == level)
            }
        }
        var found = candidates(key)
        if found.isEmpty, level == nil || level == .kabupatenKota, !key.hasPrefix("kabupaten "), !key.hasPrefix("kota ") {
            found = candidates("kabupaten " + key) + candidates("kota " + key)
        }
        switch found.count {
        case 1: return .region(found[0])
        case 0:
            let scopeRegion = dataset.region(scope)
            let scopeName = scope == dataset.root ? "Indonesia" : "\(scopeRegion.name) (\(scopeRegion.code.text))"
            return .problem(.unknownRegionName(name: name, scope: scopeName))
        default:
            return .problem(.ambiguousRegionName(name: name, candidates: found.map { "\(dataset.region($0).name) (\(dataset.region($0).code.text))" }))
        }
    }
}
