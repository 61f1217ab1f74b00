import Foundation

/// One problem found while loading a dataset, with its exact place in the file.
public struct DataIssue: Error, Sendable, Equatable {
    public enum Severity: Sendable { case error, warning }

    public let file: String
    /// 1-based; 0 when the problem concerns the whole file (a missing or unreadable file,
    /// an unknown file name).
    public let line: Int
    /// 1-based, in Unicode scalars; 0 only together with `line == 0`. A problem with a
    /// whole row or the header line points at its first column.
    public let column: Int
    public let severity: Severity
    public let problem: DataProblem

    public init(file: String, line: Int, column: Int, severity: Severity = .error, problem: DataProblem) {
        self.file = file; self.line = line; self.column = column
        self.severity = severity; self.problem = problem
    }

    /// `indikator.csv:12:4: error: ...`, the form compilers use so editors can jump to it.
    /// Always one line, with no control characters (values from the data are cut and
    /// neutralised; see `DataProblem.message`).
    public func formatted(_ lang: Language, directory: String? = nil) -> String {
        var location = file
        if let directory, !directory.isEmpty {
            location = directory.hasSuffix("/") ? directory + file : directory + "/" + file
        }
        // A problem with the dataset directory itself has no file: the directory is the place.
        if file.isEmpty { location = directory ?? "" }
        location = DisplayText.sanitize(location)
        if line > 0 { location += ":\(line)" }
        if line > 0 && column > 0 { location += ":\(column)" }
        let label = severity == .error ? lang.pick("galat", "error") : lang.pick("peringatan", "warning")
        return "\(location): \(label): \(problem.message(lang, file: file))"
    }
}

public enum DataProblem: Sendable, Equatable {
    case missingRequiredFile
    case unreadable(errno: Int32)
    /// The dataset directory (`--data`) cannot be used: `ENOENT` (it does not exist),
    /// `ENOTDIR` (it is a file), else it cannot be listed or entered. File "", line 0.
    case dataDirectory(errno: Int32)
    /// A file larger than `DatasetLoader.maxFileBytes`, refused from its size before it is
    /// read. Line 0.
    case fileTooLarge(bytes: Int, limit: Int)
    /// A symbolic link whose target does not exist (`ENOENT`) or that loops (`ELOOP`). Line 0.
    case brokenLink(target: String, errno: Int32)
    /// A byte order mark (U+FEFF) after the first one: a file saved twice with a BOM, or
    /// two files joined together. Location = the mark.
    case strayByteOrderMark
    /// UTF-16 text (with or without its byte order mark), not UTF-8. Location 1:1.
    case utf16
    /// A first line `sep=;` (Excel's separator hint), which is not a header.
    case separatorHint(String)
    /// A header written with tabs instead of commas. Location = the header's first column.
    case tabSeparated
    /// Header columns with no name at the end of the header (Excel writes them when a
    /// column to the right of the table ever held something). Location = the first one.
    case emptyHeaderColumns(count: Int)
    /// A `.gz` file that zlib cannot decompress (zlib's reason).
    case badGzip(String)
    case syntax(CSVProblem)
    case emptyFile
    /// The header is one field holding `;`-separated column names: an Excel export made
    /// with Indonesian regional settings.
    case semicolonSeparated
    case missingColumn(String)
    case unknownColumn(String)
    case duplicateColumn(String)
    case fieldCount(expected: Int, found: Int)
    /// A field longer than `DatasetLoader.maxFieldLength` Unicode scalars.
    case fieldTooLong(length: Int, limit: Int)
    case emptyValue(column: String)
    /// A key or name holds a control or invisible character (`TextRules.identifier`);
    /// the issue's column points at the character itself.
    case invisibleCharacter(column: String, scalar: UInt32)
    case badRegionCode(String)
    case indonesiaListed
    case unknownRegion(String)
    case missingParent(code: String, parent: String)
    case duplicateKey(key: String, firstLine: Int)
    /// A figure (indicator value, target or score) whose key is already taken; both values
    /// are given as written.
    case duplicateFigure(key: String, firstLine: Int, firstValue: String, value: String)
    case unknownIndicator(String)
    case badYear(String)
    /// An `indikator.csv` figure for a year after the current one.
    case futureYear(String, currentYear: Int)
    case badNumber(String)
    case percentOutOfRange(String)
    case notWholeCount(String)
    /// A negative value where the unit allows none (the p1 and p2 indices).
    case negativeValue(String)
    case badDate(String)
    case unknownSource(String)
    case badChoice(value: String, allowed: [String])
    case actionOutOfRange(String)
    case scoreOutOfRange(String)
    case unknownFile

