import Foundation

/// The header names, region-name forms, numbers, dates and statuses that real files use,
/// and what each means in the data contract. One place for every synonym.
public enum ImportVocabulary {
    /// Lower case, accents folded, everything but letters and digits turned into single
    /// spaces: `Kode_Kabupaten/Kota ` → `kode kabupaten kota`.
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        var output = ""
        output.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingSpace && !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return output
    }

    // MARK: Columns

    public enum RegionRole: Sendable, Equatable {
        case code(RegionLevel?)
        case name(RegionLevel?)
    }

    public enum RecommendationField: String, Sendable, CaseIterable {
        case id, number, finding, recommendation, followUp, owner, deadline, status, category, target, cycle, origin
    }

    static let codeHeaders: [String: RegionLevel?] = [
        "kode": nil, "kode wilayah": nil, "kode wil": nil, "kode daerah": nil, "kode bps": nil, "kode kemendagri": nil,
        "code": nil, "region code": nil, "area code": nil, "bps code": nil, "kd wilayah": nil,
        "kode provinsi": .provinsi, "kode prov": .provinsi, "kode propinsi": .provinsi, "province code": .provinsi,
        "kode kabupaten kota": .kabupatenKota, "kode kab kota": .kabupatenKota, "kode kabupaten": .kabupatenKota, "kode kota": .kabupatenKota,
        "kode kab": .kabupatenKota, "kode kabkota": .kabupatenKota, "regency code": .kabupatenKota, "city code": .kabupatenKota,
        "kode kecamatan": .kecamatan, "kode kec": .kecamatan, "district code": .kecamatan,
        "kode desa": .desa, "kode kelurahan": .desa, "kode desa kelurahan": .desa, "kode desa kel": .desa,
        "village code": .desa,
    ]

    static let nameHeaders: [String: RegionLevel?] = [
        "nama wilayah": nil, "wilayah": nil, "daerah": nil, "nama daerah": nil, "region": nil, "region name": nil,
        "area": nil, "wilayah kerja": nil, "lokasi": nil, "location": nil,
        "provinsi": .provinsi, "nama provinsi": .provinsi, "propinsi": .provinsi, "province": .provinsi,
        "kabupaten kota": .kabupatenKota, "kab kota": .kabupatenKota, "kabupaten": .kabupatenKota, "kota": .kabupatenKota,
        "nama kabupaten kota": .kabupatenKota, "nama kab kota": .kabupatenKota, "nama kabupaten": .kabupatenKota, "nama kota": .kabupatenKota,
        "kabkota": .kabupatenKota, "regency": .kabupatenKota, "regency city": .kabupatenKota, "city": .kabupatenKota,
        "kecamatan": .kecamatan, "nama kecamatan": .kecamatan, "kec": .kecamatan, "district": .kecamatan, "subdistrict": .kecamatan,
        "desa": .desa, "kelurahan": .desa, "desa kelurahan": .desa, "desa kel": .desa, "nama desa": .desa,
        "nama kelurahan": .desa, "nama desa kelurahan": .desa, "village": .desa, "lokus desa": .desa,
    ]

    public static func regionRole(_ folded: String, recommendations: Bool) -> RegionRole? {
        if let level = codeHeaders[folded] { return .code(level) }
        if let level = nameHeaders[folded] { return .name(level) }
        // In a figure table a bare "nama" is the region's name; in a case list it may be a person's.
        if folded == "nama" || folded == "name" { return recommendations ? nil : .name(nil) }
        return nil
    }

    static let recommendationHeaders: [String: RecommendationField] = [
        "id": .id, "id rekomendasi": .id, "kode rekomendasi": .id, "recommendation id": .id,
        "no": .number, "nomor": .number, "no urut": .number, "number": .number, "nr": .number,
        "temuan": .finding, "finding": .finding, "findings": .finding, "masalah": .finding, "permasalahan": .finding,
        "hasil temuan": .finding, "temuan masalah": .finding, "issue": .finding, "problem": .finding,
        "rekomendasi": .recommendation, "recommendation": .recommendation, "recommendations": .recommendation,
        "rekomendasi rencana tindak lanjut": .recommendation, "rekomendasi rtl": .recommendation,
        "rekomendasi tindak lanjut": .recommendation, "recommendation follow up plan": .recommendation,
        "recommendation action plan": .recommendation,
        "rencana tindak lanjut": .followUp, "rtl": .followUp, "tindak lanjut": .followUp, "follow up plan": .followUp,
        "follow up": .followUp, "action plan": .followUp, "rencana aksi": .followUp,
        "opd": .owner, "penanggung jawab": .owner, "penanggung jawab opd": .owner, "opd penanggung jawab": .owner,
        "pj": .owner, "pic": .owner, "pelaksana": .owner, "instansi": .owner, "dinas": .owner,
        "responsible": .owner, "responsible agency": .owner, "owner": .owner, "owner opd": .owner,
        "waktu": .deadline, "tenggat": .deadline, "batas waktu": .deadline, "tenggat waktu": .deadline,
        "target waktu": .deadline, "waktu pelaksanaan": .deadline, "jadwal": .deadline, "waktu tenggat": .deadline,
        "deadline": .deadline, "due date": .deadline, "due": .deadline, "timeline": .deadline, "time frame": .deadline,
        "status": .status, "status tindak lanjut": .status, "progress": .status, "follow up status": .status,
        "kategori": .category, "category": .category, "jenis intervensi": .category, "intervensi": .category,
        "sasaran": .target, "kelompok sasaran": .target, "target group": .target, "sasaran kasus": .target,
        "siklus": .cycle, "cycle": .cycle, "periode": .cycle, "semester": .cycle, "period": .cycle,
        "asal": .origin, "origin": .origin,
    ]

    public static func recommendationField(_ folded: String) -> RecommendationField? { recommendationHeaders[folded] }

    /// Headers that identify a person. Such a column is dropped before anything reads it.
    public static func isPersonal(_ folded: String, recommendations: Bool) -> Bool {
        if (folded == "nama" || folded == "name") { return recommendations }
        let exact: Set<String> = [
            "nik", "no nik", "nomor nik", "nik anak", "nik ibu", "nik kk", "nomor induk kependudukan", "kk", "no kk", "nomor kk",
            "no kartu keluarga", "nomor kartu keluarga", "kartu keluarga", "alamat", "alamat lengkap", "alamat rumah",
            "address", "home address", "ttl", "dob", "date of birth", "birth date", "birthdate", "tgl lahir", "tanggal lahir",
            "tempat tanggal lahir", "tempat tgl lahir", "tempat lahir", "hp", "no hp", "nomor hp", "no telp", "telp", "telepon",
            "no telepon", "nomor telepon", "phone", "phone number", "telephone", "mobile", "whatsapp", "wa", "no wa",
            "email", "e mail", "full name", "nama lengkap", "rt rw", "rt", "rw",
        ]
        if exact.contains(folded) { return true }
        let words = folded.split(separator: " ")
        guard let first = words.first else { return false }
        let personWords: Set<Substring> = ["anak", "ibu", "ayah", "bapak", "balita", "baduta", "bayi", "sasaran", "lengkap",
                                           "kk", "kepala", "suami", "istri", "pasien", "catin", "responden", "kasus", "orang",
                                           "tua", "ortu", "child", "mother", "father", "patient", "person", "case"]
        if first == "nama" || first == "name" { return words.dropFirst().contains { personWords.contains($0) } }
        if words.last == "name", words.dropLast().contains(where: { personWords.contains($0) }) { return true }
        if words.contains("nik") || words.contains("lahir") || words.contains("birth") || words.contains("alamat")
            || words.contains("address") || words.contains("telepon") || words.contains("phone") { return true }
        return false
    }

    static let yearHeaders: Set<String> = ["tahun", "year", "thn", "tahun data", "data year"]
    static let indicatorHeaders: Set<String> = ["indikator", "indicator", "jenis indikator", "variabel", "variable", "jenis data"]
    static let sourceHeaders: Set<String> = ["sumber", "source", "sumber data", "sumber id"]
    static let unitHeaders: Set<String> = ["satuan", "unit", "units"]
    static let valueHeaders: Set<String> = ["nilai", "value", "angka", "data", "jumlah", "persentase", "persen", "capaian nilai"]

    /// Whether a folded header name is one the importer gives a role (a mapping file's
    /// `[columns]` must name one): a region code or name, a recommendation field, year,
    /// indicator, source, unit, value, or a value header such as `2024` or `p0 2023`.
    public static func knowsHeader(_ folded: String) -> Bool {
        if regionRole(folded, recommendations: false) != nil || recommendationField(folded) != nil { return true }
        if isYearHeader(folded) || isIndicatorHeader(folded) || isSourceHeader(folded) || isUnitHeader(folded) || isValueHeader(folded) { return true }
        let value = valueHeader(folded)
        return value.year != nil || value.indicator != nil
    }

    public static func isYearHeader(_ folded: String) -> Bool { yearHeaders.contains(folded) }
    public static func isIndicatorHeader(_ folded: String) -> Bool { indicatorHeaders.contains(folded) }
    public static func isSourceHeader(_ folded: String) -> Bool { sourceHeaders.contains(folded) }
    public static func isUnitHeader(_ folded: String) -> Bool { unitHeaders.contains(folded) }
    public static func isValueHeader(_ folded: String) -> Bool { valueHeaders.contains(folded) }

    // MARK: Indicators

    /// What an indicator name in a header or cell means; `stuntingUnclear` is a stunting
    /// figure that does not say whether it is a survey or a measurement.
    public enum IndicatorMatch: Sendable, Equatable {
        case indicator(IndicatorID)
        case stuntingUnclear
    }

    static let indicatorNames: [String: IndicatorID] = {
        var names: [String: IndicatorID] = [:]
        for id in IndicatorID.allCases { names[fold(id.rawValue)] = id }
        let synonyms: [(String, IndicatorID)] = [
            ("p0", .kemiskinan), ("persentase penduduk miskin", .kemiskinan), ("tingkat kemiskinan", .kemiskinan),
            ("persentase kemiskinan", .kemiskinan), ("angka kemiskinan", .kemiskinan), ("poverty rate", .kemiskinan),
            ("poverty", .kemiskinan), ("percentage of poor people", .kemiskinan), ("poverty p0", .kemiskinan),
            ("kemiskinan p0", .kemiskinan), ("penduduk miskin persen", .kemiskinan),
            ("persentase penduduk miskin ekstrem", .kemiskinanEkstrem), ("tingkat kemiskinan ekstrem", .kemiskinanEkstrem),
            ("miskin ekstrem", .kemiskinanEkstrem), ("kemiskinan ekstrim", .kemiskinanEkstrem), ("extreme poverty", .kemiskinanEkstrem),
            ("extreme poverty rate", .kemiskinanEkstrem), ("penduduk miskin ekstrem", .kemiskinanEkstrem),
            ("indeks kedalaman kemiskinan", .p1), ("poverty gap", .p1), ("poverty gap index", .p1), ("indeks kedalaman kemiskinan p1", .p1),
            ("indeks keparahan kemiskinan", .p2), ("poverty severity", .p2), ("poverty severity index", .p2), ("indeks keparahan kemiskinan p2", .p2),
            ("penduduk miskin", .pendudukMiskin), ("jumlah penduduk miskin", .pendudukMiskin), ("poor people", .pendudukMiskin),
            ("number of poor people", .pendudukMiskin), ("jumlah orang miskin", .pendudukMiskin), ("miskin", .pendudukMiskin),
            ("stunting survei", .stunting), ("prevalensi stunting ssgi", .stunting), ("prevalensi stunting ski", .stunting),
            ("ssgi", .stunting), ("ski", .stunting), ("stunting ssgi", .stunting), ("stunting ski", .stunting),
            ("survey stunting", .stunting), ("stunting survey", .stunting),
            ("stunting e ppgbm", .stuntingUkur), ("e ppgbm", .stuntingUkur), ("eppgbm", .stuntingUkur),
            ("prevalensi stunting e ppgbm", .stuntingUkur), ("stunting pengukuran", .stuntingUkur), ("stunting measured", .stuntingUkur),
            ("measured stunting", .stuntingUkur), ("bulan penimbangan balita", .stuntingUkur), ("stunting bpb", .stuntingUkur),
            ("tpt", .tpt), ("tingkat pengangguran terbuka", .tpt), ("open unemployment rate", .tpt), ("unemployment rate", .tpt),
            ("pengangguran terbuka", .tpt),
            ("krs", .keluargaBerisikoStunting), ("keluarga berisiko stunting", .keluargaBerisikoStunting),
            ("jumlah keluarga berisiko stunting", .keluargaBerisikoStunting), ("families at risk of stunting", .keluargaBerisikoStunting),
        ]
        for (name, id) in synonyms { names[name] = id }
        return names
    }()

    static let unclearStunting: Set<String> = ["stunting", "prevalensi stunting", "prevalensi balita stunting", "persentase balita stunting",
                                               "angka stunting", "balita stunting", "stunting prevalence", "persentase stunting"]

    public static func indicator(_ folded: String) -> IndicatorMatch? {
        if unclearStunting.contains(folded) { return .stuntingUnclear }
        if let id = indicatorNames[folded] { return .indicator(id) }
        return nil
    }

    static let monthWords: Set<Substring> = [
        "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember",
        "january", "february", "march", "may", "june", "july", "august", "october", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt", "ags", "aug", "sep", "sept", "okt", "oct", "nov", "des", "dec",
        "tahun", "thn", "year", "semester", "s1", "s2",
    ]

    /// A value column's header split into what it says: a year (`2023`, `Maret 2023`,
    /// `TPT Aug 2023`), an indicator, a multiplier from its unit (`(ribu)` = 1,000), and
    /// the words left over.
    public struct ValueHeader: Sendable, Equatable {
        public var year: Int?
        public var indicator: IndicatorMatch?
        public var scale: Int
        public var rest: String
    }

    public static func valueHeader(_ folded: String) -> ValueHeader {
        var year: Int?
        var twoYears = false
        var words: [Substring] = []
        var scale = 1
        for word in folded.split(separator: " ") {
            if word.count == 4, let number = Int(word), FieldRules.years.contains(number) {
                if year != nil { twoYears = true }
                year = number
                continue
            }
            if monthWords.contains(word) { continue }
            switch word {
            case "ribu", "rb", "thousand", "thousands": scale *= 1000; continue
            case "juta", "million", "millions": scale *= 1_000_000; continue
            case "persen", "percent", "jiwa", "orang", "people", "persons": continue
            default: words.append(word)
            }
        }
        if twoYears { year = nil }
        let rest = words.joined(separator: " ")
        var match = rest.isEmpty ? nil : indicator(rest)
        // "Keluarga berisiko stunting (KK)": the unit word KK belongs to the indicator.
        if match == nil, words.last == "kk" { match = indicator(words.dropLast().joined(separator: " ")) }
        return ValueHeader(year: year, indicator: match, scale: scale, rest: rest)
    }

    /// The multiplier a `satuan` cell asks for: `persen` 1, `ribu jiwa` 1,000; nil if unknown.
    public static func unitScale(_ text: String) -> Int? {
        let folded = fold(text)
        if folded.isEmpty { return 1 }
        var scale = 1
        for word in folded.split(separator: " ") {
            switch word {
            case "ribu", "rb", "thousand", "thousands": scale *= 1000
            case "juta", "million", "millions": scale *= 1_000_000
            case "persen", "percent", "pct", "jiwa", "orang", "people", "persons", "kk", "keluarga", "families", "rumah", "tangga", "rt", "indeks", "index", "poin", "points":
                continue
            default: return nil
            }
        }
        return scale
    }

    // MARK: Numbers

    public enum NumberReading: Sendable, Equatable {
        case missing
        case number(String)
        case bad
    }

    /// Cells that mean "no figure": empty, dashes, `N/A`, `..`, `x`.
    public static func isMissing(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return true }
        let folded = trimmed.lowercased()
        return ["-", "–", "—", "--", "n/a", "na", "n.a.", "n.a", "..", "...", "…", "x", "tt", "t/a", "#n/a", "nan", "null", "tidak ada", "-/-"].contains(folded)
    }

    /// Reads a number as people write it. `decimalComma` true: `1.234,5`; false: `1,234.5`;
    /// nil: decided by the number itself (one separator followed by other than three digits
    /// is a decimal). Gives the contract's form, dot decimal and no grouping, with the
    /// decimals kept as written and the unit's scale applied (`446,8` ribu → `446800`).
    public static func number(_ raw: String, decimalComma: Bool?, scale: Int = 1) -> NumberReading {
        if isMissing(raw) { return .missing }
        var text = raw.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{A0}\u{202F}")))
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("−") { negative = true; text = String(text.dropFirst()) }
        let separators = text.filter { $0 == "." || $0 == "," }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }),
              text.first!.isNumber, text.last!.isNumber else { return .bad }
        var integer = "", fraction = ""
        let hasDot = separators.contains("."), hasComma = separators.contains(",")
        var decimal: Character?
        if hasDot && hasComma {
            decimal = text.lastIndex(of: ",")! > text.lastIndex(of: ".")! ? "," : "."
        } else if hasDot || hasComma {
            let mark: Character = hasDot ? "." : ","
            let count = separators.count
            if let decimalComma {
                decimal = (decimalComma ? "," : ".") == mark ? mark : nil
                if decimal != nil && count > 1 { return .bad }
            } else if count > 1 {
                decimal = nil
            } else {
                let after = text.split(separator: mark, omittingEmptySubsequences: false).last!.count
                decimal = after == 3 ? nil : mark
            }
        }
        let groupMark: Character? = decimal == nil ? (hasDot ? "." : (hasComma ? "," : nil)) : (decimal == "." ? "," : ".")
        let parts = text.split(separator: decimal ?? "#", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return .bad }
        let wholePart = parts[0]
        if let groupMark, wholePart.contains(groupMark) {
            let groups = wholePart.split(separator: groupMark, omittingEmptySubsequences: false)
            guard groups.first!.count >= 1, groups.first!.count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return .bad }
            integer = groups.joined()
        } else {
            integer = String(wholePart)
        }
        if parts.count == 2 {
            fraction = String(parts[1])
            if fraction.contains(where: { !$0.isNumber }) { return .bad }
        }
        guard integer.allSatisfy(\.isNumber), !integer.isEmpty else { return .bad }
        // Apply the scale by moving the decimal point.
        var shift = 0
        var s = scale
        while s >= 10 { s /= 10; shift += 1 }
        if shift > 0 {
            let moved = fraction.prefix(shift)
            integer += moved + String(repeating: "0", count: shift - moved.count)
            fraction = String(fraction.dropFirst(moved.count))
        }
        while integer.count > 1 && integer.first == "0" { integer.removeFirst() }
        let body = fraction.isEmpty ? integer : integer + "." + fraction
        return .number(negative ? "-" + body : body)
    }

    /// Whether a column of numbers is written with decimal commas: true when some value
    /// can only be read that way (`7,05`, `1.234,5`, `1.234.567`), false when some can only
    /// be read the other way, nil when none tells.
    public static func decimalComma<S: Sequence>(of values: S) -> Bool? where S.Element == String {
        var comma = false, dot = false
        for value in values {
            let separators = value.filter { $0 == "." || $0 == "," }
            if separators.isEmpty { continue }
            if separators.count >= 2 {
                if value.lastIndex(of: ",").map({ c in value.lastIndex(of: ".").map { c > $0 } ?? false }) == true { comma = true; continue }
                if value.lastIndex(of: ".").map({ d in value.lastIndex(of: ",").map { d > $0 } ?? false }) == true { dot = true; continue }
                if separators.allSatisfy({ $0 == "." }) { comma = true } else { dot = true }
                continue
            }
            let mark: Character = separators.first!
            let after = value.trimmingCharacters(in: CharacterSet(charactersIn: " %")).split(separator: mark, omittingEmptySubsequences: false).last?.count ?? 0
            if after != 3 { if mark == "," { comma = true } else { dot = true } }
            if comma && dot { return nil }
        }
        if comma && !dot { return true }
        if dot && !comma { return false }
        return nil
    }

    // MARK: Recommendations

    public static func status(_ text: String) -> RecommendationStatus? {
        let folded = fold(text)
        if folded.isEmpty { return .belum }
        let table: [String: RecommendationStatus] = [
            "belum": .belum, "belum dilaksanakan": .belum, "belum ditindaklanjuti": .belum, "belum mulai": .belum, "belum tl": .belum,
            "not started": .belum, "open": .belum, "baru": .belum, "new": .belum,
            "proses": .proses, "dalam proses": .proses, "sedang berjalan": .proses, "berjalan": .proses, "on progress": .proses,
            "in progress": .proses, "ongoing": .proses, "sedang diproses": .proses, "progres": .proses, "sebagian": .proses,
            "selesai": .selesai, "sudah": .selesai, "sudah dilaksanakan": .selesai, "sudah ditindaklanjuti": .selesai,
            "tuntas": .selesai, "done": .selesai, "completed": .selesai, "complete": .selesai, "closed": .selesai, "finished": .selesai,
            "tidak dapat": .tidakDapat, "tidak dapat ditindaklanjuti": .tidakDapat, "tidak dapat dilaksanakan": .tidakDapat,
            "tidak dapat di tindaklanjuti": .tidakDapat, "tidak bisa ditindaklanjuti": .tidakDapat, "cannot be followed up": .tidakDapat,
            "not actionable": .tidakDapat, "cannot": .tidakDapat,
        ]
        if let status = table[folded] { return status }
        if let raw = RecommendationStatus(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) { return raw }
        return nil
    }

    public static func origin(_ text: String) -> RecommendationOrigin? {
        let folded = fold(text)
        let table: [String: RecommendationOrigin] = [
            "aks": .aks, "audit kasus stunting": .aks, "audit": .aks, "konvergensi": .konvergensi, "penilaian kinerja": .konvergensi,
            "8 aksi": .konvergensi, "rakor": .rakor, "rapat koordinasi": .rakor, "lainnya": .lainnya, "lain": .lainnya, "other": .lainnya,
        ]
        return table[folded]
    }

    static let months: [String: Int] = [
        "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "pebruari": 2, "maret": 3, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
        "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nopember": 11, "nov": 11,
        "desember": 12, "december": 12, "des": 12, "dec": 12,
    ]

    /// A deadline as people write it: `2024-12-31`, `31/12/2024`, `31-12-2024`, `31.12.2024`,
    /// `31 Desember 2024`, `Desember 2024` / `Des 2024` (the last day of that month), or a
    /// year alone (31 December). Empty gives nil without a problem (no deadline).
    public enum DeadlineReading: Sendable, Equatable { case none, date(LocalDate), bad }

    public static func deadline(_ text: String) -> DeadlineReading {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if isMissing(trimmed) { return .none }
        if let date = LocalDate(iso: trimmed) { return .date(date) }
        let numeric = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        if numeric.count == 3, numeric.allSatisfy({ $0.allSatisfy(\.isNumber) }),
           let d = Int(numeric[0]), let m = Int(numeric[1]), let y = Int(numeric[2]), numeric[2].count == 4,
           let date = LocalDate(year: y, month: m, day: d) {
            return .date(date)
        }
        let words = fold(trimmed).split(separator: " ")
        if words.count == 3, let d = Int(words[0]), let m = months[String(words[1])], let y = Int(words[2]), words[2].count == 4,
           let date = LocalDate(year: y, month: m, day: d) {
            return .date(date)
        }
        if words.count == 2, let m = months[String(words[0])], let y = Int(words[1]), words[1].count == 4,
           let date = lastDay(year: y, month: m) {
            return .date(date)
        }
        if words.count == 1, words[0].count == 4, let y = Int(words[0]), FieldRules.years.contains(y) {
            return .date(LocalDate(year: y, month: 12, day: 31)!)
        }
        return .bad
    }

    static func lastDay(year: Int, month: Int) -> LocalDate? {
        for day in stride(from: 31, through: 28, by: -1) {
            if let date = LocalDate(year: year, month: month, day: day) { return date }
        }
        return nil
    }
}
