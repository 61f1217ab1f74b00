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

        /// As the dashboard uses it: between keys it never waits on the network (issue 19,
        /// finding 15), nor long on another program's lock (its session holds the
        /// decision and retries).
        fileprivate func preparedForDashboard() -> Opened {
            switch self {
            case .sqlite(let store): store.setWriteLockWait(0.25)
            case .postgres(let store): store.readInBackground()
            }
            return self
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

    // MARK: Opening policy (the commands only choose which of these they need)

    /// Opens a store whose whole history must be read now (`pantau report`, `check`,
    /// `state export`): anything that keeps it from being read is an error, never an
    /// empty history. `explicit`: the path was given (`--state`, `PANTAU_STATE_URL`), so a
    /// file that does not exist is a mistyped path; the default file may not exist yet.
    public static func openForReading(_ state: String, explicit: Bool,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) throws(FollowUpStoreError) -> FollowUpStore {
        if !isShared(state), access(state, F_OK) != 0 {
            if explicit { throw .cannotOpen(path: state, reason: String(cString: strerror(errno))) }
            // The default DIR/pantau.sqlite not there yet: nothing is recorded, and reading
            // must not leave a -wal or -shm file in the dataset's directory.
            do { return try SQLiteFollowUpStore.inMemory() } catch { throw .cannotOpen(path: ":memory:", reason: "\(error)") }
        }
        let opened = try open(state, readOnly: true, environment: environment)
        try usableNow(opened)
        return opened.store
    }

    /// Opens a store that must be usable now (`pantau state import|migrate`): a server that
    /// refuses or cannot be reached is an error (nothing is queued).
    public static func openForWriting(_ state: String,
                                      environment: [String: String] = ProcessInfo.processInfo.environment) throws(FollowUpStoreError) -> FollowUpStore {
        let opened = try open(state, readOnly: false, environment: environment)
        try usableNow(opened)
        return opened.store
    }

    private static func usableNow(_ opened: Opened) throws(FollowUpStoreError) {
        if let reason = opened.readOnlyReason {
            opened.store.close()
            throw reason
        }
        if case .postgres(let shared) = opened, !shared.isOnline {
            let reason = shared.offlineReason ?? .unreachable(server: shared.location.display, reason: "?")
            shared.close()
            throw reason
        }
    }

    /// Why the dashboard may not record decisions, typed: callers decide on the case.
    public enum ReadOnlyCause: Equatable, Sendable {
        /// `--readonly`.
        case requested
        /// A preview (`pantau screen`): shows what is recorded, writes to a copy.
        case preview
        /// The store refused or failed (not writable, corrupt, server refused…).
        case store(FollowUpStoreError)
    }

    /// How the dashboard got its store.
    public enum Access: Equatable, Sendable {
        case writable
        case readOnly(ReadOnlyCause)
        /// A shared server cannot be reached now: changes queue in the journal.
        case offline(pending: Int, reason: FollowUpStoreError?)
    }

    /// Opens the store for the dashboard. A store that cannot be written (read-only disk,
    /// locked, corrupt, a server that refuses) never stops the dashboard: it opens
    /// read-only, or with an empty history in memory, and `access` says why.
    /// `readOnly`: the dashboard asked not to write.
    public static func openForDashboard(_ state: String, readOnly: ReadOnlyCause?,
                                        environment: [String: String] = ProcessInfo.processInfo.environment) -> (store: FollowUpStore?, access: Access) {
        if let readOnly {
            do {
                let opened = try open(state, readOnly: true, environment: environment).preparedForDashboard()
                if let problem = opened.readOnlyReason { return (opened.store, .readOnly(.store(problem))) }
                return (opened.store, .readOnly(readOnly))
            } catch {
                // Unreadable history (corrupt, newer schema): show the dataset without it.
                return (try? SQLiteFollowUpStore.inMemory(), .readOnly(.store(error)))
            }
        }
        do {
            let opened = try open(state, environment: environment).preparedForDashboard()
            if let reason = opened.readOnlyReason { return (opened.store, .readOnly(.store(reason))) }
            if case .offline(let pending) = opened.store.health() {
                var reason: FollowUpStoreError?
                if case .postgres(let shared) = opened { reason = shared.offlineReason }
                return (opened.store, .offline(pending: pending, reason: reason))
            }
            return (opened.store, .writable)
        } catch {
            if let store = try? open(state, readOnly: true, environment: environment).preparedForDashboard().store {
                return (store, .readOnly(.store(error)))
            }
            return (try? SQLiteFollowUpStore.inMemory(), .readOnly(.store(error)))
        }
    }
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

    /// Every event is checked against `TextRules` first: one that holds a NUL or another
    /// control or invisible character throws `.invalidText` and nothing is copied.
    public static func copy(from source: FollowUpStore, to destination: FollowUpStore) throws -> Result {
        let events = try source.allEvents()
        for event in events {
            if let (column, violation) = event.textViolation() {
                throw FollowUpStoreError.invalidText(event: "#\(event.id.map(String.init) ?? "?")", column: column,
                                                     scalar: violation.scalar.value, position: violation.position)
            }
        }
        let existing = Set(try destination.allEvents().map(\.clientID))
        var newID: [Int64: Int64] = [:]
        var result = Result(copied: 0, present: 0)
        for event in events {
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
