import PantauKit

/// Which recommendations the Recommendations pane shows; `f` cycles through these.
public enum StatusFilter: Sendable, CaseIterable, Equatable {
    case all, pending, overdue, done, cannot

    public func title(_ lang: Language) -> String {
        switch self {
        case .all: lang.pick("semua", "all")
        case .pending: lang.pick("tertunda", "pending")
        case .overdue: lang.pick("lewat tenggat", "overdue")
        case .done: lang.pick("selesai", "done")
        case .cannot: lang.pick("tidak dapat", "cannot follow up")
        }
    }

    func accepts(_ recommendation: Recommendation, today: LocalDate) -> Bool {
        switch self {
        case .all: true
        case .pending: recommendation.status.isPending
        case .overdue: recommendation.isOverdue(today: today)
        case .done: recommendation.status == .selesai
        case .cannot: recommendation.status == .tidakDapat
        }
    }

    var next: StatusFilter {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// A selection in a scrolling list: the selected row and the first visible row.
public struct ListCursor: Equatable, Sendable {
    public var selected = 0
    public var top = 0

    /// Moves by `delta` within `count` rows, keeping the selection on screen.
    mutating func move(by delta: Int, count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), count - 1)
        clamp(count: count, visible: visible)
    }

    mutating func clamp(count: Int, visible: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected), count - 1)
        let visible = max(1, visible)
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, count - visible)))
    }
}

/// Whether decisions can be recorded, and if not, why (shown to the user).
public enum StoreStatus: Equatable, Sendable {
    case writable
    case readOnly(ReadOnlyReason)
    /// A shared server cannot be reached: decisions are kept in the local journal
    /// (`pending` of them) and sent when the connection returns.
    case offline(pending: Int)
    /// The state file is locked by another process beyond the wait, or the disk is full:
    /// `pending` decisions are held in this session and written when the cause is gone
    /// (retried every few seconds); nothing typed is lost.
    case waiting(pending: Int, reason: String)
}

/// Why this terminal records nothing: a value, so what is decided on it never depends on
/// the words of a message, and the message follows the language when it is switched.
public enum ReadOnlyReason: Equatable, Sendable {
    /// `--readonly`.
    case requested
    /// `--as-of DAY`: the past cannot be changed.
    case asOf(String)
    /// A preview (`pantau screen`).
    case preview
    /// `--follow`: a follower shows another terminal's screen.
    case following
    /// The sample data bundled with an installed pantau, opened by default.
    case bundledSample
    /// The follow-up store cannot be written (a read-only file, a replaced file, a server
    /// refusing); `location`, when given, is the state file it is about.
    case store(FollowUpStoreError, location: String?)
    /// Writing failed as the loop says (nothing was recorded).
    case failed(String)

    public func message(_ lang: Language) -> String {
        switch self {
        case .requested: "--readonly"
        case .asOf(let day): "--as-of \(day)"
        case .preview: lang.pick("pratinjau", "preview")
        case .following: "--follow"
        case .bundledSample:
            lang.pick("Data contoh bawaan, hanya-baca. Untuk data kantor Anda: pantau --data DIREKTORI, atau tulis data = \"DIREKTORI\" di ~/.config/pantau/config.toml.",
                      "Bundled sample data, read-only. For your office's data: pantau --data DIRECTORY, or put data = \"DIRECTORY\" in ~/.config/pantau/config.toml.")
        case .store(let error, let location):
            DisplayText.sanitize(error.message(lang) + (location.map { " (" + $0 + ")" } ?? ""))
        case .failed(let message): message
        }
    }
}

extension StoreStatus {
    public var isReadOnly: Bool {
        if case .readOnly = self { return true }
        return false
    }
}

