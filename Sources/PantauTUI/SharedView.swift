import Foundation
import PantauKit

/// What an operator's screen shows, as a follower needs it to show the same
/// (`pantau --follow`): the drill-down path and selections, the filters that decide which
/// rows there are, the slide and the open view. Regions by code and recommendations by
/// id, never by index, so a follower whose dataset was loaded in another order (another
/// machine) lands on the same rows, and what it does not have is left as it was.
/// Overlays (help, palette, forms) and the message line stay the operator's own.
public struct SharedView: Codable, Equatable, Sendable {
    /// Bumped when the meaning of a field changes; a follower ignores a newer one.
    public static let currentVersion = 1
    var version = SharedView.currentVersion
    var path: [String]
    var region: String?
    var regionTop: Int
    var focus: Int
    var detailSource: Int
    var indicator: Int
    var indicatorTop: Int
    var recommendation: String?
    var recommendationTop: Int
    var detailScroll: Int
    var sort: String
    var filter: String
    var status: Int
    var owner: String?
    var origin: String?
    var marks: [String]
    var meeting: String?
    var slide: Slide?
    var view: View?
    var viewBack: View?
    var viewScroll: Int
    var viewSelection: Int
    var viewBackSelection: Int
    /// The operator's overlay, when it shares them (`S`); nil otherwise.
    var overlay: SharedOverlay?

    struct Slide: Codable, Equatable, Sendable {
        var agenda: [String]
        var position: Int
        var scroll: Int
        var selected: Int
    }

    struct View: Codable, Equatable, Sendable {
        /// "compare", "scorecard" or "programmes".
        var kind: String
        var region: String?
    }

    /// An overlay as a follower redraws it: the help's scroll, the palette's query, a
    /// form's fields with the cursor where the operator's is.
    struct SharedOverlay: Codable, Equatable, Sendable {
        var kind: String
        var scroll = 0
        var query = ""
        var selected = 0
        var form: Form?

        struct Form: Codable, Equatable, Sendable {
            var kind: String
            var recommendationID: String
            var choice: Int
            var riskChoice: Int
            var choosingRisk: Bool
            var text: String
            var cursor: Int
            var fields: [String]
            var focus: Int
            var error: String?
        }

        static let formKinds: [(EditForm.Kind, String)] = [
            (.status, "status"), (.note, "note"), (.deadline, "deadline"), (.owner, "owner"),
            (.evaluation, "evaluation"), (.newRecommendation, "new-recommendation"), (.meeting, "meeting"),
        ]

        init(_ overlay: Overlay) {
            switch overlay {
            case .help(let scroll): kind = "help"; self.scroll = scroll
            case .palette(let query, let selected): kind = "palette"; self.query = query; self.selected = selected
            case .form(let form):
                kind = "form"
                self.form = Form(kind: Self.formKinds.first { $0.0 == form.kind }?.1 ?? "", recommendationID: form.recommendationID,
                                 choice: form.choice, riskChoice: form.riskChoice, choosingRisk: form.choosingRisk,
                                 text: form.field.text, cursor: form.field.cursor, fields: form.fields.map(\.text),
                                 focus: form.focus, error: form.error)
            }
        }

        /// The overlay again; nil for one this version does not know.
        var local: Overlay? {
            switch kind {
            case "help": return .help(scroll: scroll)
            case "palette": return .palette(query: query, selected: selected)
            case "form":
                guard let form, let kind = Self.formKinds.first(where: { $0.1 == form.kind })?.0 else { return nil }
                var edit = EditForm(kind: kind, recommendationID: form.recommendationID, choice: form.choice, text: "", error: form.error)
                edit.field = TextField(form.text, cursor: form.cursor)
                edit.riskChoice = form.riskChoice
                edit.choosingRisk = form.choosingRisk
                edit.fields = form.fields.map { TextField($0) }
                edit.focus = form.focus
                return .form(edit)
            default: return nil
            }
        }
    }

