import PantauKit

/// Everything that can happen to the dashboard.
public enum Action: Sendable {
    case key(Key)
    case command(CommandID)
    case resize(Size)
    /// The loop wrote these events (now with ids).
    case stored([FollowUpEvent])
    /// The loop could not write; the message says why. Nothing was recorded.
    case storeFailed(String)
    /// The loop could not write for a cause that passes (a lock, a full disk): `pending`
    /// decisions are held and retried.
    case storeWaiting(pending: Int, reason: String)
    /// The held decisions are written: back to recording as usual.
    case storeResumed
    /// Events changed (here or in another terminal): the data with them applied.
    case reloaded(DashboardContext)
    /// The wall clock shown in presentation mode.
    case tick(String)
    /// The store did something the user must hear of while writing (recreated its
    /// file): added to what the write said.
    case storeNotice(String)
    /// What the store did by itself between keys (a background send refused, say): said
    /// instead of whatever the status line said before, which is older news.
    case storeNews([String])
    /// The store's connection changed (a shared server went away or came back).
    case storeHealth(FollowUpStoreHealth)
    /// A follower (`pantau --follow`): whom it follows now, and what that operator's
    /// screen shows when it changed (nil: unchanged, or no one to follow).
    case followed(FollowStatus, SharedView?)
    /// A block of text pasted into the terminal (bracketed paste): text for the open
    /// field, never keys or commands.
    case paste(String)
    /// A click, double click or wheel turn at a screen cell.
    case mouse(MouseEvent)
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
        closeMirroredOverlay(&state)
        handle(key, on: &state)
    case .paste(let text):
        closeMirroredOverlay(&state)
        paste(text, on: &state)
    case .mouse(let event):
        closeMirroredOverlay(&state)
        handleMouse(event, on: &state)
    case .stored(let events):
        state.sessionEvents += events
        if let last = events.last, case .offline = state.storeStatus {
            state.flash = state.lang.pick("Disimpan di komputer ini, dikirim saat koneksi kembali: ",
                                          "Kept locally, sent when the connection returns: ") + last.recommendationID
        } else if let last = events.last, last.field == .meeting, let meeting = Meeting.decoded(last.newValue) {
            state.flash = meeting.isClosed
                ? state.lang.pick("Rapat ditutup: ", "Meeting closed: ") + meeting.title
                : state.lang.pick("Rapat disimpan: ", "Meeting saved: ") + meeting.title
        } else if let last = events.last {
            state.flash = last.undoes != nil
                ? state.lang.pick("Dibatalkan: ", "Undone: ") + last.recommendationID
                : state.lang.pick("Tersimpan: ", "Saved: ") + last.recommendationID
        }
    case .tick(let clock):
        state.clock = clock
    case .storeWaiting(let pending, let reason):
        state.storeStatus = .waiting(pending: pending, reason: reason)
        state.flash = state.lang.pick("Belum tersimpan (\(reason)); dicoba lagi otomatis, \(pending) menunggu",
                                      "Not saved yet (\(reason)); retried automatically, \(pending) waiting")
    case .storeResumed:
        if case .waiting = state.storeStatus { state.storeStatus = .writable }
    case .storeHealth(let health):
        if case .readOnly = state.storeStatus { break }
        if case .waiting = state.storeStatus { break }
        switch health {
        case .offline(let pending):
            if case .offline = state.storeStatus {} else { state.flash = FollowUpStoreHealth.offlineMessage(state.lang) }
            state.storeStatus = .offline(pending: pending)
        case .ok:
            if case .offline(let pending) = state.storeStatus {
                state.flash = pending > 0
                    ? state.lang.pick("Tersambung kembali: perubahan terkirim", "Back online: changes sent")
                    : state.lang.pick("Tersambung kembali", "Back online")
            }
            state.storeStatus = .writable
        }
    case .storeNotice(let message):
        state.flash = (state.flash.map { $0 + " · " } ?? "") + message
    case .storeNews(let messages):
        state.flash = messages.joined(separator: " · ")
    case .followed(let status, let view):
        if status != state.following {
            state.following = status
            state.flash = followMessage(status, state.lang)
        }
        view?.apply(to: &state)
    case .storeFailed(let message):
        state.storeStatus = .readOnly(.failed(message))
        state.flash = message
    case .reloaded(let context):
        let selectedID = state.selectedRecommendation?.id
        state.context = context
        // A meeting closed elsewhere (another terminal, pantau meeting close) is no longer
        // the one decisions here are linked to.
        if let id = state.openMeetingID, let meeting = context.followUp.meetings[id], meeting.isClosed {
            state.openMeetingID = nil
            state.flash = state.lang.pick("Rapat ditutup: ", "Meeting closed: ") + meeting.title
                + state.lang.pick("; keputusan berikutnya tidak dikaitkan dengannya", "; later decisions are not linked to it")
        }
        clampCursors(&state)
        // Keep the same recommendation selected when its position changes (status sorts it).
        if let selectedID, let row = state.recommendationRows.firstIndex(where: { state.dataset.recommendations[$0].id == selectedID }) {
            state.recommendationCursor.selected = row
            state.recommendationCursor.clamp(count: state.recommendationRows.count, visible: visibleRows(state, .recommendations))
        }
    }
}

