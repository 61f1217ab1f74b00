import PantauKit

/// Stable command names (verb-object style): keys are only aliases for these, and the
/// help screen, the hint bar, the palette and docs/keys.md all read the registry.
public enum CommandID: String, Sendable, CaseIterable {
    case quit
    case helpShow = "help-show"
    case paletteOpen = "palette-open"
    case paneNext = "pane-next"
    case panePrevious = "pane-previous"
    case paneRegions = "pane-regions"
    case paneIndicators = "pane-indicators"
    case paneRecommendations = "pane-recommendations"
    case paneDetail = "pane-detail"
    case rowDown = "row-down"
    case rowUp = "row-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case rowFirst = "row-first"
    case rowLast = "row-last"
    case regionDrill = "region-drill"
    case regionBack = "region-back"
    case regionFilter = "region-filter"
    case regionSort = "region-sort"
    case recommendationFilterStatus = "recommendation-filter-status"
    case recommendationFilterOwner = "recommendation-filter-opd"
    case recommendationFilterOrigin = "recommendation-filter-origin"
    case languageToggle = "language-toggle"
    case recommendationStatus = "recommendation-status"
    case recommendationNote = "recommendation-note"
    case recommendationDeadline = "recommendation-deadline"
    case recommendationOwner = "recommendation-owner"
    case recommendationEvaluate = "recommendation-evaluate"
    case recommendationAdd = "recommendation-add"
    case meetingCycle = "meeting-cycle"
    case meetingEdit = "meeting-edit"
    case meetingClose = "meeting-close"
    case changeUndo = "change-undo"
    case themeCycle = "theme-cycle"
    case presentationToggle = "presentation-toggle"
    case agendaNext = "agenda-next"
    case agendaPrevious = "agenda-previous"
    case presentationClose = "presentation-close"
    case slideScrollDown = "slide-scroll-down"
    case slideScrollUp = "slide-scroll-up"
    case slidePageDown = "slide-page-down"
    case slidePageUp = "slide-page-up"
    case regionMark = "region-mark"
    case marksClear = "marks-clear"
    case compareOpen = "compare-open"
    case scorecardOpen = "scorecard-open"
    case programmesOpen = "programmes-open"
    case viewClose = "view-close"
    case viewOpenRow = "view-open-row"
    case overlaysShare = "overlays-share"
}

/// Where a command's keys apply: keys are looked up in the current mode first, then globally.
public enum CommandScope: Sendable, Equatable {
    case global, dashboard, presentation
    /// A full-screen view (compare, scorecard, programmes): its own keys, then the row
    /// movement keys of the dashboard, which scroll it.
    case view
}

public struct Command: Sendable {
    public let id: CommandID
    public let keys: [Key]
    public let titleID: String
    public let titleEN: String
    /// Short label for the hint bar; nil keeps the command out of it.
    public let hintID: String?
    public let hintEN: String?
    /// Records a decision; unavailable when the follow-up store is read-only.
    public var mutates = false
    public var scope: CommandScope = .dashboard
    /// Why the command cannot run in this state (nil: it can). A command that cannot run
    /// is left out of the hint bar, and running it (by key or palette) shows the reason.
    public var disabledReason: (@Sendable (AppState) -> String?)?

    public func title(_ lang: Language) -> String { lang.pick(titleID, titleEN) }

    /// Why the command cannot run now: the store is read-only (for one that records a
    /// decision), or its own reason. The one place this is decided.
    public func unavailableReason(_ state: AppState) -> String? {
        if mutates, case .readOnly(let reason) = state.storeStatus {
            return state.lang.pick("Hanya baca: ", "Read-only: ") + reason.message(state.lang)
        }
        return disabledReason?(state)
    }
    public func hint(_ lang: Language) -> String? {
        guard let hintID, let hintEN else { return nil }
        return lang.pick(hintID, hintEN)
    }
}

