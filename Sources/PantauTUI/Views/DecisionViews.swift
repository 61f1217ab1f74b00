import PantauKit

/// Full-screen views that answer one question each (compare, 8-aksi scorecard,
/// programmes). Each is a `DecisionTable` from PantauKit, drawn here: the same table
/// `pantau report` prints, so screen and minutes agree.

/// The table the open view shows (nil when no view is open).
func decisionTable(_ state: AppState) -> DecisionTable? {
    let dataset = state.dataset
    switch state.view {
    case nil: return nil
    case .compare?:
        return dataset.comparison(of: state.marks, rollUp: state.context.rollUp, weights: state.weights, lang: state.lang)
    case .scorecard(let region)?:
        return dataset.scorecardTable(for: region, rollUp: state.context.rollUp, lang: state.lang)
    case .programmes(let region)?:
        return dataset.programmeTable(for: region, lang: state.lang)
    }
}

/// One line of a drawn table: runs of text, each with its role.
struct TableLine {
    var runs: [(text: String, role: StyleRole)]
}

func role(_ tone: DecisionTable.Tone) -> StyleRole {
    switch tone {
    case .normal: .normal
    case .heading: .title
    case .dim: .dim
    case .good: .good
    case .warning: .warning
    }
}

/// Column widths for a table at a width: the label column, then equal value columns.
struct TableGeometry {
    let labelWidth: Int
    let columnWidth: Int

    init(_ table: DecisionTable, width: Int) {
        // Headings and full-width rows take the whole line, so they do not widen the label column.
        let labelled = table.columns.isEmpty ? table.rows.filter { $0.tone != .heading && !$0.fullWidth } : table.rows.filter { !$0.fullWidth }
        let longestLabel = labelled.map { DisplayText.width($0.label) }.max() ?? 10
        let columns = max(1, table.columns.count)
        let longestCell = table.rows.flatMap(\.cells).map(DisplayText.width).max() ?? 8
        let longestHeader = table.columns.map(DisplayText.width).max() ?? 8
        let needed = max(longestCell, longestHeader, 4) + 1
        // Columns that need little leave the rest to the label, up to 36 columns; wide
        // columns take the space and the label keeps at least a quarter of the width.
        let spare = width - columns * (needed + 1) - 1
        let label = min(max(longestLabel, DisplayText.width(table.labelHeader)), max(12, width / 4, min(spare, 36)))
        labelWidth = table.columns.isEmpty ? min(longestLabel, max(12, width / 3)) : label
        let available = (width - labelWidth - 1) / columns - 1
        columnWidth = max(3, min(available, needed + 1))
    }
}

/// The table as lines: a header that stays on screen, and a body that scrolls;
/// `rowStarts[i]` is the body line where row `i` begins.
func tableLines(_ table: DecisionTable, width: Int) -> (header: [TableLine], body: [TableLine], rowStarts: [Int]) {
    let geometry = TableGeometry(table, width: width)
    let label = geometry.labelWidth, column = geometry.columnWidth
    func cellRuns(_ texts: [String], tones: [StyleRole]) -> [(String, StyleRole)] {
        texts.enumerated().flatMap { index, text in
            [(" ", StyleRole.normal), (DisplayText.pad(text, to: column), tones[min(index, tones.count - 1)])]
        }
    }
    var header: [TableLine] = []
    if !table.columns.isEmpty {
        header.append(TableLine(runs: [(DisplayText.pad(table.labelHeader, to: label), .columnHeader)]
                                + cellRuns(table.columns, tones: [.columnHeader])))
        if table.columnNotes.contains(where: { !$0.isEmpty }) {
            header.append(TableLine(runs: [(String(repeating: " ", count: label), .dim)] + cellRuns(table.columnNotes, tones: [.dim])))
        }
    }
    var body: [TableLine] = []
    let spanWidth = max(10, width - label - 1)
    var rowStarts: [Int] = []
    for row in table.rows {
        rowStarts.append(body.count)
        let rowRole = role(row.tone)
        if let text = row.text {
            let wrapped = DisplayText.wrap(text, columns: row.fullWidth ? width : spanWidth)
            for (index, line) in wrapped.enumerated() {
                let labelText = index == 0 ? row.label : ""
                if row.fullWidth {
                    body.append(TableLine(runs: [(line, rowRole)]))
                } else {
                    body.append(TableLine(runs: [(DisplayText.pad(labelText, to: label), row.tone == .heading ? .title : .normal), (" " + line, rowRole)]))
                }
            }
            continue
        }
        if table.columns.isEmpty || row.cells.isEmpty {
            body.append(TableLine(runs: [(DisplayText.truncate(row.label, to: width), rowRole)]))
            continue
        }
        let tones = row.cellTones.isEmpty ? [rowRole == .title ? StyleRole.normal : rowRole] : row.cellTones.map(role)
        body.append(TableLine(runs: [(DisplayText.pad(row.label, to: label), rowRole == .normal ? .normal : rowRole)]
                              + cellRuns(row.cells, tones: tones)))
    }
    if !table.notes.isEmpty {
        body.append(TableLine(runs: []))
        for note in table.notes {
            for line in DisplayText.wrap(note, columns: width) { body.append(TableLine(runs: [(line, .dim)])) }
        }
    }
    return (header, body, rowStarts)
}