func handle(_ key: Key, on state: inout AppState) {
    state.flash = nil
    let closeArmed = state.meetingCloseArmed
    state.meetingCloseArmed = nil
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
    case .form(var form)?:
        // Taken out of the state so the field's storage is not shared and edits happen in
        // place (a copy per key would make typing long text quadratic).
        state.overlay = nil
        if handleForm(key, form: &form, on: &state) { state.overlay = .form(form) }
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
        case .backspace, .delete, .control("u"), .control("w"):
            state.filterText = erased(state.filterText, key)
            state.regionCursor = ListCursor()
            if state.filterText.isEmpty { restoreSelection(&state) }
            clampCursors(&state)
            return
        case .enter:
            state.filterEditing = false
            if state.filterText.isEmpty { restoreSelection(&state) }
            clampCursors(&state)
            return
        case .escape:
            state.filterEditing = false
            state.filterText = ""
            restoreSelection(&state)
            // Another region is selected now: its recommendation list may be shorter.
            clampCursors(&state)
            return
        case .tab, .backTab:
            state.filterEditing = false // leaving the pane keeps the filter, stops typing into it
        default:
            break // movement keys still work while typing
        }
    }
    guard let id = CommandRegistry.command(for: key, in: state.mode) else {
        // A digit with no command of its own focuses the pane of that number (a pane
        // registered beyond the four built-in ones).
        if state.mode == .dashboard, case .character(let character) = key, let number = character.wholeNumberValue,
           let pane = state.panes.pane(numbered: number) {
            focusPane(pane, &state)
            clampCursors(&state)
        }
        return
    }
    if id == .meetingClose { state.meetingCloseArmed = closeArmed }
    perform(id, on: &state)
}