public enum CommandRegistry {
    public static let all: [Command] = [
        Command(id: .paneNext, keys: [.tab, .character("l"), .right], titleID: "Panel berikutnya", titleEN: "Next pane", hintID: "panel", hintEN: "pane"),
        Command(id: .panePrevious, keys: [.backTab, .character("h"), .left], titleID: "Panel sebelumnya", titleEN: "Previous pane", hintID: nil, hintEN: nil),
        Command(id: .paneRegions, keys: [.character("1")], titleID: "Ke panel Wilayah", titleEN: "Go to Regions pane", hintID: nil, hintEN: nil),
        Command(id: .paneIndicators, keys: [.character("2")], titleID: "Ke panel Indikator", titleEN: "Go to Indicators pane", hintID: nil, hintEN: nil),
        Command(id: .paneRecommendations, keys: [.character("3")], titleID: "Ke panel Rekomendasi", titleEN: "Go to Recommendations pane", hintID: nil, hintEN: nil),
        Command(id: .paneDetail, keys: [.character("4")], titleID: "Ke panel Rincian", titleEN: "Go to Detail pane", hintID: nil, hintEN: nil),
        Command(id: .rowDown, keys: [.down, .character("j")], titleID: "Baris berikutnya", titleEN: "Next row", hintID: nil, hintEN: nil),
        Command(id: .rowUp, keys: [.up, .character("k")], titleID: "Baris sebelumnya", titleEN: "Previous row", hintID: nil, hintEN: nil),
        Command(id: .pageDown, keys: [.pageDown], titleID: "Halaman berikutnya", titleEN: "Next page", hintID: nil, hintEN: nil),
        Command(id: .pageUp, keys: [.pageUp], titleID: "Halaman sebelumnya", titleEN: "Previous page", hintID: nil, hintEN: nil),
        Command(id: .rowFirst, keys: [.character("g"), .home], titleID: "Baris pertama", titleEN: "First row", hintID: nil, hintEN: nil),
        Command(id: .rowLast, keys: [.character("G"), .end], titleID: "Baris terakhir", titleEN: "Last row", hintID: nil, hintEN: nil),
        Command(id: .regionDrill, keys: [.enter], titleID: "Masuk ke wilayah terpilih", titleEN: "Drill into the selected region", hintID: "masuk", hintEN: "drill"),
        Command(id: .regionBack, keys: [.escape, .backspace], titleID: "Kembali ke tingkat atas", titleEN: "Back up one level", hintID: "kembali", hintEN: "back"),
        Command(id: .regionFilter, keys: [.character("/")], titleID: "Cari wilayah (nama atau kode)", titleEN: "Filter regions (name or code)", hintID: "cari", hintEN: "filter"),
        Command(id: .regionSort, keys: [.character("s")], titleID: "Ganti urutan wilayah", titleEN: "Cycle region sort", hintID: "urut", hintEN: "sort"),
        Command(id: .recommendationFilterStatus, keys: [.character("f")], titleID: "Saring rekomendasi menurut status", titleEN: "Filter recommendations by status", hintID: "status", hintEN: "status"),
        Command(id: .recommendationFilterOwner, keys: [.character("o")], titleID: "Saring rekomendasi menurut OPD", titleEN: "Filter recommendations by owner (OPD)", hintID: "OPD", hintEN: "OPD"),
        Command(id: .recommendationStatus, keys: [.character("c")], titleID: "Ubah status rekomendasi", titleEN: "Change the recommendation's status", hintID: "ubah", hintEN: "change", mutates: true, disabledReason: noRecommendationSelected),
        Command(id: .recommendationNote, keys: [.character("n"), .character("N")], titleID: "Tambah catatan pada rekomendasi", titleEN: "Add a note to the recommendation", hintID: "catat", hintEN: "note", mutates: true, disabledReason: noRecommendationSelected),
        Command(id: .recommendationDeadline, keys: [.character("d")], titleID: "Pindahkan tenggat", titleEN: "Move the deadline", hintID: nil, hintEN: nil, mutates: true, disabledReason: noRecommendationSelected),
        Command(id: .recommendationOwner, keys: [.character("O")], titleID: "Ganti OPD penanggung jawab", titleEN: "Change the owner OPD", hintID: nil, hintEN: nil, mutates: true, disabledReason: noRecommendationSelected),
        Command(id: .recommendationEvaluate, keys: [.character("e")], titleID: "Evaluasi tindak lanjut (Diseminasi II): hasil, risiko kasus, bukti", titleEN: "Evaluate the follow-up (Diseminasi II): outcome, the case's risk, evidence", hintID: nil, hintEN: nil, mutates: true, disabledReason: noRecommendationSelected),
        Command(id: .recommendationAdd, keys: [.character("R")], titleID: "Rekomendasi baru dari rapat (wilayah, OPD, teks, temuan, tenggat, sasaran)", titleEN: "New recommendation from the meeting (region, owner, text, finding, deadline, target group)", hintID: nil, hintEN: nil, mutates: true),
        Command(id: .meetingEdit, keys: [.character("E")], titleID: "Ubah rapat yang dibuka (judul, tanggal, jam, tempat, pimpinan, peserta, agenda)", titleEN: "Edit the open meeting (title, date, time, place, chair, attendees, agenda)", hintID: nil, hintEN: nil, mutates: true, scope: .global, disabledReason: noOpenMeeting),
        Command(id: .meetingClose, keys: [.character("T")], titleID: "Tutup rapat yang dibuka (tekan dua kali)", titleEN: "Close the open meeting (press twice)", hintID: nil, hintEN: nil, mutates: true, scope: .global, disabledReason: noOpenMeeting),
        Command(id: .meetingCycle, keys: [.character("r")], titleID: "Pilih rapat yang dibuka di terminal ini (keputusan dicatat untuknya)", titleEN: "Choose the meeting open in this terminal (decisions are linked to it)", hintID: nil, hintEN: nil, scope: .global),
        Command(id: .changeUndo, keys: [.character("u")], titleID: "Batalkan perubahan terakhir sesi ini", titleEN: "Undo this session's last change", hintID: "batal", hintEN: "undo", mutates: true, disabledReason: { undoTarget($0) == nil ? $0.lang.pick("Belum ada perubahan di sesi ini untuk dibatalkan", "No change in this session to undo") : nil }),
        Command(id: .recommendationFilterOrigin, keys: [.character("a")], titleID: "Saring rekomendasi menurut asal (AKS, konvergensi, rakor)", titleEN: "Filter recommendations by origin (audit, convergence, meeting)", hintID: nil, hintEN: nil),
        Command(id: .languageToggle, keys: [.character("L")], titleID: "Ganti bahasa (Indonesia/English)", titleEN: "Switch language (Indonesian/English)", hintID: nil, hintEN: nil, scope: .global),
        Command(id: .regionMark, keys: [.character("m")], titleID: "Tandai/lepas wilayah untuk dibandingkan (maks. 4)", titleEN: "Mark/unmark the region to compare (at most 4)", hintID: nil, hintEN: nil),
        Command(id: .compareOpen, keys: [.character("M")], titleID: "Bandingkan wilayah bertanda berdampingan", titleEN: "Compare the marked regions side by side", hintID: nil, hintEN: nil, disabledReason: { $0.marks.count < 2 ? $0.lang.pick("Tandai 2–4 wilayah dengan m dulu (sekarang \($0.marks.count))", "Mark 2–4 regions with m first (now \($0.marks.count))") : nil }),
        Command(id: .marksClear, keys: [.character("X")], titleID: "Hapus semua tanda perbandingan", titleEN: "Clear all comparison marks", hintID: nil, hintEN: nil),
        Command(id: .scorecardOpen, keys: [.character("A")], titleID: "Kartu skor 8 aksi konvergensi (kab/kota, atau perbandingan kab/kota di bawahnya)", titleEN: "8-action convergence scorecard (a kab/kota, or the kab/kota below compared)", hintID: nil, hintEN: nil),
        Command(id: .programmesOpen, keys: [.character("P")], titleID: "Daftar program di wilayah ini dan wilayah yang dicakupnya", titleEN: "Programmes in this region and the regions they cover", hintID: nil, hintEN: nil),
        Command(id: .viewOpenRow, keys: [.enter], titleID: "Buka baris terpilih (kartu skor kab/kota, wilayah program)", titleEN: "Open the selected row (a kab/kota's scorecard, a programme's region)", hintID: "buka", hintEN: "open", scope: .view, disabledReason: { selectedViewRegion($0) == nil ? $0.lang.pick("Tidak ada baris untuk dibuka di sini", "Nothing to open here") : nil }),
        Command(id: .viewClose, keys: [.escape, .backspace], titleID: "Tutup tampilan, kembali ke dasbor", titleEN: "Close the view, back to the dashboard", hintID: "tutup", hintEN: "close", scope: .view),
        Command(id: .agendaNext, keys: [.character(" "), .character("n"), .right], titleID: "Wilayah berikutnya dalam agenda", titleEN: "Next region on the agenda", hintID: "berikutnya", hintEN: "next", scope: .presentation),
        Command(id: .agendaPrevious, keys: [.backspace, .character("b"), .left], titleID: "Wilayah sebelumnya dalam agenda", titleEN: "Previous region on the agenda", hintID: "sebelumnya", hintEN: "previous", scope: .presentation),
        Command(id: .slideScrollDown, keys: [.character("j"), .down], titleID: "Pilih rekomendasi berikutnya di slide (menggulir)", titleEN: "Select the next recommendation on the slide (scrolls)", hintID: nil, hintEN: nil, scope: .presentation),
        Command(id: .slideScrollUp, keys: [.character("k"), .up], titleID: "Pilih rekomendasi sebelumnya di slide (menggulir)", titleEN: "Select the previous recommendation on the slide (scrolls)", hintID: nil, hintEN: nil, scope: .presentation),
        Command(id: .slidePageDown, keys: [.pageDown], titleID: "Rekomendasi halaman berikutnya", titleEN: "Next page of recommendations", hintID: nil, hintEN: nil, scope: .presentation),
        Command(id: .slidePageUp, keys: [.pageUp], titleID: "Rekomendasi halaman sebelumnya", titleEN: "Previous page of recommendations", hintID: nil, hintEN: nil, scope: .presentation),
        Command(id: .presentationClose, keys: [.escape], titleID: "Kembali ke dasbor", titleEN: "Back to the dashboard", hintID: nil, hintEN: nil, scope: .presentation),
        Command(id: .presentationToggle, keys: [.character("p")], titleID: "Mode presentasi (satu wilayah per layar)", titleEN: "Presentation mode (one region per screen)", hintID: "presentasi", hintEN: "present", scope: .global),
        Command(id: .themeCycle, keys: [.character("t")], titleID: "Ganti tema (gelap, terang, kontras tinggi, monokrom)", titleEN: "Cycle theme (dark, light, high contrast, monochrome)", hintID: "tema", hintEN: "theme", scope: .global),
        Command(id: .paletteOpen, keys: [.character(":")], titleID: "Palet perintah", titleEN: "Command palette", hintID: "perintah", hintEN: "commands", scope: .global),
        Command(id: .helpShow, keys: [.character("?")], titleID: "Bantuan: semua tombol", titleEN: "Help: all keys", hintID: "bantuan", hintEN: "help", scope: .global),
        Command(id: .overlaysShare, keys: [.character("S")], titleID: "Bagikan bantuan, palet dan formulir ke layar pengikut (--follow), atau berhenti membagikan", titleEN: "Share help, palette and forms with following screens (--follow), or stop sharing", hintID: nil, hintEN: nil, scope: .global,
                disabledReason: { $0.following != nil ? $0.lang.pick("Layar ini mengikuti operator; hanya operator yang membagikan", "This screen follows an operator; only operators share") : nil }),
        Command(id: .quit, keys: [.character("q"), .interrupt], titleID: "Keluar", titleEN: "Quit", hintID: "keluar", hintEN: "quit", scope: .global),
    ]

