/// Where each part of the screen goes for a size: a pure function, recomputed on resize.
public enum Layout: Equatable, Sendable {
    case tooSmall(need: Size)
    case panes(PaneLayout)

    /// The four panes side by side from this size; below it, one pane at a time.
    public static let minimum = Size(width: 80, height: 24)
    /// The smallest grid the dashboard draws on (a projector with a large font): one pane,
    /// the focused one, full-screen, `Tab` cycling.
    public static let singlePaneMinimum = Size(width: 40, height: 12)

    public static func compute(_ size: Size) -> Layout {
        guard size.width >= singlePaneMinimum.width, size.height >= singlePaneMinimum.height else {
            return .tooSmall(need: singlePaneMinimum)
        }
        guard size.width >= minimum.width, size.height >= minimum.height else {
            // Every pane gets the whole body; only the focused one is drawn.
            let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
            return .panes(PaneLayout(header: Rect(x: 0, y: 0, width: size.width, height: 1),
                                     regions: body, indicators: body, recommendations: body, detail: body,
                                     status: Rect(x: 0, y: size.height - 1, width: size.width, height: 1), single: true))
        }
        let bodyTop = 1
        let bodyHeight = size.height - 2
        let topHeight = (bodyHeight + 1) / 2
        let bottomHeight = bodyHeight - topHeight
        let regionsWidth = max(44, size.width * 11 / 20)
        let detailWidth = max(30, size.width * 3 / 8)
        return .panes(PaneLayout(
            header: Rect(x: 0, y: 0, width: size.width, height: 1),
            regions: Rect(x: 0, y: bodyTop, width: regionsWidth, height: topHeight),
            indicators: Rect(x: regionsWidth, y: bodyTop, width: size.width - regionsWidth, height: topHeight),
            recommendations: Rect(x: 0, y: bodyTop + topHeight, width: size.width - detailWidth, height: bottomHeight),
            detail: Rect(x: size.width - detailWidth, y: bodyTop + topHeight, width: detailWidth, height: bottomHeight),
            status: Rect(x: 0, y: size.height - 1, width: size.width, height: 1), single: false))
    }
}

public struct PaneLayout: Equatable, Sendable {
    public let header: Rect
    public let regions: Rect
    public let indicators: Rect
    public let recommendations: Rect
    public let detail: Rect
    public let status: Rect
    /// One pane at a time (a grid below `Layout.minimum`): each pane's rect is the whole
    /// body, and the focused pane is the one drawn and clicked.
    public let single: Bool

    public func rect(for pane: Pane) -> Rect {
        switch pane {
        case .regions: regions
        case .indicators: indicators
        case .recommendations: recommendations
        case .detail: detail
        }
    }
}
