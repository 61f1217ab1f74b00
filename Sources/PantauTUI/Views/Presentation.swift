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
    /// every cell repeated `scaleX` times across and `scaleY` times down. nil if a
    /// character has no glyph.
    static func render(_ text: String, scaleX: Int = 1, scaleY: Int = 1) -> [String]? {
        var rows = Array(repeating: "", count: height)
        for character in text {
            guard let glyph = glyphs[character] else { return nil }
            for row in 0..<height { rows[row] += glyph[row] + " " }
        }
        let widened = rows.map { row in String(row.flatMap { Array(repeating: $0, count: scaleX) }) }
        return widened.flatMap { Array(repeating: $0, count: scaleY) }
    }

    static func width(_ text: String, scaleX: Int = 1) -> Int {
        render(text, scaleX: scaleX)?.first.map { DisplayText.width($0) } ?? 0
    }
}

/// Where the parts of a slide go at a size. It depends on the size alone, never on the
/// data, so the reducer pages the recommendations with the same numbers the view draws
/// with, and every slide of a meeting has the same shape.
public struct SlideLayout: Equatable, Sendable {
    /// Below this even a slide cannot say anything useful.
    public static let minimum = Size(width: 40, height: 12)

    public enum Figures: Equatable, Sendable {
        /// Three cards side by side with block numerals `scaleY` cells per glyph row.
        case blockNumerals(scaleY: Int)
        /// Three cards side by side, the figure as a text line.
        case cards
        /// One indicator under the other: a figure line, then a line per target.
        case stacked
        /// One line per indicator, with the verdict of the nearest target.
        case compact
    }

    public let size: Size
    public let figures: Figures
    public let titleRow: Int
    public let figuresTop: Int
    public let cardWidth: Int
    /// Rows the figures take, whatever the data (empty rows where a region has less).
    public let figuresHeight: Int
    /// The summary line of the recommendations.
    public let summaryRow: Int
    /// The rows the recommendations may use (the last one is kept for "+N lagi ↓").
    public let listTop: Int, listBottom: Int
    /// Text lines under each recommendation's head line.
    public let textLines: Int
    /// A blank row after each recommendation.
    public let spacing: Int

    static let cardGap = 2
    /// Widest headline numeral at scale 1: "10,97%".
    static let widestNumeral = 23

    public init(_ size: Size) {
        self.size = size
        let cardWidth = (size.width - 2 - Self.cardGap * 2) / 3
        self.cardWidth = cardWidth
        let roomy = size.height >= 30
        titleRow = roomy ? 2 : 1
        figuresTop = titleRow + (roomy ? 2 : 1)
        if cardWidth >= Self.widestNumeral && size.height >= 22 {
            // Numerals about a third of the screen's height.
            let scaleY = max(1, size.height / 3 / BlockFont.height)
            figures = .blockNumerals(scaleY: scaleY)
            figuresHeight = 6 + BlockFont.height * scaleY
        } else if cardWidth >= Self.widestNumeral {
            figures = .cards
            figuresHeight = 6
        } else if size.height >= 28 {
            figures = .stacked
            figuresHeight = 3 * 3
        } else {
            figures = .compact
            figuresHeight = 3
        }
        summaryRow = figuresTop + figuresHeight + (roomy ? 1 : 0)
        listTop = summaryRow + (roomy ? 2 : 1)
        listBottom = size.height - 1 // the status line
        textLines = size.height >= 40 ? 2 : 1
        spacing = size.height >= 24 ? 1 : 0
    }

    public var rowsPerRecommendation: Int { 1 + textLines + spacing }

    /// How many recommendations fit at once, keeping the last row for the "more" marker.
    public var recommendationCapacity: Int {
        max(1, (listBottom - listTop - 1 + spacing) / rowsPerRecommendation)
    }
}

