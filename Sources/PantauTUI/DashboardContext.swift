import PantauKit

/// The data the dashboard shows: the dataset as loaded, with the recorded follow-up
/// events applied. Immutable and shared by every state value; a new one is made when
/// events are recorded (here or in another terminal). Events newer than the last one
/// applied (`with(newEvents:)`) cost what they touch: the ledger takes them one by one
/// (recommendations recorded as events included), and the roll-up changes only along
/// the changed recommendations' regions.
public final class DashboardContext: Sendable {
    /// The dataset as read from its CSV files, which are never modified.
    public let base: Dataset
    /// `base` with every follow-up event applied (recorded recommendations added): what
    /// all panes show.
    public let dataset: Dataset
    public let ledger: FollowUpLedger
    public let today: LocalDate
    public let rollUp: RollUp
    /// Rows derived from states over this context, remembered (see `SelectorMemo`).
    let memo = SelectorMemo()

    public var followUp: AppliedFollowUp { ledger.result }
    /// Every event applied, in id order (each held once, by the ledger's log).
    public var events: [FollowUpEvent] { ledger.result.log.prefix(ledger.eventCount) }
    /// How many events this context has applied.
    public var eventCount: Int { ledger.eventCount }
    /// The largest event id applied: a store's `events(after:)` gives what is new.
    public var lastEventID: Int64? { ledger.lastID }

    public init(dataset base: Dataset, today: LocalDate, events: [FollowUpEvent] = []) {
        self.base = base
        self.today = today
        let ledger = FollowUpLedger(events: events, dataset: base)
        self.ledger = ledger
        self.dataset = events.isEmpty ? base : base.replacingRecommendations(ledger.result.recommendations)
        self.rollUp = dataset.rollUp(today: today)
    }

    private init(after previous: DashboardContext, ledger: FollowUpLedger, changes: [RecommendationChange]) {
        base = previous.base
        today = previous.today
        self.ledger = ledger
        dataset = base.replacingRecommendations(ledger.result.recommendations)
        // A recommendation added or withdrawn counts as one that is done on its other side.
        rollUp = dataset.rollUp(previous.rollUp, changing: changes.compactMap { change in
            guard let row = change.before ?? change.after else { return nil }
            return (change.before ?? row.with(status: .selesai), change.after ?? row.with(status: .selesai))
        })
        memo.carry(from: previous.memo, moves: Self.moves(changes, from: previous.dataset, to: dataset),
                   recommendations: dataset.recommendations, today: today)
    }

    /// Where the changed recommendations were and are: the places of those withdrawn (in
    /// the dataset before), of those added and of those changed (in the dataset after).
    /// Every other recommendation keeps its order. nil when a recommendation moved to
    /// another region (then places are not simply shifted).
    static func moves(_ changes: [RecommendationChange], from before: Dataset, to after: Dataset) -> SelectorMemo.Moves? {
        func place(_ recommendation: Recommendation, in dataset: Dataset) -> Int? {
            dataset.recommendationIndices(inSubtreeOf: recommendation.region).first { dataset.recommendations[$0].id == recommendation.id }
        }
        var moves = SelectorMemo.Moves()
        for change in changes {
            switch (change.before, change.after) {
            case (let old?, let new?):
                guard old.region == new.region, let index = place(new, in: after) else { return nil }
                moves.changed.append(index)
            case (let old?, nil):
                guard let index = place(old, in: before) else { return nil }
                moves.removed.append(index)
            case (nil, let new?):
                guard let index = place(new, in: after) else { return nil }
                moves.added.append(index)
            case (nil, nil):
                continue
            }
        }
        return moves
    }

    /// The context with every event replaced (the whole log applied again).
    public func with(events: [FollowUpEvent]) -> DashboardContext {
        DashboardContext(dataset: base, today: today, events: events)
    }

    /// The context with `fresh` events, all newer than those applied, added. Applied
    /// incrementally when they simply follow (see `FollowUpLedger.appendChanges`), else
    /// the whole log again.
    public func with(newEvents fresh: [FollowUpEvent]) -> DashboardContext {
        guard !fresh.isEmpty else { return self }
        var ledger = self.ledger
        guard let changes = ledger.appendChanges(fresh) else { return with(events: events + fresh) }
        return DashboardContext(after: self, ledger: ledger, changes: changes)
    }
}
