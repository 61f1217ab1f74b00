/// Number and date formatting per language: `7,05` and `1.234.567` in Indonesian,
/// `7.05` and `1,234,567` in English. Written by hand because Foundation's formatters
/// on Linux depend on ICU data that differs between machines.
public enum Format {
    /// A number with a fixed count of decimals, grouped by thousands.
    public static func number(_ value: Double, decimals: Int, _ lang: Language) -> String {
        let decimals = max(0, min(decimals, 6))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let negative = value < 0
        let scaled = (abs(value) * scale).rounded()
        // Beyond 2^53 the digits are not exact anyway; fall back to plain description.
        guard scaled < 9.0e15 else { return String(value) }
        let total = UInt64(scaled)
        let unit = UInt64(scale)
        let whole = total / unit
        let fraction = total % unit
        let groupSeparator: Character = lang == .id ? "." : ","
        let decimalSeparator = lang == .id ? "," : "."
        var digits = String(whole)
        var grouped = ""
        var count = 0
        while let last = digits.popLast() {
            if count > 0 && count % 3 == 0 { grouped.append(groupSeparator) }
            grouped.append(last)
            count += 1
        }
        var text = String(grouped.reversed())
        if decimals > 0 {
            let fractionDigits = String(fraction)
            text += decimalSeparator + String(repeating: "0", count: decimals - fractionDigits.count) + fractionDigits
        }
        return negative && total != 0 ? "-" + text : text
    }

    /// A whole number, grouped: `1.234.567`.
    public static func integer(_ value: Int, _ lang: Language) -> String {
        number(Double(value), decimals: 0, lang)
    }

    /// A signed difference such as `+2,55` or `-0,3`.
    public static func signed(_ value: Double, decimals: Int, _ lang: Language) -> String {
        let text = number(abs(value), decimals: decimals, lang)
        guard text.contains(where: { $0.isNumber && $0 != "0" }) else { return text }
        return (value > 0 ? "+" : "−") + text
    }

    /// A value of an indicator in its unit: `7,05 %`, `1.234 jiwa`.
    public static func value(_ value: Double, decimals: Int, unit: IndicatorUnit, _ lang: Language) -> String {
        let text = number(value, decimals: decimals, lang)
        switch unit {
        case .percent: return lang == .id ? text + " %" : text + "%"
        case .people: return text + lang.pick(" jiwa", " people")
        case .families: return text + lang.pick(" KK", " families")
        case .index: return text
        }
    }

    static let monthsID = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    static let monthsEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `12 Feb 2024` (Indonesian month abbreviations: Mei, Agu, Okt, Des).
    public static func date(_ date: LocalDate, _ lang: Language) -> String {
        let months = lang == .id ? monthsID : monthsEN
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }
}
