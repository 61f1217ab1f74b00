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
        case .form(let form)?: drawForm(&screen, state, form)
        case nil: break
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
        if !layout.single || state.focus == .regions { drawRegions(&screen, state, layout.regions) }
        if !layout.single || state.focus == .indicators { drawIndicators(&screen, state, layout.indicators) }
        if !layout.single || state.focus == .recommendations { drawRecommendations(&screen, state, layout.recommendations) }
        if !layout.single || state.focus == .detail { drawDetail(&screen, state, layout.detail) }
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
    // Wrapped, so the size needed shows on any grid.
    let wrapped = lines.enumerated().flatMap { offset, line in
        DisplayText.wrap(line, columns: max(1, size.width)).map { ($0, offset == 0 ? StyleRole.warning : .dim) }
    }
    for (offset, (line, role)) in wrapped.enumerated() {
        let x = max(0, (size.width - DisplayText.width(line)) / 2)
        screen.put(line, x: x, y: max(0, size.height / 2 - 1 + offset), role: role)
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
    let day = (state.viewingPast ? lang.pick("per ", "as of ") : "") + Format.date(state.context.today, lang)
    var right = " " + day + " · " + (lang == .id ? "ID" : "EN") + " "
    switch state.storeStatus {
    case .readOnly where state.following != nil:
        // A follower is read-only by nature: the header says whom it follows instead.
        let name: String = if case .following(let name) = state.following { name } else { "…" }
        right = lang.pick(" IKUT \(name) ·", " FOLLOWING \(name) ·") + right
    case .readOnly: right = lang.pick(" HANYA BACA ·", " READ-ONLY ·") + right
    case .offline(let pending):
        right = lang.pick(" LURING", " OFFLINE") + (pending > 0 ? " (\(pending))" : "") + " ·" + right
    case .waiting(let pending, _):
        right = lang.pick(" MENUNGGU (\(pending)) ·", " WAITING (\(pending)) ·") + right
    case .writable: break
    }
    if state.openMeetingID != nil { right = lang.pick(" RAPAT ·", " MEETING ·") + right }
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
    let filtering = !state.filterText.isEmpty
    // Search results must tell the desa Lais from the kecamatan Lais: while a filter is
    // on, every match shows its level and its code; in a narrow pane the figures give way.
    // Below 100 columns the pending and overdue counts give way first; in a pane under 40
    // columns (one pane at a time on a small grid) they give way to the names (Detail
    // still has them).
    let figuresShown = !(filtering && compact)
    let countsShown = figuresShown && !(filtering && inner.width < 100) && inner.width >= 40
    let figureWidth = figuresShown ? (compact ? 9 : 14) : 0
    let countWidth = countsShown ? (compact ? 3 : 6) : 0
    let codeWidth = inner.width >= 100 || filtering ? 13 : 0
    let figureColumns = (figuresShown ? 2 * (figureWidth + 1) : 0) + (countsShown ? 2 * (countWidth + 1) : 0)
    let nameWidth = inner.width - (codeWidth > 0 ? codeWidth + 1 : 0) - figureColumns
    func columns(_ code: String, _ name: String, _ poverty: String, _ stunting: String, _ pending: String, _ overdue: String) -> [(String, Int, Bool)] {
        var parts: [(String, Int, Bool)] = []
        // Names before codes when the code is there to tell matches apart.
        if codeWidth > 0 && !filtering { parts.append((code, codeWidth, false)) }
        parts.append((name, nameWidth, false))
        if codeWidth > 0 && filtering { parts.append((code, codeWidth, false)) }
        if figuresShown { parts += [(poverty, figureWidth, true), (stunting, figureWidth, true)] }
        if countsShown { parts += [(pending, countWidth, true), (overdue, countWidth, true)] }
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
        else if filtering { name = displayName(info.name, compact: true) + " · " + levelShort(info.level, lang) }
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
        if figuresShown {
            // Only inside the figure columns: an arrow in a region's name is not a trend.
            let povertyX = inner.x + (codeWidth > 0 ? codeWidth + 1 : 0) + nameWidth + 1
            colourTrend(&screen, y: y, from: povertyX, width: figureWidth, poverty)
            colourTrend(&screen, y: y, from: povertyX + figureWidth + 1, width: figureWidth, stunting)
        }
        if overdue > 0 && countsShown {
            let overdueX = inner.x + inner.width - countWidth
            screen.restyle(x: overdueX, y: y, width: countWidth, role: .overdue)
        }
        if rowIndex == cursor.selected {
            highlight(&screen, x: inner.x, y: y, width: inner.width, focused: state.focus == .regions)
            if state.focus == .regions { screen.cursor = Point(x: inner.x, y: y) }
        }
    }
}

