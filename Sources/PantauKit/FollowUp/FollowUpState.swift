import Foundation

/// The dataset's recommendations with the recorded follow-up applied. Pure: no I/O.
public struct AppliedFollowUp: Sendable, Equatable {
    /// The dataset's recommendations, same order, with status/owner/deadline replaced.
    public var recommendations: [Recommendation]
    /// Recommendation id → its applied events (changes, notes, undos), newest first.
    /// Orphans and invalid events are not here.
    public var history: [String: [FollowUpEvent]]
    /// Recommendation id → its notes that have not been undone, newest first (each also
    /// in `history`).
    public var notes: [String: [FollowUpEvent]]
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

    public init(recommendations: [Recommendation], history: [String: [FollowUpEvent]] = [:],
                notes: [String: [FollowUpEvent]] = [:], conflicts: Set<Int64> = [],
                orphans: [FollowUpEvent] = [], invalid: [FollowUpEvent] = []) {
        self.recommendations = recommendations
        self.history = history
        self.notes = notes
        self.conflicts = conflicts
        self.orphans = orphans
        self.invalid = invalid
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
        var ledger = FollowUpLedger(recommendations: recommendations, naming: events)
        // A store gives them in id order already: sorted (copying every event twice) only
        // when they are not.
        let inOrder = zip(events, events.dropFirst()).allSatisfy { ($0.id ?? .max) <= ($1.id ?? .max) }
        let ordered = inOrder ? events : events.enumerated().sorted {
            ($0.element.id ?? .max, $0.offset) < ($1.element.id ?? .max, $1.offset)
        }.map(\.element)
        var applied: [FollowUpEvent] = []
        applied.reserveCapacity(ordered.count)
        for event in ordered where ledger.applyOne(event) != nil { applied.append(event) }
        ledger.lastID = ordered.last(where: { $0.id != nil })?.id
        ledger.eventCount = ordered.count
        ledger.unnumbered = ordered.last?.id == nil && !ordered.isEmpty

        // Note undos, newest first: an undo that is not itself undone hides its target,
        // so undoing an undo brings the note back.
        var cancelled: Set<Int64> = []
        for event in applied.reversed() where event.field == .note {
            if let id = event.id, cancelled.contains(id) { continue }
            if let target = event.undoes { cancelled.insert(target) }
        }
        // Sized once: growing a dictionary of 50,000 histories rehashes it a dozen times.
        ledger.result.history.reserveCapacity(min(applied.count, recommendations.count + 16))
        for event in applied.reversed() {
            ledger.result.history[event.recommendationID, default: []].append(event)
            if event.field == .note, event.undoes == nil, !cancelled.contains(event.id ?? -1) {
                ledger.result.notes[event.recommendationID, default: []].append(event)
            }
        }
        // `append` works out undos per recommendation: an undo of another
        // recommendation's event (never written by pantau) turns it off.
        for event in applied where event.field == .note {
            guard let target = event.undoes else { continue }
            if !(ledger.result.history[event.recommendationID] ?? []).contains(where: { $0.id == target }) {
                ledger.unnumbered = true
                break
            }
        }
        return ledger
    }
}

/// The follow-up applied so far, able to take newer events without starting again: what
/// the dashboard keeps so that a decision made here or in another terminal costs the
/// events it adds, not the length of the whole log (docs/performance.md, "History").
/// `apply(_:to:)` and appending give the same result; the tests compare them.
public struct FollowUpLedger: Sendable {
    public fileprivate(set) var result: AppliedFollowUp
    /// The largest id applied (nil: none).
    public fileprivate(set) var lastID: Int64?
    /// How many events were given (applied, orphaned or invalid).
    public fileprivate(set) var eventCount = 0
    /// Whether an event without an id was applied (a shared server's journal), or an
    /// undo of another recommendation's event: a later event could then not simply
    /// follow, so `append` refuses.
    fileprivate var unnumbered = false
    /// Recommendation id → its index, for the ids events have named so far.
    private var position: [String: Int] = [:]
    /// Ids known not to be in the dataset.
    private var absent: Set<String> = []

    /// No events applied yet; `naming` tells which ids to index in one pass.
    init(recommendations: [Recommendation], naming events: [FollowUpEvent]) {
        result = AppliedFollowUp(recommendations: recommendations)
        // Only the recommendations that events name are looked up (the first with an id
        // wins); a dictionary of all 50,000 ids of a national dataset cost ~15 ms an open.
        var wanted = Set(events.map(\.recommendationID))
        position.reserveCapacity(wanted.count)
        for index in recommendations.indices where !wanted.isEmpty {
            let id = recommendations[index].id
            if wanted.remove(id) != nil { position[id] = index }
        }
        absent = wanted
    }

    /// A ledger of `events` applied to `recommendations` (as `FollowUpApplier.apply`).
    public init(events: [FollowUpEvent], recommendations: [Recommendation]) {
        self = FollowUpApplier.ledger(events, to: recommendations)
    }

    /// The index of recommendation `id`, looking it up once if no event named it before.
    private mutating func index(of id: String) -> Int? {
        if let found = position[id] { return found }
        if absent.contains(id) { return nil }
        if let found = result.recommendations.firstIndex(where: { $0.id == id }) {
            position[id] = found
            return found
        }
        absent.insert(id)
        return nil
    }