/// A small form for one follow-up decision on one recommendation.
public struct EditForm: Equatable, Sendable {
    public enum Kind: Sendable, Equatable { case status, note, deadline, owner, evaluation, newRecommendation, meeting }
    public var kind: Kind
    public var recommendationID: String
    /// Index into RecommendationStatus.allCases (status form) or FollowUpOutcome.allCases
    /// (evaluation form).
    public var choice: Int
    /// Evaluation form: index into RiskChange.allCases, and which list ↑↓ move in
    /// (false: the outcome, true: the risk; Tab switches).
    public var riskChoice = RiskChange.allCases.count - 1
    public var choosingRisk = false
    /// The note (status and note forms), the date (deadline form), the OPD (owner form)
    /// or the evidence (evaluation form).
    public var field: TextField
    public var error: String?
    /// OPD completion (owner form): what was typed before the first `Tab`, and which of
    /// its matches the field shows now. Any other edit ends it.
    public var completion: Completion?
    /// New-recommendation form (16.2): the fields not being typed in, in
    /// `NewRecommendationField` order (the focused one is `field`), and which row has the
    /// focus (`NewRecommendationField.allCases.count` = the target group, in `choice`).
    /// The meeting form the same, in `MeetingFormField` order (`recommendationID` holds
    /// the meeting's id).
    public var fields: [TextField] = []
    public var focus = 0

    public struct Completion: Equatable, Sendable {
        public var typed: String
        public var matches: [String]
        public var index: Int
    }

    public init(kind: Kind, recommendationID: String, choice: Int, text: String, error: String? = nil) {
        self.kind = kind
        self.recommendationID = recommendationID
        self.choice = choice
        self.field = TextField(text)
        self.error = error
    }

    /// The field's text (reading it copies; drawing uses `field.visible`).
    public var text: String {
        get { field.text }
        set { field.replaceAll(with: newValue) }
    }
}

extension EditForm {
    /// A multi-row form (new recommendation, meeting): puts the field being typed back
    /// into its row and takes the one at `row`, wrapping over `rows`; a row past `fields`
    /// (the target group) has no text.
    mutating func focusRow(_ row: Int, rows: Int) {
        if focus < fields.count { fields[focus] = field }
        focus = (row + rows) % rows
        if focus < fields.count { field = fields[focus] }
        error = nil
    }

    /// A multi-row form's text in `row`, the one being typed included.
    func rowText(_ row: Int) -> String { (row == focus ? field : fields[row]).text }
}

/// The text fields of the new-recommendation form, in order; after them the form has
/// one more row, the AKS target group (none, catin, bumil, nifas, baduta, balita).
public enum NewRecommendationField: Int, Sendable, CaseIterable {
    case region, owner, text, finding, deadline
}

/// The rows of the meeting form (16.1, `E`): the open meeting's record as text, attendees
/// as `OPD|jabatan[|nama]; …` and the agenda as `KODE[=topik], …` (as the command line).
public enum MeetingFormField: Int, Sendable, CaseIterable {
    case title, date, time, place, chair, attendees, agenda
}

/// A full-screen view that answers one question; Esc goes back to the dashboard.
public enum DecisionView: Equatable, Sendable {
    /// The marked regions side by side.
    case compare
    /// The 8-aksi scorecard of a kab/kota, or the comparison of the kab/kota below a region.
    case scorecard(RegionIndex)
    /// The programmes running in a region's subtree or covering it.
    case programmes(RegionIndex)
}

public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case palette(query: String, selected: Int)
    case form(EditForm)
}

