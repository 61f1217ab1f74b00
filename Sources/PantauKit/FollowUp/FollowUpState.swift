import Foundation

/// The dataset's recommendations with the recorded follow-up applied. Pure: no I/O.
///
/// Each event is held once, in `log`, which the results made from this one by
/// `FollowUpLedger.append` share. A recommendation's history is not a list of its own
/// but a chain through the log (each event points at the previous applied event of the
/// same recommendation), read when something asks for it (`history`, `notes`): the
/// Detail pane reads one recommendation's, a report or a test all of them.
public struct AppliedFollowUp: Sendable {
    /// The dataset's recommendations, same order, with status/owner/deadline replaced.
    public var recommendations: [Recommendation]
    /// Ids of events whose `oldValue` differed from the value current when they were
    /// applied: two people changed the same thing from the same starting point, and the
    /// later one won.
    public var conflicts: Set<Int64>
    /// Events whose recommendation id is not in the dataset (kept in the store, reported).
    public var orphans: [FollowUpEvent]
    /// Events whose value cannot apply (unknown status, bad date, empty OPD or note):
    /// ignored, reported.
    public var invalid: [FollowUpEvent]
    /// The meetings recorded (`FollowUpField.meeting` events), as their newest events say.
    public var meetings = MeetingBook()
    /// Every event given, in the order applied (id order), each held once.
    public internal(set) var log: FollowUpLog
    /// How many of `log`'s events this result covers.
    public internal(set) var eventCount: Int
    /// Per recommendation (same index): the log position of its newest applied event, -1
    /// for none.
    var newest: [Int32]
    /// Recommendation id → index, for at least every id an applied event named.
    var named: [String: Int]

    public init(recommendations: [Recommendation]) {
        self.recommendations = recommendations
        conflicts = []
        orphans = []
        invalid = []
        log = FollowUpLog([])
        eventCount = 0
        newest = Array(repeating: -1, count: recommendations.count)
        named = [:]
    }

    /// Recommendation id → its applied events (changes, notes, undos), newest first; nil
    /// for none. Orphans and invalid events are not here.
    public var history: FollowUpHistory { FollowUpHistory(applied: self) }
    /// Recommendation id → its notes that have not been undone, newest first (each also
    /// in `history`); nil for none.
    public var notes: FollowUpNotes { FollowUpNotes(applied: self) }

    /// The applied events of the recommendation at `index`, newest first.
    public func history(at index: Int) -> [FollowUpEvent] {
        log.chain(from: newest[index])
    }

    /// The notes of the recommendation at `index` that have not been undone, newest first.
    public func notes(at index: Int) -> [FollowUpEvent] {
        FollowUpNotes.shown(history(at: index))
    }
}

extension AppliedFollowUp: Equatable {
    /// The same recommendations, histories (event by event), conflicts, orphans, invalid
    /// events and meetings, however each was reached.
    public static func == (a: AppliedFollowUp, b: AppliedFollowUp) -> Bool {
        guard a.recommendations == b.recommendations, a.newest.count == b.newest.count, a.conflicts == b.conflicts,
              a.orphans == b.orphans, a.invalid == b.invalid, a.meetings == b.meetings else { return false }
        if a.log === b.log && a.newest == b.newest { return true }
        return a.newest.indices.allSatisfy { (a.newest[$0] < 0) == (b.newest[$0] < 0) && a.history(at: $0) == b.history(at: $0) }
    }
}

/// Applied events by recommendation id, read from the log when asked.
public struct FollowUpHistory: Sendable {
    let applied: AppliedFollowUp

    public subscript(id: String) -> [FollowUpEvent]? {
        guard let index = applied.named[id], applied.newest[index] >= 0 else { return nil }
        return applied.history(at: index)
    }

    public var isEmpty: Bool { !applied.newest.contains { $0 >= 0 } }
}

/// Notes shown by recommendation id, worked out from its history when asked.
public struct FollowUpNotes: Sendable {
    let applied: AppliedFollowUp