    static func keyMap(_ scope: CommandScope) -> [Key: CommandID] {
        var map: [Key: CommandID] = [:]
        for command in all where command.scope == scope { for key in command.keys { map[key] = command.id } }
        return map
    }
    static let globalKeys = keyMap(.global)
    static let dashboardKeys = keyMap(.dashboard)
    static let presentationKeys = keyMap(.presentation)
    static let viewKeys = keyMap(.view)
    /// Dashboard commands that also work in a full-screen view (they scroll it).
    static let viewMovement: Set<CommandID> = [.rowDown, .rowUp, .pageDown, .pageUp, .rowFirst, .rowLast]
    /// Dashboard commands that also work on a slide, on the recommendation selected there,
    /// where the slide's own keys leave them a key (`n` is "next" on a slide: `N` notes).
    static let slideDecisions: Set<CommandID> = [.recommendationStatus, .recommendationNote, .recommendationDeadline,
                                                 .recommendationOwner, .recommendationEvaluate, .recommendationAdd, .changeUndo]

    /// The command a key runs in a mode: the mode's own keys first, then the dashboard
    /// commands the mode lends a key to, then the global ones.
    public static func command(for key: Key, in mode: Mode) -> CommandID? {
        switch mode {
        case .view:
            if let id = viewKeys[key] { return id }
            if let id = dashboardKeys[key], viewMovement.contains(id) { return id }
            return globalKeys[key]
        case .presentation:
            if let id = presentationKeys[key] { return id }
            if let id = dashboardKeys[key], slideDecisions.contains(id) { return id }
            return globalKeys[key]
        case .dashboard:
            return dashboardKeys[key] ?? globalKeys[key]
        }
    }