func perform(_ id: CommandID, on state: inout AppState) {
    let lang = state.lang
    if let reason = CommandRegistry.command(id).unavailableReason(state) {
        state.flash = reason
        return
    }
    switch id {
    case .quit:
        // Held decisions (a locked file, a full disk) are not given up without a word.
        if case .waiting(let pending, let reason) = state.storeStatus, !state.quitWarned {
            state.quitWarned = true
            state.flash = lang.pick("\(pending) keputusan belum tersimpan (\(reason)); tekan q lagi untuk keluar tanpa menyimpannya",
                                    "\(pending) decision\(pending == 1 ? "" : "s") not saved yet (\(reason)); press q again to quit without \(pending == 1 ? "it" : "them")")
            return
        }
        state.shouldQuit = true
    case .helpShow:
        state.overlay = .help(scroll: 0)
    case .paletteOpen:
        state.overlay = .palette(query: "", selected: 0)
    case .paneNext:
        focusPane(state.panes.pane(after: state.focus, step: 1), &state)
    case .panePrevious:
        focusPane(state.panes.pane(after: state.focus, step: -1), &state)
    case .paneRegions, .paneIndicators, .paneRecommendations, .paneDetail:
        let number = [CommandID.paneRegions, .paneIndicators, .paneRecommendations, .paneDetail].firstIndex(of: id)! + 1
        if let pane = state.panes.pane(numbered: number) { focusPane(pane, &state) }
    case .rowDown: move(&state, by: 1)
    case .rowUp: move(&state, by: -1)
    case .pageDown: move(&state, by: max(1, pageHeight(state) - 1))
    case .pageUp: move(&state, by: -max(1, pageHeight(state) - 1))
    case .rowFirst: move(&state, by: -1_000_000_000)
    case .rowLast: move(&state, by: 1_000_000_000)
    case .regionDrill:
        // Enter: what the focused pane does with its selection.
        state.panes.spec(state.focus).activate?(&state)
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
    case .recommendationStatus, .recommendationNote, .recommendationDeadline, .recommendationOwner, .recommendationEvaluate:
        guard let recommendation = state.selectedRecommendation else { return } // see disabledReason
        let kind: EditForm.Kind = id == .recommendationStatus ? .status : id == .recommendationNote ? .note
            : id == .recommendationDeadline ? .deadline : id == .recommendationOwner ? .owner : .evaluation
        let statuses = RecommendationStatus.allCases
        var form = EditForm(kind: kind, recommendationID: recommendation.id,
                            choice: statuses.firstIndex(of: recommendation.status) ?? 0, text: "", error: nil)
        if kind == .deadline { form.text = recommendation.deadline?.iso ?? "" }
        if kind == .owner { form.text = recommendation.owner }
        if kind == .evaluation {
            // The recorded evaluation, else "achieved" and "not known yet".
            form.choice = recommendation.outcome.flatMap { FollowUpOutcome.allCases.firstIndex(of: $0) } ?? 0
            form.riskChoice = recommendation.riskImproved.flatMap { RiskChange.allCases.firstIndex(of: $0) } ?? RiskChange.allCases.count - 1
        }
        state.overlay = .form(form)
    case .recommendationAdd:
        // The region on the slide, else the selected one; the rest is typed.
        let region = state.presentation?.current ?? state.selectedRegion
        var form = EditForm(kind: .newRecommendation, recommendationID: "", choice: 0, text: "")
        form.fields = NewRecommendationField.allCases.map { _ in TextField("") }
        form.fields[NewRecommendationField.region.rawValue] = TextField(region == state.dataset.root ? "" : state.dataset.region(region).code.text)
        form.field = form.fields[0]
        state.overlay = .form(form)
    case .meetingEdit:
        guard let meeting = state.openMeetingID.flatMap({ state.context.followUp.meetings[$0] }) else { return } // see disabledReason
        var form = EditForm(kind: .meeting, recommendationID: meeting.id, choice: 0, text: "")
        form.fields = MeetingFormField.allCases.map { field in
            switch field {
            case .title: TextField(meeting.title)
            case .date: TextField(meeting.date)
            case .time: TextField(meeting.time ?? "")
            case .place: TextField(meeting.place ?? "")
            case .chair: TextField(meeting.chair ?? "")
            case .attendees: TextField(meeting.attendees.map(\.text).joined(separator: "; "))
            case .agenda: TextField(meeting.agenda.map(\.text).joined(separator: ", "))
            }
        }
        form.field = form.fields[0]
        state.overlay = .form(form)
    case .meetingClose:
        guard let meeting = state.openMeetingID.flatMap({ state.context.followUp.meetings[$0] }) else { return } // see disabledReason
        guard state.meetingCloseArmed == meeting.id else {
            state.meetingCloseArmed = meeting.id
            state.flash = lang.pick("Tekan T lagi untuk menutup rapat: ", "Press T again to close the meeting: ") + meeting.title
            return
        }
        state.meetingCloseArmed = nil
        var closed = meeting
        // Stamped with the moment it is written, as every decision (FollowUpSession).
        closed.closedAt = ""
        state.outbox.append(FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: meeting.encoded(),
                                          newValue: closed.encoded(), author: state.author, recordedAt: ""))
        state.openMeetingID = nil
        state.flash = lang.pick("Rapat ditutup: ", "Meeting closed: ") + meeting.title
    case .meetingCycle:
        // The meetings not closed, newest first, then none again.
        let meetings = state.context.followUp.meetings.all.filter { !$0.isClosed }
        guard !meetings.isEmpty else {
            state.flash = lang.pick("Belum ada rapat terbuka; siapkan dengan pantau meeting new", "No open meeting yet; prepare one with pantau meeting new")
            return
        }
        let next = state.openMeetingID.flatMap { id in meetings.firstIndex { $0.id == id } }.map { $0 + 1 } ?? 0
        if next < meetings.count {
            state.openMeetingID = meetings[next].id
            state.flash = lang.pick("Rapat dibuka: ", "Meeting open: ") + meetings[next].title
                + lang.pick(" — keputusan dicatat untuknya", " — decisions are linked to it")
        } else {
            state.openMeetingID = nil
            state.flash = lang.pick("Tanpa rapat: keputusan tidak dikaitkan dengan rapat", "No meeting: decisions are not linked to a meeting")
        }
    case .changeUndo:
        guard let last = undoTarget(state) else { return } // see disabledReason
        guard let current = state.dataset.recommendations.first(where: { $0.id == last.recommendationID }),
              let undo = FollowUpUndo.undoEvent(for: last, current: current, author: state.author, at: "") else {
            state.flash = lang.pick("Perubahan ini tidak dapat dibatalkan", "This change cannot be undone")
            return
        }
        state.outbox.append(undo)
    case .overlaysShare:
        state.sharesOverlays.toggle()
        state.flash = state.sharesOverlays
            ? lang.pick("Bantuan, palet dan formulir kini juga tampil di layar pengikut (S: berhenti)", "Help, palette and forms now show on following screens too (S: stop)")
            : lang.pick("Bantuan, palet dan formulir hanya di layar ini", "Help, palette and forms on this screen only")
    case .themeCycle:
        state.theme = state.theme.next
        state.flash = lang.pick("Tema: ", "Theme: ") + state.theme.title(lang)
    case .presentationToggle:
        state.closeViews()
        if let presentation = state.presentation {
            state.presentation = nil
            state.suspendedPresentation = presentation
            if let region = presentation.current { show(region, &state) }
        } else {
            state.presentation = resumedPresentation(state) ?? startPresentation(state)
            state.suspendedPresentation = nil
            state.overlay = nil
            state.filterEditing = false
        }
    case .presentationClose:
        if let region = state.presentation?.current { show(region, &state) }
        state.suspendedPresentation = state.presentation
        state.presentation = nil
    case .slideScrollDown, .slideScrollUp, .slidePageDown, .slidePageUp:
        guard var presentation = state.presentation, let region = presentation.current else { return }
        let count = slideRecommendations(state, region).count
        let page = SlideLayout(state.size).recommendationCapacity
        let step = switch id {
        case .slideScrollDown: 1
        case .slideScrollUp: -1
        case .slidePageDown: page
        default: -page
        }
        presentation.selected = min(max(0, presentation.selected + step), max(0, count - 1))
        keepSlideSelectionInView(&presentation, count: count, page: page)
        state.presentation = presentation
    case .agendaNext, .agendaPrevious:
        guard var presentation = state.presentation, !presentation.agenda.isEmpty else { return }
        let step = id == .agendaNext ? 1 : -1
        let target = presentation.position + step
        if target < 0 || target >= presentation.agenda.count {
            state.flash = id == .agendaNext ? lang.pick("Akhir agenda", "End of the agenda") : lang.pick("Awal agenda", "Start of the agenda")
            return
        }
        presentation.position = target
        presentation.scroll = 0
        presentation.selected = 0
        state.presentation = presentation
    case .recommendationFilterOrigin:
        let origins = RecommendationOrigin.allCases
        if let current = state.originFilter, let index = origins.firstIndex(of: current) {
            state.originFilter = index + 1 < origins.count ? origins[index + 1] : nil
        } else {
            state.originFilter = origins.first
        }
        state.recommendationCursor = ListCursor()
        state.flash = lang.pick("Asal: ", "Origin: ") + (state.originFilter?.title(lang) ?? lang.pick("semua", "all"))
    case .languageToggle:
        state.lang = state.lang == .id ? .en : .id
        state.flash = state.lang.pick("Bahasa: Indonesia", "Language: English")
    case .regionMark:
        let region = state.selectedRegion
        let name = displayName(state.dataset.region(region).name, compact: true)
        if let index = state.marks.firstIndex(of: region) {
            state.marks.remove(at: index)
            state.flash = lang.pick("Tanda dilepas: \(name) (\(state.marks.count)/\(AppState.maxMarks))",
                                    "Unmarked: \(name) (\(state.marks.count)/\(AppState.maxMarks))")
        } else if state.marks.count >= AppState.maxMarks {
            state.flash = lang.pick("Sudah \(AppState.maxMarks) wilayah ditandai (maksimal); lepas satu dengan m atau hapus semua dengan X",
                                    "Already \(AppState.maxMarks) regions marked (the most); unmark one with m or clear all with X")
        } else {
            state.marks.append(region)
            state.flash = lang.pick("Ditandai: \(name) (\(state.marks.count)/\(AppState.maxMarks))", "Marked: \(name) (\(state.marks.count)/\(AppState.maxMarks))")
                + (state.marks.count >= 2 ? lang.pick(" · M bandingkan", " · M compares") : "")
        }
    case .marksClear:
        state.flash = state.marks.isEmpty ? lang.pick("Tidak ada wilayah bertanda", "No region is marked")
            : lang.pick("Semua tanda dihapus (\(state.marks.count))", "All marks cleared (\(state.marks.count))")
        state.marks = []
        if state.view == .compare { state.stack.removeLast() }
    case .compareOpen:
        openView(.compare, &state)
    case .scorecardOpen:
        openView(.scorecard(state.selectedRegion), &state)
    case .programmesOpen:
        openView(.programmes(state.selectedRegion), &state)
    case .viewClose:
        // Back to the view below (the comparison a scorecard was opened from, its row
        // still selected), else the dashboard.
        if state.mode == .view { state.stack.removeLast() }
        if state.mode == .view { moveInView(&state, by: 0) } // its selected row on screen
    case .viewOpenRow:
        guard let region = selectedViewRegion(state), let view = state.view else { return } // see disabledReason
        if case .programmes = view {
            // A programme's region: back to the dashboard on it.
            state.closeViews()
            show(region, &state)
        } else {
            state.stack.append(.view(.scorecard(region), scroll: 0, selection: 0))
        }
    }
    clampCursors(&state)
}