/// Everything the screen shows is derived from this value; `reduce` is the only way it changes.
public struct AppState: Sendable {
    public var context: DashboardContext
    public var lang: Language
    public var size: Size
    /// The dashboard's panes (`PaneRegistry.standard`; tests may add one).
    public var panes: PaneRegistry = .standard
    public var focus: Pane = .regions
    /// The list pane whose selection the Detail pane explains.
    public var detailSource: Pane = .regions
    /// Drill-down path: the region whose children are listed is the last element.
    public var path: [RegionIndex]
    /// The selected child per listed parent, so going back restores the selection.
    public var savedSelection: [RegionIndex: RegionIndex] = [:]
    /// Each pane's selection and first row shown (a text pane: its first line, `top`).
    public var cursors: [Pane: ListCursor] = [:]
    public var sortKey: RegionSortKey = .code
    /// Weights of the priority score (`--weights` or the config file).
    public var weights: PriorityWeights = .standard
    /// The zone times are shown in: each region's province, or one set in the config.
    public var timeZones: LocalTimeZones = .byProvince
    public var filterText = ""
    public var filterEditing = false
    public var statusFilter: StatusFilter = .all
    public var ownerFilter: String?
    public var originFilter: RecommendationOrigin?
    public var overlay: Overlay?
    /// The status line's message. Each one it replaces is kept in `recentMessages`, so a
    /// message too long for the line, or gone at the next key, can be read in full (`?`).
    public var flash: String? {
        willSet {
            guard let old = flash, old != newValue, recentMessages.first != old else { return }
            recentMessages.insert(old, at: 0)
            if recentMessages.count > Self.recentMessageLimit { recentMessages.removeLast() }
        }
    }
    /// The last messages the status line showed, newest first (the current one excluded).
    public private(set) var recentMessages: [String] = []
    static let recentMessageLimit = 5
    /// The run looks at a past day (`--as-of`): the header says "per <day>".
    public var viewingPast = false
    /// The meeting open in this terminal (`--meeting ID`): every decision recorded here is
    /// linked to it (`FollowUpSession` stamps the events).
    public var openMeetingID: String?
    public var shouldQuit = false
    /// `q` was pressed once while decisions are held (`StoreStatus.waiting`): the next
    /// `q` quits without them.
    public var quitWarned = false
    /// The meeting `T` was pressed for once: the next `T` closes it, any other key forgets.
    public var meetingCloseArmed: String?
    /// Who records decisions (`--as`, else the login name).
    public var author = "?"
    /// This terminal follows an operator's (`pantau --follow`): whom, or why no one yet.
    public var following: FollowStatus?
    /// An operator's choice (`S`): its overlays (help, palette, forms) show on its
    /// followers' screens too. Off by default: the operator's screen is private.
    public var sharesOverlays = false
    /// A follower: the overlay shown is the operator's (shared), not one opened here.
    public var overlayMirrored = false
    public var storeStatus: StoreStatus = .writable
    /// Decisions waiting to be written; the dashboard loop drains this (the reducer does no I/O).
    public var outbox: [FollowUpEvent] = []
    /// Events recorded in this session, oldest first, for undo.
    public var sessionEvents: [FollowUpEvent] = []
    public var theme: Theme = .dark
    /// ASCII only: for terminals and locales that cannot show UTF-8 box drawing and blocks.
    public var ascii = false
    /// Where this terminal is, above the dashboard: a slide, full-screen views (the last
    /// is shown; `Esc` goes back to the one below). Empty: the dashboard.
    public var stack: [Place] = []
    /// The presentation left for the dashboard with `p`, so `p` returns to the same agenda.
    public var suspendedPresentation: Presentation?
    /// Wall-clock time shown in presentation mode ("09:41"); set by the loop.
    public var clock = ""
    /// Regions marked with `m` for compare mode, in the order they were marked (at most
    /// `maxMarks`); kept while drilling, so regions of different provinces can be compared.
    public var marks: [RegionIndex] = []
    public static let maxMarks = 4
    public init(context: DashboardContext, lang: Language, size: Size) {
        self.context = context
        self.lang = lang
        self.size = size
        self.path = [context.dataset.root]
        // Open on the first child, not on the aggregate row of the parent.
        if !context.dataset.children(of: context.dataset.root).isEmpty { regionCursor.selected = 1 }
    }

    public var dataset: Dataset { context.dataset }
    public var listedParent: RegionIndex { path.last ?? dataset.root }
}

