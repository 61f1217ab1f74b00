import PantauKit

/// The whole screen for a state. Pure: the same state always gives the same buffer.
public func render(_ state: AppState) -> ScreenBuffer {
    var screen = ScreenBuffer(size: state.size)
    screen.theme = state.theme
    // A slide draws at any size from SlideLayout.minimum: projectors with large fonts
    // give small grids.
    let small = state.size.width < SlideLayout.minimum.width || state.size.height < SlideLayout.minimum.height
    switch Layout.compute(state.size) {
    case _ where state.presentation != nil && small:
        drawTooSmall(&screen, need: SlideLayout.minimum, lang: state.lang)
    case _ where state.presentation != nil:
        drawPresentation(&screen, state)
        switch state.overlay {
        case .help(let scroll)?: drawHelp(&screen, state, scroll: scroll)
        case .palette(let query, let selected)?: drawPalette(&screen, state, query: query, selected: selected)
        default: break
        }
    case .tooSmall(let need):
        drawTooSmall(&screen, need: need, lang: state.lang)
    case .panes(let layout) where state.view != nil:
        drawHeader(&screen, state, layout.header)
        drawDecisionView(&screen, state)
        drawStatus(&screen, state, layout.status)
        switch state.overlay {
        case .help(let scroll)?: drawHelp(&screen, state, scroll: scroll)
        case .palette(let query, let selected)?: drawPalette(&screen, state, query: query, selected: selected)
        default: break
        }
    case .panes(let layout):
        drawHeader(&screen, state, layout.header)
        drawRegions(&screen, state, layout.regions)
        drawIndicators(&screen, state, layout.indicators)
        drawRecommendations(&screen, state, layout.recommendations)
        drawDetail(&screen, state, layout.detail)
        drawStatus(&screen, state, layout.status)
        switch state.overlay {
        case .help(let scroll)?: drawHelp(&screen, state, scroll: scroll)
        case .palette(let query, let selected)?: drawPalette(&screen, state, query: query, selected: selected)
        case .form(let form)?: drawForm(&screen, state, form)
        case nil: break
        }
    }
    if state.ascii { screen.transliterateToASCII() }
    return screen
}

func drawTooSmall(_ screen: inout ScreenBuffer, need: Size, lang: Language) {
    let size = screen.size
    let lines = [
        lang.pick("terminal terlalu kecil: perlu \(need.width)×\(need.height)", "terminal too small: need \(need.width)×\(need.height)"),
        lang.pick("sekarang \(size.width)×\(size.height)", "now \(size.width)×\(size.height)"),
    ]
    for (offset, line) in lines.enumerated() {
        let width = DisplayText.width(line)
        let x = max(0, (size.width - width) / 2)
        screen.put(line, x: x, y: max(0, size.height / 2 - 1 + offset), role: offset == 0 ? .warning : .dim)
    }
    screen.cursor = Point(x: 0, y: 0)
}

/// A box with a title; returns nothing, content goes in `rect.inner`.
func drawBox(_ screen: inout ScreenBuffer, _ rect: Rect, title: String, focused: Bool, number: Int? = nil) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let role: StyleRole = focused ? .borderFocused : .border
    let horizontal = String(repeating: focused ? "━" : "─", count: rect.width - 2)
    let (tl, tr, bl, br, vertical) = focused ? ("┏", "┓", "┗", "┛", "┃") : ("┌", "┐", "└", "┘", "│")
    screen.put(tl + horizontal + tr, x: rect.x, y: rect.y, role: role)
    screen.put(bl + horizontal + br, x: rect.x, y: rect.y + rect.height - 1, role: role)
    for row in (rect.y + 1)..<(rect.y + rect.height - 1) {
        screen.put(vertical, x: rect.x, y: row, role: role)
        screen.put(vertical, x: rect.x + rect.width - 1, y: row, role: role)
    }
    let label = number.map { " \($0) \(title) " } ?? " \(title) "
    screen.put(focused ? "▶" + label : label, x: rect.x + 2, y: rect.y, role: focused ? .titleFocused : .title, maxWidth: rect.width - 4)
}

