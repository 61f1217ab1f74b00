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
        var result = AppliedFollowUp(recommendations: recommendations)
        // Only the recommendations that events name are looked up (the first with an id
        // wins); a dictionary of all 50,000 ids of a national dataset cost ~15 ms an open.
        var position: [String: Int] = [:]
        var wanted = Set(events.map(\.recommendationID))
        for index in recommendations.indices where !wanted.isEmpty {
            let id = recommendations[index].id
            if wanted.remove(id) != nil { position[id] = index }
        }

        let ordered = events.enumerated().sorted {
            ($0.element.id ?? .max, $0.offset) < ($1.element.id ?? .max, $1.offset)
        }.map(\.element)

        var applied: [FollowUpEvent] = []
        for event in ordered {
            guard let index = position[event.recommendationID] else {
                result.orphans.append(event)
                continue
            }
            let current = result.recommendations[index]
            let updated: Recommendation
            switch event.field {
            case .status:
                guard let status = RecommendationStatus(rawValue: event.newValue) else {
                    result.invalid.append(event); continue
                }
                updated = current.with(status: status)
            case .deadline:
                guard let deadline = FollowUpValue.deadline(event.newValue) else {
                    result.invalid.append(event); continue
                }
                updated = current.with(deadline: .some(deadline))
            case .owner:
                // Canonical (TextRules): an OPD stored by an older pantau with invisible
                // characters groups with the same-looking one.
                let owner = TextRules.canonicalName(event.newValue)
                guard !owner.isEmpty else { result.invalid.append(event); continue }
                updated = current.with(owner: owner)
            case .note:
                guard event.undoes != nil || !event.newValue.trimmingSpaces.isEmpty else {
                    result.invalid.append(event); continue
                }
                updated = current
            }
            if event.field != .note, let id = event.id, let old = event.oldValue,
               !FollowUpValue.same(old, FollowUpValue.current(event.field, of: current), field: event.field) {
                result.conflicts.insert(id)
            }
            result.recommendations[index] = updated
            applied.append(event)
        }

        // Note undos, newest first: an undo that is not itself undone hides its target,
        // so undoing an undo brings the note back.
        var cancelled: Set<Int64> = []
        for event in applied.reversed() where event.field == .note {
            if let id = event.id, cancelled.contains(id) { continue }
            if let target = event.undoes { cancelled.insert(target) }
        }
        for event in applied.reversed() {
            result.history[event.recommendationID, default: []].append(event)
            if event.field == .note, event.undoes == nil, !cancelled.contains(event.id ?? -1) {
                result.notes[event.recommendationID, default: []].append(event)
            }
        }
        return result
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
        case .note: ""
        }
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
        case .status, .note: a == b
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
        guard let id = event.id, event.recommendationID == current.id else { return nil }
        if event.field == .note {
            return FollowUpEvent(recommendationID: current.id, field: .note, oldValue: nil, newValue: "",
                                 author: author, recordedAt: at, undoes: id)
        }
        guard let previous = event.oldValue else { return nil }
        switch event.field {
        case .status: guard RecommendationStatus(rawValue: previous) != nil else { return nil }
        case .deadline: guard FollowUpValue.deadline(previous) != nil else { return nil }
        case .owner: guard !previous.trimmingSpaces.isEmpty else { return nil }
        case .note: break
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
    public func with(status: RecommendationStatus? = nil, owner: String? = nil, deadline: LocalDate?? = nil) -> Recommendation {
        Recommendation(
            id: id, region: region, cycle: cycle, origin: origin, category: category, finding: finding, text: text,
            owner: owner ?? self.owner, deadline: deadline ?? self.deadline, status: status ?? self.status, line: line)
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

    /// Every index shared with `other`; only valid when `recommendations` keeps its regions' order.
    private init(copying other: Dataset, recommendations: [Recommendation]) {
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
