import PantauKit

/// Moves the view: through its linked rows when it has any (keeping the selected one on
/// screen, and scrolling on past the last one to the notes), else line by line.
func moveInView(_ state: inout AppState, by delta: Int) {
    guard let table = decisionTable(state) else { return }
    let inner = viewRect(state.size).inner
    let lines = tableLines(table, width: inner.width)
    let height = max(1, inner.height - lines.header.count)
    let maxScroll = max(0, lines.body.count - height)
    let links = linkedRows(table)
    guard !links.isEmpty else {
        state.viewScroll = max(0, min(state.viewScroll + delta, maxScroll))
        return
    }
    let before = state.viewSelection
    state.viewSelection = max(0, min(state.viewSelection + delta, links.count - 1))
    if state.viewSelection == before && delta > 0 {
        state.viewScroll = min(state.viewScroll + delta, maxScroll)
        return
    }
    let start = lines.rowStarts[links[state.viewSelection]]
    let end = links[state.viewSelection] + 1 < table.rows.count ? lines.rowStarts[links[state.viewSelection] + 1] : lines.body.count
    // The selected row and the lines that belong to it (up to the next linked row) in view.
    let next = state.viewSelection + 1 < links.count ? lines.rowStarts[links[state.viewSelection + 1]] : end
    if start < state.viewScroll { state.viewScroll = start }
    if next > state.viewScroll + height { state.viewScroll = min(start, next - height) }
    if state.viewSelection == 0 && next <= height { state.viewScroll = 0 } // the lines above the first one too
    state.viewScroll = max(0, min(state.viewScroll, maxScroll))
}
