import PantauKit

/// One line of the Detail pane or an overlay.
public struct StyledLine: Sendable {
    public var text: String
    public var role: StyleRole

    public init(text: String, role: StyleRole) {
        self.text = text
        self.role = role
    }
}

// MARK: Overlays

func overlayRect(_ size: Size, width: Int, height: Int) -> Rect {
    let w = min(width, size.width - 4), h = min(height, size.height - 2)
    return Rect(x: (size.width - w) / 2, y: (size.height - h) / 2, width: w, height: h)
}

func drawHelp(_ screen: inout ScreenBuffer, _ state: AppState, scroll: Int) {
    let lang = state.lang
    let rect = helpRect(screen.size)
    screen.fill(rect, role: .help)
    drawBox(&screen, rect, title: lang.pick("Bantuan · Esc tutup", "Help · Esc closes"), focused: true)
    let inner = rect.inner
    let lines = helpLines(state, width: inner.width)
    let start = min(scroll, max(0, lines.count - inner.height))
    for offset in 0..<inner.height where start + offset < lines.count {
        let line = lines[start + offset]
        screen.put(line.text, x: inner.x, y: inner.y + offset, role: line.role, maxWidth: inner.width)
    }
    screen.cursor = Point(x: inner.x, y: inner.y)
}

/// The help box uses the screen's width (up to 120 columns, beyond which lines get hard
/// to follow).
func helpRect(_ size: Size) -> Rect { overlayRect(size, width: 120, height: size.height - 2) }

/// The help box's lines for a state: the messages the status line showed (in full: a
/// long one is cut there), then every key of the mode.
func helpLines(_ state: AppState, width: Int) -> [StyledLine] {
    let messages = ([state.flash].compactMap { $0 } + state.recentMessages).prefix(AppState.recentMessageLimit)
    var lines: [StyledLine] = []
    // The operator's help shown on a follower: the messages are each screen's own.
    if !messages.isEmpty && !state.overlayMirrored {
        lines.append(StyledLine(text: state.lang.pick("Pesan terakhir (terbaru di atas)", "Recent messages (newest first)"), role: .help))
        for message in messages {
            for (index, part) in DisplayText.wrap(message, columns: max(10, width - 2)).enumerated() {
                lines.append(StyledLine(text: (index == 0 ? "• " : "  ") + part, role: .help))
            }
        }
        lines.append(StyledLine(text: "", role: .help))
    }
    // What cannot run now (read-only, nothing selected) is listed dim: it exists, and
    // its key says why.
    return lines + helpLines(state.lang, width: width, mode: state.mode) { $0.unavailableReason(state) != nil }
}

func helpLines(_ lang: Language, width: Int, mode: Mode = .dashboard, unavailable: (Command) -> Bool = { _ in false }) -> [StyledLine] {
    var lines: [StyledLine] = []
    let keyWidth = 16
    for command in CommandRegistry.commands(in: mode) {
        // Only the keys that run it in this mode (on a slide `n` is "next", not "note").
        let keys = command.keys.filter { $0 != .interrupt && CommandRegistry.command(for: $0, in: mode) == command.id }
            .map(\.label).joined(separator: " ")
        // A title longer than the line wraps under itself, never cut.
        let wrapped = DisplayText.wrap(command.title(lang), columns: max(10, width - keyWidth - 1))
        let role: StyleRole = unavailable(command) ? .dim : .help
        for (index, part) in wrapped.enumerated() {
            lines.append(StyledLine(text: DisplayText.pad(index == 0 ? keys : "", to: keyWidth) + " " + part, role: role))
        }
    }
    lines.append(StyledLine(text: "", role: .help))
    lines += DisplayText.wrap(lang.pick(
        "Saat mencari (/): ketik nama atau awal kode; Enter simpan, Esc batal, panah tetap memindah pilihan. Tren: ▲ naik ▼ turun ＝ tetap (turun = membaik). Setiap angka punya tahun; sumbernya di panel Rincian.",
        "While filtering (/): type a name or the start of a code; Enter keeps, Esc cancels, arrows still move. Trends: ▲ up ▼ down ＝ unchanged (down = better). Every figure has its year; its source is in the Detail pane."),
        columns: width).map { StyledLine(text: $0, role: .help) }
    return lines
}

