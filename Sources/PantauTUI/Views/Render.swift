import PantauKit

/// The whole screen for a state. Pure: the same state always gives the same buffer.
public func render(_ state: AppState) -> ScreenBuffer {
    var screen = ScreenBuffer(size: state.size)
    screen.theme = state.theme
    // A slide draws at any size from SlideLayout.minimum: projectors with large fonts
    // give small grids.
    let small = state.size.width < SlideLayout.minimum.width || state.size.height < SlideLayout.minimum.height
    switch Layout.compute(state.size, panes: state.panes) {
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
        for spec in state.panes.specs where !layout.single || state.focus == spec.id {
            spec.draw(&screen, state, layout.rect(for: spec.id))
        }
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
    case .readOnly(.following):
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

// MARK: Shared by the panes

/// A piece of a row's text with the role it is drawn in (nil: the row's own role). A
/// meaning such as a trend is a run of its own, so colour is given to what the text says,
/// never found again by looking at cells already drawn.
struct StyledRun: Equatable {
    var text: String
    var role: StyleRole?

    init(_ text: String, _ role: StyleRole? = nil) {
        self.text = text
        self.role = role
    }
}

/// One column of a pane's row: runs in `width` columns, aligned left or right. `role`,
/// when given, is the whole column's (an overdue count), padding included.
struct RowCell {
    var runs: [StyledRun]
    var width: Int
    var alignRight = false
    var role: StyleRole?

    init(_ text: String, width: Int, alignRight: Bool = false, role: StyleRole? = nil) {
        self.runs = [StyledRun(text)]
        self.width = width
        self.alignRight = alignRight
        self.role = role
    }

    init(runs: [StyledRun], width: Int, alignRight: Bool = false) {
        self.runs = runs
        self.width = width
        self.alignRight = alignRight
    }
}

/// Draws a row's cells from `x`, one column apart. A cell whose text is too wide is cut
/// (with …) and drawn in the row's role; one that fits keeps each run's role.
func drawRow(_ screen: inout ScreenBuffer, _ cells: [RowCell], x: Int, y: Int, role rowRole: StyleRole) {
    var column = x
    for cell in cells where cell.width > 0 {
        let role = cell.role ?? rowRole
        let runs = cell.runs.map { StyledRun(DisplayText.sanitize($0.text), $0.role) }
        let total = runs.reduce(0) { $0 + DisplayText.width($1.text) }
        if total > cell.width {
            screen.put(DisplayText.pad(runs.map(\.text).joined(), to: cell.width, alignRight: cell.alignRight), x: column, y: y, role: role)
        } else {
            let fill = cell.width - total
            screen.put(String(repeating: " ", count: fill), x: column + (cell.alignRight ? 0 : total), y: y, role: role)
            var runX = column + (cell.alignRight ? fill : 0)
            for run in runs {
                runX += screen.put(run.text, x: runX, y: y, role: run.role ?? role)
            }
        }
        column += cell.width + 1
    }
}

/// The rows of a list pane that are in view, below its column titles: each drawn by
/// `row(&screen, index, y)` (only those in view are built), the selected one highlighted
/// (brighter while the pane is focused) with the terminal cursor on it. The same for
/// every list pane, from its `PaneSpec` and cursor.
func drawListRows(_ screen: inout ScreenBuffer, _ state: AppState, pane: Pane, inner: Rect, count: Int,
                  row: (inout ScreenBuffer, _ index: Int, _ y: Int) -> Void) {
    let header = state.panes.spec(pane).headerRows
    let cursor = state.cursors[pane] ?? ListCursor()
    let focused = state.focus == pane
    for offset in 0..<max(1, inner.height - header) {
        let index = cursor.top + offset
        guard index < count else { break }
        let y = inner.y + header + offset
        row(&screen, index, y)
        if index == cursor.selected {
            highlight(&screen, x: inner.x, y: y, width: inner.width, focused: focused)
            if focused { screen.cursor = Point(x: inner.x, y: y) }
        }
    }
}

func highlight(_ screen: inout ScreenBuffer, x: Int, y: Int, width: Int, focused: Bool) {
    screen.restyle(x: x, y: y, width: width, role: focused ? .selected : .selectedUnfocused)
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
    let available = CommandRegistry.commands(in: state.mode).filter {
        $0.hintID != nil && $0.unavailableReason(state) == nil
    }
    func hint(_ command: Command) -> (key: String, text: String, id: CommandID)? {
        guard var text = command.hint(lang),
              let key = CommandRegistry.key(of: command, in: state.mode) else { return nil }
        if command.id == .presentationToggle && state.presentation != nil { text = lang.pick("dasbor", "dashboard") }
        return (key.label, text, command.id)
    }
    var essential = CommandRegistry.essentialHints
    // One pane at a time (a small grid): Tab is the way to the others, so it stays.
    if state.mode == .dashboard, case .panes(let layout) = Layout.compute(state.size, panes: state.panes), layout.single {
        essential.insert(.paneNext, at: 0)
    }
    let others = available.filter { !essential.contains($0.id) }
    // On a slide the agenda's own keys come before the decisions taken on it.
    let ordered: [Command]
    switch state.mode {
    case .presentation: ordered = others.filter { $0.scope == .presentation } + others.filter { $0.scope != .presentation }
    case .view: ordered = others
    case .dashboard:
        let paneCommands = state.panes.contains(pane) ? state.panes.spec(pane).commands : []
        ordered = others.filter { paneCommands.contains($0.id) } + others.filter { !paneCommands.contains($0.id) }
    }
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
