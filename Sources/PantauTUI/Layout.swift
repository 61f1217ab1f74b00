/// Where each part of the screen goes for a size: a pure function, recomputed on resize.
public enum Layout: Equatable, Sendable {
    case tooSmall(need: Size)
    case panes(PaneLayout)

    /// The panes side by side from this size; below it, one pane at a time.
    public static let minimum = Size(width: 80, height: 24)
    /// The smallest grid the dashboard draws on (a projector with a large font): one pane,
    /// the focused one, full-screen, `Tab` cycling.
    public static let singlePaneMinimum = Size(width: 40, height: 12)

    /// The header line, each registered pane's rectangle (its `LayoutSlot`: a half of the
    /// body, a place from the left, a width) and the status line.
    public static func compute(_ size: Size, panes registry: PaneRegistry = .standard) -> Layout {
        guard size.width >= singlePaneMinimum.width, size.height >= singlePaneMinimum.height else {
            return .tooSmall(need: singlePaneMinimum)
        }
        let header = Rect(x: 0, y: 0, width: size.width, height: 1)
        let status = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
        guard size.width >= minimum.width, size.height >= minimum.height else {
            // Every pane gets the whole body; only the focused one is drawn.
            let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
            return .panes(PaneLayout(header: header, rects: Dictionary(uniqueKeysWithValues: registry.panes.map { ($0, body) }),
                                     order: registry.panes, status: status, single: true))
        }
        let bodyHeight = size.height - 2
        let topHeight = (bodyHeight + 1) / 2
        var rects: [Pane: Rect] = [:]
        for row in LayoutSlot.Row.allCases {
            let (y, height) = row == .top ? (1, topHeight) : (1 + topHeight, bodyHeight - topHeight)
            let specs = registry.specs.filter { $0.slot.row == row }.sorted { $0.slot.order < $1.slot.order }
            func fixed(_ width: LayoutSlot.Width) -> Int? {
                if case .share(let numerator, let denominator, let minimum) = width { return max(minimum, size.width * numerator / denominator) }
                return nil
            }
            let taken = specs.compactMap { fixed($0.slot.width) }.reduce(0, +)
            let restCount = specs.filter { fixed($0.slot.width) == nil }.count
            let restTotal = size.width - taken
            var x = 0
            var restIndex = 0
            for spec in specs {
                let width: Int
                if let share = fixed(spec.slot.width) {
                    width = share
                } else {
                    // The rest shared equally; the last one takes what the division leaves.
                    let each = restTotal / restCount
                    width = restIndex == restCount - 1 ? restTotal - each * (restCount - 1) : each
                    restIndex += 1
                }
                rects[spec.id] = Rect(x: x, y: y, width: width, height: height)
                x += width
            }
        }
        return .panes(PaneLayout(header: header, rects: rects, order: registry.panes, status: status, single: false))
    }
}

public struct PaneLayout: Equatable, Sendable {
    public let header: Rect
    /// Each pane's rectangle.
    public let rects: [Pane: Rect]
    /// The panes in number order (hit testing, drawing).
    public let order: [Pane]
    public let status: Rect
    /// One pane at a time (a grid below `Layout.minimum`): each pane's rect is the whole
    /// body, and the focused pane is the one drawn and clicked.
    public let single: Bool

    public func rect(for pane: Pane) -> Rect { rects[pane] ?? Rect(x: 0, y: 0, width: 0, height: 0) }

    /// The pane under a cell (with one pane at a time, only `focused` can be).
    public func pane(at x: Int, _ y: Int, focused: Pane) -> Pane? {
        if single { return rect(for: focused).contains(x: x, y: y) ? focused : nil }
        return order.first { rect(for: $0).contains(x: x, y: y) }
    }
}