/// A screen above the dashboard in the navigation stack (`AppState.stack`).
public enum Place: Equatable, Sendable {
    /// Presentation mode: one region per screen, walking an agenda.
    case slide(Presentation)
    /// A full-screen view, how far it is scrolled, and the selected row among those that
    /// stand for a region (kab/kota of the scorecard comparison, programmes), which Enter opens.
    case view(DecisionView, scroll: Int, selection: Int)
}

/// What keys mean now: the screen on top of the navigation stack. Commands are looked
/// up, hinted and listed in help and the palette by it.
public enum Mode: Equatable, Sendable {
    case dashboard, presentation, view
}

extension AppState {
    public var mode: Mode {
        switch stack.last {
        case nil: .dashboard
        case .slide?: .presentation
        case .view?: .view
        }
    }

    /// The slide shown, if the top of the stack is one. Setting replaces it (or pushes
    /// one); nil takes it off.
    public var presentation: Presentation? {
        get { if case .slide(let presentation)? = stack.last { presentation } else { nil } }
        set {
            if case .slide? = stack.last { stack.removeLast() }
            if let newValue { stack.append(.slide(newValue)) }
        }
    }

    /// The full-screen view shown, if the top of the stack is one.
    public var view: DecisionView? {
        if case .view(let view, _, _)? = stack.last { return view }
        return nil
    }

    /// The view below the one shown (where `Esc` goes back to).
    public var viewBelow: DecisionView? {
        guard stack.count >= 2, case .view? = stack.last, case .view(let view, _, _) = stack[stack.count - 2] else { return nil }
        return view
    }

    /// How far the shown view is scrolled (0 with no view; setting without one does nothing).
    public var viewScroll: Int {
        get { if case .view(_, let scroll, _)? = stack.last { scroll } else { 0 } }
        set { if case .view(let view, _, let selection)? = stack.last { stack[stack.count - 1] = .view(view, scroll: newValue, selection: selection) } }
    }

    /// The selected row of the shown view.
    public var viewSelection: Int {
        get { if case .view(_, _, let selection)? = stack.last { selection } else { 0 } }
        set { if case .view(let view, let scroll, _)? = stack.last { stack[stack.count - 1] = .view(view, scroll: scroll, selection: newValue) } }
    }

    /// Takes every full-screen view off the stack.
    mutating func closeViews() {
        while case .view? = stack.last { stack.removeLast() }
    }

    // The built-in panes' cursors by name (the reducer and views use them generically
    // through `cursors`).
    public var regionCursor: ListCursor {
        get { cursors[.regions] ?? ListCursor() }
        set { cursors[.regions] = newValue }
    }
    public var indicatorCursor: ListCursor {
        get { cursors[.indicators] ?? ListCursor() }
        set { cursors[.indicators] = newValue }
    }
    public var recommendationCursor: ListCursor {
        get { cursors[.recommendations] ?? ListCursor() }
        set { cursors[.recommendations] = newValue }
    }
    /// The first line of the Detail pane shown.
    public var detailScroll: Int {
        get { cursors[.detail]?.top ?? 0 }
        set { cursors[.detail, default: ListCursor()].top = newValue }
    }
}

/// The agenda of a projected meeting and where the room is in it.
public struct Presentation: Equatable, Sendable {
    public var agenda: [RegionIndex]
    public var position: Int
    /// The first pending recommendation the slide lists (0 = from the top).
    public var scroll = 0
    /// The pending recommendation the slide's decisions act on (index into the slide's
    /// list, `slideRecommendations`); the slide scrolls to keep it in view.
    public var selected = 0

    public init(agenda: [RegionIndex], position: Int = 0) {
        self.agenda = agenda
        self.position = min(max(0, position), max(0, agenda.count - 1))
    }

    public var current: RegionIndex? { agenda.isEmpty ? nil : agenda[position] }
}