    /// Applies one event after those applied so far; the index of the recommendation it
    /// applied to, or nil (an orphan or an invalid value, recorded as such).
    fileprivate mutating func applyOne(_ event: FollowUpEvent) -> Int? {
        if event.field == .meeting {
            if !result.meetings.record(event) { result.invalid.append(event) }
            return nil
        }
        if event.field == .recommendation {
            // Added to the dataset before the ledger runs (`Dataset.addingRecorded`).
            if RecommendationRecord.decoded(event.newValue)?.id != event.recommendationID { result.invalid.append(event) }
            return nil
        }
        guard let index = index(of: event.recommendationID) else {
            result.orphans.append(event)
            return nil
        }
        let current = result.recommendations[index]
        let updated: Recommendation
        switch event.field {
        case .status:
            guard let status = RecommendationStatus(rawValue: event.newValue) else {
                result.invalid.append(event); return nil
            }
            updated = current.with(status: status)
        case .deadline:
            guard let deadline = FollowUpValue.deadline(event.newValue) else {
                result.invalid.append(event); return nil
            }
            updated = current.with(deadline: .some(deadline))
        case .owner:
            // Canonical (TextRules): an OPD stored by an older pantau with invisible
            // characters groups with the same-looking one.
            let owner = TextRules.canonicalName(event.newValue)
            guard !owner.isEmpty else { result.invalid.append(event); return nil }
            updated = current.with(owner: owner)
        case .outcome:
            guard let outcome = FollowUpValue.outcome(event.newValue) else { result.invalid.append(event); return nil }
            updated = current.with(outcome: .some(outcome))
        case .riskImproved:
            guard let risk = FollowUpValue.risk(event.newValue) else { result.invalid.append(event); return nil }
            updated = current.with(riskImproved: .some(risk))
        case .note:
            guard event.undoes != nil || !event.newValue.trimmingSpaces.isEmpty else {
                result.invalid.append(event); return nil
            }
            updated = current
        case .meeting, .recommendation:
            return nil   // taken above
        }
        if event.field != .note, let id = event.id, let old = event.oldValue,
           !FollowUpValue.same(old, FollowUpValue.current(event.field, of: current), field: event.field) {
            result.conflicts.insert(id)
        }
        if event.field != .note { result.recommendations[index] = updated }
        return index
    }

    /// Applies `events`, each newer than every event applied so far (ids increasing past
    /// `lastID`), and returns the indices of the recommendations they changed or
    /// annotated; nil, with nothing changed, when they cannot simply follow (an event
    /// without an id, an id not past `lastID`, an undo of an event of another
    /// recommendation): the caller then applies the whole log again.
    public mutating func append(_ events: [FollowUpEvent]) -> [Int]? {
        var last = lastID ?? Int64.min
        guard !unnumbered else { return nil }
        for event in events {
            guard let id = event.id, id > last else { return nil }
            last = id
            if let target = event.undoes, event.field == .note {
                // The undo chain is worked out per recommendation below: its target
                // must be one of this recommendation's events.
                let own = (result.history[event.recommendationID] ?? []).contains { $0.id == target }
                    || events.contains { $0.id == target && $0.recommendationID == event.recommendationID }
                guard own else { return nil }
            }
        }
        var touched: [Int] = []
        var notesToRedo: Set<String> = []
        for event in events {
            guard let index = applyOne(event) else { continue }
            touched.append(index)
            result.history[event.recommendationID, default: []].insert(event, at: 0)
            if event.field == .note { notesToRedo.insert(event.recommendationID) }
        }
        for id in notesToRedo {
            // The same rule as `FollowUpApplier.apply`, over this recommendation's events.
            let history = result.history[id] ?? []
            var cancelled: Set<Int64> = []
            for event in history where event.field == .note {
                if let own = event.id, cancelled.contains(own) { continue }
                if let target = event.undoes { cancelled.insert(target) }
            }
            let notes = history.filter { $0.field == .note && $0.undoes == nil && !cancelled.contains($0.id ?? -1) }
            result.notes[id] = notes.isEmpty ? nil : notes
        }
        lastID = last == Int64.min ? lastID : last
        eventCount += events.count
        return touched
    }
}

/// The events a dashboard has applied, in order, shared by the contexts made from one
/// another: appending after the last one extends it in place (no copy of a long log);
/// appending after an earlier count (an older context) makes a new log.
public final class FollowUpLog: @unchecked Sendable {
    // `storage` only grows, and only under `lock`.
    private let lock = NSLock()
    private var storage: [FollowUpEvent]

    public init(_ events: [FollowUpEvent]) { storage = events }

    /// A log holding the first `count` events of this one followed by `events`.
    public func appending(_ events: [FollowUpEvent], after count: Int) -> FollowUpLog {
        lock.lock()
        defer { lock.unlock() }
        if storage.count == count {
            storage += events
            return self
        }
        return FollowUpLog(Array(storage.prefix(count)) + events)
    }

    /// The first `count` events.
    public func prefix(_ count: Int) -> [FollowUpEvent] {
        lock.lock()
        defer { lock.unlock() }
        return Array(storage.prefix(count))
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
        switch field {
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
    /// The same dataset with recommendations replaced (statuses etc. after follow-up);
    /// everything else shared. Cheap when the replacements keep the regions in the same
    /// order (as `FollowUpApplier` does); otherwise the dataset is re-indexed.
    public func replacingRecommendations(_ recommendations: [Recommendation]) -> Dataset {
        let sameOrder = recommendations.count == self.recommendations.count
            && recommendations.indices.allSatisfy { recommendations[$0].region == self.recommendations[$0].region }
        guard sameOrder else {
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

private extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
