import PantauKit

/// Pane 4: text that explains the selection of the last list pane used; it scrolls.
let detailPane = PaneSpec(
    id: .detail, number: 4, titleID: "Rincian", titleEN: "Detail",
    slot: LayoutSlot(row: .bottom, order: 2, width: .share(3, 8, minimum: 30)),
    content: .text(lines: { detailLines($0, width: $1).count }),
    draw: drawDetail)

/// The text of the Detail pane: what the pane it explains (the last list pane used)
/// says of its selection.
func detailLines(_ state: AppState, width: Int) -> [StyledLine] {
    guard state.panes.contains(state.detailSource) else { return [] }
    return state.panes.spec(state.detailSource).explain?(state, width) ?? []
}

/// Lines of the Detail pane, wrapped to its width.
struct DetailText {
    let width: Int
    var lines: [StyledLine] = []

    mutating func heading(_ text: String) { lines.append(StyledLine(text: text, role: .title)) }
    mutating func field(_ label: String, _ value: String, role: StyleRole = .normal) {
        lines += DisplayText.wrap(label + ": " + value, columns: width).map { StyledLine(text: $0, role: role) }
    }
    mutating func paragraph(_ text: String, role: StyleRole = .normal) {
        lines += DisplayText.wrap(text, columns: width).map { StyledLine(text: $0, role: role) }
    }
    mutating func blank() { lines.append(StyledLine(text: "", role: .normal)) }
}

/// Detail of the selected recommendation: its record, history and where it comes from.
func recommendationDetail(_ state: AppState, width: Int) -> [StyledLine] {
    let lang = state.lang
    let dataset = state.dataset
    var text = DetailText(width: width)
    guard let recommendation = state.selectedRecommendation else {
        text.paragraph(lang.pick("Tidak ada rekomendasi terpilih.", "No recommendation selected."), role: .dim)
        return text.lines
    }
    text.heading(recommendation.id)
    let region = dataset.region(recommendation.region)
    text.field(lang.pick("Wilayah", "Region"), "\(region.name) (\(region.code))")
    text.field(lang.pick("Asal", "Origin"), recommendation.origin.title(lang) + (recommendation.cycle.isEmpty ? "" : " · " + recommendation.cycle))
    if !recommendation.category.isEmpty { text.field(lang.pick("Kategori", "Category"), recommendation.category) }
    text.field("OPD", recommendation.owner)
    text.field(lang.pick("Tenggat", "Deadline"), recommendation.deadline.map { Format.date($0, lang) } ?? "–")
    text.field("Status", recommendation.status.title(lang))
    if let overdue = overdueText(recommendation, today: state.context.today, compact: false, lang) {
        text.paragraph(overdue, role: .overdue)
    }
    if recommendation.outcome != nil || recommendation.riskImproved != nil {
        text.field(lang.pick("Evaluasi", "Evaluation"), (recommendation.outcome?.title(lang) ?? "–") + " · "
              + lang.pick("risiko kasus membaik: ", "case risk improved: ") + (recommendation.riskImproved?.title(lang) ?? "–"))
    }
    let history = state.context.followUp.history[recommendation.id] ?? []
    if !history.isEmpty {
        text.blank(); text.heading(lang.pick("Riwayat tindak lanjut", "Follow-up history"))
        for event in history {
            text.paragraph(eventSummary(event, state, zone: state.timeZones.zone(of: region.code)), role: state.context.followUp.conflicts.contains(event.id ?? -1) ? .warning : .normal)
            if let note = event.note, !note.isEmpty, event.field != .note { text.paragraph("  “" + note + "”", role: .dim) }
        }
    }
    if !recommendation.finding.isEmpty {
        text.blank(); text.heading(lang.pick("Temuan", "Finding")); text.paragraph(recommendation.finding)
    }
    text.blank(); text.heading(lang.pick("Rekomendasi", "Recommendation")); text.paragraph(recommendation.text)
    // Line 0: recorded in a meeting as an event (`Dataset.addingRecorded`), not a CSV row.
    text.blank(); text.paragraph(recommendation.line == 0
        ? lang.pick("dicatat dalam rapat (belum di rekomendasi.csv; pantau state export-csv)", "recorded in a meeting (not yet in rekomendasi.csv; pantau state export-csv)")
        : lang.pick("rekomendasi.csv baris \(recommendation.line)", "rekomendasi.csv line \(recommendation.line)"), role: .dim)
    return text.lines
}