/// The session's last change that is not undone yet: what `u` would undo.
func undoTarget(_ state: AppState) -> FollowUpEvent? {
    let undone = Set(state.sessionEvents.compactMap(\.undoes))
    return state.sessionEvents.last { $0.undoes == nil && $0.id != nil && !undone.contains($0.id!) }
}

/// Focuses a pane; a list pane that Detail explains becomes what Detail explains.
func focusPane(_ pane: Pane, _ state: inout AppState) {
    state.focus = pane
    if state.panes.spec(pane).explainedByDetail {
        state.detailSource = pane
        state.detailScroll = 0
    }
}

/// Opens a full-screen view over the dashboard (any view open before is closed).
private func openView(_ view: DecisionView, _ state: inout AppState) {
    state.closeViews()
    state.stack.append(.view(view, scroll: 0, selection: 0))
    state.filterEditing = false
}

/// The rows a page key moves: the view's body, else the focused pane's.
private func pageHeight(_ state: AppState) -> Int {
    state.mode == .view ? viewBodyHeight(state) : visibleRows(state, state.focus)
}

/// Moves the focused pane's selection (a text pane: its first line shown), or the view's.
/// The same for every pane: only its row count and height matter.
private func move(_ state: inout AppState, by delta: Int) {
    if state.mode == .view {
        moveInView(&state, by: delta)
        return
    }
    let pane = state.focus
    let spec = state.panes.spec(pane)
    let visible = visibleRows(state, pane)
    switch spec.content {
    case .list(_, let rows):
        var cursor = state.cursors[pane] ?? ListCursor()
        let before = cursor.selected
        cursor.move(by: delta, count: rows(state), visible: visible)
        state.cursors[pane] = cursor
        spec.selectionMoved?(&state, cursor.selected != before)
    case .text:
        var cursor = state.cursors[pane] ?? ListCursor()
        cursor.top = max(0, min(cursor.top + delta, maxTextScroll(state, pane)))
        state.cursors[pane] = cursor
    }
}

/// Enter on the Regions pane: into the selected region (a desa: shown among its siblings).
func drillIntoSelectedRegion(_ state: inout AppState) {
    let lang = state.lang
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
        focusPane(state.detailSource, &state)
        return
    }
    if state.focus != .regions {
        focusPane(.regions, &state)
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
    let matches = paletteMatches(query, state.lang, mode: state.mode)
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
    case .backspace, .delete, .control("u"), .control("w"):
        state.overlay = .palette(query: erased(query, key), selected: 0)
    case .character(let character):
        state.overlay = .palette(query: query + String(character), selected: 0)
    default:
        break
    }
}

/// A prompt typed at its end (the `/` filter, the palette) after an erasing key:
/// BSpace/Del the last character, `C-w` the last word, `C-u` everything.
func erased(_ text: String, _ key: Key) -> String {
    switch key {
    case .control("u"): return ""
    case .control("w"):
        var field = TextField(text)
        field.deleteWordBackward()
        return field.text
    default: return String(text.dropLast())
    }
}

/// Commands whose title or name contains every word of the query.
public func paletteMatches(_ query: String, _ lang: Language, mode: Mode = .dashboard) -> [Command] {
    let words = TextFolding.fold(query).split(separator: " ")
    return CommandRegistry.commands(in: mode).filter { command in
        guard command.id != .paletteOpen else { return false }
        let haystack = TextFolding.fold(command.title(lang) + " " + command.id.rawValue)
        return words.allSatisfy { haystack.contains($0) }
    }
}

