/// The indicators of data contract v1. Survey stunting and measured stunting are
/// separate ids on purpose: they are different series and are never mixed.
public enum IndicatorID: String, Sendable, CaseIterable, Comparable {
    case kemiskinan
    case kemiskinanEkstrem = "kemiskinan_ekstrem"
    case p1, p2
    case pendudukMiskin = "penduduk_miskin"
    case stunting
    case stuntingUkur = "stunting_ukur"
    case tpt
    case keluargaBerisikoStunting = "keluarga_berisiko_stunting"

    public var unit: IndicatorUnit {
        switch self {
        case .kemiskinan, .kemiskinanEkstrem, .stunting, .stuntingUkur, .tpt: .percent
        case .p1, .p2: .index
        case .pendudukMiskin: .people
        case .keluargaBerisikoStunting: .families
        }
    }

    /// Display order: the headline poverty and stunting figures first.
    public var order: Int { Self.displayOrder.firstIndex(of: self)! }
    /// `allCases` made once: the synthesised one builds a new array at every call, and
    /// `order` is asked for every figure loaded.
    private static let displayOrder = allCases

    public static func < (lhs: IndicatorID, rhs: IndicatorID) -> Bool { lhs.order < rhs.order }

    public func title(_ lang: Language) -> String {
        switch self {
        case .kemiskinan: lang.pick("Kemiskinan (P0)", "Poverty (P0)")
        case .kemiskinanEkstrem: lang.pick("Kemiskinan ekstrem", "Extreme poverty")
        case .p1: lang.pick("Kedalaman kemiskinan (P1)", "Poverty gap (P1)")
        case .p2: lang.pick("Keparahan kemiskinan (P2)", "Poverty severity (P2)")
        case .pendudukMiskin: lang.pick("Penduduk miskin", "Poor population")
        case .stunting: lang.pick("Stunting (survei)", "Stunting (survey)")
        case .stuntingUkur: lang.pick("Stunting (pengukuran)", "Stunting (measured)")
        case .tpt: lang.pick("Pengangguran terbuka (TPT)", "Open unemployment")
        case .keluargaBerisikoStunting: lang.pick("Keluarga berisiko stunting", "Families at risk of stunting")
        }
    }

    /// A short label for narrow columns.
    public func shortTitle(_ lang: Language) -> String {
        switch self {
        case .kemiskinan: lang.pick("Miskin P0", "Poverty P0")
        case .kemiskinanEkstrem: lang.pick("Miskin ekstrem", "Extreme pov.")
        case .p1: "P1"
        case .p2: "P2"
        case .pendudukMiskin: lang.pick("Pddk miskin", "Poor people")
        case .stunting: lang.pick("Stunting survei", "Stunting survey")
        case .stuntingUkur: lang.pick("Stunting ukur", "Stunting meas.")
        case .tpt: "TPT"
        case .keluargaBerisikoStunting: lang.pick("KRS", "Fam. at risk")
        }
    }
}

public enum IndicatorUnit: Sendable {
    case percent, people, families, index

    /// Whether values must be whole numbers (people and families are counted).
    public var isCount: Bool { self == .people || self == .families }
}

/// A citation from `sumber.csv`.
public struct Source: Sendable, Equatable {
    public let id: String
    public let title: String
    public let publisher: String
    public let year: Int?
    public let link: String
}

/// One figure from `indikator.csv`.
///
/// Stored compactly (40 bytes instead of 56): a national dataset holds ~465,000 of them.
public struct Observation: Sendable, Equatable {
    /// Set only by the loader.
    public internal(set) var region: RegionIndex
    private let storedLine: Int32
    public let value: Double
    public let sourceID: String
    private let storedYear: Int16
    public let indicator: IndicatorID
    private let storedDecimals: UInt8

    public var year: Int { Int(storedYear) }
    /// Decimals as written in the data, so `24.4` is shown as `24,4` and `7.05` as `7,05`.
    public var decimals: Int { Int(storedDecimals) }
    public var line: Int { Int(storedLine) }

    /// `year` is 1900–2100 and `decimals` at most 15 (the loader checks both); `line`
    /// fits 32 bits (files are smaller than 1 GiB).
    public init(region: RegionIndex, indicator: IndicatorID, year: Int, value: Double, decimals: Int, sourceID: String, line: Int) {
        self.region = region
        self.indicator = indicator
        storedYear = Int16(clamping: year)
        self.value = value
        storedDecimals = UInt8(clamping: decimals)
        self.sourceID = sourceID
        storedLine = Int32(clamping: line)
    }
}

/// One row of `target.csv`.
public struct Target: Sendable, Equatable {
    public let region: RegionIndex
    public let indicator: IndicatorID
    public let year: Int
    public let value: Double
    public let decimals: Int
    public let basis: String
}

public enum RecommendationStatus: String, Sendable, CaseIterable {
    case belum, proses, selesai
    case tidakDapat = "tidak_dapat"

