import Foundation
import PantauKit

/// Writes a deterministic, national-scale, contract-v1 benchmark dataset from the official
/// region list (`../shared/data/wilayah/wilayah.csv`, 91,599 regions).
///
/// Every figure it writes is SYNTHETIC: drawn from a seeded pseudo-random generator
/// (SplitMix64, no Foundation randomness), so the same seed always gives the same bytes.
/// `sumber.csv` says so in every source's title and publisher. The files exist to measure
/// pantau at the size of the whole country; they are never committed.
///
/// What it writes (see docs/performance.md):
/// - `wilayah.csv`: the official list as given (kode,nama), re-written in contract form;
/// - `indikator.csv`: `kemiskinan`, `kemiskinan_ekstrem` and survey `stunting` 2019–2024 for
///   every province and kabupaten/kota; `stunting_ukur` 2023–2024 and
///   `keluarga_berisiko_stunting` 2022–2024 for every kecamatan and desa (about 465,000 rows);
/// - `rekomendasi.csv`: 50,000 recommendations on desa (85 %) and kecamatan with mixed
///   statuses, owners and deadlines (10 % without a deadline);
/// - `target.csv`: two national targets with their real legal basis;
/// - `sumber.csv`: four sources, all marked synthetic.
public enum NationalDataset {
    public struct Summary: Sendable, Equatable {
        public var regions = 0
        public var observations = 0
        public var recommendations = 0
        public var bytes = 0
    }

    public static let defaultSeed: UInt64 = 20_261_123
    public static let defaultRecommendations = 50_000