/// Scrolls a slide so its selection shows; the last page stays full (scrolling stops
/// once the last recommendation shows).
func keepSlideSelectionInView(_ presentation: inout Presentation, count: Int, page: Int) {
    presentation.selected = min(presentation.selected, max(0, count - 1))
    if presentation.selected < presentation.scroll { presentation.scroll = presentation.selected }
    if presentation.selected >= presentation.scroll + page { presentation.scroll = presentation.selected - page + 1 }
    presentation.scroll = min(max(0, presentation.scroll), max(0, count - page))
}

func clampCursors(_ state: inout AppState) {
    if var presentation = state.presentation, let region = presentation.current {
        // A decision can take a recommendation off the slide (done): the selection stays in the list.
        keepSlideSelectionInView(&presentation, count: slideRecommendations(state, region).count,
                                 page: SlideLayout(state.size).recommendationCapacity)
        state.presentation = presentation
    }
    // No view, no view scroll (a programme's region opened from its view left it set).
    if state.mode == .view { state.viewScroll = min(state.viewScroll, maxViewScroll(state)) }
    // Every list pane's selection within its rows and on screen.
    for spec in state.panes.specs {
        guard case .list(_, let rows) = spec.content else { continue }
        var cursor = state.cursors[spec.id] ?? ListCursor()
        cursor.clamp(count: rows(state), visible: visibleRows(state, spec.id))
        state.cursors[spec.id] = cursor
    }
}

/// Rows a pane shows at the current size (its content height minus its column titles).
func visibleRows(_ state: AppState, _ pane: Pane) -> Int {
    guard case .panes(let layout) = Layout.compute(state.size, panes: state.panes) else { return 1 }
    return max(1, layout.rect(for: pane).inner.height - state.panes.spec(pane).headerRows)
}

/// How far a text pane scrolls: its lines at its width, less what its height shows.
func maxTextScroll(_ state: AppState, _ pane: Pane) -> Int {
    guard case .panes(let layout) = Layout.compute(state.size, panes: state.panes),
          case .text(let lines) = state.panes.spec(pane).content else { return 0 }
    let inner = layout.rect(for: pane).inner
    return max(0, lines(state, inner.width) - inner.height)
}

func maxDetailScroll(_ state: AppState) -> Int { maxTextScroll(state, .detail) }

func maxHelpScroll(_ state: AppState) -> Int {
    let inner = helpRect(state.size).inner
    return max(0, helpLines(state, width: inner.width).count - inner.height)
}

/// Typing into a decision form. Enter records the decision (as an event in the outbox),
/// Esc cancels; nothing is written until the user confirms.
/// Returns whether the form stays open.
private func handleForm(_ key: Key, form: inout EditForm, on state: inout AppState) -> Bool {
    let lang = state.lang
    if key != .tab { form.completion = nil }
    if form.kind == .newRecommendation, key != .escape { return handleNewRecommendation(key, form: &form, on: &state) }
    if form.kind == .meeting, key != .escape { return handleMeetingForm(key, form: &form, on: &state) }
    switch key {
    case .escape:
        state.flash = lang.pick("Dibatalkan, tidak ada yang disimpan", "Cancelled, nothing saved")
        return false
    case .up where form.kind == .status:
        form.choice = max(0, form.choice - 1)
    case .down where form.kind == .status:
        form.choice = min(RecommendationStatus.allCases.count - 1, form.choice + 1)
    case .tab where form.kind == .owner:
        completeOwner(&form, state)
    case .tab where form.kind == .evaluation, .backTab where form.kind == .evaluation:
        form.choosingRisk.toggle()
    case .up where form.kind == .evaluation:
        if form.choosingRisk { form.riskChoice = max(0, form.riskChoice - 1) } else { form.choice = max(0, form.choice - 1) }
    case .down where form.kind == .evaluation:
        if form.choosingRisk {
            form.riskChoice = min(RiskChange.allCases.count - 1, form.riskChoice + 1)
        } else {
            form.choice = min(FollowUpOutcome.allCases.count - 1, form.choice + 1)
        }
    case .enter:
        guard let recommendation = state.dataset.recommendations.first(where: { $0.id == form.recommendationID }) else {
            return false
        }
        // The one text rule (TextRules): an OPD is a name, everything else free text.
        let checked = form.kind == .owner ? TextRules.identifier(form.text) : TextRules.freeText(form.text)
        guard case .success(let note) = checked else {
            if case .failure(let violation) = checked {
                form.error = lang.pick("Teks berisi ", "The text holds ") + violation.message(lang)
                    + lang.pick("; hapus karakter itu", "; delete that character")
            }
            break
        }
        var event: FollowUpEvent?
        switch form.kind {
        case .status:
            let status = RecommendationStatus.allCases[form.choice]
            if status == recommendation.status {
                form.error = lang.pick("Status tidak berubah; pilih status lain atau Esc", "Status unchanged; choose another or Esc")
            } else {
                event = FollowUpEvent(recommendationID: recommendation.id, field: .status, oldValue: recommendation.status.rawValue,
                                      newValue: status.rawValue, note: note.isEmpty ? nil : note, author: state.author, recordedAt: "")
            }
        case .note:
            if note.isEmpty {
                form.error = lang.pick("Catatan kosong; ketik catatan atau Esc", "Empty note; type a note or Esc")
            } else {
                event = FollowUpEvent(recommendationID: recommendation.id, field: .note, oldValue: nil, newValue: note,
                                      author: state.author, recordedAt: "")
            }
        case .deadline:
            if !note.isEmpty && LocalDate(iso: note) == nil {
                form.error = lang.pick("Tanggal '\(note)' tidak sah; tulis TTTT-BB-HH", "Date '\(note)' is not valid; write YYYY-MM-DD")
            } else if note == (recommendation.deadline?.iso ?? "") {
                form.error = lang.pick("Tenggat tidak berubah", "Deadline unchanged")
            } else {
                event = FollowUpEvent(recommendationID: recommendation.id, field: .deadline, oldValue: recommendation.deadline?.iso ?? "",
                                      newValue: note, author: state.author, recordedAt: "")
            }
        case .owner:
            if note.isEmpty {
                form.error = lang.pick("OPD tidak boleh kosong", "The owner OPD must not be empty")
            } else if note == recommendation.owner {
                form.error = lang.pick("OPD tidak berubah", "Owner unchanged")
            } else {
                event = FollowUpEvent(recommendationID: recommendation.id, field: .owner, oldValue: recommendation.owner,
                                      newValue: note, author: state.author, recordedAt: "")
            }
        case .newRecommendation, .meeting:
            return true   // handleNewRecommendation, handleMeetingForm
        case .evaluation:
            // One event per part that changed; the evidence goes with the first.
            let outcome = FollowUpOutcome.allCases[form.choice], risk = RiskChange.allCases[form.riskChoice]
            var events: [FollowUpEvent] = []
            if outcome != recommendation.outcome {
                events.append(FollowUpEvent(recommendationID: recommendation.id, field: .outcome, oldValue: recommendation.outcome?.rawValue ?? "",
                                            newValue: outcome.rawValue, author: state.author, recordedAt: ""))
            }
            if risk != recommendation.riskImproved {
                events.append(FollowUpEvent(recommendationID: recommendation.id, field: .riskImproved, oldValue: recommendation.riskImproved?.rawValue ?? "",
                                            newValue: risk.rawValue, author: state.author, recordedAt: ""))
            }
            if events.isEmpty {
                form.error = lang.pick("Evaluasi tidak berubah; pilih hasil atau risiko lain, atau Esc (bukti saja: n catatan)",
                                       "Evaluation unchanged; choose another outcome or risk, or Esc (evidence alone: n note)")
                break
            }
            if !note.isEmpty { events[0].note = note }
            state.outbox += events
            return false
        }
        if let event {
            state.outbox.append(event)
            return false
        }
    default:
        if editField(&form.field, key) { form.error = nil }
    }
    form.field.keepVisible(width: formFieldWidth(state.size, form.kind, lang))
    return true
}

