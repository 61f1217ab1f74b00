import PantauKit

/// One line of the Detail pane or an overlay.
struct StyledLine {
    var text: String
    var role: StyleRole
}

/// The text of the Detail pane: it explains the selection of the last list pane used.
func detailLines(_ state: AppState, width: Int) -> [StyledLine] {
    let lang = state.lang
    let dataset = state.dataset
    var lines: [StyledLine] = []
    func heading(_ text: String) { lines.append(StyledLine(text: text, role: .title)) }
    func field(_ label: String, _ value: String, role: StyleRole = .normal) {
        let wrapped = DisplayText.wrap(label + ": " + value, columns: width)
        lines += wrapped.map { StyledLine(text: $0, role: role) }
    }
    func paragraph(_ text: String, role: StyleRole = .normal) {
        lines += DisplayText.wrap(text, columns: width).map { StyledLine(text: $0, role: role) }
    }
    func blank() { lines.append(StyledLine(text: "", role: .normal)) }

    switch state.detailSource {
    case .recommendations:
        guard let recommendation = state.selectedRecommendation else {
            paragraph(lang.pick("Tidak ada rekomendasi terpilih.", "No recommendation selected."), role: .dim)
            return lines
        }
        heading(recommendation.id)
        let region = dataset.region(recommendation.region)
        field(lang.pick("Wilayah", "Region"), "\(region.name) (\(region.code))")
        field(lang.pick("Asal", "Origin"), recommendation.origin.title(lang) + (recommendation.cycle.isEmpty ? "" : " · " + recommendation.cycle))
        if !recommendation.category.isEmpty { field(lang.pick("Kategori", "Category"), recommendation.category) }
        field("OPD", recommendation.owner)
        field(lang.pick("Tenggat", "Deadline"), recommendation.deadline.map { Format.date($0, lang) } ?? "–")
        field("Status", recommendation.status.title(lang))
        if let overdue = overdueText(recommendation, today: state.context.today, compact: false, lang) {
            paragraph(overdue, role: .overdue)
        }
        if recommendation.outcome != nil || recommendation.riskImproved != nil {
            field(lang.pick("Evaluasi", "Evaluation"), (recommendation.outcome?.title(lang) ?? "–") + " · "
                  + lang.pick("risiko kasus membaik: ", "case risk improved: ") + (recommendation.riskImproved?.title(lang) ?? "–"))
        }
        let history = state.context.followUp.history[recommendation.id] ?? []
        if !history.isEmpty {
            blank(); heading(lang.pick("Riwayat tindak lanjut", "Follow-up history"))
            for event in history {
                paragraph(eventSummary(event, state, zone: state.timeZones.zone(of: region.code)), role: state.context.followUp.conflicts.contains(event.id ?? -1) ? .warning : .normal)
                if let note = event.note, !note.isEmpty, event.field != .note { paragraph("  “" + note + "”", role: .dim) }
            }
        }
        if !recommendation.finding.isEmpty {
            blank(); heading(lang.pick("Temuan", "Finding")); paragraph(recommendation.finding)
        }
        blank(); heading(lang.pick("Rekomendasi", "Recommendation")); paragraph(recommendation.text)
        // Line 0: recorded in a meeting as an event (`Dataset.addingRecorded`), not a CSV row.
        blank(); paragraph(recommendation.line == 0
            ? lang.pick("dicatat dalam rapat (belum di rekomendasi.csv; pantau state export-csv)", "recorded in a meeting (not yet in rekomendasi.csv; pantau state export-csv)")
            : lang.pick("rekomendasi.csv baris \(recommendation.line)", "rekomendasi.csv line \(recommendation.line)"), role: .dim)
    case .indicators:
        let region = state.selectedRegion
        guard let row = state.selectedIndicatorRow else {
            paragraph(lang.pick("Belum ada angka untuk wilayah ini.", "No figures for this region yet."), role: .dim)
            return lines
        }
        switch row {
        case .figure(let figure):
            heading(figure.indicator.title(lang) + " \(figure.year)")
            field(lang.pick("Nilai", "Value"), Format.value(figure.value, decimals: figure.decimals, unit: figure.indicator.unit, lang))
            field(lang.pick("Wilayah", "Region"), dataset.region(region).name)
            blank(); heading(lang.pick("Sumber", "Source"))
            if let source = dataset.sources[figure.sourceID] {
                paragraph(source.title)
                field(lang.pick("Penerbit", "Publisher"), source.publisher)
                if let year = source.year { field(lang.pick("Tahun", "Year"), String(year)) }
                if !source.link.isEmpty { paragraph(source.link, role: .dim) }
                field("id", source.id, role: .dim)
            }
            paragraph(lang.pick("indikator.csv baris \(figure.line)", "indikator.csv line \(figure.line)"), role: .dim)
            let others = dataset.observations(of: region).filter {
                $0.indicator == figure.indicator && $0.year == figure.year && $0.sourceID != figure.sourceID
            }
            if !others.isEmpty {
                blank(); heading(lang.pick("Angka lain untuk tahun ini", "Other figures for this year"))
                for other in others {
                    let publisher = dataset.sources[other.sourceID]?.publisher ?? other.sourceID
                    paragraph(Format.value(other.value, decimals: other.decimals, unit: other.indicator.unit, lang) + " — " + publisher)
                }
            }
        case .indicator(let indicator), .target(let indicator, _, _):
            heading(indicator.title(lang))
            for series in dataset.series(of: region, indicator) {
                let points = series.points.map {
                    "\($0.year): " + Format.number($0.value, decimals: $0.decimals, lang)
                }.joined(separator: " · ")
                paragraph(series.publisher + " — " + points)
            }
            if let found = dataset.targets(for: region, indicator) {
                blank(); heading(lang.pick("Target", "Targets") + (found.owner == region ? "" : " (" + dataset.region(found.owner).name + ")"))
                for target in found.targets {
                    paragraph("\(target.year): " + Format.value(target.value, decimals: target.decimals, unit: indicator.unit, lang) + " — " + target.basis)
                }
            }
            if indicator == .stunting {
                blank(); paragraph(lang.pick("Survei (SSGI/SKI) dan pengukuran (e-PPGBM) adalah seri berbeda dan tidak dicampur.",
                                             "Survey (SSGI/SKI) and measurement (e-PPGBM) are different series and never mixed."), role: .dim)
            }
        case .band(let band):
            heading(lang.pick("Kategori WHO", "WHO band"))
            paragraph(band.title(lang))
            paragraph(lang.pick("Ambang kesehatan masyarakat WHO untuk prevalensi stunting: <2,5 · 2,5–<10 · 10–<20 · 20–<30 · ≥30 %.",
                                "WHO public-health thresholds for stunting prevalence: <2.5 · 2.5–<10 · 10–<20 · 20–<30 · ≥30%."), role: .dim)
        }
    case .regions, .detail:
        let regionIndex = state.selectedRegion
        let region = dataset.region(regionIndex)
        heading(region.name)
        field(lang.pick("Kode", "Code"), region.code.text + " · " + region.level.title(lang))
        if !region.children.isEmpty {
            let childLevel = dataset.region(region.children[0]).level.title(lang)
            let count = region.children.count
            field(lang.pick("Di bawahnya", "Below it"), Format.integer(count, lang) + " " + (lang == .en && count != 1 ? pluralEN(childLevel) : childLevel))
        }
        field(lang.pick("Rekomendasi tertunda", "Pending recommendations"), Format.integer(state.context.rollUp.pending(regionIndex), lang))
        field(lang.pick("Lewat tenggat", "Overdue"), Format.integer(state.context.rollUp.overdue(regionIndex), lang),
              role: state.context.rollUp.overdue(regionIndex) > 0 ? .overdue : .normal)
        for indicator in dataset.indicators(of: regionIndex) {
            guard let headline = dataset.headline(of: regionIndex, indicator) else { continue }
            let source = dataset.sources[headline.latest.sourceID]?.publisher ?? headline.latest.sourceID
            field(indicator.shortTitle(lang), Format.value(headline.latest.value, decimals: headline.latest.decimals, unit: indicator.unit, lang)
                  + " (\(headline.latest.year), " + source + ")")
        }
        let programmes = dataset.programmes(covering: regionIndex)
        if !programmes.isEmpty {
            blank(); heading(lang.pick("Program", "Programmes"))
            for programme in programmes {
                paragraph("• " + programme.name + (programme.partner.isEmpty ? "" : " — " + programme.partner))
                if !programme.components.isEmpty {
                    paragraph("  " + programme.components.joined(separator: ", "), role: .dim)
                }
                var facts: [String] = []
                if let start = programme.start { facts.append(lang.pick("mulai ", "from ") + Format.date(start, lang)) }
                if let end = programme.end { facts.append(lang.pick("selesai ", "until ") + Format.date(end, lang)) }
                facts.append(lang.pick("sasaran ", "target ") + (programme.target.map { Format.integer($0, lang) } ?? "–"))
                facts.append(lang.pick("capaian ", "reached ") + (programme.reach.map { Format.integer($0, lang) } ?? "–"))
                paragraph("  " + facts.joined(separator: " · "), role: .dim)
            }
            paragraph(lang.pick("P: daftar program lengkap", "P: the full programme list"), role: .dim)
        }
        let scores = dataset.convergenceScores(of: regionIndex)
        if let latestYear = scores.last?.year {
            blank(); heading(lang.pick("8 aksi konvergensi \(latestYear)", "8 convergence actions \(latestYear)"))
            let previous = Dictionary(scores.filter { $0.year == latestYear - 1 }.map { ($0.action, $0) }, uniquingKeysWith: { a, _ in a })
            let latest = scores.filter { $0.year == latestYear }
            for score in latest {
                var line = "\(score.action.rawValue). " + score.action.title(lang) + ": " + Format.number(score.value, decimals: score.decimals, lang)
                if let before = previous[score.action] {
                    line += " (" + Format.signed(score.value - before.value, decimals: max(score.decimals, before.decimals), lang) + ")"
                }
                paragraph(line)
            }
            let weakest = latest.sorted { ($0.value, $0.action.rawValue) < ($1.value, $1.action.rawValue) }.prefix(3)
            paragraph(lang.pick("Terlemah: ", "Weakest: ") + weakest.map { "\($0.action.rawValue). " + $0.action.title(lang) }.joined(separator: ", "), role: .warning)
            if let note = latest.first(where: { !$0.note.isEmpty })?.note { paragraph(note, role: .dim) }
            paragraph(lang.pick("A: kartu skor lengkap, semua tahun", "A: the full scorecard, every year"), role: .dim)
        }
        if state.sortKey == .priority, let parent = region.parent,
           let row = dataset.priorityRanking(of: parent, weights: state.weights, rollUp: state.context.rollUp).first(where: { $0.region == regionIndex }) {
            blank(); heading(lang.pick("Skor prioritas", "Priority score"))
            paragraph("#\(row.rank): " + Format.number(row.score, decimals: 2, lang) + (row.tied ? lang.pick(" (seri)", " (tied)") : ""))
            let names: [(PriorityRow.Component, String, Double)] = [
                (.poverty, lang.pick("kemiskinan", "poverty"), state.weights.poverty), (.stunting, "stunting", state.weights.stunting),
                (.extremePoverty, lang.pick("ekstrem", "extreme"), state.weights.extremePoverty),
                (.overdue, lang.pick("lewat tenggat", "overdue"), state.weights.overdue),
            ]
            for (component, name, weight) in names {
                if let scaled = row.components[component] {
                    paragraph("  " + name + ": " + Format.number(scaled, decimals: 1, lang) + " × " + Format.number(weight, decimals: 2, lang))
                } else {
                    paragraph("  " + name + lang.pick(": tanpa data (bobot tidak dihitung)", ": no data (weight left out)"), role: .dim)
                }
            }
            paragraph(lang.pick("Cara hitung: docs/scores.md", "How it is computed: docs/scores.md"), role: .dim)
        }
    }
    return lines
}

