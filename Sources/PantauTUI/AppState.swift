import PantauKit

public enum Pane: Int, Sendable, CaseIterable {
    case regions = 0, indicators, recommendations, detail

    public func title(_ lang: Language) -> String {
        switch self {
        case .regions: lang.pick("Wilayah", "Regions")
        case .indicators: lang.pick("Indikator", "Indicators")
        case .recommendations: lang.pick("Rekomendasi", "Recommendations")
        case .detail: lang.pick("Rincian", "Detail")
        }
    }
}

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

/// Data that does not change while the dashboard runs; shared by every state value.
public final class DashboardContext: Sendable {
    public let dataset: Dataset
    public let today: LocalDate
    public let rollUp: RollUp

    public init(dataset: Dataset, today: LocalDate) {
        self.dataset = dataset
        self.today = today
        self.rollUp = dataset.rollUp(today: today)
    }
}

public enum Overlay: Equatable, Sendable {
    case help(scroll: Int)
    case palette(query: String, selected: Int)
}

/// Everything the screen shows is derived from this value; `reduce` is the only way it changes.
public struct AppState: Sendable {
    public let context: DashboardContext
    public var lang: Language
    public var size: Size
    public var focus: Pane = .regions
    /// The list pane whose selection the Detail pane explains.
    public var detailSource: Pane = .regions
    /// Drill-down path: the region whose children are listed is the last element.
    public var path: [RegionIndex]
    /// The selected child per listed parent, so going back restores the selection.
    public var savedSelection: [RegionIndex: RegionIndex] = [:]
    public var regionCursor = ListCursor()
    public var indicatorCursor = ListCursor()
    public var recommendationCursor = ListCursor()
    public var detailScroll = 0
    public var sortKey: RegionSortKey = .code
    public var filterText = ""
    public var filterEditing = false
    public var statusFilter: StatusFilter = .all
    public var ownerFilter: String?
    public var overlay: Overlay?
    public var flash: String?
    public var shouldQuit = false

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