func drawHeader(_ screen: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
    screen.fill(rect, role: .header)
    let lang = state.lang
    var right = " " + Format.date(state.context.today, lang) + " · " + (lang == .id ? "ID" : "EN") + " "
    switch state.storeStatus {
    case .readOnly: right = lang.pick(" HANYA BACA ·", " READ-ONLY ·") + right
    case .offline(let pending):
        right = lang.pick(" LURING", " OFFLINE") + (pending > 0 ? " (\(pending))" : "") + " ·" + right
    case .writable: break
    }
    let rightWidth = DisplayText.width(right)
    let names = state.path.map { state.dataset.region($0).name }
    var crumb = names.joined(separator: " › ")
    let available = rect.width - rightWidth - 9
    if DisplayText.width(crumb) > available {
        // Keep the deepest levels, which say where the user is.
        var kept: [String] = []
        for name in names.reversed() {
            let candidate = (["…"] + [name] + kept).joined(separator: " › ")
            if DisplayText.width(candidate) > available { break }
            kept.insert(name, at: 0)
        }
        crumb = (["…"] + kept).joined(separator: " › ")
    }
    screen.put(" pantau ", x: 0, y: rect.y, role: .header)
    screen.put(crumb, x: 8, y: rect.y, role: .header, maxWidth: available)
    screen.put(right, x: rect.width - rightWidth, y: rect.y, role: .header)
}

// MARK: Regions

func figureText(_ headline: Headline?, compact: Bool, lang: Language) -> String {
    guard let headline else { return "–" }
    let value = Format.number(headline.latest.value, decimals: headline.latest.decimals, lang)
    let trend = headline.trend?.symbol ?? " "
    if compact {
        let year = String(headline.latest.year % 100)
        return value + trend + "'" + (year.count < 2 ? "0" + year : year)
    }
    return value + (lang == .id ? " % " : "% ") + trend + " \(headline.latest.year)"
}

/// Trend roles: every indicator here is better when lower, so a fall is good news.
func trendRole(_ trend: Trend?) -> StyleRole {
    switch trend {
    case .down?: .good
    case .up?: .bad
    default: .normal
    }
}

func displayName(_ name: String, compact: Bool) -> String {
    guard compact else { return name }
    if name.hasPrefix("Kabupaten ") { return "Kab. " + name.dropFirst("Kabupaten ".count) }
    return name
}

func drawRegions(_ screen: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
    let lang = state.lang
    let dataset = state.dataset
    var title = Pane.regions.title(lang)
    title += " · " + lang.pick("urut ", "sort ") + state.sortKey.title(lang)
    if state.sortKey == .priority {
        let w = state.weights
        title += " (" + [w.poverty, w.stunting, w.extremePoverty, w.overdue].map { Format.number($0, decimals: 1, lang) }.joined(separator: "/") + ")"
    }
    if !state.filterText.isEmpty { title += " · /" + state.filterText }
    if !state.marks.isEmpty { title += " · ●\(state.marks.count)" }
    drawBox(&screen, rect, title: title, focused: state.focus == .regions, number: 1)
    let inner = rect.inner
    let compact = inner.width < 60
    let figureWidth = compact ? 9 : 14
    let countWidth = compact ? 3 : 6
    let codeWidth = inner.width >= 100 ? 13 : 0
    let nameWidth = inner.width - (codeWidth > 0 ? codeWidth + 1 : 0) - 2 * (figureWidth + 1) - 2 * (countWidth + 1)
    func columns(_ code: String, _ name: String, _ poverty: String, _ stunting: String, _ pending: String, _ overdue: String) -> [(String, Int, Bool)] {
        var parts: [(String, Int, Bool)] = []
        if codeWidth > 0 { parts.append((code, codeWidth, false)) }
        parts += [(name, nameWidth, false), (poverty, figureWidth, true), (stunting, figureWidth, true),
                  (pending, countWidth, true), (overdue, countWidth, true)]
        return parts
    }
    let header = columns(lang.pick("Kode", "Code"), Pane.regions.title(lang),
                         compact ? lang.pick("Miskin%", "Pov.%") : lang.pick("Miskin P0", "Poverty P0"),
                         compact ? lang.pick("Stunt.%", "Stunt.%") : lang.pick("Stunt. survei", "Stunt. survey"),
                         compact ? lang.pick("Tnd", "Pnd") : lang.pick("Tunda", "Pend."),
                         compact ? lang.pick("Lwt", "Ovd") : lang.pick("Lewat", "Late"))
    drawColumns(&screen, header, x: inner.x, y: inner.y, role: .columnHeader)
    let rows = state.regionRows
    let visible = max(1, inner.height - 1)
    let cursor = state.regionCursor
    if rows.isEmpty {
        screen.put(lang.pick("Tidak ada wilayah yang cocok", "No matching regions"), x: inner.x, y: inner.y + 1, role: .dim, maxWidth: inner.width)
    }
    for offset in 0..<visible {
        let rowIndex = cursor.top + offset
        guard rowIndex < rows.count else { break }
        let region = rows[rowIndex]
        let info = dataset.region(region)
        let y = inner.y + 1 + offset
        let isAggregate = rowIndex == 0 && state.regionRowsStartWithParent
        var name = displayName(info.name, compact: nameWidth < 30)
        if isAggregate { name = "∑ " + name + (compact ? "" : lang.pick(" (seluruh)", " (all)")) }
        else if !state.filterText.isEmpty && compact { name = info.code.text + " " + name }
        else if !info.children.isEmpty { name += " ›" }
        // Marked for compare mode: the mark's number, so the order of the columns is visible.
        if let mark = state.marks.firstIndex(of: region) { name = "●\(mark + 1) " + name }
        let poverty = dataset.headline(of: region, .kemiskinan)
        let stunting = dataset.headline(of: region, .stunting)
        let pending = state.context.rollUp.pending(region)
        let overdue = state.context.rollUp.overdue(region)
        let parts = columns(info.code.text, name, figureText(poverty, compact: compact, lang: lang),
                            figureText(stunting, compact: compact, lang: lang),
                            Format.integer(pending, lang), Format.integer(overdue, lang))
        drawColumns(&screen, parts, x: inner.x, y: y, role: isAggregate ? .aggregate : .normal)
        colourTrend(&screen, y: y, from: inner.x, width: inner.width, poverty, stunting)
        if overdue > 0 {
            let overdueX = inner.x + inner.width - countWidth
            screen.restyle(x: overdueX, y: y, width: countWidth, role: .overdue)
        }
        if rowIndex == cursor.selected {
            highlight(&screen, x: inner.x, y: y, width: inner.width, focused: state.focus == .regions)
            if state.focus == .regions { screen.cursor = Point(x: inner.x, y: y) }
        }
    }
}