/// The new-recommendation form (16.2): ↑↓ (and Tab/S-Tab, except on the OPD, where Tab
/// completes) move between its rows, ←→ choose the target group on its row, the other
/// keys edit the focused field. Enter checks every field by the contract's rules
/// (`RecommendationRecord.problem`) and records the recommendation as one event.
private func handleNewRecommendation(_ key: Key, form: inout EditForm, on state: inout AppState) -> Bool {
    let lang = state.lang
    let rows = NewRecommendationField.allCases.count + 1, groupRow = rows - 1
    func focus(_ row: Int) { form.focusRow(row, rows: rows) }
    func text(_ field: NewRecommendationField) -> String { form.rowText(field.rawValue).trimmingCharacters(in: .whitespaces) }
    let groups = [nil] + AuditTargetGroup.allCases.map(Optional.some)
    switch key {
    case .up, .backTab: focus(form.focus - 1)
    case .down: focus(form.focus + 1)
    case .tab where form.focus == NewRecommendationField.owner.rawValue:
        completeOwner(&form, state)
    case .tab: focus(form.focus + 1)
    case .left where form.focus == groupRow: form.choice = (form.choice + groups.count - 1) % groups.count
    case .right where form.focus == groupRow, .character(" ") where form.focus == groupRow:
        form.choice = (form.choice + 1) % groups.count
    case .enter:
        let meeting = state.openMeetingID.flatMap { state.context.followUp.meetings[$0] }
        let code = text(.region), deadlineText = text(.deadline)
        let deadline = LocalDate(iso: deadlineText)
        if !deadlineText.isEmpty && deadline == nil {
            focus(NewRecommendationField.deadline.rawValue)
            form.error = lang.pick("Tenggat '\(deadlineText)' tidak sah; tulis TTTT-BB-HH", "Deadline '\(deadlineText)' is not valid; write YYYY-MM-DD")
            break
        }
        let cycle = meeting.map(RecommendationRecord.cycle(of:)) ?? String(state.context.today.year)
        let ids = Set(state.dataset.recommendations.map(\.id))
        let record = RecommendationRecord(
            id: RecommendationRecord.newID(region: code, cycle: cycle, taken: ids.contains), kode: code, siklus: cycle,
            asal: meeting.map(RecommendationRecord.origin(of:)) ?? .lainnya, temuan: text(.finding), rekomendasi: text(.text),
            opd: TextRules.canonicalName(text(.owner)), tenggat: deadline, sasaran: groups[form.choice], rapat: meeting?.id)
        if let problem = record.problem(lang, regionExists: { RegionCode($0).flatMap(state.dataset.index(of:)) != nil }) {
            // The message names the command-line option; the form names its row instead.
            let rowOf: [String: NewRecommendationField] = ["--region": .region, "--opd": .owner, "--text": .text, "--finding": .finding, "--deadline": .deadline]
            let option = String(problem.prefix { $0 != ":" })
            if let row = rowOf[option] { focus(row.rawValue) }
            form.error = newRecommendationLabel(rowOf[option] ?? .text, lang).trimmingCharacters(in: .whitespaces)
                + " " + problem.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            break
        }
        state.outbox.append(FollowUpEvent(recommendationID: record.id, field: .recommendation, oldValue: nil, newValue: record.encoded(),
                                          author: state.author, recordedAt: "", meetingID: meeting?.id))
        return false
    default:
        if form.focus < groupRow, editField(&form.field, key) { form.error = nil }
    }
    form.field.keepVisible(width: formFieldWidth(state.size, form.kind, lang))
    return true
}