/// Detail of the selected indicator row: the figure, its source, targets and series.
func indicatorDetail(_ state: AppState, width: Int) -> [StyledLine] {
    let lang = state.lang
    let dataset = state.dataset
    var text = DetailText(width: width)
    let region = state.selectedRegion
    guard let row = state.selectedIndicatorRow else {
        text.paragraph(lang.pick("Belum ada angka untuk wilayah ini.", "No figures for this region yet."), role: .dim)
        return text.lines
    }
    switch row {
    case .figure(let figure):
        text.heading(figure.indicator.title(lang) + " \(figure.year)")
        text.field(lang.pick("Nilai", "Value"), Format.value(figure.value, decimals: figure.decimals, unit: figure.indicator.unit, lang))
        text.field(lang.pick("Wilayah", "Region"), dataset.region(region).name)
        text.blank(); text.heading(lang.pick("Sumber", "Source"))
        if let source = dataset.sources[figure.sourceID] {
            text.paragraph(source.title)
            text.field(lang.pick("Penerbit", "Publisher"), source.publisher)
            if let year = source.year { text.field(lang.pick("Tahun", "Year"), String(year)) }
            if !source.link.isEmpty { text.paragraph(source.link, role: .dim) }
            text.field("id", source.id, role: .dim)
        }
        text.paragraph(lang.pick("indikator.csv baris \(figure.line)", "indikator.csv line \(figure.line)"), role: .dim)
        let others = dataset.observations(of: region).filter {
            $0.indicator == figure.indicator && $0.year == figure.year && $0.sourceID != figure.sourceID
        }
        if !others.isEmpty {
            text.blank(); text.heading(lang.pick("Angka lain untuk tahun ini", "Other figures for this year"))
            for other in others {
                let publisher = dataset.sources[other.sourceID]?.publisher ?? other.sourceID
                text.paragraph(Format.value(other.value, decimals: other.decimals, unit: other.indicator.unit, lang) + " — " + publisher)
            }
        }
    case .indicator(let indicator), .target(let indicator, _, _):
        text.heading(indicator.title(lang))
        for series in dataset.series(of: region, indicator) {
            let points = series.points.map {
                "\($0.year): " + Format.number($0.value, decimals: $0.decimals, lang)
            }.joined(separator: " · ")
            text.paragraph(series.publisher + " — " + points)
        }
        if let found = dataset.targets(for: region, indicator) {
            text.blank(); text.heading(lang.pick("Target", "Targets") + (found.owner == region ? "" : " (" + dataset.region(found.owner).name + ")"))
            for target in found.targets {
                text.paragraph("\(target.year): " + Format.value(target.value, decimals: target.decimals, unit: indicator.unit, lang) + " — " + target.basis)
            }
        }
        if indicator == .stunting {
            text.blank(); text.paragraph(lang.pick("Survei (SSGI/SKI) dan pengukuran (e-PPGBM) adalah seri berbeda dan tidak dicampur.",
                                         "Survey (SSGI/SKI) and measurement (e-PPGBM) are different series and never mixed."), role: .dim)
        }
    case .band(let band):
        text.heading(lang.pick("Kategori WHO", "WHO band"))
        text.paragraph(band.title(lang))
        text.paragraph(lang.pick("Ambang kesehatan masyarakat WHO untuk prevalensi stunting: <2,5 · 2,5–<10 · 10–<20 · 20–<30 · ≥30 %.",
                            "WHO public-health thresholds for stunting prevalence: <2.5 · 2.5–<10 · 10–<20 · 20–<30 · ≥30%."), role: .dim)
    }
    return text.lines
}