    /// What `state` shows.
    public init(of state: AppState) {
        let dataset = state.dataset
        func code(_ index: RegionIndex) -> String { dataset.region(index).code.text }
        func shared(_ view: DecisionView?) -> View? {
            switch view {
            case nil: nil
            case .compare?: View(kind: "compare", region: nil)
            case .scorecard(let region)?: View(kind: "scorecard", region: code(region))
            case .programmes(let region)?: View(kind: "programmes", region: code(region))
            }
        }
        let rows = state.recommendationRows
        path = state.path.map(code)
        region = code(state.selectedRegion)
        regionTop = state.regionCursor.top
        // A pane travels as its place in number order from 0, as pantau 0.1 wrote it.
        focus = state.panes.panes.firstIndex(of: state.focus) ?? 0
        detailSource = state.panes.panes.firstIndex(of: state.detailSource) ?? 0
        indicator = state.indicatorCursor.selected
        indicatorTop = state.indicatorCursor.top
        recommendation = rows.isEmpty ? nil : dataset.recommendations[rows[min(state.recommendationCursor.selected, rows.count - 1)]].id
        recommendationTop = state.recommendationCursor.top
        detailScroll = state.detailScroll
        sort = state.sortKey.rawValue
        filter = state.filterText
        status = StatusFilter.allCases.firstIndex(of: state.statusFilter) ?? 0
        owner = state.ownerFilter
        origin = state.originFilter?.rawValue
        marks = state.marks.map(code)
        meeting = state.openMeetingID
        slide = state.presentation.map { Slide(agenda: $0.agenda.map(code), position: $0.position, scroll: $0.scroll, selected: $0.selected) }
        view = shared(state.view)
        viewBack = shared(state.viewBelow)
        viewScroll = state.viewScroll
        viewSelection = state.viewSelection
        if state.viewBelow != nil, case .view(_, _, let selection) = state.stack[state.stack.count - 2] {
            viewBackSelection = selection
        } else {
            viewBackSelection = 0
        }
        overlay = state.sharesOverlays ? state.overlay.map(SharedOverlay.init) : nil
    }

    /// The text a store keeps (JSON, keys sorted, so equal views give equal text).
    public var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// A view from a store's text; nil when it is not one, or from a newer pantau.
    public static func decoded(_ text: String) -> SharedView? {
        guard let view = try? JSONDecoder().decode(SharedView.self, from: Data(text.utf8)),
              view.version <= currentVersion else { return nil }
        return view
    }

    /// Puts `state` where the view is (the reducer's `.followed`).
    func apply(to state: inout AppState) {
        let dataset = state.dataset
        func index(_ code: String?) -> RegionIndex? { code.flatMap(RegionCode.init).flatMap(dataset.index(of:)) }
        func local(_ view: View?) -> DecisionView? {
            switch view?.kind {
            case "compare": .compare
            case "scorecard": index(view?.region).map(DecisionView.scorecard)
            case "programmes": index(view?.region).map(DecisionView.programmes)
            default: nil
            }
        }
        // The path as far as this dataset has it (the root at least).
        var resolved: [RegionIndex] = []
        for code in path {
            guard let found = index(code) else { break }
            resolved.append(found)
        }
        state.path = resolved.isEmpty ? [dataset.root] : resolved
        state.sortKey = RegionSortKey(rawValue: sort) ?? state.sortKey
        state.filterText = filter
        state.filterEditing = false
        state.statusFilter = StatusFilter.allCases.indices.contains(status) ? StatusFilter.allCases[status] : .all
        state.ownerFilter = owner
        state.originFilter = origin.flatMap(RecommendationOrigin.init(rawValue:))
        state.regionCursor = ListCursor(selected: index(region).flatMap { state.regionRows.firstIndex(of: $0) } ?? 0, top: regionTop)
        let panes = state.panes.panes
        state.focus = panes.indices.contains(focus) ? panes[focus] : .regions
        state.detailSource = panes.indices.contains(detailSource) ? panes[detailSource] : .regions
        state.indicatorCursor = ListCursor(selected: indicator, top: indicatorTop)
        let recommendations = state.dataset.recommendations
        let row = recommendation.flatMap { id in state.recommendationRows.firstIndex { recommendations[$0].id == id } } ?? 0
        state.recommendationCursor = ListCursor(selected: row, top: recommendationTop)
        state.detailScroll = detailScroll
        state.marks = marks.compactMap(index)
        state.openMeetingID = meeting
        // The operator's slide or views, on the dashboard.
        state.stack = []
        if let slide {
            let agenda = slide.agenda.compactMap(index)
            if agenda.isEmpty {
                state.presentation = nil
            } else {
                var presentation = Presentation(agenda: agenda, position: slide.position)
                presentation.scroll = slide.scroll
                presentation.selected = slide.selected
                state.presentation = presentation
            }
        } else {
            state.presentation = nil
        }
        state.suspendedPresentation = nil
        state.closeViews()
        if let view = local(view) {
            if let below = local(viewBack) { state.stack.append(.view(below, scroll: 0, selection: viewBackSelection)) }
            state.stack.append(.view(view, scroll: viewScroll, selection: viewSelection))
        }
        // The operator's shared overlay replaces any here; once it closes, so does its copy
        // (an overlay the follower opened itself stays).
        if let shared = overlay?.local {
            state.overlay = shared
            state.overlayMirrored = true
        } else {
            closeMirroredOverlay(&state)
        }
        // The follower's grid may be smaller: selections stay on screen.
        clampCursors(&state)
        state.detailScroll = min(state.detailScroll, maxDetailScroll(state))
    }
}

/// Whom a follower (`pantau --follow`) follows, as the header and status line say.
public enum FollowStatus: Equatable, Sendable {
    /// No operator (or not the one named) has a dashboard open on this store yet.
    case waiting(for: String?)
    /// Several operators are active and none was named: the follower does not guess.
    case choosing([String])
    case following(String)
}