    public subscript(id: String) -> [FollowUpEvent]? {
        guard let index = applied.named[id], applied.newest[index] >= 0 else { return nil }
        let notes = applied.notes(at: index)
        return notes.isEmpty ? nil : notes
    }

    public var isEmpty: Bool { applied.newest.indices.allSatisfy { applied.newest[$0] < 0 || applied.notes(at: $0).isEmpty } }

    /// The rule for undoing notes, over one recommendation's history (newest first): an
    /// undo that is not itself undone hides its target, so undoing an undo brings the
    /// note back. An undo reaches only its own recommendation's notes (pantau never
    /// writes another; one copied in from elsewhere hides nothing).
    static func shown(_ history: [FollowUpEvent]) -> [FollowUpEvent] {
        var cancelled: Set<Int64> = []
        for event in history where event.field == .note {
            if let id = event.id, cancelled.contains(id) { continue }
            if let target = event.undoes { cancelled.insert(target) }
        }
        return history.filter { $0.field == .note && $0.undoes == nil && !cancelled.contains($0.id ?? -1) }
    }
}

public enum FollowUpApplier {
    /// Applies events in id order (events without an id after those with one, in the
    /// given order). Each change replaces the current value whatever its `oldValue`; a
    /// mismatching `oldValue` only marks a conflict.
    public static func apply(_ events: [FollowUpEvent], to recommendations: [Recommendation]) -> AppliedFollowUp {
        ledger(events, to: recommendations).result
    }

    /// The same, kept as a ledger that newer events can be appended to.
    public static func ledger(_ events: [FollowUpEvent], to recommendations: [Recommendation]) -> FollowUpLedger {
        FollowUpLedger(applying: events, to: recommendations, base: nil)
    }
}

/// What a batch of events did to one recommendation: its row before and after (nil: not
/// in the list, e.g. a recorded recommendation added or withdrawn).
public struct RecommendationChange: Sendable, Equatable {
    public var before: Recommendation?
    public var after: Recommendation?
}

/// The follow-up applied so far, able to take newer events without starting again: what
/// the dashboard keeps so that a decision made here or in another terminal costs the
/// events it adds, not the length of the whole log (docs/performance.md, "History").
/// Applying a whole log and appending it in parts give the same result; the tests
/// compare them.
public struct FollowUpLedger: Sendable {
    public fileprivate(set) var result: AppliedFollowUp
    /// The largest id applied (nil: none).
    public fileprivate(set) var lastID: Int64?
    /// How many events were given (applied, orphaned or invalid).
    public var eventCount: Int { result.eventCount }
    /// Whether an event without an id was applied (a shared server's journal): a later
    /// event could then not simply follow, so `append` refuses.
    fileprivate var unnumbered = false
    /// Ids known not to be in the recommendations (with `complete`, every id not in
    /// `result.named`).
    private var absent: Set<String> = []
    private var complete = false
    /// Id not in the recommendations → the log position of its newest valid event: the
    /// history is ready if a recorded recommendation brings the id in.
    private var orphanNewest: [String: Int32] = [:]
    /// The dataset as loaded, when the ledger was made from one: recommendations
    /// recorded as events are then added, edited and withdrawn incrementally too.
    private var base: Dataset?
    /// The recommendations recorded as events, as their newest records say.
    private var records = RecordedRecommendations([])

    /// A ledger of `events` applied to `recommendations` (as `FollowUpApplier.apply`).
    public init(events: [FollowUpEvent], recommendations: [Recommendation]) {
        self.init(applying: events, to: recommendations, base: nil)
    }

    /// A ledger of `events` applied to `dataset`'s recommendations with those recorded as
    /// events added (`Dataset.addingRecorded`); later recommendation events (new, edited,
    /// withdrawn) are appended incrementally as well.
    public init(events: [FollowUpEvent], dataset: Dataset) {
        self.init(applying: events, to: dataset.addingRecorded(events).recommendations, base: dataset)
    }

