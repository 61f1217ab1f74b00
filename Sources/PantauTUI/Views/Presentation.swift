import PantauKit

/// Block numerals, 3 columns × 5 rows per glyph, for figures read from across a room.
enum BlockFont {
    static let height = 5
    static let glyphs: [Character: [String]] = [
        "0": ["███", "█ █", "█ █", "█ █", "███"],
        "1": [" █ ", "██ ", " █ ", " █ ", "███"],
        "2": ["███", "  █", "███", "█  ", "███"],
        "3": ["███", "  █", " ██", "  █", "███"],
        "4": ["█ █", "█ █", "███", "  █", "  █"],
        "5": ["███", "█  ", "███", "  █", "███"],
        "6": ["███", "█  ", "███", "█ █", "███"],
        "7": ["███", "  █", " █ ", " █ ", " █ "],
        "8": ["███", "█ █", "███", "█ █", "███"],
        "9": ["███", "█ █", "███", "  █", "███"],
        ",": ["  ", "  ", "  ", " █", "█ "],
        ".": [" ", " ", " ", " ", "█"],
        "-": ["   ", "   ", "███", "   ", "   "],
        "%": ["█ █", "  █", " █ ", "█  ", "█ █"],
        " ": [" ", " ", " ", " ", " "],
    ]

    /// The rows of `text` in block numerals, each glyph followed by one blank column and
    /// every cell repeated `scale` times across and down. nil if a character has no glyph.
    static func render(_ text: String, scale: Int = 1) -> [String]? {
        var rows = Array(repeating: "", count: height)
        for character in text {
            guard let glyph = glyphs[character] else { return nil }
            for row in 0..<height { rows[row] += glyph[row] + " " }
        }
        let widened = rows.map { row in String(row.flatMap { Array(repeating: $0, count: scale) }) }
        return widened.flatMap { Array(repeating: $0, count: scale) }
    }

    static func width(_ text: String, scale: Int = 1) -> Int {
        render(text, scale: scale)?.first.map { DisplayText.width($0) } ?? 0
    }
}

