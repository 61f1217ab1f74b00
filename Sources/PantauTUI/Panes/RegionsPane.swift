import PantauKit

/// Pane 1: the regions listed under the drill-down path, with their headline figures and
/// pending and overdue counts. Enter drills into the selected region.
let regionsPane = PaneSpec(
    id: .regions, number: 1, titleID: "Wilayah", titleEN: "Regions",
    slot: LayoutSlot(row: .top, order: 0, width: .share(11, 20, minimum: 44)),
    content: .list(header: 1, rows: { $0.regionRows.count }),
    commands: [.regionDrill, .regionFilter, .regionSort, .recommendationAdd, .regionMark, .compareOpen, .marksClear, .scorecardOpen, .programmesOpen],
    explain: regionDetail,
    draw: drawRegions,
    selectionMoved: { state, changed in
        // Another region: its indicators and recommendations start from the top.
        guard changed else { return }
        state.indicatorCursor = ListCursor()
        state.recommendationCursor = ListCursor()
    },
    activate: drillIntoSelectedRegion)

/// A headline figure as runs: the value, the trend arrow in its role, the year ("7,05▼'24"
/// compact, "7,05 % ▼ 2024" wide).
func figureRuns(_ headline: Headline?, compact: Bool, lang: Language) -> [StyledRun] {
    guard let headline else { return [StyledRun("–")] }
    let value = Format.number(headline.latest.value, decimals: headline.latest.decimals, lang)
    let trend = StyledRun(headline.trend?.symbol ?? " ", trendRole(headline.trend))
    if compact {
        let year = String(headline.latest.year % 100)
        return [StyledRun(value), trend, StyledRun("'" + (year.count < 2 ? "0" + year : year))]
    }
    return [StyledRun(value + (lang == .id ? " % " : "% ")), trend, StyledRun(" \(headline.latest.year)")]
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
    var title = regionsPane.title(lang)
    title += " · " + lang.pick("urut ", "sort ") + state.sortKey.title(lang)
    if state.sortKey == .priority {
        let w = state.weights
        title += " (" + [w.poverty, w.stunting, w.extremePoverty, w.overdue].map { Format.number($0, decimals: 1, lang) }.joined(separator: "/") + ")"
    }
    if !state.filterText.isEmpty { title += " · /" + state.filterText }
    if !state.marks.isEmpty { title += " · ●\(state.marks.count)" }
    drawBox(&screen, rect, title: title, focused: state.focus == .regions, number: regionsPane.number)
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
    func columns(_ code: String, _ name: String, _ poverty: [StyledRun], _ stunting: [StyledRun], _ pending: String, _ overdue: RowCell) -> [RowCell] {
        var parts: [RowCell] = []
        // Names before codes when the code is there to tell matches apart.
        if codeWidth > 0 && !filtering { parts.append(RowCell(code, width: codeWidth)) }
        parts.append(RowCell(name, width: nameWidth))
        if codeWidth > 0 && filtering { parts.append(RowCell(code, width: codeWidth)) }
        if figuresShown { parts += [RowCell(runs: poverty, width: figureWidth, alignRight: true), RowCell(runs: stunting, width: figureWidth, alignRight: true)] }
        if countsShown { parts += [RowCell(pending, width: countWidth, alignRight: true), overdue] }
        return parts
    }
    let header = columns(lang.pick("Kode", "Code"), regionsPane.title(lang),
                         [StyledRun(compact ? lang.pick("Miskin%", "Pov.%") : lang.pick("Miskin P0", "Poverty P0"))],
                         [StyledRun(compact ? lang.pick("Stunt.%", "Stunt.%") : lang.pick("Stunt. survei", "Stunt. survey"))],
                         compact ? lang.pick("Tnd", "Pnd") : lang.pick("Tunda", "Pend."),
                         RowCell(compact ? lang.pick("Lwt", "Ovd") : lang.pick("Lewat", "Late"), width: countWidth, alignRight: true))
    drawRow(&screen, header, x: inner.x, y: inner.y, role: .columnHeader)
    let rows = state.regionRows
    if rows.isEmpty {
        screen.put(lang.pick("Tidak ada wilayah yang cocok", "No matching regions"), x: inner.x, y: inner.y + 1, role: .dim, maxWidth: inner.width)
    }
    drawListRows(&screen, state, pane: .regions, inner: inner, count: rows.count) { screen, rowIndex, y in
        let region = rows[rowIndex]
        let info = dataset.region(region)
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
        let parts = columns(info.code.text, name, figureRuns(poverty, compact: compact, lang: lang),
                            figureRuns(stunting, compact: compact, lang: lang), Format.integer(pending, lang),
                            RowCell(Format.integer(overdue, lang), width: countWidth, alignRight: true, role: overdue > 0 ? .overdue : nil))
        drawRow(&screen, parts, x: inner.x, y: y, role: isAggregate ? .aggregate : .normal)
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