    /// The files of the dataset, by name. `wilayah` is the official list's bytes (`kode,nama`);
    /// `penduduk` (optional, `kode,nama,pria,wanita,total` per kabupaten/kota) scales the
    /// family counts to each kabupaten's population.
    public static func files(wilayah: [UInt8], penduduk: [UInt8]? = nil, seed: UInt64 = defaultSeed,
                             recommendations recommendationCount: Int = defaultRecommendations) throws -> [String: [UInt8]] {
        let document = try CSVReader.parse(wilayah)
        guard let header = document.header else { throw GeneratorError.emptyList }
        let names = header.fields.map { $0.lowercased() }
        guard let codeColumn = names.firstIndex(of: "kode"), let nameColumn = names.firstIndex(of: "nama") else {
            throw GeneratorError.missingColumns
        }
        var regions: [(code: String, name: String, depth: Int)] = []
        regions.reserveCapacity(document.records.count)
        for record in document.records where record.fields.count == header.fields.count {
            let code = record.fields[codeColumn]
            guard let parsed = RegionCode(code), parsed != .indonesia else { continue }
            regions.append((code, record.fields[nameColumn], parsed.level.rawValue))
        }
        regions.sort { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }

        // Population per kabupaten/kota (optional) and the number of desa in each.
        var population: [String: Double] = [:]
        if let penduduk, let table = try? CSVReader.parse(penduduk), let head = table.header {
            let columns = head.fields.map { $0.lowercased() }
            if let kode = columns.firstIndex(of: "kode"), let total = columns.firstIndex(of: "total") {
                for record in table.records where record.fields.count == head.fields.count {
                    if let value = Double(record.fields[total]) { population[record.fields[kode]] = value }
                }
            }
        }
        var desaPerKabupaten: [String: Int] = [:]
        for region in regions where region.depth == 4 { desaPerKabupaten[String(region.code.prefix(5)), default: 0] += 1 }

        var files: [String: [UInt8]] = [:]
        var wilayahOut = Output("kode,nama\n")
        for region in regions { wilayahOut.line(region.code, CSVWriter.escape(region.name)) }
        files["wilayah.csv"] = wilayahOut.bytes

        files["sumber.csv"] = Output("""
            id,judul,penerbit,tahun,tautan
            sintetis-miskin,"DATA SINTETIS untuk uji kinerja pantau (kemiskinan, kemiskinan ekstrem); bukan angka resmi",pantau (data sintetis; bukan angka resmi),,
            sintetis-survei,"DATA SINTETIS untuk uji kinerja pantau (stunting survei); bukan angka resmi",pantau (data sintetis; bukan angka resmi),,
            sintetis-ukur,"DATA SINTETIS untuk uji kinerja pantau (stunting pengukuran); bukan angka resmi",pantau (data sintetis; bukan angka resmi),,
            sintetis-krs,"DATA SINTETIS untuk uji kinerja pantau (keluarga berisiko stunting); bukan angka resmi",pantau (data sintetis; bukan angka resmi),,

            """).bytes
        // Real national targets with their legal basis (Perpres 72/2021: stunting 14 % in
        // 2024; Inpres 4/2022: extreme poverty 0 % in 2024). Only the targets are real.
        files["target.csv"] = Output("""
            kode,indikator,tahun,nilai,dasar
            0,stunting,2024,14,Perpres 72/2021
            0,kemiskinan_ekstrem,2024,0,Inpres 4/2022

            """).bytes

        var indicator = Output("kode,indikator,tahun,nilai,sumber\n")
        indicator.bytes.reserveCapacity(28 << 20)
        var lowLevel: [Int] = []  // indices of kecamatan and desa, for recommendations
        lowLevel.reserveCapacity(regions.count)
        for (index, region) in regions.enumerated() {
            var random = SplitMix64(seed: seed ^ hash(region.code))
            if region.depth <= 2 {
                // Indicator by indicator, year by year: the order the Dataset keeps.
                for (name, low, high, step, decimals, source) in [
                    ("kemiskinan", 3.0, 22.0, (-0.9, 0.4), 2, "sintetis-miskin"),
                    ("kemiskinan_ekstrem", 0.2, 5.0, (-0.8, 0.2), 2, "sintetis-miskin"),
                    ("stunting", 15.0, 40.0, (-2.5, 1.2), 1, "sintetis-survei"),
                ] {
                    var value = random.uniform(low, high)
                    for year in 2019...2024 {
                        indicator.figure(region.code, name, year, value, decimals: decimals, source: source)
                        value = max(0, value + random.uniform(step.0, step.1))
                    }
                }
            } else {
                lowLevel.append(index)
                var measured = random.uniform(2, 30)
                for year in 2023...2024 {
                    indicator.figure(region.code, "stunting_ukur", year, measured, decimals: 1, source: "sintetis-ukur")
                    measured = max(0.5, measured + random.uniform(-3, 1.5))
                }
                // Families per desa from the kabupaten's population when known (≈ 3.8 people
                // per family), about a fifth of them at risk; a kecamatan has ~12 desa.
                let kabupaten = String(region.code.prefix(5))
                let perDesa = population[kabupaten].map { $0 / Double(max(1, desaPerKabupaten[kabupaten] ?? 1)) / 3.8 } ?? 800
                var families = perDesa * random.uniform(0.1, 0.3) * (region.depth == 3 ? 12 : 1)
                for year in 2022...2024 {
                    indicator.figure(region.code, "keluarga_berisiko_stunting", year, families.rounded(), decimals: 0, source: "sintetis-krs")
                    families = max(0, families * random.uniform(0.85, 1.05))
                }
            }
        }
        files["indikator.csv"] = indicator.bytes

        var rekomendasi = Output("id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status\n")
        var random = SplitMix64(seed: seed &+ 0x5EED)
        let desa = lowLevel.filter { regions[$0].depth == 4 }, kecamatan = lowLevel.filter { regions[$0].depth == 3 }
        for number in 1...max(1, recommendationCount) where recommendationCount > 0 {
            let pool = random.next() % 100 < 85 || kecamatan.isEmpty ? desa : kecamatan
            guard !pool.isEmpty else { break }
            let region = regions[pool[Int(random.next() % UInt64(pool.count))]]
            let status = statuses[weighted: random.next() % 100]
            let deadline: String
            if random.next() % 10 == 0 {
                deadline = ""
            } else {
                let day = Int(random.next() % 1826)  // 2023-01-01 + up to five years
                deadline = dateText(daysAfter2023: day)
            }
            let pick = { (list: [String]) in list[Int(random.next() % UInt64(list.count))] }
            let id = "SIN-" + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number)
            rekomendasi.row([
                id, region.code, pick(["2023", "2024 S1", "2024 S2"]), pick(["aks", "konvergensi", "rakor", "lainnya"]),
                pick(categories), CSVWriter.escape(pick(findings)), CSVWriter.escape(pick(texts)), CSVWriter.escape(pick(owners)),
                deadline, status,
            ])
        }
        files["rekomendasi.csv"] = rekomendasi.bytes
        return files
    }

    /// Reads `wilayahPath` (and `pendudukPath` when given and present), writes the dataset
    /// into `outputDirectory` (created if needed) and returns what it wrote.
    @discardableResult
    public static func write(wilayahPath: String, pendudukPath: String?, outputDirectory: String,
                             seed: UInt64 = defaultSeed, recommendations: Int = defaultRecommendations) throws -> Summary {
        let wilayah = try readMaybeGzip(wilayahPath)
        let penduduk = pendudukPath.flatMap { try? readMaybeGzip($0) }
        let files = try self.files(wilayah: wilayah, penduduk: penduduk, seed: seed, recommendations: recommendations)
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        var summary = Summary()
        for (name, bytes) in files {
            try Data(bytes).write(to: URL(fileURLWithPath: outputDirectory).appendingPathComponent(name))
            summary.bytes += bytes.count
            let rows = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
            switch name {
            case "wilayah.csv": summary.regions = rows
            case "indikator.csv": summary.observations = rows
            case "rekomendasi.csv": summary.recommendations = rows
            default: break
            }
        }
        return summary
    }

    public enum GeneratorError: Error, CustomStringConvertible {
        case emptyList, missingColumns
        public var description: String {
            switch self {
            case .emptyList: "the region list is empty"
            case .missingColumns: "the region list needs the columns kode and nama"
            }
        }
    }

    // MARK: Pools (all illustrative wording, no figures)

    static let statuses = Weighted([("belum", 35), ("proses", 30), ("selesai", 30), ("tidak_dapat", 5)])
    static let categories = ["Intervensi spesifik", "Intervensi sensitif", "Data", "Kelembagaan", "Perlindungan sosial"]
    static let owners = ["Dinas Kesehatan", "Dinas Sosial", "Bappeda", "Dinas PMD", "Dinas PUPR", "DP3AP2KB",
                         "Dinas Pendidikan", "Dinas Ketahanan Pangan", "Dinas Dukcapil", "Pemerintah Desa",
                         "Puskesmas", "Kecamatan"]
    static let findings = ["Data sasaran belum mutakhir", "Ibu hamil KEK belum mendapat PMT", "Balita tidak rutin ditimbang",
                           "Sanitasi rumah tangga belum layak", "Rujukan kasus terlambat", "Anggaran desa belum menyasar stunting"]
    static let texts = ["Mutakhirkan data sasaran setiap bulan", "Salurkan PMT lokal selama 90 hari",
                        "Aktifkan kunjungan rumah oleh kader", "Bangun jamban sehat bagi keluarga sasaran",
                        "Percepat rujukan ke puskesmas", "Alokasikan dana desa untuk intervensi gizi"]

    static func hash(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return value
    }

    /// `YYYY-MM-DD` for 2023-01-01 plus `days`.
    static func dateText(daysAfter2023 days: Int) -> String {
        var year = 2023, remaining = days
        func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        while remaining >= (isLeap(year) ? 366 : 365) { remaining -= isLeap(year) ? 366 : 365; year += 1 }
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while remaining >= lengths[month] { remaining -= lengths[month]; month += 1 }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month + 1))-\(two(remaining + 1))"
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
/// Also the seeded generator of the tests (monkey test, CSV stress file).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * (Double(next() >> 11) / Double(1 << 53))
    }
}