/// The box a view is drawn in: the whole screen between the header and the status bar.
func viewRect(_ size: Size) -> Rect { Rect(x: 0, y: 1, width: size.width, height: max(2, size.height - 2)) }

/// Rows of the body a view shows at once.
func viewBodyHeight(_ state: AppState) -> Int {
    guard let table = decisionTable(state) else { return 1 }
    let inner = viewRect(state.size).inner
    return max(1, inner.height - tableLines(table, width: inner.width).header.count)
}

func maxViewScroll(_ state: AppState) -> Int {
    guard let table = decisionTable(state) else { return 0 }
    let inner = viewRect(state.size).inner
    let lines = tableLines(table, width: inner.width)
    return max(0, lines.body.count - max(1, inner.height - lines.header.count))
}

/// Indices of the rows that stand for a region (selectable with j/k, opened with Enter).
func linkedRows(_ table: DecisionTable) -> [Int] {
    table.rows.indices.filter { table.rows[$0].region != nil }
}

/// The region of the selected linked row, if the view has any.
func selectedViewRegion(_ state: AppState) -> RegionIndex? {
    guard let table = decisionTable(state) else { return nil }
    let links = linkedRows(table)
    guard !links.isEmpty else { return nil }
    return table.rows[links[min(max(0, state.viewSelection), links.count - 1)]].region
}

func drawDecisionView(_ screen: inout ScreenBuffer, _ state: AppState) {
    guard let table = decisionTable(state) else { return }
    let rect = viewRect(state.size)
    let inner = rect.inner
    let lines = tableLines(table, width: inner.width)
    drawBox(&screen, rect, title: table.title + state.lang.pick(" · Esc kembali", " · Esc goes back"), focused: true)
    var y = inner.y
    func draw(_ line: TableLine) {
        var x = inner.x
        for run in line.runs {
            x += screen.put(run.text, x: x, y: y, role: run.role, maxWidth: inner.x + inner.width - x)
        }
        y += 1
    }
    for line in lines.header.prefix(inner.height) { draw(line) }
    let height = max(0, inner.height - lines.header.count)
    let scroll = min(state.viewScroll, max(0, lines.body.count - height))
    let bodyTop = y
    for line in lines.body.dropFirst(scroll).prefix(height) { draw(line) }
    if scroll > 0 { screen.put("↑", x: rect.x + rect.width - 2, y: rect.y, role: .borderFocused) }
    if lines.body.count > scroll + height {
        screen.put("↓", x: rect.x + rect.width - 2, y: rect.y + rect.height - 1, role: .borderFocused)
    }
    screen.cursor = Point(x: inner.x, y: inner.y)
    let links = linkedRows(table)
    if !links.isEmpty {
        let line = lines.rowStarts[links[min(max(0, state.viewSelection), links.count - 1)]] - scroll
        if line >= 0 && line < height {
            highlight(&screen, x: inner.x, y: bodyTop + line, width: inner.width, focused: true)
            screen.cursor = Point(x: inner.x, y: bodyTop + line)
        }
    }
}
