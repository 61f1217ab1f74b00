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
        // Where the changed recommendations are, when none was added or withdrawn (then
        // every other one keeps its place): the memo moves only those.
        let recommendations = dataset.recommendations
        var changed: [Int]? = recommendations.count == previous.dataset.recommendations.count ? [] : nil
        for change in changes where changed != nil {
            guard let after = change.after, change.before?.region == after.region,
                  let index = dataset.recommendationIndices(inSubtreeOf: after.region).first(where: { recommendations[$0].id == after.id }),
                  previous.dataset.recommendations[index].id == after.id
            else { changed = nil; break }
            changed?.append(index)
        }
        memo.carry(from: previous.memo, changed: changed, recommendations: recommendations, today: today)
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
