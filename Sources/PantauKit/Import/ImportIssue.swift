/// Where a problem of an imported file is: a line and column of a text file, or a cell of
/// a workbook sheet, or the whole file.
public enum ImportLocation: Sendable, Equatable, Hashable {
    case file
    /// 1-based line and column (Unicode scalars), as in `DataIssue`.
    case text(line: Int, column: Int)
    /// A workbook cell: 0-based column and 1-based row, shown as `Sheet!B3`.
    case cell(sheet: String, column: Int, row: Int)

    /// `:12:4`, `:Data!B3` or nothing.
    public var suffix: String {
        switch self {
        case .file: return ""
        case .text(let line, let column): return ":\(line):\(column)"
        case .cell(let sheet, let column, let row): return ":" + sheet + "!" + ImportLocation.columnName(column) + "\(row)"
        }
    }

    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
    public static func columnName(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let rest = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rest))) + name
            index = (index - 1) / 26
        }
        return name
    }
}

/// One finding of an import: an error (nothing is written), a warning or a note (what
/// was left out and why).
public struct ImportIssue: Error, Sendable, Equatable {
    public enum Severity: Sendable, Equatable { case error, warning, note }

    public let file: String
    public let location: ImportLocation
    public let severity: Severity
    public let problem: ImportProblem

    public init(file: String, location: ImportLocation, severity: Severity = .error, problem: ImportProblem) {
        self.file = file; self.location = location; self.severity = severity; self.problem = problem
    }

    /// `data.csv:12:4: galat: …` or `data.xlsx:Data!B3: error: …`; one sanitised line.
    public func formatted(_ lang: Language) -> String {
        let label: String
        switch severity {
        case .error: label = lang.pick("galat", "error")
        case .warning: label = lang.pick("peringatan", "warning")
        case .note: label = lang.pick("catatan", "note")
        }
        return DisplayText.sanitize(file + location.suffix) + ": \(label): " + problem.message(lang)
    }
}

public enum ImportProblem: Error, Sendable, Equatable {
    /// A message of the dataset rules (the same text `pantau check` gives).
    case data(DataProblem)
    case unsupportedFormat(String)
    case utf16OddLength
    case notUTF8
    case noHeader
    case noRegionColumn
    case noValueColumn
    case noIndicator(column: String)
    case ambiguousStunting(column: String)
    case noYear
    case noSource
    case sourceNeedsTitle(String)
    case sourceDiffers(id: String, field: String, existing: String, given: String)
    case personColumn(String)
    case unusedColumn(String)
    case otherIndicatorColumn(column: String, indicator: String)
    case badRegionCode(String)
    case regionNotInDataset(String)
    case unknownRegionName(name: String, scope: String)
    case ambiguousRegionName(name: String, candidates: [String])
    case regionNeedsName(code: String)
    case missingRegion
    case badNumber(String)
    case badUnit(String)
    case badStatus(String)
    case badDeadline(String)
    case badOrigin(String)
    case noRecommendationID
    case conflict(key: String, file: String, line: Int, existing: String, given: String)
    case repeatedInImport(key: String, first: String, firstValue: String, value: String)
    case formulaError(String)
    case notAZip
    case noSheet(String?)
    case missingPart(String)
    case badWorkbook(String)
    case skippedRow
    case cannotWrite(path: String, errno: Int32)

