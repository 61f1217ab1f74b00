/// One problem found while loading a dataset, with its exact place in the file.
public struct DataIssue: Error, Sendable, Equatable {
    public enum Severity: Sendable { case error, warning }

    public let file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based, in Unicode scalars; 0 when the problem concerns the whole file or line.
    public let column: Int
    public let severity: Severity
    public let problem: DataProblem

    public init(file: String, line: Int, column: Int, severity: Severity = .error, problem: DataProblem) {
        self.file = file; self.line = line; self.column = column
        self.severity = severity; self.problem = problem
    }

    /// `indikator.csv:12:4: error: ...`, the form compilers use so editors can jump to it.
    public func formatted(_ lang: Language, directory: String? = nil) -> String {
        var location = file
        if let directory, !directory.isEmpty {
            location = directory.hasSuffix("/") ? directory + file : directory + "/" + file
        }
        if line > 0 { location += ":\(line)" }
        if line > 0 && column > 0 { location += ":\(column)" }
        let label = severity == .error ? lang.pick("galat", "error") : lang.pick("peringatan", "warning")
        return "\(location): \(label): \(problem.message(lang))"
    }
}

public enum DataProblem: Sendable, Equatable {
    case missingRequiredFile
    case unreadable(errno: Int32)
    case syntax(CSVProblem)
    case emptyFile
    case missingColumn(String)
    case unknownColumn(String)
    case duplicateColumn(String)
    case fieldCount(expected: Int, found: Int)
    case emptyValue(column: String)
    case badRegionCode(String)
    case indonesiaListed
    case unknownRegion(String)
    case missingParent(code: String, parent: String)
    case duplicateKey(key: String, firstLine: Int)
    case unknownIndicator(String)
    case badYear(String)
    case badNumber(String)
    case percentOutOfRange(String)
    case notWholeCount(String)
    case badDate(String)
    case unknownSource(String)
    case badChoice(value: String, allowed: [String])
    case actionOutOfRange(String)
    case scoreOutOfRange(String)
    case unknownFile

