import PantauKit

/// A pane's identity: a stable name, never a position, so registering another pane
/// changes no pane's identity. Everything else about a pane is its `PaneSpec`.
public struct Pane: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let regions = Pane(rawValue: "regions")
    public static let indicators = Pane(rawValue: "indicators")
    public static let recommendations = Pane(rawValue: "recommendations")
    public static let detail = Pane(rawValue: "detail")
}

/// Where a pane sits in the dashboard's grid: the top or bottom half of the body, its
/// place from the left in that half, and how wide it is.
public struct LayoutSlot: Sendable, Equatable {
    public enum Row: Int, Sendable, CaseIterable { case top, bottom }
    public enum Width: Sendable, Equatable {
        /// `numerator / denominator` of the screen's width, at least `minimum` columns.
        case share(Int, Int, minimum: Int)
        /// What the other panes of its half leave (shared equally when several ask).
        case rest
    }
    public var row: Row
    public var order: Int
    public var width: Width

    public init(row: Row, order: Int, width: Width) {
        self.row = row
        self.order = order
        self.width = width
    }
}

/// What a pane's body holds, so moving, clamping, scrolling and clicking work on every
/// pane alike without drawing it.
public enum PaneContent: Sendable {
    /// A list of `rows(state)` rows under `header` lines of column titles; the selection
    /// and the first row shown are `state.cursors[pane]`.
    case list(header: Int, rows: @Sendable (AppState) -> Int)
    /// Text of `lines(state, width)` lines; `state.cursors[pane].top` is the first shown.
    case text(lines: @Sendable (AppState, Int) -> Int)
}

/// Everything that makes a pane itself, in one value: its number, title, place, content,
/// the commands that act on its selection, how it is drawn and what `Enter` does on it.
/// The reducer, the layout, the hint bar and the mouse work from these values only.
public struct PaneSpec: Sendable {
    public let id: Pane
    /// Shown in its frame; the digit key that focuses it.
    public let number: Int
    public let titleID: String
    public let titleEN: String
    public let slot: LayoutSlot
    public let content: PaneContent
    /// Commands that act on this pane's selection: their hints come first while it (or
    /// the Detail pane explaining it) is focused.
    public var commands: [CommandID] = []
    /// What the Detail pane says of this pane's selection, at a width (nil: Detail does
    /// not explain this pane, and keeps explaining the last one that it does).
    public var explain: (@Sendable (AppState, Int) -> [StyledLine])?
    /// Draws the pane, frame included, into its rectangle. Pure.
    public let draw: @Sendable (inout ScreenBuffer, AppState, Rect) -> Void
    /// After the selection moved (`changed`: to another row): what follows it.
    public var selectionMoved: (@Sendable (inout AppState, _ changed: Bool) -> Void)?
    /// `Enter` or a double click on the selection.
    public var activate: (@Sendable (inout AppState) -> Void)?

    public init(id: Pane, number: Int, titleID: String, titleEN: String, slot: LayoutSlot, content: PaneContent,
                commands: [CommandID] = [], explain: (@Sendable (AppState, Int) -> [StyledLine])? = nil,
                draw: @escaping @Sendable (inout ScreenBuffer, AppState, Rect) -> Void,
                selectionMoved: (@Sendable (inout AppState, _ changed: Bool) -> Void)? = nil,
                activate: (@Sendable (inout AppState) -> Void)? = nil) {
        self.id = id
        self.number = number
        self.titleID = titleID
        self.titleEN = titleEN
        self.slot = slot
        self.content = content
        self.commands = commands
        self.explain = explain
        self.draw = draw
        self.selectionMoved = selectionMoved
        self.activate = activate
    }

    public func title(_ lang: Language) -> String { lang.pick(titleID, titleEN) }

    /// Whether the Detail pane explains this pane's selection while it is focused.
    public var explainedByDetail: Bool { explain != nil }

    /// Rows of column titles above the list (none for text).
    public var headerRows: Int {
        if case .list(let header, _) = content { return header }
        return 0
    }
}

/// The panes of the dashboard, in number order (the order `Tab` visits them). The one
/// place a pane is registered: `standard` is the product's; a test adds its own.
public struct PaneRegistry: Sendable {
    public private(set) var specs: [PaneSpec]

    public init(_ specs: [PaneSpec]) {
        self.specs = specs.sorted { $0.number < $1.number }
    }

    public static let standard = PaneRegistry([regionsPane, indicatorsPane, recommendationsPane, detailPane])

    /// The registry with one more pane. Its number and id must be new.
    public func adding(_ spec: PaneSpec) -> PaneRegistry {
        precondition(!specs.contains { $0.id == spec.id || $0.number == spec.number }, "pane \(spec.id) registered twice")
        return PaneRegistry(specs + [spec])
    }

    public var panes: [Pane] { specs.map(\.id) }

    public func spec(_ pane: Pane) -> PaneSpec {
        guard let spec = specs.first(where: { $0.id == pane }) else { preconditionFailure("pane \(pane) is not registered") }
        return spec
    }

    public func contains(_ pane: Pane) -> Bool { specs.contains { $0.id == pane } }

    public func pane(numbered number: Int) -> Pane? { specs.first { $0.number == number }?.id }

    /// The pane `step` places after `pane` in number order, wrapping.
    public func pane(after pane: Pane, step: Int) -> Pane {
        let index = specs.firstIndex { $0.id == pane } ?? 0
        return specs[((index + step) % specs.count + specs.count) % specs.count].id
    }
}
