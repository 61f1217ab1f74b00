import PantauKit

/// Everything that can happen to the dashboard.
public enum Action: Sendable, Equatable {
    case key(Key)
    case command(CommandID)
    case resize(Size)
}

/// The only place the state changes. Pure: no terminal, no files, no clock.
public func reduce(_ state: inout AppState, _ action: Action) {
    switch action {
    case .resize(let size):
        state.size = size
        clampCursors(&state)
    case .command(let id):
        perform(id, on: &state)
    case .key(let key):
        handle(key, on: &state)
    }
}

func handle(_ key: Key, on state: inout AppState) {
    state.flash = nil
    if key == .interrupt { state.shouldQuit = true; return }
    switch state.overlay {
    case .help(let scroll)?:
        switch key {
        case .down, .character("j"): state.overlay = .help(scroll: min(scroll + 1, maxHelpScroll(state)))
        case .up, .character("k"): state.overlay = .help(scroll: max(0, scroll - 1))
        case .pageDown, .character(" "): state.overlay = .help(scroll: min(scroll + 10, maxHelpScroll(state)))
        case .pageUp: state.overlay = .help(scroll: max(0, scroll - 10))
        case .character("q"), .character("?"), .escape, .enter, .backspace: state.overlay = nil
        default: break
        }
        return
    case .palette(let query, let selected)?:
        handlePalette(key, query: query, selected: selected, on: &state)
        return
    case nil:
        break
    }
    if state.filterEditing {
        switch key {
        case .character(let character):
            state.filterText.append(character)
            state.regionCursor = ListCursor()
            clampCursors(&state)
            return
        case .backspace, .delete:
            if !state.filterText.isEmpty { state.filterText.removeLast() }
            state.regionCursor = ListCursor()
            if state.filterText.isEmpty { restoreSelection(&state) }
            clampCursors(&state)
            return
        case .enter:
            state.filterEditing = false
            if state.filterText.isEmpty { restoreSelection(&state) }
            return
        case .escape:
            state.filterEditing = false
            state.filterText = ""
            restoreSelection(&state)
            return
        case .tab, .backTab:
            state.filterEditing = false // leaving the pane keeps the filter, stops typing into it
        default:
            break // movement keys still work while typing
        }
    }
    guard let id = CommandRegistry.command(for: key) else { return }
    perform(id, on: &state)
}

func perform(_ id: CommandID, on state: inout AppState) {
    let lang = state.lang
    switch id {
    case .quit:
        state.shouldQuit = true
    case .helpShow:
        state.overlay = .help(scroll: 0)
    case .paletteOpen:
        state.overlay = .palette(query: "", selected: 0)
    case .paneNext:
        focus(Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!, &state)
    case .panePrevious:
        focus(Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!, &state)
    case .paneRegions: focus(.regions, &state)
    case .paneIndicators: focus(.indicators, &state)
    case .paneRecommendations: focus(.recommendations, &state)
    case .paneDetail: focus(.detail, &state)
    case .rowDown: move(&state, by: 1)
    case .rowUp: move(&state, by: -1)
    case .pageDown: move(&state, by: max(1, visibleRows(state, state.focus) - 1))
    case .pageUp: move(&state, by: -max(1, visibleRows(state, state.focus) - 1))
    case .rowFirst: move(&state, by: -1_000_000_000)
    case .rowLast: move(&state, by: 1_000_000_000)
    case .regionDrill:
        drill(&state)
    case .regionBack:
        back(&state)
    case .regionFilter:
        if state.filterText.isEmpty { state.savedSelection[state.listedParent] = state.selectedRegion }
        state.focus = .regions
        state.detailSource = .regions
        state.filterEditing = true
    case .regionSort:
        let current = state.selectedRegion
        state.sortKey = state.sortKey.next
        select(current, in: &state)
        state.flash = lang.pick("Urut menurut: ", "Sorted by: ") + state.sortKey.title(lang)
    case .recommendationFilterStatus:
        state.statusFilter = state.statusFilter.next
        state.recommendationCursor = ListCursor()
        state.flash = lang.pick("Rekomendasi: ", "Recommendations: ") + state.statusFilter.title(lang)
    case .recommendationFilterOwner:
        let owners = state.ownersInScope
        if let current = state.ownerFilter, let index = owners.firstIndex(of: current), index + 1 < owners.count {
            state.ownerFilter = owners[index + 1]
        } else if state.ownerFilter == nil, let first = owners.first {
            state.ownerFilter = first
        } else {
            state.ownerFilter = nil
        }
        state.recommendationCursor = ListCursor()
        state.flash = "OPD: " + (state.ownerFilter ?? lang.pick("semua", "all"))
    case .languageToggle:
        state.lang = state.lang == .id ? .en : .id
        state.flash = state.lang.pick("Bahasa: Indonesia", "Language: English")
    }
    clampCursors(&state)
}

private func focus(_ pane: Pane, _ state: inout AppState) {
    state.focus = pane
    if pane != .detail {
        state.detailSource = pane
        state.detailScroll = 0
    }
}

private func move(_ state: inout AppState, by delta: Int) {
    let pane = state.focus
    let visible = visibleRows(state, pane)
    switch pane {
    case .regions:
        let before = state.selectedRegion
        state.regionCursor.move(by: delta, count: state.regionRows.count, visible: visible)
        if state.selectedRegion != before {
            state.indicatorCursor = ListCursor()
            state.recommendationCursor = ListCursor()
        }
    case .indicators:
        state.indicatorCursor.move(by: delta, count: state.indicatorRows.count, visible: visible)
        state.detailScroll = 0
    case .recommendations:
        state.recommendationCursor.move(by: delta, count: state.recommendationRows.count, visible: visible)
        state.detailScroll = 0
    case .detail:
        state.detailScroll = max(0, min(state.detailScroll + delta, maxDetailScroll(state)))
    }
}