/// The pending recommendations a slide lists, most overdue first: the reducer pages
/// through exactly these.
func slideRecommendations(_ state: AppState, _ region: RegionIndex) -> [Recommendation] {
    state.dataset.recommendationIndices(inSubtreeOf: region).map { state.dataset.recommendations[$0] }
        .filter { $0.status.isPending }
        .sorted { a, b in
            switch (a.deadline, b.deadline) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.id < b.id
            }
        }
}

/// One region per screen for a projected meeting: the headline figures in block
/// numerals with year, source, trend and gap to target, then the pending
/// recommendations in large rows. Every figure is also written in plain text for
/// screen readers and for `pantau screen`.
func drawPresentation(_ screen: inout ScreenBuffer, _ state: AppState) {
    let lang = state.lang
    let dataset = state.dataset
    let size = screen.size
    let layout = SlideLayout(size)
    let status = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
    screen.fill(Rect(x: 0, y: 0, width: size.width, height: size.height), role: .normal)
    guard let presentation = state.presentation, let region = presentation.current else { return }
    let info = dataset.region(region)

    // Header: where we are, position in the agenda, the clock.
    screen.fill(Rect(x: 0, y: 0, width: size.width, height: 1), role: .header)
    var right = " \(presentation.position + 1)/\(presentation.agenda.count) "
    if !state.clock.isEmpty { right += "· " + state.clock + " " }
    let crumb = dataset.breadcrumb(region).dropLast().map { dataset.region($0).name }.joined(separator: " › ")
    // The open meeting's title names the slide show; otherwise it is just "rapat".
    let meetingTitle = state.openMeetingID.flatMap { state.context.followUp.meetings[$0]?.title } ?? lang.pick("rapat", "meeting")
    screen.put(DisplayText.truncate(" pantau · " + meetingTitle + "  " + crumb, to: size.width - DisplayText.width(right)),
               x: 0, y: 0, role: .header)
    screen.put(right, x: size.width - DisplayText.width(right), y: 0, role: .header)

    // The region's name and what the room is looking at.
    let nameShown = DisplayText.truncate(" " + info.name, to: size.width - 2)
    screen.put(nameShown, x: 1, y: layout.titleRow, role: .title)
    // The open meeting's topic for this agenda item, when it gave one.
    let topic = state.openMeetingID.flatMap { state.context.followUp.meetings[$0] }?.agenda
        .first { $0.region == info.code.text }?.topic
    let place = "  " + info.code.text + " · " + info.level.title(lang) + (topic.map { " · " + $0 } ?? "")
    let placeX = 1 + DisplayText.width(nameShown)
    if placeX + DisplayText.width(place) <= size.width { screen.put(place, x: placeX, y: layout.titleRow, role: .dim) }
    screen.cursor = Point(x: 2, y: layout.titleRow)

    drawSlideFigures(&screen, state, region, layout)

    // Pending recommendations, most overdue first, in large readable rows; the slide
    // scrolls and says how many are above and below, so nothing is silently left out.
    let today = state.context.today
    let pending = slideRecommendations(state, region)
    let overdue = pending.filter { $0.isOverdue(today: today) }.count
    let first = min(presentation.scroll, max(0, pending.count - 1))
    var summary = lang.pick("Rekomendasi tertunda: \(pending.count) · lewat tenggat: \(overdue)",
                            "Pending recommendations: \(pending.count) · overdue: \(overdue)")
    if DisplayText.width(summary) > size.width - 16 {
        summary = lang.pick("Tertunda: \(pending.count) · lewat: \(overdue)", "Pending: \(pending.count) · overdue: \(overdue)")
    }
    if first > 0 { summary += lang.pick("  ↑ \(first) di atas", "  ↑ \(first) above") }
    if layout.summaryRow < status.y {
        screen.put(DisplayText.truncate(" " + summary, to: size.width - 2), x: 1, y: layout.summaryRow, role: overdue > 0 ? .overdue : .title)
    }
    var y = layout.listTop
    var shown = 0
    for recommendation in pending.dropFirst(first) {
        // The capacity already keeps the last row for the "more" marker.
        guard shown < layout.recommendationCapacity, y < layout.listBottom else { break }
        let late = overdueText(recommendation, today: today, compact: size.width < 80, lang)
        let head = "● " + recommendation.id + " · " + recommendation.owner + " · "
            + (recommendation.deadline.map { Format.date($0, lang) } ?? "–") + " · " + recommendation.status.title(lang)
        // The overdue mark is kept whole; the head gives way, ending with "…".
        let lateWidth = late.map { DisplayText.width($0) + 2 } ?? 0
        let headShown = DisplayText.truncate(head, to: max(8, size.width - 3 - lateWidth))
        screen.put(headShown, x: 2, y: y, role: .title)
        if first + shown == presentation.selected {
            // The recommendation the slide's decisions (c, N, d, O, e) act on.
            screen.restyle(x: 1, y: y, width: size.width - 2, role: .selected)
            screen.cursor = Point(x: 2, y: y)
        }
        if let late, 2 + DisplayText.width(headShown) + 2 + DisplayText.width(late) <= size.width {
            screen.put(late, x: 2 + DisplayText.width(headShown) + 2, y: y, role: .overdue)
        }
        y += 1
        let lines = DisplayText.wrap(recommendation.text, columns: size.width - 6)
        for (index, text) in lines.prefix(layout.textLines).enumerated() {
            guard y < layout.listBottom else { break }
            let more = index == layout.textLines - 1 && lines.count > layout.textLines
            screen.put(more ? DisplayText.truncate(text + " …", to: size.width - 6) : text, x: 4, y: y, role: .normal)
            y += 1
        }
        y += layout.spacing
        shown += 1
    }
    let below = pending.count - first - shown
    if below > 0 {
        let marker = lang.pick("+\(below) lagi ↓", "+\(below) more ↓")
        screen.put(marker, x: max(0, size.width - DisplayText.width(marker) - 2), y: layout.listBottom - 1, role: .warning)
    }
    drawStatus(&screen, state, status)
}