/// A region's level in a few letters, for search results.
func levelShort(_ level: RegionLevel, _ lang: Language) -> String {
    switch level {
    case .nasional: lang.pick("nasional", "national")
    case .provinsi: lang.pick("prov.", "province")
    case .kabupatenKota: lang.pick("kab/kota", "regency")
    case .kecamatan: lang.pick("kec.", "district")
    case .desa: lang.pick("desa/kel.", "village")
    }
}

/// Gives trend arrows their colour after the row is drawn (the arrow itself carries the
/// meaning). Callers pass the figure's own column, so nothing else on the row is searched.
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
            var verdict: TargetTrack.Verdict?
            if let headline, let first = dataset.series(of: region, indicator).first?.points.first {
                verdict = TargetTrack.evaluate(latest: headline.latest, first: first.year < headline.latest.year ? first : nil,
                                               target: target, owner: owner).verdict
            }
            let text = targetRowText(value: Format.value(target.value, decimals: target.decimals, unit: indicator.unit, lang),
                                     year: target.year, owner: owner != region ? dataset.region(owner).name : nil,
                                     gap: Format.signed(gap, decimals: decimals, lang), verdict: verdict, width: inner.width, lang)
            screen.put(text, x: inner.x, y: y, role: gap > 0 ? .warning : .good, maxWidth: inner.width)
        case .band(let band):
            screen.put(lang.pick("  WHO: ", "  WHO: ") + band.title(lang), x: inner.x, y: y,
                       role: band == .high || band == .veryHigh ? .warning : .normal, maxWidth: inner.width)
        case .figure(let figure):
            let value = Format.value(figure.value, decimals: figure.decimals, unit: figure.indicator.unit, lang)
            let source = dataset.sources[figure.sourceID]
            let lead = "  \(figure.year)  " + DisplayText.pad(value, to: 10, alignRight: true) + "  "
            let room = inner.width - DisplayText.width(lead)
            // A source id is cut in the middle: its tail (the year, the series) tells the rows apart.
            let sourceText = wide ? DisplayText.truncate(source?.publisher ?? figure.sourceID, to: room)
                : DisplayText.truncateMiddle(figure.sourceID, to: room)
            screen.put(DisplayText.truncate(lead + sourceText, to: inner.width), x: inner.x, y: y, role: .normal)
        }
        if rowIndex == cursor.selected {
            highlight(&screen, x: inner.x, y: y, width: inner.width, focused: state.focus == .indicators)
            if state.focus == .indicators { screen.cursor = Point(x: inner.x, y: y) }
        }
    }
}

/// A target row of the Indicators pane: the longest form that fits. The figures stay
/// whole and the verdict stays (in its short form at 80 columns); the target's owner and
/// the label "selisih" give way first.
func targetRowText(value: String, year: Int, owner: String?, gap: String, verdict: TargetTrack.Verdict?, width: Int, _ lang: Language) -> String {
    let long = verdict.map { " · " + $0.title(lang) } ?? ""
    let short = verdict.map { " " + $0.word(lang) } ?? ""
    let gapLabel = lang.pick(" · selisih ", " · gap ")
    var candidates: [String] = []
    if let owner { candidates.append("  target \(value) (\(year)) \(owner)\(gapLabel)\(gap)\(long)") }
    candidates += [
        "  target \(value) (\(year))\(gapLabel)\(gap)\(long)",
        "  target \(value) (\(year)) · \(gap)\(long)",
        "  target \(value) (\(year)) · \(gap)\(short)",
        "  target \(value) \(year) \(gap)\(short)",
        "  target \(value) (\(year)) · \(gap)",
    ]
    return candidates.first { DisplayText.width($0) <= width } ?? candidates.last!
}

// MARK: Recommendations