    fileprivate init(applying events: [FollowUpEvent], to recommendations: [Recommendation], base: Dataset?) {
        result = AppliedFollowUp(recommendations: recommendations)
        self.base = base
        // A store gives them in id order already: sorted (copying every event twice) only
        // when they are not.
        let inOrder = zip(events, events.dropFirst()).allSatisfy { ($0.id ?? .max) <= ($1.id ?? .max) }
        let ordered = inOrder ? events : events.enumerated().sorted {
            ($0.element.id ?? .max, $0.offset) < ($1.element.id ?? .max, $1.offset)
        }.map(\.element)
        name(recommendations, for: ordered)
        var previous = [Int32](repeating: -1, count: ordered.count)
        for position in ordered.indices {
            previous[position] = applyOne(ordered[position], at: Int32(position))
        }
        result.log = FollowUpLog(ordered, previous: previous)
        result.eventCount = ordered.count
        lastID = ordered.last(where: { $0.id != nil })?.id
        unnumbered = ordered.last?.id == nil && !ordered.isEmpty
    }

    /// Indexes the recommendations by id, one lookup an event after that, unless the log
    /// is a handful of events (then each id is looked for once, by `index(of:)`). Picking
    /// out only the ids events name hashed every id of the dataset all the same.
    private mutating func name(_ recommendations: [Recommendation], for events: [FollowUpEvent]) {
        guard events.count > 16 else { return }
        result.named.reserveCapacity(recommendations.count)
        for index in recommendations.indices where result.named[recommendations[index].id] == nil {
            result.named[recommendations[index].id] = index
        }
        complete = true
    }

    /// The index of recommendation `id`, looking it up once if no event named it before.
    private mutating func index(of id: String) -> Int? {
        if let found = result.named[id] { return found }
        if complete || absent.contains(id) { return nil }
        if let found = result.recommendations.firstIndex(where: { $0.id == id }) {
            result.named[id] = found
            return found
        }
        absent.insert(id)
        return nil
    }

    /// A change's value, checked; nil when it cannot apply (recorded as invalid).
    private enum Change {
        case status(RecommendationStatus), deadline(LocalDate?), owner(String), outcome(FollowUpOutcome?), risk(RiskChange?), note
    }

    /// The rule for each field's value, written once: what `applyOne` applies and what
    /// it reports as invalid.
    private static func change(_ event: FollowUpEvent) -> Change? {
        switch event.field {
        case .status: RecommendationStatus(rawValue: event.newValue).map(Change.status)
        case .deadline: FollowUpValue.deadline(event.newValue).map(Change.deadline)
        // Canonical (TextRules): an OPD stored by an older pantau with invisible
        // characters groups with the same-looking one.
        case .owner: TextRules.canonicalName(event.newValue).nonEmpty.map(Change.owner)
        case .outcome: FollowUpValue.outcome(event.newValue).map(Change.outcome)
        case .riskImproved: FollowUpValue.risk(event.newValue).map(Change.risk)
        case .note: event.undoes != nil || event.newValue.unicodeScalars.contains { !$0.isSpace } ? .note : nil
        case .meeting, .recommendation: nil
        }
    }

    /// Applies a checked change to the recommendation at `index`, marking a conflict when
    /// the event's `oldValue` is not the value it replaces.
    private mutating func apply(_ change: Change, of event: FollowUpEvent, to index: Int) {
        if case .note = change { return }
        let current = result.recommendations[index]
        if let id = event.id, let old = event.oldValue,
           !FollowUpValue.same(old, FollowUpValue.current(event.field, of: current), field: event.field) {
            result.conflicts.insert(id)
        }
        result.recommendations[index] = switch change {
        case .status(let status): current.with(status: status)
        case .deadline(let deadline): current.with(deadline: .some(deadline))
        case .owner(let owner): current.with(owner: owner)
        case .outcome(let outcome): current.with(outcome: .some(outcome))
        case .risk(let risk): current.with(riskImproved: .some(risk))
        case .note: current
        }
    }