    func message(_ lang: Language) -> String {
        func q(_ text: String) -> String { DataProblem.quote(text) }
        switch self {
        case .data(let problem):
            return problem.message(lang)
        case .unsupportedFormat(let ext):
            return lang.pick("jenis berkas '\(q(ext))' tidak dikenal; yang dapat diimpor: .csv, .tsv, .txt, .xlsx",
                             "unknown file type '\(q(ext))'; pantau imports .csv, .tsv, .txt and .xlsx")
        case .utf16OddLength:
            return lang.pick("berkas UTF-16 ini terpotong (jumlah bajtnya ganjil); simpan ulang berkasnya",
                             "this UTF-16 file is truncated (odd number of bytes); save it again")
        case .notUTF8:
            return lang.pick("bukan teks UTF-8 yang sah; tulis --encoding windows-1252 bila berkas disimpan Excel lama, atau simpan sebagai CSV UTF-8",
                             "not valid UTF-8 text; give --encoding windows-1252 if an older Excel saved it, or save it as CSV UTF-8")
        case .noHeader:
            return lang.pick("berkas kosong: tidak ada baris judul kolom", "empty file: there is no header row")
        case .noRegionColumn:
            return lang.pick("tidak ada kolom wilayah (mis. kode, kode_kabupaten_kota, nama, kabupaten/kota, kecamatan, desa); tambahkan kolom itu, ganti judul kolomnya, atau sebutkan di berkas --map",
                             "no region column (e.g. kode, kode_kabupaten_kota, nama, kabupaten/kota, kecamatan, desa); add one, rename its header, or name it in a --map file")
        case .noValueColumn:
            return lang.pick("tidak ada kolom angka: beri judul nilai, nama indikator (mis. persentase_penduduk_miskin, tpt) atau tahun (2023, 2024), atau sebutkan di berkas --map",
                             "no value column: name it nilai/value, after an indicator (e.g. persentase_penduduk_miskin, tpt) or after a year (2023, 2024), or name it in a --map file")
        case .noIndicator(let column):
            return lang.pick("kolom '\(q(column))': indikatornya tidak dikenali; sebutkan dengan --indicator ID (mis. --indicator kemiskinan)",
                             "column '\(q(column))': its indicator is not recognised; name it with --indicator ID (e.g. --indicator kemiskinan)")
        case .ambiguousStunting(let column):
            return lang.pick("kolom '\(q(column))': stunting survei (SSGI, SKI) atau hasil pengukuran (e-PPGBM)? keduanya tidak boleh tercampur; sebutkan dengan --indicator stunting atau --indicator stunting_ukur",
                             "column '\(q(column))': survey stunting (SSGI, SKI) or measured (e-PPGBM)? the two must never be mixed; say --indicator stunting or --indicator stunting_ukur")
        case .noYear:
            return lang.pick("tahun tidak diketahui: tambahkan kolom tahun, atau tulis tahun di judul kolom angka (mis. 2024)",
                             "the year is unknown: add a tahun/year column, or put the year in the value column headers (e.g. 2024)")
        case .noSource:
            return lang.pick("setiap angka perlu sumber: beri --source ID (dan --source-title bila sumbernya baru) atau kolom sumber",
                             "every figure needs a source: give --source ID (and --source-title for a new source) or a sumber/source column")
        case .sourceNeedsTitle(let id):
            return lang.pick("sumber '\(q(id))' belum ada di sumber.csv; beri --source-title (dan --publisher, --year, --url) untuk membuatnya",
                             "source '\(q(id))' is not in sumber.csv yet; give --source-title (and --publisher, --year, --url) to create it")
        case .sourceDiffers(let id, let field, let existing, let given):
            return lang.pick("sumber '\(q(id))' sudah ada dengan \(field) '\(q(existing))', bukan '\(q(given))'; sumber yang ada tidak diubah; pakai id lain atau samakan isiannya",
                             "source '\(q(id))' already exists with \(field) '\(q(existing))', not '\(q(given))'; an existing source is never changed; use another id or give the same value")
        case .personColumn(let name):
            return lang.pick("kolom '\(q(name))' tidak diimpor: data pribadi (nama, NIK, KK, alamat, tanggal lahir, telepon) tidak disimpan; pantau bekerja sampai tingkat desa",
                             "column '\(q(name))' not imported: personal data (name, NIK, KK, address, date of birth, phone) is never stored; pantau works down to desa level")
        case .unusedColumn(let name):
            return lang.pick("kolom '\(q(name))' tidak dipakai", "column '\(q(name))' is not used")
        case .otherIndicatorColumn(let column, let indicator):
            return lang.pick("kolom '\(q(column))' (\(indicator)) dilewati karena --indicator memilih indikator lain",
                             "column '\(q(column))' (\(indicator)) skipped because --indicator chose another indicator")
        case .badRegionCode(let text):
            return lang.pick("'\(q(text))' bukan kode wilayah: tulis kode Kemendagri (32.01) atau kode BPS (3201, 3201010)",
                             "'\(q(text))' is not a region code: write a Kemendagri code (32.01) or a BPS code (3201, 3201010)")
        case .regionNotInDataset(let code):
            return lang.pick("wilayah '\(q(code))' tidak ada di wilayah.csv dataset; tambahkan dengan 'pantau import-wilayah' atau perbaiki kodenya",
                             "region '\(q(code))' is not in the dataset's wilayah.csv; add it with 'pantau import-wilayah' or correct the code")
        case .unknownRegionName(let name, let scope):
            return lang.pick("wilayah bernama '\(q(name))' tidak ada di \(q(scope)); periksa ejaannya, tulis kodenya, atau pilih induknya dengan --region",
                             "no region named '\(q(name))' in \(q(scope)); check the spelling, give its code, or choose its parent with --region")
        case .ambiguousRegionName(let name, let candidates):
            let list = candidates.prefix(5).map { q($0) }.joined(separator: ", ") + (candidates.count > 5 ? ", …" : "")
            return lang.pick("nama wilayah '\(q(name))' tidak jelas, cocok dengan: \(list); tulis kodenya, nama lengkapnya (Kabupaten …/Kota …), atau batasi dengan --region",
                             "region name '\(q(name))' is ambiguous, it matches: \(list); give its code, its full name (Kabupaten …/Kota …), or narrow it with --region")
        case .regionNeedsName(let code):
            return lang.pick("kode BPS '\(q(code))' di bawah tingkat kabupaten/kota tidak sama dengan kode Kemendagri; perlu kolom nama kecamatan/desa untuk mencocokkannya",
                             "BPS code '\(q(code))' below kab/kota level differs from the Kemendagri code; a kecamatan/desa name column is needed to match it")
        case .missingRegion:
            return lang.pick("wilayah kosong; isi kode atau nama wilayah, atau beri --region", "the region is empty; fill in a region code or name, or give --region")
        case .badNumber(let text):
            return lang.pick("'\(q(text))' bukan angka; tulis mis. 7,05 atau 7.05 (kosong, -, – atau N/A berarti tidak ada data)",
                             "'\(q(text))' is not a number; write e.g. 7.05 or 7,05 (empty, -, – or N/A mean no figure)")
        case .badUnit(let text):
            return lang.pick("satuan '\(q(text))' tidak dikenal; yang dikenal: persen, jiwa, orang, ribu, ribu jiwa, juta, KK",
                             "unit '\(q(text))' is not known; known: persen, jiwa, orang, ribu, ribu jiwa, juta, KK")
        case .badStatus(let text):
            return lang.pick("status '\(q(text))' tidak dikenal; tulis belum, proses, selesai atau tidak dapat ditindaklanjuti",
                             "status '\(q(text))' is not known; write belum (not started), proses (in progress), selesai (done) or tidak dapat ditindaklanjuti (cannot be followed up)")
        case .badDeadline(let text):
            return lang.pick("tenggat '\(q(text))' bukan tanggal; tulis mis. 2024-12-31, 31/12/2024, 31 Desember 2024 atau Desember 2024",
                             "deadline '\(q(text))' is not a date; write e.g. 2024-12-31, 31/12/2024, 31 December 2024 or December 2024")
        case .badOrigin(let text):
            return lang.pick("asal '\(q(text))' tidak dikenal; tulis aks, konvergensi, rakor atau lainnya",
                             "origin '\(q(text))' is not known; write aks, konvergensi, rakor or lainnya")
        case .noRecommendationID:
            return lang.pick("rekomendasi tanpa nomor: isi kolom No atau id", "recommendation without a number: fill in the No or id column")
        case .conflict(let key, let file, let line, let existing, let given):
            return lang.pick("bertentangan dengan dataset: \(q(key)) bernilai \(q(existing)) di \(file) baris \(line), berkas ini \(q(given)); baris yang ada tidak pernah diganti; periksa mana yang benar, atau beri sumber atau id lain",
                             "conflicts with the dataset: \(q(key)) is \(q(existing)) on \(file) line \(line), this file says \(q(given)); an existing row is never replaced; check which is right, or give another source or id")
        case .repeatedInImport(let key, let first, let firstValue, let value):
            return lang.pick("\(q(key)) muncul dua kali dengan nilai berbeda: \(q(firstValue)) di \(first), \(q(value)) di sini; simpan satu saja",
                             "\(q(key)) appears twice with different values: \(q(firstValue)) at \(first), \(q(value)) here; keep only one")
        case .formulaError(let code):
            return lang.pick("rumus di sel ini menghasilkan galat \(q(code)); perbaiki rumusnya di lembar kerja",
                             "the formula in this cell gives the error \(q(code)); fix the formula in the workbook")
        case .notAZip:
            return lang.pick("bukan buku kerja .xlsx (bukan berkas zip); simpan ulang sebagai Excel Workbook (.xlsx)",
                             "not an .xlsx workbook (not a zip file); save it again as Excel Workbook (.xlsx)")
        case .noSheet(let name):
            if let name {
                return lang.pick("lembar '\(q(name))' tidak ada di buku kerja ini", "there is no sheet '\(q(name))' in this workbook")
            }
            return lang.pick("buku kerja ini tidak punya lembar kerja", "this workbook has no worksheet")
        case .missingPart(let part):
            return lang.pick("bagian '\(q(part))' tidak ada di buku kerja; berkas rusak, simpan ulang dari Excel atau LibreOffice",
                             "part '\(q(part))' is missing from the workbook; the file is damaged, save it again from Excel or LibreOffice")
        case .badWorkbook(let detail):
            return lang.pick("buku kerja rusak: \(q(detail)); simpan ulang dari Excel atau LibreOffice",
                             "damaged workbook: \(q(detail)); save it again from Excel or LibreOffice")
        case .cannotWrite(let path, let errno):
            return lang.pick("tidak dapat menulis \(q(path)) (errno \(errno)); tidak ada berkas dataset yang rusak; periksa izin tulis dan ruang disk",
                             "cannot write \(q(path)) (errno \(errno)); no dataset file was damaged; check write permission and disk space")
        case .skippedRow:
            return lang.pick("baris ini dilewati (--skip-bad-rows)", "row skipped (--skip-bad-rows)")
        }
    }
}