/// The headline figures of the slide: poverty, extreme poverty and survey stunting, each
/// with year, publisher and trend, and every target that applies with its verdict.
private func drawSlideFigures(_ screen: inout ScreenBuffer, _ state: AppState, _ region: RegionIndex, _ layout: SlideLayout) {
    let lang = state.lang
    let dataset = state.dataset
    let size = screen.size
    let indicators: [IndicatorID] = [.kemiskinan, .kemiskinanEkstrem, .stunting]
    let tracks = dataset.targetTracks(of: region)

    /// "target 2029: 4,5 % · +2,55 · sesuai jalur", or the longest shorter form that fits
    /// `columns`: the verdict is what the room needs, so it is the last thing to go.
    func targetLine(_ track: TargetTrack, columns: Int) -> String {
        let unit = track.indicator.unit
        let decimals = max(track.target.decimals, track.latest.decimals)
        let value = Format.value(track.target.value, decimals: track.target.decimals, unit: unit, lang)
        let gap = Format.signed(track.latest.value - track.target.value, decimals: decimals, lang)
        let year = track.target.year
        let forms = [
            "target \(year): " + value + " · " + gap + " · " + track.verdict.title(lang),
            "target \(year): " + value + " · " + track.verdict.shortTitle(lang),
            "\(year) " + value + ": " + track.verdict.shortTitle(lang),
            "\(year): " + track.verdict.shortTitle(lang),
        ]
        return forms.first { DisplayText.width($0) <= columns } ?? forms.last!
    }
    func verdictRole(_ track: TargetTrack) -> StyleRole { track.verdict.isGood ? .good : track.verdict.isBad ? .warning : .normal }

    switch layout.figures {
    case .blockNumerals, .cards:
        for (column, indicator) in indicators.enumerated() {
            let x = 1 + column * (layout.cardWidth + SlideLayout.cardGap)
            var row = layout.figuresTop
            func line(_ text: String, _ role: StyleRole) {
                guard row < layout.figuresTop + layout.figuresHeight else { return }
                screen.put(DisplayText.truncate(text, to: layout.cardWidth), x: x, y: row, role: role)
                row += 1
            }
            guard let headline = dataset.headline(of: region, indicator) else {
                line(indicator.title(lang), .title)
                line(lang.pick("belum ada data", "no data yet"), .dim)
                continue
            }
            let latest = headline.latest
            let number = Format.number(latest.value, decimals: latest.decimals, lang)
            var trend = ""
            if let value = headline.trend { trend = " · " + value.symbol + " " + value.title(lang) }
            // The figure is also written as text (screen readers, `pantau screen`).
            let figure = Format.value(latest.value, decimals: latest.decimals, unit: indicator.unit, lang) + " · \(latest.year)" + trend
            line(indicator.title(lang), .title)
            if case .blockNumerals(let scaleY) = layout.figures {
                let widthAtOne = BlockFont.width(number + "%")
                // As wide as the card allows, up to twice the height's scale (cells are tall).
                let scaleX = min(2 * scaleY, widthAtOne > 0 ? layout.cardWidth / widthAtOne : 0)
                if scaleX >= 1, let rows = BlockFont.render(number + "%", scaleX: scaleX, scaleY: scaleY) {
                    for text in rows { line(text, trendRole(headline.trend) == .bad ? .bad : .normal) }
                } else {
                    row += BlockFont.height * scaleY
                }
            }
            line(figure, .title)
            line(dataset.sources[latest.sourceID].map(\.seriesFamily) ?? latest.sourceID, .normal)
            for track in tracks.filter({ $0.indicator == indicator }).prefix(2) {
                line(targetLine(track, columns: layout.cardWidth), verdictRole(track))
            }
            if indicator == .stunting { line("WHO: " + WHOBand(prevalence: latest.value).title(lang), .normal) }
        }
    case .stacked, .compact:
        var row = layout.figuresTop
        let width = size.width - 2
        for indicator in indicators {
            guard let headline = dataset.headline(of: region, indicator) else {
                screen.put(DisplayText.truncate(indicator.title(lang) + ": " + lang.pick("belum ada data", "no data yet"), to: width), x: 1, y: row, role: .dim)
                row += layout.figures == .stacked ? 3 : 1
                continue
            }
            let latest = headline.latest
            let value = Format.value(latest.value, decimals: latest.decimals, unit: indicator.unit, lang) + (headline.trend.map { " " + $0.symbol } ?? "")
            var figure = indicator.title(lang) + ": " + value + " \(latest.year)"
            let own = tracks.filter { $0.indicator == indicator }
            if layout.figures == .compact {
                // The longest form that fits: the value and the verdict are kept longest.
                let verdict = own.first.map { " · \($0.target.year): " + $0.verdict.shortTitle(lang) } ?? ""
                let shortVerdict = own.first.map { " · " + $0.verdict.shortTitle(lang) } ?? ""
                let forms = [
                    figure + verdict,
                    indicator.shortTitle(lang) + ": " + value + " \(latest.year)" + verdict,
                    indicator.shortTitle(lang) + ": " + value + " '\(latest.year % 100)" + shortVerdict,
                    indicator.shortTitle(lang) + ": " + value + shortVerdict,
                ]
                figure = forms.first { DisplayText.width($0) <= width } ?? forms.last!
                screen.put(DisplayText.truncate(figure, to: width), x: 1, y: row, role: trendRole(headline.trend) == .bad ? .bad : .title)
                row += 1
                continue
            }
            screen.put(DisplayText.truncate(figure, to: width), x: 1, y: row, role: trendRole(headline.trend) == .bad ? .bad : .title)
            for (offset, track) in own.prefix(2).enumerated() {
                screen.put(DisplayText.truncate("  " + targetLine(track, columns: width - 2), to: width),
                           x: 1, y: row + 1 + offset, role: verdictRole(track))
            }
            row += 3
        }
    }
}