    /// The message without knowing the file (no list of expected columns).
    public func message(_ lang: Language) -> String { message(lang, file: "") }

    /// The message; `file` adds the expected columns to header problems of contract files.
    public func message(_ lang: Language, file: String) -> String {
        // Every value from the data goes through `q`: cut to a readable length and with
        // control, escape and bidi characters neutralised, so a hostile file cannot drive
        // the terminal through `pantau check` and a 10 MB field gives a one-line message.
        func q(_ text: String) -> String { DataProblem.quote(text) }
        let columns = DatasetLoader.columns[file]
        switch self {
        case .missingRequiredFile:
            return lang.pick("berkas wajib tidak ada (setiap dataset perlu wilayah.csv dengan kolom kode,nama); buat berkas itu, atau tulis dari daftar resmi dengan 'pantau import-wilayah'",
                             "required file is missing (every dataset needs wilayah.csv with columns kode,nama); create it, or write it from the official list with 'pantau import-wilayah'")
        case .unreadable(let errno):
            return lang.pick("berkas tidak dapat dibaca (errno \(errno)); pastikan ini berkas biasa, bukan direktori, dan boleh dibaca (izin baca)",
                             "file cannot be read (errno \(errno)); make sure it is a regular file, not a directory, and that you may read it")
        case .dataDirectory(let errno):
            switch errno {
            case ENOENT:
                return lang.pick("direktori data tidak ada; periksa --data (atau 'data' di berkas konfigurasi) dan jalankan dari direktori yang benar",
                                 "the data directory does not exist; check --data (or 'data' in the configuration file) and the directory you run from")
            case ENOTDIR:
                return lang.pick("ini berkas, bukan direktori data; --data menunjuk direktori yang memuat wilayah.csv dan berkas lainnya",
                                 "this is a file, not a data directory; --data names the directory that holds wilayah.csv and the other files")
            default:
                return lang.pick("direktori data tidak dapat dibuka (errno \(errno)); pastikan Anda boleh membaca dan membuka direktori itu (izin r dan x)",
                                 "the data directory cannot be opened (errno \(errno)); make sure you may read and enter it (permissions r and x)")
            }
        case .fileTooLarge(let bytes, let limit):
            let size = Format.integer((bytes + (1 << 20) - 1) >> 20, lang), most = Format.integer(limit >> 20, lang)
            return lang.pick("berkas terlalu besar: \(size) MiB, paling besar \(most) MiB; tidak dibaca. Periksa bahwa ini berkas yang benar (bukan salinan yang rusak), atau bagi datanya",
                             "file too large: \(size) MiB, at most \(most) MiB; not read. Check that this is the right file (not a damaged copy), or split the data")
        case .brokenLink(let target, let errno):
            if errno == ELOOP {
                return lang.pick("tautan simbolik ini berputar (menunjuk dirinya sendiri lewat '\(q(target))'); arahkan ke berkas yang benar atau ganti dengan berkasnya",
                                 "this symbolic link loops (it leads back to itself through '\(q(target))'); point it at the right file or replace it with the file")
            }
            return lang.pick("tautan simbolik ini menunjuk '\(q(target))', yang tidak ada; arahkan ke berkas yang benar atau ganti dengan berkasnya",
                             "this symbolic link points to '\(q(target))', which does not exist; point it at the right file or replace it with the file")
        case .strayByteOrderMark:
            return lang.pick("tanda urutan bita (BOM, U+FEFF) di sini; berkas mungkin disimpan dua kali dengan BOM atau digabung dari dua berkas; hapus tanda itu (simpan ulang sebagai CSV UTF-8)",
                             "byte order mark (BOM, U+FEFF) here; the file was probably saved twice with a BOM or joined from two files; remove the mark (save again as CSV UTF-8)")
        case .utf16:
            return lang.pick("berkas ini teks UTF-16, bukan UTF-8; simpan ulang sebagai CSV UTF-8 (Excel: Simpan Sebagai, CSV UTF-8)",
                             "this file is UTF-16 text, not UTF-8; save it again as CSV UTF-8 (Excel: Save As, CSV UTF-8)")
        case .separatorHint(let line):
            return lang.pick("baris '\(q(line))' adalah petunjuk pemisah dari Excel, bukan baris judul; hapus baris itu dan pastikan isian dipisah koma",
                             "the line '\(q(line))' is Excel's separator hint, not a header; delete that line and make sure fields are separated by commas")
        case .tabSeparated:
            return lang.pick("berkas ini dipisah tab, bukan koma; simpan ulang sebagai CSV dengan pemisah koma",
                             "this file is separated by tabs, not commas; save it again as CSV with commas")
        case .emptyHeaderColumns(let count):
            let number = Format.integer(count, lang)
            return lang.pick("baris judul diakhiri \(number) kolom tanpa nama, mulai di sini; biasanya dari Excel: hapus kolom kosong di kanan tabel, lalu simpan ulang",
                             "the header ends in \(number) columns without a name, starting here; usually from Excel: delete the empty columns to the right of the table, then save again")
        case .badGzip(let reason):
            return lang.pick("berkas gzip rusak atau terpotong (\(q(reason))); unduh atau salin ulang berkasnya",
                             "damaged or truncated gzip file (\(q(reason))); download or copy the file again")
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
            if let columns {
                let header = columns.joined(separator: ",")
                return lang.pick("berkas kosong: baris judul kolom tidak ada; tulis baris judul di baris 1: \(header)",
                                 "empty file: the header row is missing; write the header on line 1: \(header)")
            }
            return lang.pick("berkas kosong: baris judul kolom tidak ada; tulis nama kolom di baris 1",
                             "empty file: the header row is missing; write the column names on line 1")
        case .semicolonSeparated:
            return lang.pick("berkas ini dipisah titik koma (;), bukan koma; mungkin disimpan Excel dengan pengaturan bahasa Indonesia. Simpan ulang dengan pemisah koma (LibreOffice: Simpan Sebagai, CSV, pemisah kolom ','; Excel: ubah Pemisah daftar di pengaturan Wilayah Windows menjadi ','). Desimal berkoma boleh tetap asal dalam kutip (\"7,05\")",
                             "this file is separated by semicolons (;), not commas; it was probably saved by Excel with Indonesian regional settings. Save it again with commas (LibreOffice: Save As, CSV, field delimiter ','; Excel: set the list separator to ',' in the Windows region settings). Comma decimals may stay if quoted (\"7,05\")")
        case .missingColumn(let name):
            if let columns {
                let list = columns.joined(separator: ",")
                return lang.pick("kolom '\(q(name))' tidak ada di baris judul; tambahkan kolom itu (baris judul \(file): \(list))",
                                 "column '\(q(name))' is missing from the header; add it (header of \(file): \(list))")
            }
            return lang.pick("kolom '\(q(name))' tidak ada di baris judul; tambahkan kolom itu",
                             "column '\(q(name))' is missing from the header; add it")
        case .unknownColumn(let name):
            if let columns {
                let list = columns.joined(separator: ",")
                return lang.pick("kolom '\(q(name))' tidak dikenal; hapus kolom itu atau perbaiki ejaannya (baris judul \(file): \(list))",
                                 "unknown column '\(q(name))'; remove it or correct its spelling (header of \(file): \(list))")
            }
            return lang.pick("kolom '\(q(name))' tidak dikenal; hapus kolom itu atau perbaiki ejaannya",
                             "unknown column '\(q(name))'; remove it or correct its spelling")
        case .duplicateColumn(let name):
            return lang.pick("kolom '\(q(name))' muncul dua kali; hapus salah satu", "column '\(q(name))' appears twice; remove one of them")
        case .fieldCount(let expected, let found):
            let base = lang.pick("baris ini punya \(found) isian, seharusnya \(expected) seperti baris judul",
                                 "this row has \(found) fields, expected \(expected) as in the header")
            if found > expected {
                return base + lang.pick("; isian yang berisi koma harus dikutip (\"Jombang, Jawa Timur\"), dan desimal ditulis dengan titik (7.05) atau dalam kutip (\"7,05\")",
                                        "; put a field that contains a comma in quotes (\"Jombang, Jawa Timur\"), and write decimals with a dot (7.05) or quoted (\"7,05\")")
            }
            return base + lang.pick("; tambahkan isian yang kurang (isian kosong tetap perlu komanya)",
                                    "; add the missing fields (an empty field still needs its comma)")
        case .fieldTooLong(let length, let limit):
            let count = Format.integer(length, lang), most = Format.integer(limit, lang)
            return lang.pick("isian ini panjangnya \(count) karakter, paling banyak \(most); mungkin tanda kutip di sini tidak ditutup sehingga baris-baris berikutnya ikut masuk; periksa tanda kutipnya atau persingkat teksnya",
                             "this field is \(count) characters long, at most \(most) are allowed; perhaps a quote here is not closed and the following lines went into it; check the quotes or shorten the text")
        case .emptyValue(let column):
            return lang.pick("kolom '\(q(column))' tidak boleh kosong; isi kolom ini", "column '\(q(column))' must not be empty; fill it in")
        case .invisibleCharacter(let column, let scalar):
            let what = TextRules.describe(scalar, lang)
            return lang.pick("kolom '\(q(column))' berisi \(what) yang membuat dua nilai yang tampak sama menjadi berbeda; hapus karakter itu (sering terbawa saat menyalin dari web atau Excel)",
                             "column '\(q(column))' holds \(what), which makes two values that look the same different; delete that character (it often comes along when copying from the web or Excel)")
        case .badRegionCode(let code):
            return lang.pick("kode wilayah '\(q(code))' tidak berbentuk kode Kemendagri (mis. 32, 32.01, 32.01.01, 32.01.01.2001); pisahkan bagian kode dengan titik, dan di Excel jadikan kolom kode Teks agar titik dan nol tidak hilang",
                             "region code '\(q(code))' is not a Kemendagri code (e.g. 32, 32.01, 32.01.01, 32.01.01.2001); separate the parts with dots, and in Excel format the kode column as Text so that dots and zeros are kept")
        case .indonesiaListed:
            return lang.pick("kode 0 (Indonesia) tidak ditulis di wilayah.csv; akar ini selalu ada; hapus baris ini",
                             "code 0 (Indonesia) is not listed in wilayah.csv; the root is always there; remove this row")
        case .unknownRegion(let code):
            return lang.pick("kode wilayah '\(q(code))' tidak ada di wilayah.csv; tambahkan ke wilayah.csv atau perbaiki kodenya",
                             "region code '\(q(code))' is not in wilayah.csv; add it to wilayah.csv or correct the code")
        case .missingParent(let code, let parent):
            let level = RegionCode(parent)?.level.title(lang) ?? lang.pick("wilayah", "region")
            return lang.pick("wilayah '\(q(code))' tidak punya induk: '\(q(parent))' tidak ada di wilayah.csv; tambahkan baris \(level) '\(q(parent))'",
                             "region '\(q(code))' has no parent: '\(q(parent))' is not in wilayah.csv; add a row for the \(level) '\(q(parent))'")
        case .duplicateKey(let key, let firstLine):
            let base = lang.pick("duplikat \(q(key)); sudah ada di baris \(firstLine)", "duplicate \(q(key)); already on line \(firstLine)")
            // In a dataset file the fix is to remove a row; `import-wilayah` (any other
            // file name) already keeps the first and drops the repeat.
            return columns == nil ? base : base + lang.pick("; hapus salah satu baris", "; remove one of the two rows")
        case .duplicateFigure(let key, let firstLine, let firstValue, let value):
            if NumberParser.parse(firstValue)?.value == NumberParser.parse(value)?.value {
                return lang.pick("duplikat \(q(key)) dengan nilai sama (\(q(value))); sudah ada di baris \(firstLine); hapus baris ini",
                                 "duplicate \(q(key)) with the same value (\(q(value))); already on line \(firstLine); remove this row")
            }
            return lang.pick("duplikat \(q(key)) dengan nilai berbeda: \(q(firstValue)) di baris \(firstLine), \(q(value)) di baris ini; simpan satu saja, yang sesuai dokumen sumbernya",
                             "duplicate \(q(key)) with different values: \(q(firstValue)) on line \(firstLine), \(q(value)) on this line; keep only one, the one its source document states")
        case .unknownIndicator(let id):
            let known = IndicatorID.allCases.map(\.rawValue).joined(separator: ", ")
            return lang.pick("indikator '\(q(id))' tidak dikenal; yang dikenal: \(known)",
                             "unknown indicator '\(q(id))'; known: \(known)")
        case .badYear(let text):
            let (first, last) = (FieldRules.years.lowerBound, FieldRules.years.upperBound)
            return lang.pick("tahun '\(q(text))' tidak sah; tulis 4 angka antara \(first) dan \(last)",
                             "year '\(q(text))' is not valid; write 4 digits between \(first) and \(last)")
        case .futureYear(let text, let currentYear):
            return lang.pick("tahun di masa depan: \(q(text)) belum tiba (tahun ini \(currentYear)); angka indikator hanya untuk tahun yang sudah berjalan; periksa tahunnya, dan tulis sasaran di target.csv",
                             "year in the future: \(q(text)) has not come yet (this year is \(currentYear)); indicator figures are only for years that have begun; check the year, and put targets in target.csv")
        case .badNumber(let text):
            return lang.pick("'\(q(text))' bukan angka; tulis desimal dengan titik (7.05) atau dalam kutip dengan koma (\"7,05\")",
                             "'\(q(text))' is not a number; write decimals with a dot (7.05) or quoted with a comma (\"7,05\")")
        case .percentOutOfRange(let text):
            return lang.pick("persentase \(q(text)) di luar 0–100; tulis persen sebagai angka 0 sampai 100 (7.05 berarti 7,05 %)",
                             "percentage \(q(text)) is outside 0–100; write a percentage as a number from 0 to 100 (7.05 means 7.05%)")
        case .notWholeCount(let text):
            return lang.pick("jumlah '\(q(text))' harus bilangan bulat tidak negatif; tulis angka bulat tanpa pemisah ribuan (mis. 7408)",
                             "count '\(q(text))' must be a non-negative whole number; write whole digits without thousands separators (e.g. 7408)")
        case .negativeValue(let text):
            return lang.pick("nilai '\(q(text))' tidak boleh negatif; indeks p1 dan p2 bernilai 0 atau lebih",
                             "value '\(q(text))' must not be negative; the p1 and p2 indices are 0 or more")
        case .badDate(let text):
            return lang.pick("tanggal '\(q(text))' tidak sah; tulis TTTT-BB-HH (mis. 2024-02-12)",
                             "date '\(q(text))' is not valid; write YYYY-MM-DD (e.g. 2024-02-12)")
        case .unknownSource(let id):
            return lang.pick("sumber '\(q(id))' tidak ada di sumber.csv; tambahkan baris dengan id itu ke sumber.csv atau perbaiki ejaannya",
                             "source '\(q(id))' is not in sumber.csv; add a row with that id to sumber.csv or correct the spelling")
        case .badChoice(let value, let allowed):
            let list = allowed.joined(separator: ", ")
            return lang.pick("'\(q(value))' tidak dikenal; pilih salah satu: \(list)", "'\(q(value))' is not allowed; choose one of: \(list)")
        case .actionOutOfRange(let text):
            return lang.pick("aksi '\(q(text))' harus 1–8; tulis nomor aksi konvergensi sebagai bilangan bulat 1 sampai 8",
                             "action '\(q(text))' must be 1–8; write the number of the convergence action as a whole number from 1 to 8")
        case .scoreOutOfRange(let text):
            return lang.pick("nilai \(q(text)) di luar 0–100; tulis skor antara 0 dan 100", "score \(q(text)) is outside 0–100; write a score from 0 to 100")
        case .unknownFile:
            let known = DatasetLoader.knownFiles.joined(separator: ", ")
            return lang.pick("berkas tidak dikenal, diabaikan; yang dimuat hanya \(known); ganti namanya bila berkas ini seharusnya dimuat",
                             "unknown file, ignored; only \(known) are loaded; rename it if it should be loaded")
        }
    }

    /// The longest value quoted in a message, in Unicode scalars; longer ones are cut with `…`.
    public static let quotedLimit = 60

    /// A value from the data as it appears in a message: control characters, escape
    /// sequences and bidi controls neutralised, and cut to `quotedLimit` scalars.
    static func quote(_ text: String) -> String {
        var clipped = text
        if text.utf8.count > quotedLimit, text.unicodeScalars.count > quotedLimit {
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars.prefix(quotedLimit - 1) { scalars.append(scalar) }
            clipped = String(scalars) + "…"
        }
        return DisplayText.sanitize(clipped)
    }
}

/// Thrown when a dataset has errors: it carries every one of them, and no dataset.
public struct DatasetLoadError: Error, Sendable {
    public let directory: String
    public let issues: [DataIssue]

    public var errors: [DataIssue] { issues.filter { $0.severity == .error } }
}