/// Detail of the selected region: code, level, what is below it, its figures and scores.
func regionDetail(_ state: AppState, width: Int) -> [StyledLine] {
    let lang = state.lang
    let dataset = state.dataset
    var text = DetailText(width: width)
    let regionIndex = state.selectedRegion
    let region = dataset.region(regionIndex)
    text.heading(region.name)
    text.field(lang.pick("Kode", "Code"), region.code.text + " · " + region.level.title(lang))
    if !region.children.isEmpty {
        let childLevel = dataset.region(region.children[0]).level.title(lang)
        let count = region.children.count
        text.field(lang.pick("Di bawahnya", "Below it"), Format.integer(count, lang) + " " + (lang == .en && count != 1 ? pluralEN(childLevel) : childLevel))
    }
    text.field(lang.pick("Rekomendasi tertunda", "Pending recommendations"), Format.integer(state.context.rollUp.pending(regionIndex), lang))
    text.field(lang.pick("Lewat tenggat", "Overdue"), Format.integer(state.context.rollUp.overdue(regionIndex), lang),
          role: state.context.rollUp.overdue(regionIndex) > 0 ? .overdue : .normal)
    for indicator in dataset.indicators(of: regionIndex) {
        guard let headline = dataset.headline(of: regionIndex, indicator) else { continue }
        let source = dataset.sources[headline.latest.sourceID]?.publisher ?? headline.latest.sourceID
        text.field(indicator.shortTitle(lang), Format.value(headline.latest.value, decimals: headline.latest.decimals, unit: indicator.unit, lang)
              + " (\(headline.latest.year), " + source + ")")
    }
    let programmes = dataset.programmes(covering: regionIndex)
    if !programmes.isEmpty {
        text.blank(); text.heading(lang.pick("Program", "Programmes"))
        for programme in programmes {
            text.paragraph("• " + programme.name + (programme.partner.isEmpty ? "" : " — " + programme.partner))
            if !programme.components.isEmpty {
                text.paragraph("  " + programme.components.joined(separator: ", "), role: .dim)
            }
            var facts: [String] = []
            if let start = programme.start { facts.append(lang.pick("mulai ", "from ") + Format.date(start, lang)) }
            if let end = programme.end { facts.append(lang.pick("selesai ", "until ") + Format.date(end, lang)) }
            facts.append(lang.pick("sasaran ", "target ") + (programme.target.map { Format.integer($0, lang) } ?? "–"))
            facts.append(lang.pick("capaian ", "reached ") + (programme.reach.map { Format.integer($0, lang) } ?? "–"))
            text.paragraph("  " + facts.joined(separator: " · "), role: .dim)
        }
        text.paragraph(lang.pick("P: daftar program lengkap", "P: the full programme list"), role: .dim)
    }
    let scores = dataset.convergenceScores(of: regionIndex)
    if let latestYear = scores.last?.year {
        text.blank(); text.heading(lang.pick("8 aksi konvergensi \(latestYear)", "8 convergence actions \(latestYear)"))
        let previous = Dictionary(scores.filter { $0.year == latestYear - 1 }.map { ($0.action, $0) }, uniquingKeysWith: { a, _ in a })
        let latest = scores.filter { $0.year == latestYear }
        for score in latest {
            var line = "\(score.action.rawValue). " + score.action.title(lang) + ": " + Format.number(score.value, decimals: score.decimals, lang)
            if let before = previous[score.action] {
                line += " (" + Format.signed(score.value - before.value, decimals: max(score.decimals, before.decimals), lang) + ")"
            }
            text.paragraph(line)
        }
        let weakest = latest.sorted { ($0.value, $0.action.rawValue) < ($1.value, $1.action.rawValue) }.prefix(3)
        text.paragraph(lang.pick("Terlemah: ", "Weakest: ") + weakest.map { "\($0.action.rawValue). " + $0.action.title(lang) }.joined(separator: ", "), role: .warning)
        if let note = latest.first(where: { !$0.note.isEmpty })?.note { text.paragraph(note, role: .dim) }
        text.paragraph(lang.pick("A: kartu skor lengkap, semua tahun", "A: the full scorecard, every year"), role: .dim)
    }
    if state.sortKey == .priority, let parent = region.parent,
       let row = dataset.priorityRanking(of: parent, weights: state.weights, rollUp: state.context.rollUp).first(where: { $0.region == regionIndex }) {
        text.blank(); text.heading(lang.pick("Skor prioritas", "Priority score"))
        text.paragraph("#\(row.rank): " + Format.number(row.score, decimals: 2, lang) + (row.tied ? lang.pick(" (seri)", " (tied)") : ""))
        let names: [(PriorityRow.Component, String, Double)] = [
            (.poverty, lang.pick("kemiskinan", "poverty"), state.weights.poverty), (.stunting, "stunting", state.weights.stunting),
            (.extremePoverty, lang.pick("ekstrem", "extreme"), state.weights.extremePoverty),
            (.overdue, lang.pick("lewat tenggat", "overdue"), state.weights.overdue),
        ]
        for (component, name, weight) in names {
            if let scaled = row.components[component] {
                text.paragraph("  " + name + ": " + Format.number(scaled, decimals: 1, lang) + " × " + Format.number(weight, decimals: 2, lang))
            } else {
                text.paragraph("  " + name + lang.pick(": tanpa data (bobot tidak dihitung)", ": no data (weight left out)"), role: .dim)
            }
        }
        text.paragraph(lang.pick("Cara hitung: docs/scores.md", "How it is computed: docs/scores.md"), role: .dim)
    }
    return text.lines
}

/// An English level name in the plural ("40 districts", "27 regencies/cities").
func pluralEN(_ level: String) -> String {
    level.split(separator: "/").map { word in
        word.hasSuffix("y") && !word.hasSuffix("ey") ? word.dropLast() + "ies" : word + "s"
    }.joined(separator: "/")
}

func drawDetail(_ screen: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
    let lang = state.lang
    drawBox(&screen, rect, title: detailPane.title(lang), focused: state.focus == .detail, number: detailPane.number)
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
