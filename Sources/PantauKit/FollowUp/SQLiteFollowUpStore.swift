import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// The follow-up store in an SQLite file (WAL mode, GRDB `DatabasePool`).
///
/// Every method is synchronous and may be called from any thread; GRDB serialises the
/// writes of this process and SQLite's locks (with a busy timeout) those of other
/// processes. Another process's commits are not announced: poll `changeToken()`.
public final class SQLiteFollowUpStore: FollowUpStore, OperatorPositionBoard {
    /// The state file (":memory:" for `inMemory()`).
    public let path: String
    public let isReadOnly: Bool
    /// Why a store asked to be writable was opened read-only instead: `.readOnly` when
    /// the file or its folder is not writable; nil otherwise. Show its `message` so
    /// people know their decisions will not be recorded.
    public let readOnlyReason: FollowUpStoreError?

    private let backend: Mutex<Backend>
    private let busyTimeout: TimeInterval
    private let pragmas: [String]
    /// The files the writer has open, as they were when it opened them (nil: in memory,
    /// or read-only). Compared with the names on disk before and after every write.
    private let identity: Mutex<StoreFiles?>
    /// Serialises noticing a vanished file and recreating it.
    private let recovery = Mutex(())
    /// What the store did by itself that the user must hear about (see `takeNotices`).
    private let notices = Mutex<[FollowUpStoreNotice]>([])

    private enum Backend {
        /// Read-only on a file that does not exist (yet): empty history until it appears.
        case missing
        case open(any DatabaseWriter)
    }

    /// Opens (creating if needed) and migrates the state file.
    ///
    /// With `readOnly: true` nothing is written and nothing is migrated; a missing file
    /// is an empty history (opened as soon as it appears). A store asked to be writable
    /// whose file or folder is not writable opens read-only (`isReadOnly`,
    /// `readOnlyReason`) and appending to it throws `.readOnly`. Every other failure
    /// throws: `.corrupt`, `.locked`, `.diskFull` (the file needed migrating),
    /// `.newerSchema`, `.cannotOpen`.
    public convenience init(path: String, readOnly: Bool = false) throws(FollowUpStoreError) {
        try self.init(path: path, readOnly: readOnly, busyTimeout: 5, pragmas: [])
    }

    /// `busyTimeout`: how long a write waits for another connection's lock. `pragmas`:
    /// extra statements run on every connection as it opens (tests: `max_page_count`).
    init(path: String, readOnly: Bool, busyTimeout: TimeInterval, pragmas: [String]) throws(FollowUpStoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.pragmas = pragmas
        if readOnly {
            backend = Mutex(try Self.openReadOnly(path: path, busyTimeout: busyTimeout))
            isReadOnly = true
            readOnlyReason = nil
            identity = Mutex(nil)
            return
        }
        do {
            let writer = try Self.openWritable(path: path, busyTimeout: busyTimeout, pragmas: pragmas)
            backend = Mutex(.open(writer))
            isReadOnly = false
            readOnlyReason = nil
            identity = Mutex(StoreFiles(path))
        } catch .readOnly {
            backend = Mutex(try Self.openReadOnly(path: path, busyTimeout: busyTimeout))
            isReadOnly = true
            readOnlyReason = .readOnly
            identity = Mutex(nil)
        }
    }

    private init(memory queue: DatabaseQueue) {
        path = ":memory:"
        isReadOnly = false
        readOnlyReason = nil
        busyTimeout = 5
        pragmas = []
        identity = Mutex(nil)
        backend = Mutex(.open(queue))
    }

    /// A writable store in memory, for tests and `pantau screen`.
    public static func inMemory() throws -> SQLiteFollowUpStore {
        let queue = try DatabaseQueue()
        try FollowUpSchema.migrator.migrate(queue)
        return SQLiteFollowUpStore(memory: queue)
    }

