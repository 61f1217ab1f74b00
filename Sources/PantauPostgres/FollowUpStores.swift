import Foundation
import PantauKit

/// The one place that turns `--state` (or `PANTAU_STATE_URL`) into a store: a
/// `postgres://` URL opens the shared server, anything else an SQLite file (the default).
/// The rest of pantau sees only `FollowUpStore`.
public enum FollowUpStores {
    public enum Opened {
        case sqlite(SQLiteFollowUpStore)
        case postgres(PostgresFollowUpStore)

        public var store: FollowUpStore {
            switch self {
            case .sqlite(let store): store
            case .postgres(let store): store
            }
        }

        /// Why it cannot be written, when it was asked to be writable.
        public var readOnlyReason: FollowUpStoreError? {
            switch self {
            case .sqlite(let store): store.readOnlyReason
            case .postgres(let store): store.readOnlyReason
            }
        }
    }

    /// Opens the store `state` names. Throws what `SQLiteFollowUpStore` throws; a
    /// PostgreSQL URL that does not parse throws `.cannotOpen`.
    public static func open(_ state: String, readOnly: Bool = false,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(FollowUpStoreError) -> Opened {
        if PostgresLocation.isURL(state) {
            let location: PostgresLocation
            do {
                location = try PostgresLocation.parse(state, environment: environment)
            } catch {
                throw .cannotOpen(path: PostgresLocation.redact(state), reason: error.message)
            }
            let journal = environment["PANTAU_JOURNAL"].flatMap { $0.isEmpty ? nil : $0 }
            return .postgres(try PostgresFollowUpStore(location: location, readOnly: readOnly, journalPath: journal,
                                                       environment: environment))
        }
        return .sqlite(try SQLiteFollowUpStore(path: state, readOnly: readOnly))
    }

    /// Whether `state` names a shared server.
    public static func isShared(_ state: String) -> Bool { PostgresLocation.isURL(state) }
}

/// Copies events between stores (`pantau state export|import`), in order. Each event
/// keeps its client id, so copying again records nothing; an undo is re-pointed at the
/// copy of the event it reverts.
public enum FollowUpTransfer {
    public struct Result: Equatable, Sendable {
        /// Events the destination did not have.
        public var copied: Int
        /// Events it already had (same client id).
        public var present: Int
    }

    public static func copy(from source: FollowUpStore, to destination: FollowUpStore) throws -> Result {
        let existing = Set(try destination.allEvents().map(\.clientID))
        var newID: [Int64: Int64] = [:]
        var result = Result(copied: 0, present: 0)
        for event in try source.allEvents() {
            var copy = event
            copy.id = nil
            if let target = event.undoes { copy.undoes = newID[target] ?? target }
            let stored = try destination.append(copy)
            if let old = event.id, let new = stored.id { newID[old] = new }
            if existing.contains(event.clientID) { result.present += 1 } else { result.copied += 1 }
        }
        return result
    }
}