    /// Applies one event, at `position` in the log, after those applied so far; returns
    /// the log position of the previous valid event of the same recommendation (-1: none),
    /// which the log keeps as the event's link in the history chain.
    fileprivate mutating func applyOne(_ event: FollowUpEvent, at position: Int32) -> Int32 {
        switch event.field {
        case .meeting:
            if !result.meetings.record(event) { result.invalid.append(event) }
            return -1
        case .recommendation:
            // Added to the recommendations before the ledger runs (`Dataset.addingRecorded`),
            // or by `append` (`rebuild`).
            if records.record(event) == nil { result.invalid.append(event) }
            return -1
        default:
            break
        }
        let change = Self.change(event)
        guard let index = index(of: event.recommendationID) else {
            result.orphans.append(event)
            guard change != nil else { return -1 }
            let link = orphanNewest[event.recommendationID] ?? -1
            orphanNewest[event.recommendationID] = position
            return link
        }
        guard let change else {
            result.invalid.append(event)
            return -1
        }
        apply(change, of: event, to: index)
        let link = result.newest[index]
        result.newest[index] = position
        return link
    }

    /// Applies `events`, each newer than every event applied so far (ids increasing past
    /// `lastID`), and returns the indices of the recommendations they changed or
    /// annotated; nil, with nothing changed, when they cannot simply follow (an event
    /// without an id, an id not past `lastID`): the caller then applies the whole log
    /// again.
    public mutating func append(_ events: [FollowUpEvent]) -> [Int]? {
        guard let changes = appendChanges(events) else { return nil }
        return changes.compactMap { $0.after.flatMap { result.named[$0.id] } }
    }

    /// The same, returning each changed recommendation's row before and after the events
    /// (before: nil for one added, after: nil for one withdrawn), in the order first
    /// touched; what the roll-up is moved along.
    public mutating func appendChanges(_ events: [FollowUpEvent]) -> [RecommendationChange]? {
        var last = lastID ?? Int64.min
        guard !unnumbered else { return nil }
        for event in events {
            guard let id = event.id, id > last else { return nil }
            last = id
        }
        var touched: [String] = []
        var before: [String: Recommendation?] = [:]
        func touch(_ id: String, _ row: Recommendation?) {
            if before[id] == nil {
                before[id] = .some(row)
                touched.append(id)
            }
        }
        for event in events {
            let position = Int32(result.eventCount)
            let id = event.recommendationID
            if event.field == .recommendation, base != nil {
                let current = index(of: id).map { result.recommendations[$0] }
                let link = applyOne(event, at: position)
                extendLog(with: event, link: link)
                if rebuild(id) { touch(id, current) }
                continue
            }
            let index = event.field == .meeting || event.field == .recommendation ? nil : index(of: id)
            let row = index.map { result.recommendations[$0] }
            let link = applyOne(event, at: position)
            extendLog(with: event, link: link)
            if let index, result.newest[index] == position { touch(id, row) }
        }
        lastID = last == Int64.min ? lastID : last
        return touched.map { id in
            RecommendationChange(before: before[id] ?? nil, after: result.named[id].map { result.recommendations[$0] })
        }
    }

    private mutating func extendLog(with event: FollowUpEvent, link: Int32) {
        result.log = result.log.appending([event], previous: [link], after: result.eventCount)
        result.eventCount += 1
    }