    /// An in-memory store holding a copy of `events` under their own ids (a preview
    /// that may record more without touching the real store). One transaction: copying
    /// 100,000 decisions one append at a time took 20 s.
    public static func inMemory(holding events: [FollowUpEvent]) throws -> SQLiteFollowUpStore {
        let queue = try DatabaseQueue()
        try FollowUpSchema.migrator.migrate(queue)
        try queue.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO event (id, client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes, meeting_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (client_id) DO NOTHING
                """)
            for event in events {
                try statement.execute(arguments: [event.id, event.clientID, event.recommendationID, event.field.rawValue, event.oldValue,
                                                  event.newValue, event.note, event.author, event.recordedAt, event.undoes, event.meetingID])
            }
        }
        return SQLiteFollowUpStore(memory: queue)
    }

    // MARK: FollowUpStore

    /// Before the write, the file the store has open must still be the one its path
    /// names; after it, too (the file may go between the check and the commit). A state
    /// file deleted while open (with its `-wal`/`-shm`, say by a cleanup of ignored files)
    /// is recreated at its path with every event the store still holds, this one
    /// included, and a notice says so; a file replaced by another one is refused with
    /// `.replaced`: nothing is acknowledged that is not in the file the path names.
    public func append(_ event: FollowUpEvent) throws(FollowUpStoreError) -> FollowUpEvent {
        if isReadOnly { throw .readOnly }
        guard try currentWriter() != nil else { throw .readOnly }
        let writer = try writerOnNamedFile()
        let stored = try insert(event, into: writer)
        _ = try writerOnNamedFile()
        return stored
    }

    private func insert(_ event: FollowUpEvent, into writer: any DatabaseWriter) throws(FollowUpStoreError) -> FollowUpEvent {
        try mapErrors {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO event (client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes, meeting_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (client_id) DO NOTHING
                        """,
                    arguments: [event.clientID, event.recommendationID, event.field.rawValue, event.oldValue,
                                event.newValue, event.note, event.author, event.recordedAt, event.undoes, event.meetingID])
                // The stored row: the new one, or the one an earlier send of this event made.
                let row = try Row.fetchOne(db, sql: "\(try FollowUpSchema.select(db)) WHERE client_id = ?", arguments: [event.clientID])
                guard let row, let stored = FollowUpSchema.event(row) else {
                    var copy = event
                    copy.id = db.lastInsertedRowID
                    return copy
                }
                return stored
            }
        }
    }

    /// Every event ordered by id. Rows with a field this version does not know are skipped.
    public func allEvents() throws(FollowUpStoreError) -> [FollowUpEvent] {
        guard let writer = try currentWriter() else { return [] }
        return try mapErrors {
            try writer.read { db in
                guard try db.tableExists("event") else { return [] }
                return try FollowUpSchema.events(db, after: nil)
            }
        }
    }

    /// The events after `id`, by the primary key (no scan of the older ones).
    public func events(after id: Int64?) throws(FollowUpStoreError) -> [FollowUpEvent]? {
        guard let writer = try currentWriter() else { return [] }
        return try mapErrors {
            try writer.read { db in
                guard try db.tableExists("event") else { return [] }
                return try FollowUpSchema.events(db, after: id)
            }
        }
    }

    /// `PRAGMA data_version` (changes when another connection or process commits) plus
    /// this connection's own row changes, both read on the one writer connection.
    public func changeToken() throws(FollowUpStoreError) -> Int64 {
        guard let writer = try currentWriter() else { return 0 }
        return try mapErrors {
            try writer.writeWithoutTransaction { db in
                let dataVersion = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                return (1 << 32) + dataVersion + Int64(db.totalChangesCount)
            }
        }
    }

    /// `PRAGMA integrity_check`: an empty list when the file is sound, else SQLite's findings.
    public func integrityCheck() throws(FollowUpStoreError) -> [String] {
        guard let writer = try currentWriter() else { return [] }
        let lines = try mapErrors {
            try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        }
        return lines == ["ok"] ? [] : lines
    }

    /// Closes the database; the store must not be used afterwards.
    public func close() {
        let writer = backend.withLock { backend -> (any DatabaseWriter)? in
            defer { backend = .missing }
            if case .open(let writer) = backend { return writer }
            return nil
        }
        try? writer?.close()
    }

    public func takeNotices() -> [FollowUpStoreNotice] {
        notices.withLock { notices in
            defer { notices = [] }
            return notices
        }
    }

    // MARK: Operator positions (pantau --follow)

    public var positionBoard: OperatorPositionBoard? { self }

    /// In the table `operator_position`, made by the first operator who publishes, outside
    /// the schema migrations: a file with it still opens in a pantau that knows nothing of
    /// it, and a follower (read-only) sees none until then. The write does not wait for
    /// another program's lock at all (it fails at once, and the caller tries again later),
    /// and is not checked against a replaced file: a position lost with its file is only
    /// a position.
    public func publish(_ position: OperatorPosition) throws(FollowUpStoreError) {
        if isReadOnly { throw .readOnly }
        guard let writer = try currentWriter() else { throw .readOnly }
        let wait = writeLockWait.withLock { $0 } ?? busyTimeout
        try mapErrors {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(wait * 1000))") }
                try db.inTransaction(.immediate) {
                    try db.execute(sql: Self.positionTable)
                    try db.execute(sql: """
                        INSERT INTO operator_position (operator, payload, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (operator) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at
                        """, arguments: [position.operatorName, position.payload, position.updatedAt])
                    return .commit
                }
            }
        }
    }

    public func withdrawPosition(of operatorName: String) throws(FollowUpStoreError) {
        if isReadOnly { throw .readOnly }
        guard let writer = try currentWriter() else { return }
        try mapErrors {
            try writer.write { db in
                guard try db.tableExists("operator_position") else { return }
                try db.execute(sql: "DELETE FROM operator_position WHERE operator = ?", arguments: [operatorName])
            }
        }
    }

    public func positions() throws(FollowUpStoreError) -> [OperatorPosition] {
        guard let writer = try currentWriter() else { return [] }
        return try mapErrors {
            try writer.read { db in
                guard try db.tableExists("operator_position") else { return [] }
                return try Row.fetchAll(db, sql: "SELECT operator, payload, updated_at FROM operator_position ORDER BY updated_at DESC, operator")
                    .map { OperatorPosition(operatorName: $0[0], payload: $0[1], updatedAt: $0[2]) }
            }
        }
    }

    static let positionTable = """
        CREATE TABLE IF NOT EXISTS operator_position (operator TEXT PRIMARY KEY, payload TEXT NOT NULL, updated_at REAL NOT NULL)
        """

    // MARK: The file behind the path

    /// Device and inode of the state file and of its `-wal` and `-shm` files.
    struct StoreFiles: Equatable {
        struct ID: Equatable { var device: UInt64; var inode: UInt64 }
        var main: ID?
        var wal: ID?
        var shm: ID?

        init(_ path: String) {
            main = Self.id(path)
            wal = Self.id(path + "-wal")
            shm = Self.id(path + "-shm")
        }

        /// The same state file, and the same `-wal` and `-shm` where there were any.
        func sameFiles(as expected: StoreFiles) -> Bool {
            main == expected.main && (expected.wal == nil || wal == expected.wal) && (expected.shm == nil || shm == expected.shm)
        }

        static func id(_ path: String) -> ID? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return ID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
    }

    /// The writer, after making sure the files it has open are still those the path
    /// names. A vanished state file, `-wal` or `-shm` (the writer would go on writing to
    /// unlinked files) is recovered: every event is read through the open connection,
    /// the connection closed and the file reopened (recreated when gone) with them.
    private func writerOnNamedFile() throws(FollowUpStoreError) -> any DatabaseWriter {
        try recovery.withLock { _ throws(FollowUpStoreError) -> any DatabaseWriter in
            guard let writer = try currentWriter() else { throw .readOnly }
            guard let expected = identity.withLock({ $0 }) else { return writer }   // in memory
            let now = StoreFiles(path)
            if now.sameFiles(as: expected) { return writer }
            if let main = now.main, main != expected.main { throw .replaced(path: path) }
            // Gone (main == nil), or the main file is ours but its -wal or -shm went.
            let rows: [Row]
            do {
                // Through the writer's own connection: it still holds the unlinked files
                // open, where a new reader connection would find nothing (or a new -shm).
                rows = try writer.writeWithoutTransaction { db in
                    try db.tableExists("event") ? try Row.fetchAll(db, sql: "SELECT * FROM event ORDER BY id") : []
                }
            } catch {
                throw .vanished(path: path, reason: String(describing: error))
            }
            backend.withLock { $0 = .missing }
            try? writer.close()
            let reopened: any DatabaseWriter
            do {
                if StoreFiles.id(path) == nil {
                    // SQLite may delete an orphaned -wal/-shm of ours on close: recreate cleanly.
                    for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
                }
                reopened = try Self.openWritable(path: path, busyTimeout: busyTimeout, pragmas: pragmas)
                try reopened.write { db in
                    for row in rows {
                        let names = row.columnNames.joined(separator: ", ")
                        let marks = Array(repeating: "?", count: row.count).joined(separator: ", ")
                        try db.execute(sql: "INSERT OR IGNORE INTO event (\(names)) VALUES (\(marks))",
                                       arguments: StatementArguments(Array(row.databaseValues)))
                    }
                }
            } catch {
                throw .vanished(path: path, reason: String(describing: Self.storeError(error, path: path)))
            }
            if let wait = writeLockWait.withLock({ $0 }) { Self.applyLockWait(wait, to: reopened) }
            backend.withLock { $0 = .open(reopened) }
            identity.withLock { $0 = StoreFiles(path) }
            notices.withLock { $0.append(.recreated(path: path, events: rows.count)) }
            return reopened
        }
    }

    /// How long each later write waits for another program's lock (opening keeps
    /// waiting up to 5 s). The dashboard sets a short wait: its session holds a decision
    /// that meets a lock and tries again every few seconds, so a lock held elsewhere
    /// never stops the dashboard between keys for more than a moment.
    public func setWriteLockWait(_ seconds: TimeInterval) {
        writeLockWait.withLock { $0 = seconds }
        if let writer = try? currentWriter() { Self.applyLockWait(seconds, to: writer) }
    }

    private let writeLockWait = Mutex<TimeInterval?>(nil)

    private static func applyLockWait(_ seconds: TimeInterval, to writer: any DatabaseWriter) {
        _ = try? writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(Int(seconds * 1000))")
        }
    }

    // MARK: Opening

    /// The database, opening a read-only store's file once it exists.
    private func currentWriter() throws(FollowUpStoreError) -> (any DatabaseWriter)? {
        let current = backend.withLock { backend -> (any DatabaseWriter)? in
            if case .open(let writer) = backend { return writer }
            return nil
        }
        if let current { return current }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let opened = try Self.openReadOnly(path: path, busyTimeout: busyTimeout)
        return backend.withLock { backend -> (any DatabaseWriter)? in
            if case .open(let writer) = backend { return writer }   // another thread won
            backend = opened
            if case .open(let writer) = opened { return writer }
            return nil
        }
    }

    private static func openWritable(path: String, busyTimeout: TimeInterval, pragmas: [String]) throws(FollowUpStoreError) -> any DatabaseWriter {
        if !isWritable(path) {
            if !directoryExists(of: path) { throw .cannotOpen(path: path, reason: missingFolderReason) }
            throw .readOnly
        }
        var configuration = Configuration()
        configuration.label = "pantau.followup"
        configuration.busyMode = .timeout(busyTimeout)
        configuration.maximumReaderCount = 2
        if !pragmas.isEmpty {
            configuration.prepareDatabase { db in
                for pragma in pragmas { try db.execute(sql: pragma) }
            }
        }
        return try mapErrors(path: path) {
            try retryingWhileBusy(for: busyTimeout) {
                let pool = try DatabasePool(path: path, configuration: configuration)
                // GRDB sets NORMAL for WAL, which may lose the last commits on power loss;
                // FULL syncs the WAL on every commit, so an acknowledged decision stays.
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                try FollowUpSchema.migrate(pool, path: path)
                return pool
            }
        }
    }

    /// Repeats `body` while it fails with SQLITE_BUSY, for up to `timeout` seconds.
    /// Switching a new file to WAL mode fails with SQLITE_BUSY at once, without waiting
    /// for the busy timeout, when another process is opening the same file.
    private static func retryingWhileBusy<T>(for timeout: TimeInterval, _ body: () throws -> T) throws -> T {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                usleep(UInt32.random(in: 5_000...25_000))
            }
        }
    }

    private static func openReadOnly(path: String, busyTimeout: TimeInterval) throws(FollowUpStoreError) -> Backend {
        guard FileManager.default.fileExists(atPath: path) else {
            if !directoryExists(of: path) { throw .cannotOpen(path: path, reason: missingFolderReason) }
            return .missing
        }
        var configuration = Configuration()
        configuration.label = "pantau.followup"
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.maximumReaderCount = 2
        func refuseNewer(_ db: Database) throws {
            if try FollowUpSchema.migrator.hasBeenSuperseded(db) { throw FollowUpStoreError.newerSchema(path: path) }
        }
        return try mapErrors(path: path) {
            do {
                return try retryingWhileBusy(for: busyTimeout) {
                    let pool = try DatabasePool(path: path, configuration: configuration)
                    try pool.read(refuseNewer)
                    return .open(pool)
                }
            } catch let error as DatabaseError
                where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) && !hasPendingWAL(path) {
                // Reading a WAL file needs its `-shm` index, which a reader creates when
                // missing, unless it may not create files in the folder. With no pending
                // `-wal`, everything is in the main file: read it as immutable (a
                // snapshot: changes made later by its owner are not seen).
                let queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
                try queue.read(refuseNewer)
                return .open(queue)
            }
        }
    }

    // MARK: Errors

    private func mapErrors<T>(_ body: () throws -> T) throws(FollowUpStoreError) -> T {
        try Self.mapErrors(path: path, body)
    }

    private static func mapErrors<T>(path: String, _ body: () throws -> T) throws(FollowUpStoreError) -> T {
        do {
            return try body()
        } catch {
            throw storeError(error, path: path)
        }
    }

    static func storeError(_ error: any Error, path: String) -> FollowUpStoreError {
        if let error = error as? FollowUpStoreError { return error }
        guard let error = error as? DatabaseError else {
            if !isWritable(path) { return .readOnly }
            return .cannotOpen(path: path, reason: String(describing: error))
        }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .corrupt(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path)
        case .SQLITE_FULL:
            return .diskFull(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return .readOnly
        default:
            if !directoryExists(of: path) { return .cannotOpen(path: path, reason: missingFolderReason) }
            if !isWritable(path) { return .readOnly }
            return .cannotOpen(path: path, reason: error.message ?? error.resultCode.description)
        }
    }

    /// Whether a non-empty `-wal` file holds commits not yet copied into the main file.
    private static func hasPendingWAL(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 0
    }

    /// An SQLite URI filename that opens `path` without locks or a `-shm` file.
    private static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    private static let missingFolderReason = "folder does not exist"

    private static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    private static func directoryExists(of path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory(of: path), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether this process may write the file (if it exists) and create files beside it
    /// (the `-wal` and `-shm` files of WAL mode).
    static func isWritable(_ path: String) -> Bool {
        if access(path, F_OK) == 0 && access(path, W_OK) != 0 { return false }
        return access(directory(of: path), W_OK) == 0
    }
}