/// Gives trend arrows their colour after the row is drawn (the arrow itself carries the meaning).
func colourTrend(_ screen: inout ScreenBuffer, y: Int, from x: Int, width: Int, _ headlines: Headline?...) {
    var remaining = headlines.compactMap { $0?.trend }
    for column in x..<(x + width) {
        guard let trend = remaining.first else { return }
        if screen[column, y].text == trend.symbol {
            screen.restyle(x: column, y: y, width: DisplayText.width(trend.symbol), role: trendRole(trend))
            remaining.removeFirst()
        }
    }
}

func drawColumns(_ screen: inout ScreenBuffer, _ parts: [(String, Int, Bool)], x: Int, y: Int, role: StyleRole) {
    var column = x
    for (text, width, alignRight) in parts where width > 0 {
        screen.put(DisplayText.pad(DisplayText.sanitize(text), to: width, alignRight: alignRight), x: column, y: y, role: role)
        column += width + 1
    }
}

func highlight(_ screen: inout ScreenBuffer, x: Int, y: Int, width: Int, focused: Bool) {
    screen.restyle(x: x, y: y, width: width, role: focused ? .selected : .selectedUnfocused)
}

// MARK: Indicators

func sparkline(_ values: [Double]) -> String {
    guard values.count >= 2, let low = values.min(), let high = values.max() else { return "" }
    let blocks = Array("▁▂▃▄▅▆▇█")
    return String(values.map { value in
        high == low ? blocks[3] : blocks[Int(((value - low) / (high - low) * 7).rounded())]
    })
}