    /// The key that runs `command` in a mode (its first such key), for hints and help.
    public static func key(of command: Command, in mode: Mode) -> Key? {
        command.keys.first { self.command(for: $0, in: mode) == command.id }
    }

    /// Commands available in a mode, in registry order (for help, hints and the palette).
    public static func commands(in mode: Mode) -> [Command] {
        switch mode {
        case .view: all.filter { $0.scope == .global || $0.scope == .view || viewMovement.contains($0.id) }
        case .presentation: all.filter { $0.scope == .global || $0.scope == .presentation || slideDecisions.contains($0.id) }
        case .dashboard: all.filter { $0.scope == .global || $0.scope == .dashboard }
        }
    }

    public static func command(_ id: CommandID) -> Command { byID[id]! }
    static let byID: [CommandID: Command] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// Hints that are always in the hint bar, at its end.
    static let essentialHints: [CommandID] = [.paletteOpen, .helpShow, .quit]
}

/// Why a meeting command has nothing to act on: no meeting open in this terminal.
@Sendable func noOpenMeeting(_ state: AppState) -> String? {
    guard state.openMeetingID.flatMap({ state.context.followUp.meetings[$0] }) == nil else { return nil }
    return state.lang.pick("Belum ada rapat dibuka; buka dengan r (atau pantau --meeting ID)",
                           "No meeting open; open one with r (or pantau --meeting ID)")
}

/// Why a decision command has nothing to act on: no recommendation selected in pane 3,
/// or none pending on the slide.
@Sendable func noRecommendationSelected(_ state: AppState) -> String? {
    guard state.selectedRecommendation == nil else { return nil }
    return state.presentation != nil
        ? state.lang.pick("Tidak ada rekomendasi tertunda di slide ini", "No pending recommendation on this slide")
        : state.lang.pick("Pilih rekomendasi dulu (panel 3)", "Select a recommendation first (pane 3)")
}