    /// After a recommendation event for `id`: the row it stands for added, replaced or
    /// withdrawn, and the recommendation's own events applied to it again (or made
    /// orphans), exactly as applying the whole log with the newest records gives. False
    /// when nothing changed (a CSV row, which a record never replaces; a record that
    /// cannot stand for a row now or before).
    private mutating func rebuild(_ id: String) -> Bool {
        guard let base else { return false }
        let current = index(of: id)
        if let current, result.recommendations[current].line != 0 { return false }   // the CSV's own row
        let wanted = records.byID[id].flatMap { $0.isWithdrawn ? nil : base.recommendation(recorded: $0) }
        if current == nil && wanted == nil { return false }
        // Its events so far: the valid ones along its chain, oldest first, and the invalid ones.
        let top = current.map { result.newest[$0] } ?? orphanNewest[id] ?? -1
        let chain = Array(result.log.chain(from: top).reversed())
        func own(_ event: FollowUpEvent) -> Bool {
            event.recommendationID == id && event.field != .meeting && event.field != .recommendation
        }
        let rejected = current == nil ? result.orphans.filter { own($0) && Self.change($0) == nil } : result.invalid.filter(own)
        if current == nil { result.orphans.removeAll(where: own) } else { result.invalid.removeAll(where: own) }
        for event in chain { if let eventID = event.id { result.conflicts.remove(eventID) } }
        if let current {
            result.recommendations.remove(at: current)
            result.newest.remove(at: current)
            result.named[id] = nil
            result.named = result.named.mapValues { $0 > current ? $0 - 1 : $0 }
        }
        func inIDOrder(_ events: inout [FollowUpEvent]) {
            events = events.enumerated().sorted { ($0.element.id ?? .max, $0.offset) < ($1.element.id ?? .max, $1.offset) }.map(\.element)
        }
        guard let wanted else {
            if top >= 0 { orphanNewest[id] = top }
            if !complete { absent.insert(id) }
            result.orphans += chain + rejected
            inIDOrder(&result.orphans)
            return true
        }
        // Sorted in by region like `Dataset.addingRecorded`: after the CSV's rows of its
        // region and the recommendations recorded before it.
        let rank = records.order.firstIndex(of: id) ?? .max
        var low = 0, high = result.recommendations.count
        while low < high {
            let middle = (low + high) / 2
            if result.recommendations[middle].region < wanted.region { low = middle + 1 } else { high = middle }
        }
        var at = low
        while at < result.recommendations.count, result.recommendations[at].region == wanted.region,
              result.recommendations[at].line != 0 || (records.order.firstIndex(of: result.recommendations[at].id) ?? .max) < rank {
            at += 1
        }
        result.named = result.named.mapValues { $0 >= at ? $0 + 1 : $0 }
        result.recommendations.insert(wanted, at: at)
        result.newest.insert(top, at: at)
        result.named[id] = at
        absent.remove(id)
        orphanNewest[id] = nil
        for event in chain {
            if let change = Self.change(event) { apply(change, of: event, to: at) }
        }
        result.invalid += rejected
        inIDOrder(&result.invalid)
        return true
    }
}

/// The events a ledger has applied, in order, with each one's link to the previous
/// applied event of the same recommendation; shared by the results made from one
/// another: appending after the last one extends it in place (no copy of a long log);
/// appending after an earlier count (an older result) makes a new log.
public final class FollowUpLog: @unchecked Sendable {
    // `tail` and `previous` only grow, and only under `lock`.
    private let lock = NSLock()
    /// The events the log was made with, never changed: usually the very array a store
    /// returned, which its caller may still hold, so appending to it would copy it whole.
    private let opened: [FollowUpEvent]
    /// The events appended since.
    private var tail: [FollowUpEvent] = []
    /// Per event: the position of the previous valid event of the same recommendation, -1
    /// for none (and for meetings and recommendation records).
    private var previous: [Int32]

    public convenience init(_ events: [FollowUpEvent]) {
        self.init(events, previous: Array(repeating: -1, count: events.count))
    }

    init(_ events: [FollowUpEvent], previous: [Int32]) {
        opened = events
        self.previous = previous
    }

    /// A log holding the first `count` events of this one followed by `events` (unlinked).
    public func appending(_ events: [FollowUpEvent], after count: Int) -> FollowUpLog {
        appending(events, previous: Array(repeating: -1, count: events.count), after: count)
    }

    func appending(_ fresh: [FollowUpEvent], previous links: [Int32], after count: Int) -> FollowUpLog {
        lock.lock()
        defer { lock.unlock() }
        if previous.count == count {
            tail += fresh
            previous += links
            return self
        }
        return FollowUpLog(Array(events(count)) + fresh, previous: Array(previous.prefix(count)) + links)
    }