/// One region per screen for a projected meeting: the headline figures in block
/// numerals with year, source, trend and gap to target, then the pending
/// recommendations in large rows. Every figure is also written in plain text for
/// screen readers and for `pantau screen`.
func drawPresentation(_ screen: inout ScreenBuffer, _ state: AppState, status: Rect) {
    let lang = state.lang
    let dataset = state.dataset
    let size = screen.size
    screen.fill(Rect(x: 0, y: 0, width: size.width, height: size.height), role: .normal)
    guard let presentation = state.presentation, let region = presentation.current else { return }
    let info = dataset.region(region)

    // Header: where we are, position in the agenda, the clock.
    screen.fill(Rect(x: 0, y: 0, width: size.width, height: 1), role: .header)
    var right = " \(presentation.position + 1)/\(presentation.agenda.count) "
    if !state.clock.isEmpty { right += "· " + state.clock + " " }
    let crumb = dataset.breadcrumb(region).dropLast().map { dataset.region($0).name }.joined(separator: " › ")
    screen.put(" pantau · " + lang.pick("rapat", "meeting") + "  " + crumb, x: 0, y: 0, role: .header,
               maxWidth: size.width - DisplayText.width(right))
    screen.put(right, x: size.width - DisplayText.width(right), y: 0, role: .header)

    // The region's name and what the room is looking at.
    var y = 2
    screen.put(" " + info.name, x: 1, y: y, role: .title)
    screen.put("  " + info.code.text + " · " + info.level.title(lang), x: 2 + DisplayText.width(info.name), y: y, role: .dim)
    screen.cursor = Point(x: 2, y: y)
    y += 2

    // Three cards: poverty, extreme poverty, survey stunting.
    let indicators: [IndicatorID] = [.kemiskinan, .kemiskinanEkstrem, .stunting]
    let gap = 2
    let cardWidth = (size.width - 2 - gap * (indicators.count - 1)) / indicators.count
    let widest = indicators.compactMap { dataset.headline(of: region, $0) }
        .map { BlockFont.width(Format.number($0.latest.value, decimals: $0.latest.decimals, lang) + "%") }.max() ?? 0
    let roomForBig = size.height >= 40
    let scale = roomForBig && widest * 2 <= cardWidth ? 2 : 1
    let big = widest <= cardWidth && size.height >= 22
    let digitRows = big ? BlockFont.height * scale : 1
    var cardHeight = 0
    for (column, indicator) in indicators.enumerated() {
        let x = 1 + column * (cardWidth + gap)
        var row = y
        let headline = dataset.headline(of: region, indicator)
        func line(_ text: String, _ role: StyleRole) {
            screen.put(text, x: x, y: row, role: role, maxWidth: cardWidth)
            row += 1
        }
        guard let headline else {
            line(indicator.title(lang), .title)
            line(lang.pick("belum ada data", "no data yet"), .dim)
            cardHeight = max(cardHeight, row - y)
            continue
        }
        let latest = headline.latest
        let number = Format.number(latest.value, decimals: latest.decimals, lang)
        line(indicator.title(lang) + ": " + Format.value(latest.value, decimals: latest.decimals, unit: indicator.unit, lang), .title)
        if big, let rows = BlockFont.render(number + "%", scale: scale) {
            for text in rows { line(text, trendRole(headline.trend) == .bad ? .bad : .normal) }
        } else {
            line(number + " %", .title)
        }
        let publisher = dataset.sources[latest.sourceID].map(\.seriesFamily) ?? latest.sourceID
        var trend = ""
        if let value = headline.trend { trend = " · " + value.symbol + " " + value.title(lang) }
        line("\(latest.year) · " + publisher + trend, .normal)
        if let applicable = dataset.applicableTarget(for: region, indicator, year: latest.year) {
            let target = applicable.target
            let difference = latest.value - target.value
            let decimals = max(target.decimals, latest.decimals)
            let text = "target " + Format.value(target.value, decimals: target.decimals, unit: indicator.unit, lang) + " (\(target.year))"
                + lang.pick(" · selisih ", " · gap ") + Format.signed(difference, decimals: decimals, lang)
            for part in DisplayText.wrap(text, columns: cardWidth).prefix(2) { line(part, difference > 0 ? .warning : .good) }
        }
        if indicator == .stunting { line("WHO: " + WHOBand(prevalence: latest.value).title(lang), .normal) }
        cardHeight = max(cardHeight, row - y)
        _ = digitRows
    }
    y += cardHeight + 1

    // Pending recommendations, most overdue first, in large readable rows.
    let today = state.context.today
    let pending = dataset.recommendationIndices(inSubtreeOf: region).map { dataset.recommendations[$0] }
        .filter { $0.status.isPending }
        .sorted { a, b in
            switch (a.deadline, b.deadline) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.id < b.id
            }
        }
    let overdue = pending.filter { $0.isOverdue(today: today) }.count
    let summary = lang.pick("Rekomendasi tertunda: \(pending.count) · lewat tenggat: \(overdue)",
                            "Pending recommendations: \(pending.count) · overdue: \(overdue)")
    if y < status.y {
        screen.put(" " + summary, x: 1, y: y, role: overdue > 0 ? .overdue : .title)
        y += 2
    }
    for recommendation in pending {
        guard y + 1 < status.y else { break }
        let late = overdueText(recommendation, today: today, compact: false, lang)
        let head = "● " + recommendation.id + " · " + recommendation.owner + " · "
            + (recommendation.deadline.map { Format.date($0, lang) } ?? "–") + " · " + recommendation.status.title(lang)
        screen.put(head, x: 2, y: y, role: .title, maxWidth: size.width - 4)
        if let late {
            let x = 2 + DisplayText.width(head) + 2
            if x + DisplayText.width(late) < size.width { screen.put(late, x: x, y: y, role: .overdue) }
        }
        y += 1
        for text in DisplayText.wrap(recommendation.text, columns: size.width - 6).prefix(size.height >= 40 ? 2 : 1) {
            guard y < status.y else { break }
            screen.put(text, x: 4, y: y, role: .normal)
            y += 1
        }
        y += 1
    }
    drawStatus(&screen, state, status)
}