/// The meeting form (16.1, `E`): ↑↓ and Tab/S-Tab move between its rows, the other keys
/// edit the focused one. Enter checks the record by the same rules as `pantau meeting
/// edit` (`Meeting.problem`) and records it as one meeting event; nothing changed, nothing
/// recorded.
private func handleMeetingForm(_ key: Key, form: inout EditForm, on state: inout AppState) -> Bool {
    let lang = state.lang
    func focus(_ row: Int) { form.focusRow(row, rows: MeetingFormField.allCases.count) }
    func text(_ field: MeetingFormField) -> String { TextRules.canonicalName(form.rowText(field.rawValue)) }
    switch key {
    case .up, .backTab: focus(form.focus - 1)
    case .down, .tab: focus(form.focus + 1)
    case .enter:
        guard let current = state.context.followUp.meetings[form.recommendationID] else { return false }
        guard let attendees = MeetingAttendee.parseList(text(.attendees)) else {
            focus(MeetingFormField.attendees.rawValue)
            form.error = lang.pick("Peserta: tulis OPD|jabatan|nama; dipisah ;", "Attendees: write OPD|position|name, separated by ;")
            break
        }
        var meeting = current
        meeting.title = text(.title)
        meeting.date = text(.date)
        meeting.time = text(.time).isEmpty ? nil : text(.time)
        meeting.place = text(.place).isEmpty ? nil : text(.place)
        meeting.chair = text(.chair).isEmpty ? nil : text(.chair)
        meeting.attendees = attendees
        meeting.agenda = MeetingAgendaItem.parseList(text(.agenda))
        if let problem = meeting.problem(lang, regionExists: { RegionCode($0).flatMap(state.dataset.index(of:)) != nil }) {
            // The message names the command-line option; the form names its row instead.
            let rowOf: [String: MeetingFormField] = ["--title": .title, "--date": .date, "--time": .time, "--agenda": .agenda]
            let option = String(problem.prefix { $0 != ":" })
            if let row = rowOf[option] {
                focus(row.rawValue)
                form.error = meetingFormLabel(row, lang).trimmingCharacters(in: .whitespaces) + " "
                    + problem.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            } else {
                form.error = problem
            }
            break
        }
        guard meeting != current else {
            form.error = lang.pick("Rapat tidak berubah; ubah satu baris atau Esc", "Meeting unchanged; change a row or Esc")
            break
        }
        state.outbox.append(FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: current.encoded(),
                                          newValue: meeting.encoded(), author: state.author, recordedAt: ""))
        return false
    default:
        if editField(&form.field, key) { form.error = nil }
    }
    form.field.keepVisible(width: formFieldWidth(state.size, form.kind, lang))
    return true
}

/// The editing keys of a one-line field; returns whether the key was one of them.
func editField(_ field: inout TextField, _ key: Key) -> Bool {
    switch key {
    case .character(let character): field.insert(String(character))
    case .backspace: field.deleteBackward()
    case .delete, .control("d"): field.deleteForward()
    case .left, .control("b"): field.moveLeft()
    case .right, .control("f"): field.moveRight()
    case .home, .control("a"): field.moveToStart()
    case .end, .control("e"): field.moveToEnd()
    case .control("u"): field.deleteToStart()
    case .control("k"): field.deleteToEnd()
    case .control("w"): field.deleteWordBackward()
    default: return false
    }
    return true
}

/// `Tab` in the owner form: the OPD names of the dataset that start with what was typed
/// (then those that contain it), one after another on each `Tab`.
private func completeOwner(_ form: inout EditForm, _ state: AppState) {
    let lang = state.lang
    if var completion = form.completion, !completion.matches.isEmpty {
        completion.index = (completion.index + 1) % completion.matches.count
        form.text = completion.matches[completion.index]
        form.completion = completion
        form.error = nil
        return
    }
    let typed = form.text
    let folded = TextFolding.fold(typed.trimmingCharacters(in: .whitespaces))
    let owners = Set(state.dataset.recommendations.map(\.owner)).sorted()
    let starting = owners.filter { TextFolding.fold($0).hasPrefix(folded) }
    let containing = owners.filter { let name = TextFolding.fold($0); return !name.hasPrefix(folded) && name.contains(folded) }
    let matches = starting + containing
    guard !matches.isEmpty else {
        form.error = lang.pick("Tidak ada OPD yang cocok dengan '\(typed)'", "No owner OPD matches '\(typed)'")
        return
    }
    form.completion = EditForm.Completion(typed: typed, matches: matches, index: 0)
    form.text = matches[0]
    form.error = nil
}