func drawPalette(_ screen: inout ScreenBuffer, _ state: AppState, query: String, selected: Int) {
    let lang = state.lang
    let matches = paletteMatches(query, lang, mode: state.mode)
    let rect = overlayRect(screen.size, width: 100, height: min(screen.size.height - 2, max(1, matches.count) + 4))
    screen.fill(rect, role: .help)
    drawBox(&screen, rect, title: lang.pick("Perintah · Enter jalankan · Esc tutup", "Commands · Enter runs · Esc closes"), focused: true)
    let inner = rect.inner
    let prompt = ": " + query
    screen.put(prompt, x: inner.x, y: inner.y, role: .help, maxWidth: inner.width)
    let visible = max(1, inner.height - 1)
    if matches.isEmpty {
        screen.put(lang.pick("tidak ada yang cocok", "no match") + " · BSpace / C-u", x: inner.x, y: inner.y + 1, role: .dim, maxWidth: inner.width)
    }
    let top = max(0, selected - visible + 1)
    for (offset, command) in matches.dropFirst(top).prefix(visible).enumerated() {
        let y = inner.y + 1 + offset
        let keys = CommandRegistry.key(of: command, in: state.mode).map(\.label) ?? ""
        // What cannot run now is listed dim; choosing it says why.
        let role: StyleRole = command.unavailableReason(state) == nil ? .help : .dim
        screen.put(DisplayText.pad(command.title(lang), to: inner.width - 8) + " " + keys, x: inner.x, y: y, role: role, maxWidth: inner.width)
        if top + offset == selected { screen.restyle(x: inner.x, y: y, width: inner.width, role: .selected) }
    }
    screen.cursor = Point(x: min(inner.x + DisplayText.width(prompt), inner.x + inner.width - 1), y: inner.y)
}

/// One line of history: when (in `zone`, the recommendation's province's time), who, what changed (old → new), with undo and conflicts in words.
func eventSummary(_ event: FollowUpEvent, _ state: AppState, zone: IndonesianTimeZone) -> String {
    let lang = state.lang
    var when = event.recordedAt
    // Stored in UTC so terminals in WIB, WITA and WIT agree; read in the local time of the
    // recommendation's province, with the zone said.
    if let local = zone.localTime(ofUTC: when) {
        when = Format.date(local.date, lang) + " " + local.time + " " + zone.rawValue
    }
    func show(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "–" }
        if event.field == .status, let status = RecommendationStatus(rawValue: value) { return status.title(lang) }
        if event.field == .deadline, let date = LocalDate(iso: value) { return Format.date(date, lang) }
        if event.field == .outcome, let outcome = FollowUpOutcome(rawValue: value) { return outcome.title(lang) }
        if event.field == .riskImproved, let risk = RiskChange(rawValue: value) { return risk.title(lang) }
        return value
    }
    var what: String
    switch event.field {
    case .status: what = "status " + show(event.oldValue) + " → " + show(event.newValue)
    case .deadline: what = lang.pick("tenggat ", "deadline ") + show(event.oldValue) + " → " + show(event.newValue)
    case .owner: what = "OPD " + show(event.oldValue) + " → " + show(event.newValue)
    case .outcome: what = lang.pick("hasil ", "outcome ") + show(event.oldValue) + " → " + show(event.newValue)
    case .riskImproved: what = lang.pick("risiko membaik ", "risk improved ") + show(event.oldValue) + " → " + show(event.newValue)
    case .note: what = event.newValue.isEmpty ? lang.pick("catatan dihapus", "note removed") : lang.pick("catatan: ", "note: ") + "“" + event.newValue + "”"
    case .meeting: what = lang.pick("rapat", "meeting")
    case .recommendation: what = RecommendationRecord.decoded(event.newValue)?.isWithdrawn == true
        ? lang.pick("rekomendasi ditarik", "recommendation withdrawn") : lang.pick("rekomendasi dicatat dalam rapat", "recommendation recorded in a meeting")
    }
    if event.undoes != nil { what = lang.pick("batal: ", "undo: ") + what }
    if state.context.followUp.conflicts.contains(event.id ?? -1) {
        what += lang.pick(" (⚠ bersamaan dengan perubahan lain; yang terakhir berlaku)", " (⚠ concurrent with another change; the later one wins)")
    }
    return when + " · " + event.author + " · " + what
}