    public var isPending: Bool { self == .belum || self == .proses }

    public func title(_ lang: Language) -> String {
        switch self {
        // Short enough for the narrowest status column, so one word shows at every width.
        case .belum: lang.pick("belum", "to do")
        case .proses: lang.pick("proses", "ongoing")
        case .selesai: lang.pick("selesai", "done")
        case .tidakDapat: lang.pick("tidak dapat", "cannot follow up")
        }
    }
}

/// The outcome of a recommendation's follow-up, as evaluated at a Diseminasi II.
public enum FollowUpOutcome: String, Sendable, CaseIterable {
    case tercapai, sebagian
    case tidakTercapai = "tidak_tercapai"

    public func title(_ lang: Language) -> String {
        switch self {
        case .tercapai: lang.pick("tercapai", "achieved")
        case .sebagian: lang.pick("sebagian", "partly")
        case .tidakTercapai: lang.pick("tidak tercapai", "not achieved")
        }
    }
}

/// Whether the audited case's risk improved after the follow-up (Diseminasi II).
public enum RiskChange: String, Sendable, CaseIterable {
    case ya, tidak
    case belumDiketahui = "belum_diketahui"

    public func title(_ lang: Language) -> String {
        switch self {
        case .ya: lang.pick("ya", "yes")
        case .tidak: lang.pick("tidak", "no")
        case .belumDiketahui: lang.pick("belum diketahui", "not known yet")
        }
    }
}

public enum RecommendationOrigin: String, Sendable, CaseIterable {
    case aks, konvergensi, rakor, lainnya

    public func title(_ lang: Language) -> String {
        switch self {
        case .aks: lang.pick("Audit Kasus Stunting", "Stunting case audit")
        case .konvergensi: lang.pick("Penilaian 8 aksi konvergensi", "8-action convergence assessment")
        case .rakor: lang.pick("Rapat koordinasi", "Coordination meeting")
        case .lainnya: lang.pick("Lainnya", "Other")
        }
    }
}

/// One row of `rekomendasi.csv`.
public struct Recommendation: Sendable, Equatable {
    public let id: String
    public let region: RegionIndex
    public let cycle: String
    public let origin: RecommendationOrigin
    public let category: String
    public let finding: String
    public let text: String
    public let owner: String
    public let deadline: LocalDate?
    public let status: RecommendationStatus
    public let line: Int
    /// The evaluation recorded at a Diseminasi II (follow-up events `hasil`, `risiko`);
    /// nil until one is recorded. Not a column of `rekomendasi.csv`.
    public internal(set) var outcome: FollowUpOutcome? = nil
    public internal(set) var riskImproved: RiskChange? = nil

    /// Pending (belum/proses) with a deadline before `today`.
    public func isOverdue(today: LocalDate) -> Bool {
        guard status.isPending, let deadline else { return false }
        return deadline < today
    }
}

/// The eight convergence actions assessed yearly for each kabupaten/kota.
public enum ConvergenceAction: Int, Sendable, CaseIterable {
    case analisisSituasi = 1, rencanaKegiatan, rembukStunting, perbupPerwali
    case pembinaanPelaku, sistemManajemenData, pengukuranPublikasi, reviuKinerja

    public func title(_ lang: Language) -> String {
        switch self {
        case .analisisSituasi: lang.pick("Analisis Situasi", "Situation analysis")
        case .rencanaKegiatan: lang.pick("Rencana Kegiatan", "Activity plan")
        case .rembukStunting: lang.pick("Rembuk Stunting", "Stunting consultation")
        case .perbupPerwali: lang.pick("Perbup/Perwali", "Regent/mayor regulation")
        case .pembinaanPelaku: lang.pick("Pembinaan Pelaku & Pemerintahan Desa", "Guidance for village actors")
        case .sistemManajemenData: lang.pick("Sistem Manajemen Data", "Data management system")
        case .pengukuranPublikasi: lang.pick("Pengukuran & Publikasi", "Measurement & publication")
        case .reviuKinerja: lang.pick("Reviu Kinerja Tahunan", "Annual performance review")
        }
    }
}

/// One row of `konvergensi.csv`.
public struct ConvergenceScore: Sendable, Equatable {
    public let region: RegionIndex
    public let year: Int
    public let action: ConvergenceAction
    public let value: Double
    public let decimals: Int
    public let note: String
}

/// One row of `program.csv`.
public struct Programme: Sendable, Equatable {
    public let region: RegionIndex
    public let name: String
    public let partner: String
    public let components: [String]
    public let start: LocalDate?
    public let end: LocalDate?
    public let target: Int?
    public let reach: Int?
}

/// Position of a region in `Dataset.regions`; cheaper to store and compare than codes.
public typealias RegionIndex = Int32

public struct Region: Sendable, Equatable {
    public let code: RegionCode
    public let name: String
    public let level: RegionLevel
    /// nil only for Indonesia.
    public let parent: RegionIndex?
    public internal(set) var children: [RegionIndex]
}