private func drill(_ state: inout AppState) {
    let lang = state.lang
    switch state.focus {
    case .regions:
        let region = state.selectedRegion
        if region == state.listedParent && state.regionRowsStartWithParent {
            return
        }
        let target = state.dataset.region(region)
        state.filterText = ""
        state.filterEditing = false
        if target.children.isEmpty {
            // A desa has nothing below it: show it among its siblings instead.
            if let parent = target.parent, parent != state.listedParent {
                enter(parent, &state)
                select(region, in: &state)
            }
            state.flash = lang.pick("\(target.name) tidak punya wilayah di bawahnya", "\(target.name) has no regions below it")
            return
        }
        state.savedSelection[state.listedParent] = region
        enter(region, &state)
    case .indicators, .recommendations:
        focus(.detail, &state)
    case .detail:
        break
    }
}

/// Makes `region` the listed parent, rebuilding the path from its ancestors (so a jump
/// from a filter result has a correct breadcrumb).
private func enter(_ region: RegionIndex, _ state: inout AppState) {
    state.path = state.dataset.breadcrumb(region)
    state.regionCursor = ListCursor()
    let children = state.dataset.children(of: region)
    if let saved = state.savedSelection[region] {
        select(saved, in: &state)
    } else if !children.isEmpty {
        state.regionCursor.selected = 1
    }
    state.indicatorCursor = ListCursor()
    state.recommendationCursor = ListCursor()
    state.ownerFilter = nil
    clampCursors(&state)
}

private func back(_ state: inout AppState) {
    if state.focus == .detail {
        focus(state.detailSource, &state)
        return
    }
    if state.focus != .regions {
        focus(.regions, &state)
        return
    }
    if !state.filterText.isEmpty {
        state.filterText = ""
        restoreSelection(&state)
        return
    }
    guard state.path.count > 1 else {
        state.flash = state.lang.pick("Sudah di tingkat teratas", "Already at the top level")
        return
    }
    let leaving = state.listedParent
    state.savedSelection[leaving] = state.selectedRegion
    enter(state.path[state.path.count - 2], &state)
    select(leaving, in: &state)
}

private func select(_ region: RegionIndex, in state: inout AppState) {
    if let row = state.regionRows.firstIndex(of: region) {
        state.regionCursor.selected = row
        state.regionCursor.clamp(count: state.regionRows.count, visible: visibleRows(state, .regions))
    }
}

private func restoreSelection(_ state: inout AppState) {
    state.regionCursor = ListCursor()
    if let saved = state.savedSelection[state.listedParent] {
        select(saved, in: &state)
    } else if state.regionRows.count > 1 {
        state.regionCursor.selected = 1
    }
}

private func handlePalette(_ key: Key, query: String, selected: Int, on state: inout AppState) {
    let matches = paletteMatches(query, state.lang)
    switch key {
    case .escape:
        state.overlay = nil
    case .enter:
        state.overlay = nil
        if matches.indices.contains(selected) { perform(matches[selected].id, on: &state) }
    case .down:
        state.overlay = .palette(query: query, selected: min(selected + 1, max(0, matches.count - 1)))
    case .up:
        state.overlay = .palette(query: query, selected: max(0, selected - 1))
    case .backspace, .delete:
        state.overlay = .palette(query: String(query.dropLast()), selected: 0)
    case .character(let character):
        state.overlay = .palette(query: query + String(character), selected: 0)
    default:
        break
    }
}

/// Commands whose title or name contains every word of the query.
public func paletteMatches(_ query: String, _ lang: Language) -> [Command] {
    let words = TextFolding.fold(query).split(separator: " ")
    return CommandRegistry.all.filter { command in
        guard command.id != .paletteOpen else { return false }
        let haystack = TextFolding.fold(command.title(lang) + " " + command.id.rawValue)
        return words.allSatisfy { haystack.contains($0) }
    }
}

func clampCursors(_ state: inout AppState) {
    state.regionCursor.clamp(count: state.regionRows.count, visible: visibleRows(state, .regions))
    state.indicatorCursor.clamp(count: state.indicatorRows.count, visible: visibleRows(state, .indicators))
    state.recommendationCursor.clamp(count: state.recommendationRows.count, visible: visibleRows(state, .recommendations))
}

/// Rows a pane shows at the current size (its content height minus any column header).
func visibleRows(_ state: AppState, _ pane: Pane) -> Int {
    guard case .panes(let layout) = Layout.compute(state.size) else { return 1 }
    let rect = layout.rect(for: pane).inner
    switch pane {
    case .regions, .recommendations: return max(1, rect.height - 1)
    case .indicators, .detail: return max(1, rect.height)
    }
}

func maxDetailScroll(_ state: AppState) -> Int {
    guard case .panes(let layout) = Layout.compute(state.size) else { return 0 }
    let inner = layout.detail.inner
    return max(0, detailLines(state, width: inner.width).count - inner.height)
}

func maxHelpScroll(_ state: AppState) -> Int {
    let inner = helpRect(state.size).inner
    return max(0, helpLines(state.lang, width: inner.width).count - inner.height)
}