    public func message(_ lang: Language) -> String {
        switch self {
        case .missingRequiredFile:
            return lang.pick("berkas wajib tidak ada (setiap dataset perlu wilayah.csv dengan kolom kode,nama)",
                             "required file is missing (every dataset needs wilayah.csv with columns kode,nama)")
        case .unreadable(let errno):
            return lang.pick("berkas tidak dapat dibaca (errno \(errno))", "file cannot be read (errno \(errno))")
        case .syntax(let problem):
            switch problem {
            case .unterminatedQuote:
                return lang.pick("tanda kutip dibuka di sini tetapi tidak pernah ditutup; tambahkan \" penutup",
                                 "quote opened here is never closed; add the closing \"")
            case .textAfterClosingQuote:
                return lang.pick("ada teks setelah tanda kutip penutup; kutip seluruh isian dan tulis \"\" untuk tanda kutip di dalamnya",
                                 "text after the closing quote; quote the whole field and write \"\" for a quote inside it")
            case .quoteInUnquotedField:
                return lang.pick("tanda kutip di tengah isian tanpa kutip; kutip seluruh isian dan tulis \"\" untuk tanda kutip",
                                 "quote inside an unquoted field; quote the whole field and write \"\" for a quote")
            case .invalidUTF8:
                return lang.pick("bukan teks UTF-8 yang sah; simpan berkas sebagai CSV UTF-8",
                                 "not valid UTF-8 text; save the file as CSV UTF-8")
            }
        case .emptyFile:
            return lang.pick("berkas kosong: baris judul kolom tidak ada", "empty file: the header row is missing")
        case .missingColumn(let name):
            return lang.pick("kolom '\(name)' tidak ada di baris judul", "column '\(name)' is missing from the header")
        case .unknownColumn(let name):
            return lang.pick("kolom '\(name)' tidak dikenal", "unknown column '\(name)'")
        case .duplicateColumn(let name):
            return lang.pick("kolom '\(name)' muncul dua kali", "column '\(name)' appears twice")
        case .fieldCount(let expected, let found):
            return lang.pick("baris ini punya \(found) isian, seharusnya \(expected) seperti baris judul",
                             "this row has \(found) fields, expected \(expected) as in the header")
        case .emptyValue(let column):
            return lang.pick("kolom '\(column)' tidak boleh kosong", "column '\(column)' must not be empty")
        case .badRegionCode(let code):
            return lang.pick("kode wilayah '\(code)' tidak berbentuk kode Kemendagri (mis. 32, 32.01, 32.01.01, 32.01.01.2001)",
                             "region code '\(code)' is not a Kemendagri code (e.g. 32, 32.01, 32.01.01, 32.01.01.2001)")
        case .indonesiaListed:
            return lang.pick("kode 0 (Indonesia) tidak ditulis di wilayah.csv; akar ini selalu ada",
                             "code 0 (Indonesia) is not listed in wilayah.csv; the root is always there")
        case .unknownRegion(let code):
            return lang.pick("kode wilayah '\(code)' tidak ada di wilayah.csv", "region code '\(code)' is not in wilayah.csv")
        case .missingParent(let code, let parent):
            return lang.pick("wilayah '\(code)' tidak punya induk: '\(parent)' tidak ada di wilayah.csv",
                             "region '\(code)' has no parent: '\(parent)' is not in wilayah.csv")
        case .duplicateKey(let key, let firstLine):
            return lang.pick("duplikat \(key); sudah ada di baris \(firstLine)", "duplicate \(key); already on line \(firstLine)")
        case .unknownIndicator(let id):
            let known = IndicatorID.allCases.map(\.rawValue).joined(separator: ", ")
            return lang.pick("indikator '\(id)' tidak dikenal; yang dikenal: \(known)",
                             "unknown indicator '\(id)'; known: \(known)")
        case .badYear(let text):
            return lang.pick("tahun '\(text)' tidak sah; tulis 4 angka antara 1900 dan 2100",
                             "year '\(text)' is not valid; write 4 digits between 1900 and 2100")
        case .badNumber(let text):
            return lang.pick("'\(text)' bukan angka; tulis desimal dengan titik (7.05) atau dalam kutip dengan koma (\"7,05\")",
                             "'\(text)' is not a number; write decimals with a dot (7.05) or quoted with a comma (\"7,05\")")
        case .percentOutOfRange(let text):
            return lang.pick("persentase \(text) di luar 0–100", "percentage \(text) is outside 0–100")
        case .notWholeCount(let text):
            return lang.pick("jumlah '\(text)' harus bilangan bulat tidak negatif", "count '\(text)' must be a non-negative whole number")
        case .badDate(let text):
            return lang.pick("tanggal '\(text)' tidak sah; tulis TTTT-BB-HH (mis. 2024-02-12)",
                             "date '\(text)' is not valid; write YYYY-MM-DD (e.g. 2024-02-12)")
        case .unknownSource(let id):
            return lang.pick("sumber '\(id)' tidak ada di sumber.csv", "source '\(id)' is not in sumber.csv")
        case .badChoice(let value, let allowed):
            let list = allowed.joined(separator: ", ")
            return lang.pick("'\(value)' tidak dikenal; pilih salah satu: \(list)", "'\(value)' is not allowed; choose one of: \(list)")
        case .actionOutOfRange(let text):
            return lang.pick("aksi '\(text)' harus 1–8", "action '\(text)' must be 1–8")
        case .scoreOutOfRange(let text):
            return lang.pick("nilai \(text) di luar 0–100", "score \(text) is outside 0–100")
        case .unknownFile:
            return lang.pick("berkas tidak dikenal, diabaikan", "unknown file, ignored")
        }
    }
}

/// Thrown when a dataset has errors: it carries every one of them, and no dataset.
public struct DatasetLoadError: Error, Sendable {
    public let directory: String
    public let issues: [DataIssue]

    public var errors: [DataIssue] { issues.filter { $0.severity == .error } }
}
