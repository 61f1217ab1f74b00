import PantauKit

/// Pane 3: the recommendations of the selected region's subtree, filtered and ordered,
/// and the decisions taken on the selected one. Enter shows it in Detail.
let recommendationsPane = PaneSpec(
    id: .recommendations, number: 3, titleID: "Rekomendasi", titleEN: "Recommendations",
    slot: LayoutSlot(row: .bottom, order: 0, width: .rest),
    content: .list(header: 1, rows: { $0.recommendationRows.count }),
    commands: [.recommendationFilterStatus, .recommendationFilterOwner, .recommendationStatus, .recommendationNote,
               .recommendationDeadline, .recommendationOwner, .recommendationEvaluate, .recommendationAdd, .changeUndo,
               .recommendationFilterOrigin],
    explain: recommendationDetail,
    draw: drawRecommendations,
    selectionMoved: { state, _ in state.detailScroll = 0 },
    activate: { focusPane(.detail, &$0) })

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
    var title = recommendationsPane.title(lang) + " (\(rows.count))"
    if state.statusFilter != .all { title += " · " + state.statusFilter.title(lang) }
    if let owner = state.ownerFilter { title += " · " + owner }
    if let origin = state.originFilter { title += " · " + origin.rawValue }
    drawBox(&screen, rect, title: title, focused: state.focus == .recommendations, number: recommendationsPane.number)
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
    // Overdue shows in words, in the overdue role: in the deadline column when compact,
    // else in the note column.
    func columns(_ id: String, _ category: String, _ owner: String, _ date: String, _ status: String, _ note: String, overdue: Bool = false) -> [RowCell] {
        let late: StyleRole? = overdue ? .overdue : nil
        return compact
            ? [RowCell(id, width: idWidth), RowCell(owner, width: ownerWidth), RowCell(date, width: dateWidth, role: late), RowCell(status, width: statusWidth)]
            : [RowCell(id, width: idWidth), RowCell(category, width: categoryWidth), RowCell(owner, width: ownerWidth), RowCell(date, width: dateWidth),
               RowCell(status, width: statusWidth), RowCell(note, width: noteWidth, role: late)]
    }
    drawRow(&screen, columns("ID", lang.pick("Kategori", "Category"), "OPD", lang.pick("Tenggat", "Deadline"),
                             "Status", lang.pick("Keterangan", "Note")), x: inner.x, y: inner.y, role: .columnHeader)
    if rows.isEmpty {
        let text = lang.pick("Tidak ada rekomendasi di sini", "No recommendations here")
        screen.put(text, x: inner.x, y: inner.y + 1, role: .dim, maxWidth: inner.width)
        return
    }
    drawListRows(&screen, state, pane: .recommendations, inner: inner, count: rows.count) { screen, rowIndex, y in
        let recommendation = dataset.recommendations[rows[rowIndex]]
        let overdue = overdueText(recommendation, today: today, compact: compact, lang)
        let date = recommendation.deadline.map { Format.date($0, lang) } ?? "–"
        let dateColumn = compact ? (overdue ?? date) : date
        let role: StyleRole = recommendation.status.isPending ? .normal : .dim
        drawRow(&screen, columns(DisplayText.truncateMiddle(recommendation.id, to: idWidth), recommendation.category, recommendation.owner, dateColumn,
                                 statusText(recommendation.status, compact: statusWidth < 11, lang), overdue ?? "", overdue: overdue != nil),
                x: inner.x, y: y, role: role)
    }
}