/// A status in the Recommendations pane: the same word at every width (English "cannot"
/// stands for "cannot follow up", which no status column holds).
func statusText(_ status: RecommendationStatus, compact: Bool, _ lang: Language) -> String {
    if status == .tidakDapat { return compact ? lang.pick("t.dapat", "cannot") : lang.pick("tidak dapat", "cannot") }
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
    let dateWidth = 12
    let statusWidth = inner.width < 60 ? 7 : 11
    let noteWidth = compact ? 0 : 16
    // Columns share the width by priority: the id gets what its longest id in view needs,
    // up to what leaves the OPD a readable column; a longer id is cut in the middle,
    // keeping the tail that tells it from its neighbours (`BOGOR-BRA…-02`).
    let cursor = state.recommendationCursor
    let inView = rows[min(cursor.top, rows.count)..<min(rows.count, cursor.top + max(1, inner.height - 1))]
    let widestID = inView.map { DisplayText.width(dataset.recommendations[$0].id) }.max() ?? 2
    let minimumOwner = inner.width < 60 ? 12 : 16
    let idRoom = compact ? inner.width - dateWidth - statusWidth - 3 - minimumOwner : 24
    let idWidth = max(2, min(widestID, max(inner.width < 60 ? 13 : 15, idRoom)))
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
    for offset in 0..<max(1, inner.height - 1) {
        let rowIndex = cursor.top + offset
        guard rowIndex < rows.count else { break }
        let recommendation = dataset.recommendations[rows[rowIndex]]
        let y = inner.y + 1 + offset
        let overdue = overdueText(recommendation, today: today, compact: compact, lang)
        let date = recommendation.deadline.map { Format.date($0, lang) } ?? "–"
        let dateColumn = compact ? (overdue ?? date) : date
        let role: StyleRole = recommendation.status.isPending ? .normal : .dim
        drawColumns(&screen, columns(DisplayText.truncateMiddle(recommendation.id, to: idWidth), recommendation.category, recommendation.owner, dateColumn,
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
    let bar = hintBar(state, width: rect.width)
    if let flash = state.flash {
        // Cut, it says where the whole message is (the help lists recent messages).
        let more = lang.pick(" (? lengkap)", " (? in full)")
        let shown = DisplayText.width(flash) <= bar.flashWidth || bar.flashWidth < 2 * DisplayText.width(more)
            ? DisplayText.truncate(flash, to: bar.flashWidth)
            : DisplayText.truncate(flash, to: bar.flashWidth - DisplayText.width(more)) + more
        screen.put(shown, x: 1, y: rect.y, role: .flash, maxWidth: bar.flashWidth)
    }
    for item in bar.items {
        let keyWidth = screen.put(item.key, x: item.x, y: rect.y, role: .hintKey)
        screen.put(item.text, x: item.x + keyWidth + 1, y: rect.y, role: .hint)
    }
}

/// One hint of the bottom line: where it is, and the command a click on it runs.
struct HintItem: Equatable {
    var x: Int
    var width: Int
    var key: String
    var text: String
    var command: CommandID
}

/// The bottom line's hints for a state: a pure function, so drawing and mouse clicks agree
/// on where each hint is.
func hintBar(_ state: AppState, width lineWidth: Int) -> (flashWidth: Int, items: [HintItem]) {
    let lang = state.lang
    // The focused pane's commands first, then the others; commands that cannot run now
    // (read-only, nothing selected, nothing to undo) are left out. The palette, help and
    // quit hints are always shown, at the end; others are dropped from the end when
    // space runs out.
    let pane = state.focus == .detail ? state.detailSource : state.focus
    let available = CommandRegistry.commands(presenting: state.presentation != nil, viewing: state.view != nil).filter {
        $0.hintID != nil && $0.unavailableReason(state) == nil
    }
    func hint(_ command: Command) -> (key: String, text: String, id: CommandID)? {
        guard var text = command.hint(lang),
              let key = CommandRegistry.key(of: command, presenting: state.presentation != nil, viewing: state.view != nil) else { return nil }
        if command.id == .presentationToggle && state.presentation != nil { text = lang.pick("dasbor", "dashboard") }
        return (key.label, text, command.id)
    }
    var essential = CommandRegistry.essentialHints
    // One pane at a time (a small grid): Tab is the way to the others, so it stays.
    if state.presentation == nil, state.view == nil, case .panes(let layout) = Layout.compute(state.size), layout.single {
        essential.insert(.paneNext, at: 0)
    }
    let others = available.filter { !essential.contains($0.id) }
    // On a slide the agenda's own keys come before the decisions taken on it.
    let ordered = state.presentation != nil
        ? others.filter { $0.scope == .presentation } + others.filter { $0.scope != .presentation }
        : state.view == nil ? others.filter { $0.panes.contains(pane) } + others.filter { !$0.panes.contains(pane) } : others
    var hints = ordered.compactMap(hint)
    var kept = available.filter { essential.contains($0.id) }.compactMap(hint)
    func width(_ list: [(key: String, text: String, id: CommandID)]) -> Int {
        list.reduce(0) { $0 + DisplayText.width($1.key) + 1 + DisplayText.width($1.text) + 2 }
    }
    // On the narrowest lines the palette's hint goes before help and quit.
    if 1 + width(kept) > lineWidth { kept.removeAll { $0.id == .paletteOpen } }
    var x = 1
    // A long message (offline, read-only) may take all but the always-shown hints.
    let flashWidth = max(lineWidth / 3, lineWidth - 3 - width(kept))
    if let flash = state.flash {
        x += min(DisplayText.width(flash), flashWidth) + 2
    }
    while !hints.isEmpty && x + width(hints + kept) > lineWidth { hints.removeLast() }
    hints += kept
    var items: [HintItem] = []
    for hint in hints where x + DisplayText.width(hint.key) + 1 + DisplayText.width(hint.text) <= lineWidth {
        let w = DisplayText.width(hint.key) + 1 + DisplayText.width(hint.text)
        items.append(HintItem(x: x, width: w, key: hint.key, text: hint.text, command: hint.id))
        x += w + 2
    }
    return (flashWidth, items)
}