func drawIndicators(_ screen: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
    let lang = state.lang
    let dataset = state.dataset
    let region = state.selectedRegion
    let regionName = displayName(dataset.region(region).name, compact: true)
    drawBox(&screen, rect, title: Pane.indicators.title(lang) + " · " + regionName, focused: state.focus == .indicators, number: 2)
    let inner = rect.inner
    let rows = state.indicatorRows
    if rows.isEmpty {
        let lines = DisplayText.wrap(lang.pick("Belum ada angka untuk \(dataset.region(region).name).",
                                               "No figures yet for \(dataset.region(region).name)."), columns: inner.width)
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            screen.put(line, x: inner.x, y: inner.y + offset, role: .dim)
        }
        return
    }
    let cursor = state.indicatorCursor
    let wide = inner.width >= 50
    for offset in 0..<inner.height {
        let rowIndex = cursor.top + offset
        guard rowIndex < rows.count else { break }
        let y = inner.y + offset
        switch rows[rowIndex] {
        case .indicator(let indicator):
            let headline = dataset.headline(of: region, indicator)
            let series = dataset.series(of: region, indicator).first
            var value = ""
            if let headline {
                value = Format.value(headline.latest.value, decimals: headline.latest.decimals, unit: indicator.unit, lang)
                    + " " + (headline.trend?.symbol ?? " ") + " \(headline.latest.year)"
            }
            let spark = sparkline(series?.points.map(\.value) ?? [])
            let title = wide ? indicator.title(lang) : indicator.shortTitle(lang)
            let used = screen.put(title, x: inner.x, y: y, role: .title, maxWidth: inner.width)
            let sparkWidth = wide ? DisplayText.width(spark) + 1 : 0
            let valueX = inner.x + inner.width - DisplayText.width(value) - sparkWidth
            if valueX > inner.x + used {
                screen.put(value, x: valueX, y: y, role: .normal)
                if let trend = headline?.trend { colourTrend(&screen, y: y, from: valueX, width: inner.width - (valueX - inner.x), headline) ; _ = trend }
                if wide { screen.put(spark, x: inner.x + inner.width - sparkWidth + 1, y: y, role: .dim) }
            }
        case .target(let indicator, let owner, let target):
            let headline = dataset.headline(of: region, indicator)
            let gap = headline.map { $0.latest.value - target.value } ?? 0
            let decimals = max(target.decimals, headline?.latest.decimals ?? 0)
            var text = "  target " + Format.value(target.value, decimals: target.decimals, unit: indicator.unit, lang) + " (\(target.year))"
            if owner != region && wide { text += " " + dataset.region(owner).name }
            // Narrow panes keep the number whole: the label and verdict give way, never digits.
            text += (wide ? lang.pick(" · selisih ", " · gap ") : " · ") + Format.signed(gap, decimals: decimals, lang)
            if wide, let headline, let first = dataset.series(of: region, indicator).first?.points.first {
                let track = TargetTrack.evaluate(latest: headline.latest, first: first.year < headline.latest.year ? first : nil,
                                                 target: target, owner: owner)
                text += " · " + track.verdict.title(lang)
            }
            screen.put(text, x: inner.x, y: y, role: gap > 0 ? .warning : .good, maxWidth: inner.width)
        case .band(let band):
            screen.put(lang.pick("  WHO: ", "  WHO: ") + band.title(lang), x: inner.x, y: y,
                       role: band == .high || band == .veryHigh ? .warning : .normal, maxWidth: inner.width)
        case .figure(let figure):
            let value = Format.value(figure.value, decimals: figure.decimals, unit: figure.indicator.unit, lang)
            let source = dataset.sources[figure.sourceID]
            let sourceText = wide ? (source?.publisher ?? figure.sourceID) : figure.sourceID
            let text = "  \(figure.year)  " + DisplayText.pad(value, to: 10, alignRight: true) + "  " + sourceText
            screen.put(DisplayText.truncate(text, to: inner.width), x: inner.x, y: y, role: .normal)
        }
        if rowIndex == cursor.selected {
            highlight(&screen, x: inner.x, y: y, width: inner.width, focused: state.focus == .indicators)
            if state.focus == .indicators { screen.cursor = Point(x: inner.x, y: y) }
        }
    }
}

// MARK: Recommendations

func statusText(_ status: RecommendationStatus, compact: Bool, _ lang: Language) -> String {
    if compact && status == .tidakDapat { return lang.pick("t.dapat", "cannot") }
    if compact && status == .proses && lang == .en { return "ongoing" }
    if compact && status == .belum && lang == .en { return "todo" }
    return status.title(lang)
}

func overdueText(_ recommendation: Recommendation, today: LocalDate, compact: Bool, _ lang: Language) -> String? {
    guard recommendation.isOverdue(today: today), let deadline = recommendation.deadline else { return nil }
    let days = deadline.days(until: today)
    return compact ? lang.pick("LEWAT \(days)hr", "\(days)d LATE") : lang.pick("LEWAT \(days) hari", "OVERDUE \(days) days")
}