/// The label before a form's text field.
func formFieldLabel(_ kind: EditForm.Kind, _ lang: Language) -> String {
    switch kind {
    case .status: lang.pick("Catatan (opsional): ", "Note (optional): ")
    case .note: lang.pick("Catatan: ", "Note: ")
    case .deadline: lang.pick("Tenggat baru (TTTT-BB-HH, kosong = tanpa): ", "New deadline (YYYY-MM-DD, empty = none): ")
    case .owner: lang.pick("OPD baru: ", "New owner: ")
    case .evaluation: lang.pick("Bukti (opsional): ", "Evidence (optional): ")
    case .newRecommendation: newRecommendationLabel(.region, lang)
    case .meeting: meetingFormLabel(.title, lang)
    }
}

/// The meeting form's row labels, padded to one width.
func meetingFormLabel(_ field: MeetingFormField, _ lang: Language) -> String {
    func name(_ field: MeetingFormField) -> String {
        switch field {
        case .title: lang.pick("Judul:", "Title:")
        case .date: lang.pick("Tanggal:", "Date:")
        case .time: lang.pick("Jam:", "Time:")
        case .place: lang.pick("Tempat:", "Place:")
        case .chair: lang.pick("Pimpinan:", "Chair:")
        case .attendees: lang.pick("Peserta:", "Attendees:")
        case .agenda: "Agenda:"
        }
    }
    return paddedLabel(name(field), among: MeetingFormField.allCases.map(name))
}

/// The new-recommendation form's row labels, padded to one width so its fields line up.
func newRecommendationLabel(_ field: NewRecommendationField?, _ lang: Language) -> String {
    func name(_ field: NewRecommendationField?) -> String {
        switch field {
        case .region?: lang.pick("Wilayah:", "Region:")
        case .owner?: "OPD:"
        case .text?: lang.pick("Rekomendasi:", "Recommendation:")
        case .finding?: lang.pick("Temuan:", "Finding:")
        case .deadline?: lang.pick("Tenggat:", "Deadline:")
        case nil: lang.pick("Sasaran:", "Target group:")
        }
    }
    return paddedLabel(name(field), among: ([nil] + NewRecommendationField.allCases.map(Optional.some)).map(name))
}

/// `label` and one space, padded to the widest of `labels`, so a form's fields line up.
func paddedLabel(_ label: String, among labels: [String]) -> String {
    let width = labels.map(DisplayText.width).max() ?? 0
    return label + String(repeating: " ", count: width - DisplayText.width(label) + 1)
}

/// The form box's width at a size (the reducer scrolls the field with it, so it is a
/// layout rule, not drawing).
func formRectWidth(_ size: Size) -> Int { min(70, size.width - 4) }

/// Columns of a form's text field after its label.
func formFieldWidth(_ size: Size, _ kind: EditForm.Kind, _ lang: Language) -> Int {
    max(4, formRectWidth(size) - 2 - DisplayText.width(formFieldLabel(kind, lang)))
}