struct Weighted {
    let items: [(String, UInt64)]
    init(_ items: [(String, UInt64)]) { self.items = items }
    subscript(weighted roll: UInt64) -> String {
        var remaining = roll
        for (item, weight) in items {
            if remaining < weight { return item }
            remaining -= weight
        }
        return items.last!.0
    }
}

/// An append-only byte buffer for CSV text.
struct Output {
    var bytes: [UInt8]
    init(_ header: String) { bytes = Array(header.utf8) }

    mutating func line(_ a: String, _ b: String) {
        bytes.append(contentsOf: a.utf8); bytes.append(0x2C); bytes.append(contentsOf: b.utf8); bytes.append(0x0A)
    }

    mutating func row(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            bytes.append(contentsOf: field.utf8)
        }
        bytes.append(0x0A)
    }

    /// `kode,indikator,tahun,nilai,sumber` with `nilai` written with exactly `decimals` decimals.
    mutating func figure(_ code: String, _ indicator: String, _ year: Int, _ value: Double, decimals: Int, source: String) {
        bytes.append(contentsOf: code.utf8); bytes.append(0x2C)
        bytes.append(contentsOf: indicator.utf8); bytes.append(0x2C)
        bytes.append(contentsOf: String(year).utf8); bytes.append(0x2C)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        bytes.append(contentsOf: String(whole).utf8)
        if decimals > 0 {
            bytes.append(0x2E)
            let digits = String(fraction)
            for _ in digits.count..<decimals { bytes.append(0x30) }
            bytes.append(contentsOf: digits.utf8)
        }
        bytes.append(0x2C)
        bytes.append(contentsOf: source.utf8); bytes.append(0x0A)
    }
}