/// An English level name in the plural ("40 districts", "27 regencies/cities").
func pluralEN(_ level: String) -> String {
    level.split(separator: "/").map { word in
        word.hasSuffix("y") && !word.hasSuffix("ey") ? word.dropLast() + "ies" : word + "s"
    }.joined(separator: "/")
}

func drawDetail(_ screen: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
    let lang = state.lang
    drawBox(&screen, rect, title: Pane.detail.title(lang), focused: state.focus == .detail, number: 4)
    let inner = rect.inner
    let lines = detailLines(state, width: inner.width)
    let scroll = min(state.detailScroll, max(0, lines.count - inner.height))
    for offset in 0..<inner.height {
        let index = scroll + offset
        guard index < lines.count else { break }
        screen.put(lines[index].text, x: inner.x, y: inner.y + offset, role: lines[index].role, maxWidth: inner.width)
    }
    if lines.count > inner.height + scroll {
        screen.put("↓", x: rect.x + rect.width - 2, y: rect.y + rect.height - 1, role: .borderFocused)
    }
    if state.focus == .detail { screen.cursor = Point(x: inner.x, y: inner.y) }
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
    return lines + helpLines(state.lang, width: width, presenting: state.presentation != nil, viewing: state.view != nil)
}

func helpLines(_ lang: Language, width: Int, presenting: Bool = false, viewing: Bool = false) -> [StyledLine] {
    var lines: [StyledLine] = []
    let keyWidth = 16
    for command in CommandRegistry.commands(presenting: presenting, viewing: viewing) {
        // Only the keys that run it in this mode (on a slide `n` is "next", not "note").
        let keys = command.keys.filter { $0 != .interrupt && CommandRegistry.command(for: $0, presenting: presenting, viewing: viewing) == command.id }
            .map(\.label).joined(separator: " ")
        // A title longer than the line wraps under itself, never cut.
        let wrapped = DisplayText.wrap(command.title(lang), columns: max(10, width - keyWidth - 1))
        for (index, part) in wrapped.enumerated() {
            lines.append(StyledLine(text: DisplayText.pad(index == 0 ? keys : "", to: keyWidth) + " " + part, role: .help))
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
    let matches = paletteMatches(query, lang, presenting: state.presentation != nil, viewing: state.view != nil)
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
        let keys = CommandRegistry.key(of: command, presenting: state.presentation != nil, viewing: state.view != nil).map(\.label) ?? ""
        screen.put(DisplayText.pad(command.title(lang), to: inner.width - 8) + " " + keys, x: inner.x, y: y, role: .help, maxWidth: inner.width)
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