    /// The first `count` events.
    public func prefix(_ count: Int) -> [FollowUpEvent] {
        lock.lock()
        defer { lock.unlock() }
        return events(count)
    }

    private func events(_ count: Int) -> [FollowUpEvent] {
        if count == opened.count { return opened }
        if count < opened.count { return Array(opened.prefix(count)) }
        return opened + tail.prefix(count - opened.count)
    }

    /// The events along the chain from `position` back, newest first (none for -1).
    func chain(from position: Int32) -> [FollowUpEvent] {
        guard position >= 0 else { return [] }
        lock.lock()
        defer { lock.unlock() }
        var chain: [FollowUpEvent] = []
        var at = Int(position)
        while at >= 0 {
            chain.append(at < opened.count ? opened[at] : tail[at - opened.count])
            at = Int(previous[at])
        }
        return chain
    }
}

/// How field values are written in events.
enum FollowUpValue {
    /// The stored form of a recommendation's current value of `field` ("" for no deadline
    /// and for notes).
    static func current(_ field: FollowUpField, of recommendation: Recommendation) -> String {
        switch field {
        case .status: recommendation.status.rawValue
        case .deadline: recommendation.deadline?.iso ?? ""
        case .owner: recommendation.owner
        case .outcome: recommendation.outcome?.rawValue ?? ""
        case .riskImproved: recommendation.riskImproved?.rawValue ?? ""
        case .note, .meeting, .recommendation: ""
        }
    }

    /// An outcome value: "" is none (`.some(nil)`), nil means not one of the choices.
    static func outcome(_ text: String) -> FollowUpOutcome?? {
        if text.isEmpty { return .some(nil) }
        guard let outcome = FollowUpOutcome(rawValue: text) else { return nil }
        return .some(outcome)
    }

    /// A risk value, the same way.
    static func risk(_ text: String) -> RiskChange?? {
        if text.isEmpty { return .some(nil) }
        guard let risk = RiskChange(rawValue: text) else { return nil }
        return .some(risk)
    }

    /// A deadline value: "" is no deadline (`.some(nil)`), nil means not a valid date.
    static func deadline(_ text: String) -> LocalDate?? {
        let trimmed = text.trimmingSpaces
        if trimmed.isEmpty { return .some(nil) }
        guard let date = LocalDate(iso: trimmed) else { return nil }
        return .some(date)
    }

    static func same(_ a: String, _ b: String, field: FollowUpField) -> Bool {
        if a == b { return true }
        return switch field {
        case .owner: TextRules.canonicalName(a) == TextRules.canonicalName(b)
        case .deadline: a.trimmingSpaces == b.trimmingSpaces
        case .status, .note, .outcome, .riskImproved, .meeting, .recommendation: a == b
        }
    }
}

public enum FollowUpUndo {
    /// The event that reverts `event`, given the recommendation as it is now: same field,
    /// `oldValue` = the current value, `newValue` = `event.oldValue`, `undoes` = its id.
    /// Undoing a note records a note event with `newValue` "" that the applier uses to
    /// hide the note; undoing an undo restores what it reverted.
    ///
    /// nil when there is nothing to revert: `event` has no id, belongs to another
    /// recommendation, has no usable `oldValue`, or its field already has that value.
    public static func undoEvent(for event: FollowUpEvent, current: Recommendation, author: String, at: String) -> FollowUpEvent? {
        guard let id = event.id, event.recommendationID == current.id, event.field != .meeting else { return nil }
        if event.field == .recommendation {
            // A recommendation recorded in the room: undoing its creation withdraws it,
            // undoing an edit or a withdrawal brings back the record before it.
            guard let now = RecommendationRecord.decoded(event.newValue) else { return nil }
            var back = event.oldValue.flatMap(RecommendationRecord.decoded) ?? now
            if event.oldValue == nil { back.ditarik = true }
            guard back != now else { return nil }
            return FollowUpEvent(recommendationID: current.id, field: .recommendation, oldValue: event.newValue, newValue: back.encoded(),
                                 author: author, recordedAt: at, undoes: id)
        }
        if event.field == .note {
            return FollowUpEvent(recommendationID: current.id, field: .note, oldValue: nil, newValue: "",
                                 author: author, recordedAt: at, undoes: id)
        }
        guard let previous = event.oldValue else { return nil }
        switch event.field {
        case .status: guard RecommendationStatus(rawValue: previous) != nil else { return nil }
        case .deadline: guard FollowUpValue.deadline(previous) != nil else { return nil }
        case .owner: guard !previous.trimmingSpaces.isEmpty else { return nil }
        case .outcome: guard FollowUpValue.outcome(previous) != nil else { return nil }
        case .riskImproved: guard FollowUpValue.risk(previous) != nil else { return nil }
        case .note, .meeting, .recommendation: break
        }
        let now = FollowUpValue.current(event.field, of: current)
        if FollowUpValue.same(previous, now, field: event.field) { return nil }
        return FollowUpEvent(recommendationID: current.id, field: event.field, oldValue: now, newValue: previous,
                             author: author, recordedAt: at, undoes: id)
    }
}

