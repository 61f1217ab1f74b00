import PantauKit

/// The data the dashboard shows: the dataset as loaded, with the recorded follow-up
/// events applied. Immutable and shared by every state value; a new one is made when
/// events are recorded (here or in another terminal). Events newer than the last one
/// applied (`with(newEvents:)`) cost what they touch: the ledger takes them one by one,
/// and the roll-up changes only along the changed recommendations' regions.
public final class DashboardContext: Sendable {
    /// The dataset as read from its CSV files, which are never modified.
    public let base: Dataset
    /// `base` with the recommendations recorded as events added (`Dataset.addingRecorded`).
    let recorded: Dataset
    /// `base` with every follow-up event applied: what all panes show.
    public let dataset: Dataset
    public let ledger: FollowUpLedger
    public let today: LocalDate
    public let rollUp: RollUp
    private let log: FollowUpLog
    /// How many of `log`'s events this context has applied.
    public let eventCount: Int
    /// Rows derived from states over this context, remembered (see `SelectorMemo`).
    let memo = SelectorMemo()

    public var followUp: AppliedFollowUp { ledger.result }
    /// Every event applied, in the order given (id order from a store).
    public var events: [FollowUpEvent] { log.prefix(eventCount) }
    /// The largest event id applied: a store's `events(after:)` gives what is new.
    public var lastEventID: Int64? { ledger.lastID }

    public init(dataset base: Dataset, today: LocalDate, events: [FollowUpEvent] = []) {
        self.base = base
        self.today = today
        self.log = FollowUpLog(events)
        self.eventCount = events.count
        let recorded = base.addingRecorded(events)
        self.recorded = recorded
        let ledger = FollowUpApplier.ledger(events, to: recorded.recommendations)
        self.ledger = ledger
        self.dataset = events.isEmpty ? base : recorded.replacingRecommendations(ledger.result.recommendations)
        self.rollUp = dataset.rollUp(today: today)
    }

    private init(after previous: DashboardContext, ledger: FollowUpLedger, adding fresh: [FollowUpEvent], touched: [Int]) {
        base = previous.base
        recorded = previous.recorded
        today = previous.today
        log = previous.log.appending(fresh, after: previous.eventCount)
        eventCount = previous.eventCount + fresh.count
        self.ledger = ledger
        dataset = recorded.replacingRecommendations(ledger.result.recommendations)
        let before = previous.dataset.recommendations, after = dataset.recommendations
        rollUp = dataset.rollUp(previous.rollUp, changing: Set(touched).map { (before[$0], after[$0]) })
    }

    /// The context with every event replaced (the whole log applied again).
    public func with(events: [FollowUpEvent]) -> DashboardContext {
        DashboardContext(dataset: base, today: today, events: events)
    }

    /// The context with `fresh` events, all newer than those applied, added. Applied
    /// incrementally when they simply follow (see `FollowUpLedger.append`), else the
    /// whole log again.
    public func with(newEvents fresh: [FollowUpEvent]) -> DashboardContext {
        guard !fresh.isEmpty else { return self }
        // A new or edited recommendation changes which recommendations there are: rare
        // (a few per meeting), so the whole log is applied again.
        if fresh.contains(where: { $0.field == .recommendation }) { return with(events: events + fresh) }
        var ledger = self.ledger
        guard let touched = ledger.append(fresh) else { return with(events: events + fresh) }
        return DashboardContext(after: self, ledger: ledger, adding: fresh, touched: touched)
    }
}