/// The mouse: a click on a pane focuses it and selects the row under the pointer, a
/// double click then drills (or opens, as `Enter` does), the wheel moves three rows in the
/// pane under the pointer (or scrolls the view), and a click on a hint runs its command.
/// Overlays (help, palette, forms) ignore the mouse.
private func handleMouse(_ event: MouseEvent, on state: inout AppState) {
    guard state.overlay == nil, case .panes(let layout) = Layout.compute(state.size, panes: state.panes) else { return }
    if event.y == layout.status.y {
        guard event.kind == .click, !state.filterEditing,
              let item = hintBar(state, width: layout.status.width).items.first(where: { event.x >= $0.x && event.x < $0.x + $0.width })
        else { return }
        state.flash = nil
        perform(item.command, on: &state)
        return
    }
    let wheel = event.kind == .wheelUp ? -3 : event.kind == .wheelDown ? 3 : 0
    guard state.mode == .dashboard else {
        if wheel != 0 { state.flash = nil; move(&state, by: wheel); clampCursors(&state) }
        return
    }
    // One pane at a time: the click is on the one shown.
    guard let pane = layout.pane(at: event.x, event.y, focused: state.focus) else { return }
    state.flash = nil
    if state.filterEditing && pane != .regions { state.filterEditing = false }
    if pane != state.focus { focusPane(pane, &state) }
    if wheel != 0 {
        move(&state, by: wheel)
    } else if let row = rowUnder(event, pane: pane, layout: layout, state) {
        move(&state, by: row - (state.cursors[pane]?.selected ?? 0))
        if event.kind == .doubleClick { perform(.regionDrill, on: &state) }
    }
    clampCursors(&state)
}

/// The list row under a click in a pane (nil: the column titles, below the last row, or
/// a text pane).
private func rowUnder(_ event: MouseEvent, pane: Pane, layout: PaneLayout, _ state: AppState) -> Int? {
    let inner = layout.rect(for: pane).inner
    guard inner.contains(x: event.x, y: event.y), case .list(let header, let rows) = state.panes.spec(pane).content else { return nil }
    let row = (state.cursors[pane]?.top ?? 0) + event.y - inner.y - header
    return event.y - inner.y >= header && row < rows(state) ? row : nil
}

/// Pasted text goes into the field being typed in, as text: a line break becomes a
/// space. With no field open it is ignored, with a message, and never runs a command.
private func paste(_ text: String, on state: inout AppState) {
    state.flash = nil
    let lang = state.lang
    switch state.overlay {
    case .form(var form)?:
        state.overlay = nil
        form.completion = nil
        form.field.insert(text)
        form.error = nil
        form.field.keepVisible(width: formFieldWidth(state.size, form.kind, lang))
        state.overlay = .form(form)
    case .palette(let query, _)?:
        state.overlay = .palette(query: query + String(TextField.clean(text)), selected: 0)
    case .help?:
        break
    case nil where state.filterEditing:
        state.filterText += String(TextField.clean(text))
        state.regionCursor = ListCursor()
        clampCursors(&state)
    case nil:
        state.flash = lang.pick("Tempelan diabaikan: tidak ada isian yang terbuka (tempel di formulir atau setelah /)",
                                "Paste ignored: no text field is open (paste into a form or after /)")
    }
}

/// The agenda when `p` is pressed: the regions listed now (with any filter), starting
/// at the selected one; just the selected region when the list is only the aggregate row.
/// The agenda left with `p`, at the region now selected if it is on it (else where the
/// room was): a round trip to the dashboard to record a decision keeps the meeting's place.
func resumedPresentation(_ state: AppState) -> Presentation? {
    guard var presentation = state.suspendedPresentation, !presentation.agenda.isEmpty else { return nil }
    if let index = presentation.agenda.firstIndex(of: state.selectedRegion) {
        if index != presentation.position {
            presentation.scroll = 0
            presentation.selected = 0
        }
        presentation.position = index
    }
    return presentation
}

/// The open meeting's agenda (on the selected region when it is an item), else the
/// regions listed in pane 1.
func startPresentation(_ state: AppState) -> Presentation {
    if let meeting = Agenda.meetingPresentation(state, on: state.selectedRegion) { return meeting }
    var agenda = state.regionRows
    if state.regionRowsStartWithParent { agenda.removeFirst() }
    let selected = state.selectedRegion
    if agenda.isEmpty { agenda = [selected] }
    return Presentation(agenda: agenda, position: agenda.firstIndex(of: selected) ?? 0)
}

/// Puts the dashboard on `region`: its parent's list with it selected.
func show(_ region: RegionIndex, _ state: inout AppState) {
    state.filterText = ""
    state.focus = .regions
    state.detailSource = .regions
    if let parent = state.dataset.region(region).parent {
        state.path = state.dataset.breadcrumb(parent)
        state.regionCursor = ListCursor()
        if let row = state.regionRows.firstIndex(of: region) { state.regionCursor.selected = row }
    } else {
        state.path = [region]
        state.regionCursor = ListCursor()
    }
    state.indicatorCursor = ListCursor()
    state.recommendationCursor = ListCursor()
    clampCursors(&state)
}

/// What a follower's status line says when whom it follows changes.
public func followMessage(_ status: FollowStatus, _ lang: Language) -> String {
    switch status {
    case .following(let name): lang.pick("Mengikuti layar \(name)", "Following \(name)'s screen")
    case .waiting(let name?): lang.pick("Menunggu dasbor \(name)…", "Waiting for \(name)'s dashboard…")
    case .waiting(nil): lang.pick("Menunggu dasbor operator…", "Waiting for an operator's dashboard…")
    case .choosing(let names):
        lang.pick("Beberapa operator aktif (\(names.joined(separator: ", "))): pilih dengan --follow NAMA",
                  "Several operators are active (\(names.joined(separator: ", "))): choose one with --follow NAME")
    }
}

/// A follower's own input (key, paste, click) first closes the operator's overlay shown
/// here, then does what it does: nothing typed goes into the operator's form.
func closeMirroredOverlay(_ state: inout AppState) {
    guard state.overlayMirrored else { return }
    state.overlay = nil
    state.overlayMirrored = false
}