func drawForm(_ screen: inout ScreenBuffer, _ state: AppState, _ form: EditForm) {
    let lang = state.lang
    let statuses = RecommendationStatus.allCases
    let recommendation = state.dataset.recommendations.first { $0.id == form.recommendationID }
    var lines: [StyledLine] = []
    let title: String
    let label = formFieldLabel(form.kind, lang)
    // The field's line holds only its label here; the text is drawn from the field below.
    let fieldLine = StyledLine(text: label, role: .help)
    var fieldRow = 0
    let editKeys = lang.pick(" · ←→ C-a C-e C-u C-w", " · ←→ C-a C-e C-u C-w")
    /// A multi-row form's text rows: each label with its text, the focused one with its
    /// label only (the field is drawn into it below).
    func textRows(_ labels: [String]) {
        for (row, rowLabel) in labels.enumerated() {
            if row == form.focus {
                fieldRow = lines.count
                lines.append(StyledLine(text: rowLabel, role: .help))
            } else {
                lines.append(StyledLine(text: rowLabel + form.fields[row].text, role: .help))
            }
        }
    }
    switch form.kind {
    case .status:
        title = lang.pick("Ubah status · ", "Change status · ") + form.recommendationID
        lines.append(StyledLine(text: lang.pick("Sekarang: ", "Now: ") + (recommendation?.status.title(lang) ?? "–"), role: .help))
        for (index, status) in statuses.enumerated() {
            lines.append(StyledLine(text: (index == form.choice ? "▶ " : "  ") + status.title(lang), role: index == form.choice ? .selected : .help))
        }
        fieldRow = lines.count
        lines.append(fieldLine)
        lines.append(StyledLine(text: lang.pick("↑↓ pilih · ketik catatan · Enter simpan · Esc batal", "↑↓ choose · type a note · Enter saves · Esc cancels"), role: .dim))
    case .note:
        title = lang.pick("Tambah catatan · ", "Add a note · ") + form.recommendationID
        fieldRow = lines.count
        lines.append(fieldLine)
        lines.append(StyledLine(text: lang.pick("Enter simpan · Esc batal", "Enter saves · Esc cancels") + editKeys, role: .dim))
    case .deadline:
        title = lang.pick("Pindahkan tenggat · ", "Move deadline · ") + form.recommendationID
        lines.append(StyledLine(text: lang.pick("Sekarang: ", "Now: ") + (recommendation?.deadline.map { Format.date($0, lang) } ?? "–"), role: .help))
        fieldRow = lines.count
        lines.append(fieldLine)
        lines.append(StyledLine(text: lang.pick("Enter simpan · Esc batal", "Enter saves · Esc cancels") + editKeys, role: .dim))
    case .owner:
        title = lang.pick("Ganti OPD · ", "Change owner · ") + form.recommendationID
        lines.append(StyledLine(text: lang.pick("Sekarang: ", "Now: ") + (recommendation?.owner ?? "–"), role: .help))
        fieldRow = lines.count
        lines.append(fieldLine)
        var keys = lang.pick("Tab lengkapi · Enter simpan · Esc batal", "Tab completes · Enter saves · Esc cancels") + editKeys
        if let completion = form.completion, completion.matches.count > 1 {
            keys = "Tab \(completion.index + 1)/\(completion.matches.count) · " + keys
        }
        lines.append(StyledLine(text: keys, role: .dim))
    case .newRecommendation:
        let meeting = state.openMeetingID.flatMap { state.context.followUp.meetings[$0] }
        title = lang.pick("Rekomendasi baru", "New recommendation") + (meeting.map { " · " + $0.title } ?? "")
        let origin = meeting.map(RecommendationRecord.origin(of:)) ?? .lainnya
        let cycle = meeting.map(RecommendationRecord.cycle(of:)) ?? String(state.context.today.year)
        lines.append(StyledLine(text: lang.pick("Asal: ", "Origin: ") + origin.title(lang) + " · " + lang.pick("siklus ", "cycle ") + cycle, role: .dim))
        textRows(NewRecommendationField.allCases.map { newRecommendationLabel($0, lang) })
        let groups = [lang.pick("–", "–")] + AuditTargetGroup.allCases.map(\.rawValue)
        let onGroup = form.focus == NewRecommendationField.allCases.count
        if onGroup { fieldRow = Int.max }
        lines.append(StyledLine(text: newRecommendationLabel(nil, lang) + "‹ " + groups[form.choice] + " ›", role: onGroup ? .selected : .help))
        var keys = lang.pick("↑↓ baris · ←→ sasaran · Enter simpan · Esc batal", "↑↓ rows · ←→ target group · Enter saves · Esc cancels")
        if form.focus == NewRecommendationField.owner.rawValue { keys = lang.pick("Tab lengkapi OPD · ", "Tab completes · ") + keys }
        // A problem takes the keys' line, so the form still fits the smallest slide (40×12).
        if form.error == nil { lines.append(StyledLine(text: keys, role: .dim)) }
    case .meeting:
        title = lang.pick("Ubah rapat · ", "Edit meeting · ") + form.recommendationID
        textRows(MeetingFormField.allCases.map { meetingFormLabel($0, lang) })
        let shape: String? = switch MeetingFormField(rawValue: form.focus) {
        case .date?: lang.pick("TTTT-BB-HH", "YYYY-MM-DD")
        case .time?: lang.pick("JJ:MM, waktu setempat", "HH:MM, local time")
        case .attendees?: lang.pick("OPD|jabatan|nama; …", "OPD|position|name; …")
        case .agenda?: lang.pick("KODE=topik, …", "CODE=topic, …")
        default: nil
        }
        let keys = (shape.map { $0 + " · " } ?? "") + lang.pick("↑↓ baris · Enter simpan · Esc batal", "↑↓ rows · Enter saves · Esc cancels")
        // A problem takes the keys' line, so the form still fits the smallest slide.
        if form.error == nil { lines.append(StyledLine(text: keys, role: .dim)) }
    case .evaluation:
        title = lang.pick("Evaluasi tindak lanjut · ", "Evaluate follow-up · ") + form.recommendationID
        lines.append(StyledLine(text: lang.pick("Sekarang: hasil ", "Now: outcome ") + (recommendation?.outcome?.title(lang) ?? "–") + " · "
                                + lang.pick("risiko membaik ", "risk improved ") + (recommendation?.riskImproved?.title(lang) ?? "–"), role: .help))
        // The list ↑↓ moves in shows ▶ on its choice; the other keeps its choice with ●.
        func choices(_ heading: String, _ titles: [String], chosen: Int, active: Bool) {
            lines.append(StyledLine(text: heading, role: active ? .help : .dim))
            for (index, name) in titles.enumerated() {
                let marker = index == chosen ? (active ? "▶ " : "● ") : "  "
                lines.append(StyledLine(text: marker + name, role: index == chosen && active ? .selected : .help))
            }
        }
        // On a small grid (a slide at 40×12) each list is one line showing its choice.
        let compact = screen.size.height < 3 + FollowUpOutcome.allCases.count + RiskChange.allCases.count + 6
        if compact {
            let outcome = FollowUpOutcome.allCases[form.choice].title(lang), risk = RiskChange.allCases[form.riskChoice].title(lang)
            lines.append(StyledLine(text: lang.pick("Hasil: ", "Outcome: ") + "‹ " + outcome + " ›", role: form.choosingRisk ? .help : .selected))
            lines.append(StyledLine(text: lang.pick("Risiko membaik: ", "Risk improved: ") + "‹ " + risk + " ›", role: form.choosingRisk ? .selected : .help))
        } else {
            choices(lang.pick("Hasil tindak lanjut:", "Outcome of the follow-up:"), FollowUpOutcome.allCases.map { $0.title(lang) },
                    chosen: form.choice, active: !form.choosingRisk)
            choices(lang.pick("Risiko kasus membaik:", "The audited case's risk improved:"), RiskChange.allCases.map { $0.title(lang) },
                    chosen: form.riskChoice, active: form.choosingRisk)
        }
        fieldRow = lines.count
        lines.append(fieldLine)
        lines.append(StyledLine(text: lang.pick("↑↓ pilih · Tab hasil/risiko · ketik bukti · Enter simpan · Esc batal",
                                                "↑↓ choose · Tab outcome/risk · type evidence · Enter saves · Esc cancels"), role: .dim))
    }
    if let error = form.error { lines.append(StyledLine(text: error, role: .error)) }
    let rect = overlayRect(screen.size, width: formRectWidth(screen.size), height: lines.count + 2)
    screen.fill(rect, role: .help)
    drawBox(&screen, rect, title: title, focused: true)
    let inner = rect.inner
    for (offset, line) in lines.prefix(inner.height).enumerated() {
        // A row too long for the box (another row's text, a problem) ends with "…".
        screen.put(DisplayText.truncate(line.text, to: inner.width), x: inner.x, y: inner.y + offset, role: line.role, maxWidth: inner.width)
        if line.role == .selected { screen.restyle(x: inner.x, y: inner.y + offset, width: inner.width, role: .selected) }
    }
    // The field: only the characters in view are looked at, however long the text.
    let typingRow = fieldRow
    guard typingRow < inner.height else { return }
    let labelWidth = DisplayText.width(label)
    let fieldX = inner.x + labelWidth
    let fieldWidth = max(1, inner.width - labelWidth)
    let shown = form.field.visible(width: fieldWidth)
    let used = screen.put(shown.text, x: fieldX, y: inner.y + typingRow, role: .help, maxWidth: fieldWidth)
    if form.field.cursor == form.field.characters.count && used < fieldWidth {
        screen.put("▏", x: fieldX + used, y: inner.y + typingRow, role: .help)
    }
    if form.field.offset > 0 { screen.put("‹", x: fieldX - 1, y: inner.y + typingRow, role: .dim) }
    if shown.more { screen.put("›", x: rect.x + rect.width - 1, y: inner.y + typingRow, role: .borderFocused) }
    // The cursor goes where the user types.
    screen.cursor = Point(x: fieldX + shown.cursorColumn, y: inner.y + typingRow)
}
