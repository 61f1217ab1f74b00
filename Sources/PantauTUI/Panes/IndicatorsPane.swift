import PantauKit

/// Pane 2: the selected region's indicators, each with its headline, targets, WHO band
/// and history with sources. Enter shows the selected row in Detail.
let indicatorsPane = PaneSpec(
    id: .indicators, number: 2, titleID: "Indikator", titleEN: "Indicators",
    slot: LayoutSlot(row: .top, order: 2, width: .rest),
    content: .list(header: 0, rows: { $0.indicatorRows.count }),
    explain: indicatorDetail,
    draw: drawIndicators,
    selectionMoved: { state, _ in state.detailScroll = 0 },
    activate: { focusPane(.detail, &$0) })

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
    drawBox(&screen, rect, title: indicatorsPane.title(lang) + " · " + regionName, focused: state.focus == .indicators, number: indicatorsPane.number)
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
    let wide = inner.width >= 50
    drawListRows(&screen, state, pane: .indicators, inner: inner, count: rows.count) { screen, rowIndex, y in
        switch rows[rowIndex] {
        case .indicator(let indicator):
            let headline = dataset.headline(of: region, indicator)
            let series = dataset.series(of: region, indicator).first
            var value: [StyledRun] = []
            if let headline {
                value = [StyledRun(Format.value(headline.latest.value, decimals: headline.latest.decimals, unit: indicator.unit, lang) + " "),
                         StyledRun(headline.trend?.symbol ?? " ", trendRole(headline.trend)), StyledRun(" \(headline.latest.year)")]
            }
            let valueWidth = value.reduce(0) { $0 + DisplayText.width($1.text) }
            let spark = sparkline(series?.points.map(\.value) ?? [])
            let title = wide ? indicator.title(lang) : indicator.shortTitle(lang)
            let used = screen.put(title, x: inner.x, y: y, role: .title, maxWidth: inner.width)
            let sparkWidth = wide ? DisplayText.width(spark) + 1 : 0
            let valueX = inner.x + inner.width - valueWidth - sparkWidth
            if valueX > inner.x + used {
                drawRow(&screen, [RowCell(runs: value, width: valueWidth)], x: valueX, y: y, role: .normal)
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
