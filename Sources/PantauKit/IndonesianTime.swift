/// Indonesia's three time zones and which province keeps which: the one rule for the
/// local date and time a person reads (stored instants are UTC).
///
/// WIB (UTC+7): Sumatra (provinces 11–21), Java (31–36), West and Central Kalimantan
/// (61, 62). WITA (UTC+8): Bali and Nusa Tenggara (51–53), South, East and North
/// Kalimantan (63–65), Sulawesi (71–76). WIT (UTC+9): Maluku (81, 82) and Papua (91–96).
public enum IndonesianTimeZone: String, Sendable, CaseIterable {
    case wib = "WIB", wita = "WITA", wit = "WIT"

    public var hoursAheadOfUTC: Int {
        switch self {
        case .wib: 7
        case .wita: 8
        case .wit: 9
        }
    }

    /// The zone of the province a region lies in; WIB (the capital's) for Indonesia
    /// itself and for a code whose province is unknown.
    public static func of(_ region: RegionCode) -> IndonesianTimeZone {
        let digits = region.text.utf8.prefix(2)
        guard digits.count == 2, let province = Int(String(decoding: digits, as: UTF8.self)) else { return .wib }
        switch province {
        case 51...53, 63...65, 71...76: return .wita
        case 81...82, 91...96: return .wit
        default: return .wib
        }
    }

    /// The local date of a stored UTC instant (`2026-11-23T23:30:00Z`); nil when it is not
    /// one. 23:30 UTC is already the next day in every zone.
    public func localDate(ofUTC instant: String) -> LocalDate? {
        let bytes = Array(instant.utf8)
        guard bytes.count >= 13, bytes[10] == UInt8(ascii: "T"),
              let date = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)), (0...23).contains(hour) else { return nil }
        return hour + hoursAheadOfUTC >= 24 ? date.adding(days: 1) ?? date : date
    }

    /// The local date and `HH:MM` of a stored UTC instant, as a person in this zone reads
    /// it (`2026-11-23T23:30:00Z` in WIT is 24 November, 08:30); nil when it is not one.
    public func localTime(ofUTC instant: String) -> (date: LocalDate, time: String)? {
        let bytes = Array(instant.utf8)
        guard bytes.count >= 16, bytes[13] == UInt8(ascii: ":"), let day = localDate(ofUTC: instant),
              let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)),
              let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)), (0...59).contains(minute) else { return nil }
        let local = (hour + hoursAheadOfUTC) % 24
        return (day, (local < 10 ? "0" : "") + "\(local):" + (minute < 10 ? "0" : "") + "\(minute)")
    }
}

/// Which zone a person reads a time in: the province's (the default), or one zone for
/// every region when an office sets one (`time_zone` in the config, `--time-zone`), e.g. a
/// national secretariat in Jakarta that writes all its minutes in WIB.
public struct LocalTimeZones: Sendable, Equatable {
    /// nil: each region's own province.
    public let fixed: IndonesianTimeZone?

    public init(fixed: IndonesianTimeZone?) { self.fixed = fixed }

    public static let byProvince = LocalTimeZones(fixed: nil)

    public func zone(of region: RegionCode) -> IndonesianTimeZone { fixed ?? IndonesianTimeZone.of(region) }

    /// A region given as text (a meeting's); WIB when it is not a code and no zone is fixed.
    public func zone(ofCode code: String) -> IndonesianTimeZone { fixed ?? RegionCode(code).map(IndonesianTimeZone.of) ?? .wib }

    /// `auto` (by province), or WIB, WITA, WIT in any case; nil for anything else.
    public static func parse(_ text: String) -> LocalTimeZones? {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        if upper == "AUTO" { return .byProvince }
        return IndonesianTimeZone(rawValue: upper).map { LocalTimeZones(fixed: $0) }
    }

    /// The values `parse` takes, for messages and help.
    public static let choices = ["auto", "WIB", "WITA", "WIT"]
}

extension LocalDate {
    /// The date `days` later (earlier when negative); nil outside years 1–9999.
    public func adding(days: Int) -> LocalDate? {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// The inverse of `dayNumber` (days since 1970-01-01).
    init?(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}
