import Foundation
import GRDB
import PantauKit

/// A terminal's local SQLite journal for a shared store: the changes not yet sent to the
/// server (in the order they were made) and a copy of the server's events as last read,
/// so a terminal that starts without a connection still shows the known history.
///
/// A change is written here first (committed, synchronous=FULL) and marked sent with
/// the server's id once the server has it; a crash in between re-sends it, and the
/// server's unique client id makes that re-send record nothing.
final class FollowUpJournal: Sendable {
    let path: String
    private let queue: DatabaseQueue

    /// Ids given to changes not yet sent: far above any server id, so they sort after
    /// the server's events, and recognisable when an undo points at one.
    static let provisionalBase: Int64 = 1 << 52

    struct Pending: Sendable {
        var seq: Int64
        var event: FollowUpEvent
    }

    init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        var configuration = Configuration()
        configuration.label = "pantau.journal"
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    client_id TEXT NOT NULL UNIQUE,
                    recommendation_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT NOT NULL,
                    note TEXT,
                    author TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    undoes INTEGER,
                    sent_id INTEGER
                );
                CREATE TABLE cache (
                    id INTEGER PRIMARY KEY,
                    client_id TEXT NOT NULL,
                    recommendation_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT NOT NULL,
                    note TEXT,
                    author TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    undoes INTEGER
                );
                """)
        }
        migrator.registerMigration("v2-meeting") { db in
            try db.execute(sql: "ALTER TABLE outbox ADD COLUMN meeting_id TEXT; ALTER TABLE cache ADD COLUMN meeting_id TEXT")
        }
        try migrator.migrate(queue)
    }

    /// Records a change to send; a client id already journalled returns its entry.
    func add(_ event: FollowUpEvent) throws -> (seq: Int64, sentID: Int64?) {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO outbox (client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes, meeting_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO NOTHING
                    """,
                arguments: [event.clientID, event.recommendationID, event.field.rawValue, event.oldValue, event.newValue,
                            event.note, event.author, event.recordedAt, event.undoes, event.meetingID])
            let row = try Row.fetchOne(db, sql: "SELECT seq, sent_id FROM outbox WHERE client_id = ?", arguments: [event.clientID])
            return (row?["seq"] ?? db.lastInsertedRowID, row?["sent_id"])
        }
    }

    /// Unsent changes, oldest first.
    func pending() throws -> [Pending] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE sent_id IS NULL ORDER BY seq").compactMap { row in
                guard var event = Self.event(row) else { return nil }
                let seq: Int64 = row["seq"]
                event.id = Self.provisionalBase + seq
                return Pending(seq: seq, event: event)
            }
        }
    }

    func pendingCount() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE sent_id IS NULL") ?? 0 }
    }

    /// Marks a change sent and adds the server's copy to the cached history. Returns its
    /// id when the cache already held a larger one (see `addToCache`).
    @discardableResult
    func markSent(seq: Int64, event: FollowUpEvent, serverID: Int64) throws -> Int64? {
        try queue.write { db in
            try db.execute(sql: "UPDATE outbox SET sent_id = ? WHERE seq = ?", arguments: [serverID, seq])
            var stored = event
            stored.id = serverID
            return try Self.insertCached([stored], db)
        }
    }

    /// Inserts server events into the cache (one prepared statement; an id already there
    /// is kept). Returns the smallest id inserted below the largest the cache held before:
    /// the server committed it after a later one, so a reader that went past it by id
    /// must read everything again.
    private static func insertCached(_ events: [FollowUpEvent], _ db: Database) throws -> Int64? {
        guard !events.isEmpty else { return nil }
        let largest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM cache")
        let statement = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO cache (id, client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes, meeting_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var late: Int64?
        for event in events {
            try statement.execute(arguments: [event.id, event.clientID, event.recommendationID, event.field.rawValue, event.oldValue,
                                              event.newValue, event.note, event.author, event.recordedAt, event.undoes, event.meetingID])
            if let id = event.id, let largest, id < largest, db.changesCount > 0 { late = min(late ?? id, id) }
        }
        return late
    }

    /// Drops a change the server refused outright (it will never be accepted).
    func discard(seq: Int64) throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM outbox WHERE seq = ? AND sent_id IS NULL", arguments: [seq]) }
    }

    /// The server id of a change sent from here, given the provisional id it had.
    func serverID(forProvisional id: Int64) throws -> Int64? {
        guard id > Self.provisionalBase else { return nil }
        return try queue.read { db in
            try Int64.fetchOne(db, sql: "SELECT sent_id FROM outbox WHERE seq = ?", arguments: [id - Self.provisionalBase])
        }
    }

    /// The server's events as last read with an id above `id` (all for nil), in id order,
    /// read by position like the state file's (`FollowUpEventRows`).
    func cached(after id: Int64? = nil) throws -> [FollowUpEvent] {
        try queue.read { db in
            try FollowUpEventRows.read(db, from: "cache", after: id)
        }
    }

    /// How many server events the cache holds, and the largest id (nil: none).
    func cacheSummary() throws -> (count: Int, largest: Int64?) {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), max(id) FROM cache")
            let count: Int = row?[0] ?? 0
            let largest: Int64? = row?[1]
            return (count, largest)
        }
    }

    /// Adds the server events not yet copied (events are never changed, only added);
    /// returns the smallest one that arrived after a larger id (see `insertCached`).
    @discardableResult
    func addToCache(_ events: [FollowUpEvent]) throws -> Int64? {
        try queue.write { db in try Self.insertCached(events, db) }
    }

    /// The same for the server's whole list: nothing to do when the cache holds as many.
    @discardableResult
    func updateCache(_ events: [FollowUpEvent]) throws -> Int64? {
        try queue.write { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM cache") ?? 0
            // The cache only ever holds server events, so the same count means the same set.
            if count == events.count { return nil }
            return try Self.insertCached(events, db)
        }
    }

    private static func event(_ row: Row) -> FollowUpEvent? {
        guard let field = FollowUpField(rawValue: row["field"]) else { return nil }
        return FollowUpEvent(
            clientID: row["client_id"], recommendationID: row["recommendation_id"], field: field,
            oldValue: row["old_value"], newValue: row["new_value"], note: row["note"], author: row["author"],
            recordedAt: row["recorded_at"], undoes: row["undoes"], meetingID: row["meeting_id"])
    }

    /// `$XDG_STATE_HOME/pantau/journal-<hash>.sqlite` (else `~/.local/state/…`), one per
    /// server, database and user.
    static func defaultPath(for location: PostgresLocation, environment: [String: String]) -> String {
        let base: String
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = state
        } else {
            base = (environment["HOME"] ?? NSTemporaryDirectory()) + "/.local/state"
        }
        // FNV-1a of the password-free URL: stable across runs and versions.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in location.redacted.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return base + "/pantau/journal-" + String(repeating: "0", count: 16 - hex.count) + hex + ".sqlite"
    }
}