func drawRecommendations(_ screen: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
    let lang = state.lang
    let dataset = state.dataset
    let today = state.context.today
    let rows = state.recommendationRows
    var title = Pane.recommendations.title(lang) + " (\(rows.count))"
    if state.statusFilter != .all { title += " · " + state.statusFilter.title(lang) }
    if let owner = state.ownerFilter { title += " · " + owner }
    if let origin = state.originFilter { title += " · " + origin.rawValue }
    drawBox(&screen, rect, title: title, focused: state.focus == .recommendations, number: 3)
    let inner = rect.inner
    // Below 90 columns the category and note columns give way; overdue then shows in
    // the deadline column, in words.
    let compact = inner.width < 90
    let idWidth = inner.width < 60 ? 13 : 15
    let dateWidth = 12
    let statusWidth = inner.width < 60 ? 7 : 11
    let noteWidth = compact ? 0 : 16
    let categoryWidth = compact ? 0 : min(24, (inner.width - idWidth - dateWidth - statusWidth - noteWidth - 5) / 2)
    let ownerWidth = inner.width - idWidth - dateWidth - statusWidth - (compact ? 3 : noteWidth + categoryWidth + 5)
    func columns(_ id: String, _ category: String, _ owner: String, _ date: String, _ status: String, _ note: String) -> [(String, Int, Bool)] {
        compact ? [(id, idWidth, false), (owner, ownerWidth, false), (date, dateWidth, false), (status, statusWidth, false)]
            : [(id, idWidth, false), (category, categoryWidth, false), (owner, ownerWidth, false), (date, dateWidth, false),
               (status, statusWidth, false), (note, noteWidth, false)]
    }
    drawColumns(&screen, columns("ID", lang.pick("Kategori", "Category"), "OPD", lang.pick("Tenggat", "Deadline"),
                                 "Status", lang.pick("Keterangan", "Note")), x: inner.x, y: inner.y, role: .columnHeader)
    if rows.isEmpty {
        let text = lang.pick("Tidak ada rekomendasi di sini", "No recommendations here")
        screen.put(text, x: inner.x, y: inner.y + 1, role: .dim, maxWidth: inner.width)
        return
    }
    let cursor = state.recommendationCursor
    for offset in 0..<max(1, inner.height - 1) {
        let rowIndex = cursor.top + offset
        guard rowIndex < rows.count else { break }
        let recommendation = dataset.recommendations[rows[rowIndex]]
        let y = inner.y + 1 + offset
        let overdue = overdueText(recommendation, today: today, compact: compact, lang)
        let date = recommendation.deadline.map { Format.date($0, lang) } ?? "–"
        let dateColumn = compact ? (overdue ?? date) : date
        let role: StyleRole = recommendation.status.isPending ? .normal : .dim
        drawColumns(&screen, columns(recommendation.id, recommendation.category, recommendation.owner, dateColumn,
                                     statusText(recommendation.status, compact: statusWidth < 11, lang), overdue ?? ""),
                    x: inner.x, y: y, role: role)
        if overdue != nil {
            let x = compact ? inner.x + idWidth + ownerWidth + 2 : inner.x + inner.width - noteWidth
            screen.restyle(x: x, y: y, width: compact ? dateWidth : noteWidth, role: .overdue)
        }
        if rowIndex == cursor.selected {
            highlight(&screen, x: inner.x, y: y, width: inner.width, focused: state.focus == .recommendations)
            if state.focus == .recommendations { screen.cursor = Point(x: inner.x, y: y) }
        }
    }
}

// MARK: Status bar

func drawStatus(_ screen: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
    let lang = state.lang
    screen.fill(rect, role: .hint)
    if state.filterEditing {
        let prompt = lang.pick(" Cari: ", " Filter: ") + state.filterText
        let used = screen.put(prompt, x: 0, y: rect.y, role: .hint)
        screen.put(lang.pick("   Enter simpan · Esc batal", "   Enter keep · Esc cancel"), x: used + 1, y: rect.y, role: .hint)
        screen.cursor = Point(x: min(rect.width - 1, used), y: rect.y)
        return
    }
    var x = 1
    if let flash = state.flash {
        // A long message (offline, read-only) may take all but the help and quit hints.
        x += screen.put(flash, x: x, y: rect.y, role: .flash, maxWidth: max(rect.width / 2, rect.width - 24))
        x += 2
    }
    // Help and quit always fit: other hints are dropped (from the end) when space runs out.
    var hints: [(key: String, text: String)] = CommandRegistry.commands(presenting: state.presentation != nil, viewing: state.view != nil).compactMap { command in
        guard var hint = command.hint(lang), let key = command.keys.first else { return nil }
        // Enter opens a row only in views whose rows stand for regions.
        if command.id == .viewOpenRow && selectedViewRegion(state) == nil { return nil }
        if command.id == .presentationToggle && state.presentation != nil { hint = lang.pick("dasbor", "dashboard") }
        return (key.label, hint)
    }
    func width(_ list: [(key: String, text: String)]) -> Int {
        list.reduce(0) { $0 + DisplayText.width($1.key) + 1 + DisplayText.width($1.text) + 2 }
    }
    let essential = hints.suffix(2)
    while hints.count > 2 && x + width(hints) > rect.width {
        hints.remove(at: hints.count - 3)
    }
    if x + width(hints) > rect.width { hints = Array(essential) }
    for hint in hints where x + DisplayText.width(hint.key) + 1 + DisplayText.width(hint.text) <= rect.width {
        x += screen.put(hint.key, x: x, y: rect.y, role: .hintKey)
        x += 1
        x += screen.put(hint.text, x: x, y: rect.y, role: .hint)
        x += 2
    }
}