/// The table and its migrations. Never change a registered migration: add a new one.
enum FollowUpSchema {
    /// v1: the append-only event table.
    static let v1 = """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id TEXT NOT NULL UNIQUE,
            recommendation_id TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT NOT NULL,
            note TEXT,
            author TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            undoes INTEGER
        );
        CREATE INDEX event_recommendation ON event (recommendation_id, id);
        """

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        // For `pantau report --since`: events of a period without a full scan.
        migrator.registerMigration("v2-recorded-at-index") { db in
            try db.execute(sql: "CREATE INDEX event_recorded_at ON event (recorded_at)")
        }
        // Meetings: the meeting open when a decision was recorded (docs/follow-up.md).
        migrator.registerMigration("v3-meeting") { db in
            try db.execute(sql: "ALTER TABLE event ADD COLUMN meeting_id TEXT")
        }
        return migrator
    }()

    /// Text columns that may hold a NUL (an older pantau stored what was typed): GRDB
    /// reads text up to the first NUL, so such a value is also selected as hex and read
    /// whole (then `TextRules` refuses it where events are copied, instead of a silent cut).
    static let textColumns = ["recommendation_id", "old_value", "new_value", "note", "author"]

    static let selectColumns = """
        SELECT id, client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes,
        """ + textColumns.map { "CASE WHEN instr(\($0), char(0)) > 0 THEN hex(\($0)) END AS \($0)_hex" }.joined(separator: ", ")

    /// The query for events, with `meeting_id` last; a file opened read-only that an older
    /// pantau wrote (not migrated) has no such column and gives NULL.
    static func select(_ db: Database) throws -> String {
        let hasMeeting = try db.columns(in: "event").contains { $0.name == "meeting_id" }
        return selectColumns + (hasMeeting ? ", meeting_id" : ", NULL AS meeting_id") + " FROM event"
    }

    /// The events after `id` (all for nil) in id order, read straight from SQLite's own
    /// buffers (`FollowUpEventRows`): no GRDB row per event (100,000 events were read in
    /// about 350 ms through rows). Rows with a field this version does not know are
    /// skipped. The same columns and meaning as `event(_:)`; the tests compare the two.
    static func events(_ db: Database, after id: Int64?) throws -> [FollowUpEvent] {
        let hasMeeting = try db.columns(in: "event").contains { $0.name == "meeting_id" }
        return try FollowUpEventRows.read(db, from: "event", after: id, meetingColumn: hasMeeting)
    }

    /// An event from a row of `select`, read by position (in `select`'s column order):
    /// looking ten columns up by name cost several microseconds an event, which a log of
    /// a million events pays at every open (docs/performance.md, "History").
    static func event(_ row: Row) -> FollowUpEvent? {
        guard let field = FollowUpField(rawValue: row[3]) else { return nil }
        /// A text column at `position`; its hex twin (after the ten plain columns, in
        /// `textColumns` order) is set only when the value holds a NUL.
        func text(_ position: Int, _ column: String) -> String? {
            let twin = 10 + textColumns.firstIndex(of: column)!
            guard let hex: String = row[twin] else { return row[position] }
            var bytes: [UInt8] = []
            var high: UInt8?
            for digit in hex.utf8 {
                let value = digit <= 0x39 ? digit &- 0x30 : (digit | 0x20) &- 0x57
                if let first = high { bytes.append(first << 4 | value); high = nil } else { high = value }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var event = FollowUpEvent(
            clientID: row[1], recommendationID: text(2, "recommendation_id") ?? "", field: field,
            oldValue: text(4, "old_value"), newValue: text(5, "new_value") ?? "", note: text(6, "note"), author: text(7, "author") ?? "",
            recordedAt: row[8], undoes: row[9], meetingID: row[10 + textColumns.count])
        event.id = row[0]
        return event
    }

    /// Brings the file up to date, refusing one written by a newer pantau. Nothing is
    /// written when it is already current. Two processes opening a new file at once both
    /// try to migrate: the loser fails (table exists, or it read the schema while the
    /// other was creating it), sees the winner's work on the next try and carries on.
    static func migrate(_ writer: some DatabaseWriter, path: String) throws {
        var lastError: (any Error)?
        for _ in 0..<4 {
            do {
                let (superseded, complete) = try writer.writeWithoutTransaction { db in
                    (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
                }
                if superseded { throw FollowUpStoreError.newerSchema(path: path) }
                if complete { return }
                try migrator.migrate(writer)
                return
            } catch let error as FollowUpStoreError {
                throw error
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                throw error   // already waited for the busy timeout
            } catch {
                lastError = error
                usleep(UInt32.random(in: 1_000...10_000))
            }
        }
        if let lastError { throw lastError }
    }
}

/// Events read from an SQLite table by position, wherever pantau keeps them (the state
/// file's `event`, a shared server's journal): each text by its length in bytes, so a NUL
/// in it is kept, and no GRDB row is made.
public enum FollowUpEventRows {
    /// The rows of `table` (columns id, client_id, recommendation_id, field, old_value,
    /// new_value, note, author, recorded_at, undoes and, with `meetingColumn`, meeting_id)
    /// with an id above `id` (all for nil), in id order. Rows with a field this version
    /// does not know are skipped.
    public static func read(_ db: Database, from table: String, after id: Int64?, meetingColumn: Bool = true) throws -> [FollowUpEvent] {
        let statement = try db.makeStatement(sql: """
            SELECT id, client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes, \(meetingColumn ? "meeting_id" : "NULL")
            FROM \(table) WHERE id > ? ORDER BY id
            """)
        statement.arguments = [id ?? Int64.min]
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        func text(_ column: Int32) -> String? {
            guard sqlite3_column_type(handle, column) != SQLITE_NULL, let start = sqlite3_column_text(handle, column) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
        }
        func integer(_ column: Int32) -> Int64? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
        }
        var events: [FollowUpEvent] = []
        while true {
            let code = sqlite3_step(handle)
            if events.isEmpty, code == SQLITE_ROW, let first = integer(0) {
                // Sized once from the ids (a log has few gaps): growing an array of a
                // million events copies it twenty times and holds two copies at the end.
                let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table)") ?? first
                events.reserveCapacity(Int(min(max(last - first + 1, 0), 1 << 24)))
            }
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            guard let fieldText = text(3), let field = FollowUpField(rawValue: fieldText) else { continue }
            var event = FollowUpEvent(
                clientID: text(1) ?? "", recommendationID: text(2) ?? "", field: field, oldValue: text(4), newValue: text(5) ?? "",
                note: text(6), author: text(7) ?? "", recordedAt: text(8) ?? "", undoes: integer(9), meetingID: text(10))
            event.id = integer(0)
            events.append(event)
        }
        return events
    }
}