extension Recommendation {
    /// The current value of `field` as events write it: status raw value, ISO deadline
    /// ("" when none), OPD name; "" for `.note`. Record it as a change's `oldValue`.
    public func followUpValue(_ field: FollowUpField) -> String {
        FollowUpValue.current(field, of: self)
    }

    /// A copy with some follow-up fields replaced. `deadline: .some(nil)` removes the deadline.
    public func with(status: RecommendationStatus? = nil, owner: String? = nil, deadline: LocalDate?? = nil,
                     outcome: FollowUpOutcome?? = nil, riskImproved: RiskChange?? = nil) -> Recommendation {
        Recommendation(
            id: id, region: region, cycle: cycle, origin: origin, category: category, finding: finding, text: text,
            owner: owner ?? self.owner, deadline: deadline ?? self.deadline, status: status ?? self.status, line: line,
            outcome: outcome ?? self.outcome, riskImproved: riskImproved ?? self.riskImproved)
    }
}

extension Dataset {
    /// The same dataset with recommendations replaced (statuses etc. after follow-up,
    /// recorded ones added); everything else shared. Cheap when the replacements are
    /// sorted by region (as `FollowUpLedger` keeps them); otherwise the dataset is
    /// re-indexed.
    public func replacingRecommendations(_ recommendations: [Recommendation]) -> Dataset {
        // By index: zipping the rows would copy each one (seven strings retained and released).
        let sorted = recommendations.indices.dropFirst().allSatisfy { recommendations[$0 - 1].region <= recommendations[$0].region }
        guard sorted else {
            return Dataset(directory: directory, regions: regions, sources: sources, observations: observations,
                           targets: targets, recommendations: recommendations, convergence: convergence,
                           programmes: programmes, warnings: warnings)
        }
        return Dataset(copying: self, recommendations: recommendations)
    }

    /// Every index shared with `other`; `recommendations` must be sorted by region (no
    /// index of the dataset depends on which recommendations there are).
    init(copying other: Dataset, recommendations: [Recommendation]) {
        directory = other.directory
        regions = other.regions
        sources = other.sources
        observations = other.observations
        targets = other.targets
        self.recommendations = recommendations
        convergence = other.convergence
        programmes = other.programmes
        warnings = other.warnings
        indexByCode = other.indexByCode
        subtreeEnd = other.subtreeEnd
        observationStart = other.observationStart
        searchNames = other.searchNames
        searchBytes = other.searchBytes
        searchOffsets = other.searchOffsets
        families = other.families
    }
}

private extension Unicode.Scalar {
    /// `properties.isWhitespace`, without its table lookup for ASCII.
    var isSpace: Bool { value < 0x80 ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }

    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.isSpace { scalars.removeFirst() }
        while let last = scalars.last, last.isSpace { scalars.removeLast() }
        return String(scalars)
    }
}
