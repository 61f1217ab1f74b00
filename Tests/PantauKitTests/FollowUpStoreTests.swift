import Foundation
import GRDB
import Testing
@testable import PantauKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers

/// A fresh temporary directory for `body`, removed afterwards (permissions restored first).
private func withStateDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("pantau-followup-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        chmod(url.path, 0o755)
        if let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) {
            for name in names { chmod(url.appendingPathComponent(name).path, 0o644) }
        }
        try? FileManager.default.removeItem(at: url)
    }
    return try body(url.path)
}

/// Untyped throws, for `#expect(throws:)`.
private func openStore(_ path: String, readOnly: Bool = false) throws -> SQLiteFollowUpStore {
    try SQLiteFollowUpStore(path: path, readOnly: readOnly)
}

private func statePath(_ directory: String) -> String {
    (directory as NSString).appendingPathComponent("pantau.sqlite")
}

private func recommendation(_ id: String, region: RegionIndex = 1, status: RecommendationStatus = .belum,
                            owner: String = "Dinas Kesehatan", deadline: String? = "2026-06-30") -> Recommendation {
    Recommendation(id: id, region: region, cycle: "2025 S2", origin: .aks, category: "Intervensi spesifik",
                   finding: "Temuan", text: "Rekomendasi", owner: owner,
                   deadline: deadline.flatMap { LocalDate(iso: $0) }, status: status, line: 2)
}

/// An event as the store would return it (with an id) unless `id` is nil.
private func event(_ id: Int64?, _ recommendationID: String, _ field: FollowUpField, _ old: String?, _ new: String,
                   author: String = "Ani", undoes: Int64? = nil) -> FollowUpEvent {
    var event = FollowUpEvent(recommendationID: recommendationID, field: field, oldValue: old, newValue: new,
                              author: author, recordedAt: "2026-11-23T10:15:00Z", undoes: undoes)
    event.id = id
    return event
}

/// A change as a client would send it (no id yet).
private func change(_ recommendationID: String, _ field: FollowUpField, _ old: String?, _ new: String,
                    clientID: String = UUID().uuidString, note: String? = nil) -> FollowUpEvent {
    FollowUpEvent(clientID: clientID, recommendationID: recommendationID, field: field, oldValue: old, newValue: new,
                  note: note, author: "Ani", recordedAt: FollowUpClock.nowISO8601())
}

/// A raw connection to a state file, as another program (or an older pantau) would open it.
private func rawConnection(_ path: String, holdingTransactions: Bool = false) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.allowsUnsafeTransactions = holdingTransactions
    configuration.busyMode = .timeout(5)
    return try DatabaseQueue(path: path, configuration: configuration)
}

/// The v1 schema exactly as the first pantau with a follow-up store shipped it. Never
/// change it: it is what older files contain.
private let shippedSchemaV1 = """
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

// MARK: - The helper process

/// Runs `pantau-store-stress` (built beside the test bundle) with posix_spawn, stdout and
/// stderr going to files, and reaps it with waitpid.
private enum StressWriter {
    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("pantau-store-stress").path
    }

    struct Child {
        let pid: pid_t
        let stdout: String
        let stderr: String

        var output: String { (try? String(contentsOfFile: stdout, encoding: .utf8)) ?? "" }
        var errors: String { (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "" }

        /// Complete lines written so far (a line cut by a kill is not counted).
        var lines: [String] {
            var lines = output.components(separatedBy: "\n")
            lines.removeLast()
            return lines
        }
    }

    enum Exit: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    static func spawn(_ arguments: [String], outputIn directory: String, name: String) throws -> Child {
        let stdout = (directory as NSString).appendingPathComponent("\(name).out")
        let stderr = (directory as NSString).appendingPathComponent("\(name).err")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable): \(String(cString: strerror(result)))"])
        }
        return Child(pid: pid, stdout: stdout, stderr: stderr)
    }

    /// Blocks until the child ends.
    static func wait(_ child: Child) -> Exit {
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
        return decode(status)
    }

    /// nil while the child runs.
    static func poll(_ child: Child) -> Exit? {
        var status: Int32 = 0
        return waitpid(child.pid, &status, WNOHANG) == child.pid ? decode(status) : nil
    }

    private static func decode(_ status: Int32) -> Exit {
        status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
    }

    static func run(_ arguments: [String], outputIn directory: String, name: String) throws -> (Exit, Child) {
        let child = try spawn(arguments, outputIn: directory, name: name)
        return (wait(child), child)
    }
}

// MARK: - Store

@Suite struct FollowUpStoreTests {
    @Test func appendsAndReadsBack() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            let sent = [
                change("R-1", .status, "belum", "proses", note: "dibahas di rakor"),
                change("R-1", .note, nil, "OPD minta tambahan anggaran"),
                change("R-2", .deadline, "2026-06-30", ""),
                change("R-2", .owner, "Dinas Kesehatan", "Dinas PMD"),
            ]
            var stored: [FollowUpEvent] = []
            do {
                let store = try SQLiteFollowUpStore(path: path)
                #expect(!store.isReadOnly && store.readOnlyReason == nil)
                for event in sent { stored.append(try store.append(event)) }
                #expect(try store.allEvents() == stored)
            }
            let ids = stored.compactMap(\.id)
            #expect(ids.count == 4)
            #expect(ids == ids.sorted() && Set(ids).count == 4)
            for (sent, stored) in zip(sent, stored) {
                var expected = sent
                expected.id = stored.id
                #expect(stored == expected)
            }
            // Reopened (a later session): the same events, and ids keep increasing.
            let reopened = try SQLiteFollowUpStore(path: path)
            #expect(try reopened.allEvents() == stored)
            let next = try reopened.append(change("R-3", .status, "belum", "selesai"))
            #expect(try #require(next.id) > ids.last!)
        }
    }

    /// `pantau screen`'s preview: a copy of the recorded events under their own ids (gaps
    /// included, so an undo still names the event it reverts), and more recorded after.
    @Test func anInMemoryCopyKeepsEveryEventAndItsID() throws {
        var events: [FollowUpEvent] = []
        for (index, id) in [3, 4, 9, 40].enumerated() {
            var event = change("R-\(index)", .status, "belum", "proses", clientID: "copy-\(id)")
            event.id = Int64(id)
            events.append(event)
        }
        var undo = change("R-0", .status, "proses", "belum", clientID: "copy-undo")
        undo.undoes = 9
        undo.id = 41
        events.append(undo)
        let copy = try SQLiteFollowUpStore.inMemory(holding: events)
        #expect(try copy.allEvents() == events)
        let next = try copy.append(change("R-9", .note, nil, "catatan"))
        #expect(next.id == 42)
        #expect(try copy.allEvents().count == 6)
    }

    /// The fast reader of a whole log and the row reader give the same events: NULs and
    /// other bytes in texts, NULLs, undo links, meetings, and rows of a field this version
    /// does not know (skipped by both).
    @Test func theLogReaderAgreesWithTheRowReader() throws {
        let queue = try DatabaseQueue()
        try FollowUpSchema.migrator.migrate(queue)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO event (client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes, meeting_id) VALUES
                ('a', 'R-1', 'status', 'belum', 'proses', 'dibahas di rakor', 'Ani', '2026-11-23T10:00:00Z', NULL, NULL),
                ('b', CAST(X'522D00322031' AS TEXT), 'note', NULL, CAST(X'610062' AS TEXT), CAST(X'00' AS TEXT), 'Budi', '2026-11-23T10:01:00Z', NULL, 'rakor-1'),
                ('c', 'R-1', 'zzz_newer', NULL, 'x', NULL, 'Ani', '2026-11-23T10:02:00Z', NULL, NULL),
                ('d', 'R-1', 'status', 'proses', 'belum', 'Catatan: é, 🇮🇩, "kutip"', 'Ani', '2026-11-23T10:03:00Z', 1, NULL),
                ('e', 'R-2', 'tenggat', '', '2027-01-31', '', '', '2026-11-23T10:04:00Z', NULL, '')
                """)
        }
        try queue.read { db in
            let rows = try Row.fetchAll(db, sql: "\(try FollowUpSchema.select(db)) ORDER BY id").compactMap(FollowUpSchema.event)
            let fast = try FollowUpSchema.events(db, after: nil)
            #expect(fast == rows)
            #expect(fast.count == 4)
            #expect(fast[1].recommendationID.utf8.count == 6 && fast[1].newValue == "a\u{0}b" && fast[1].note == "\u{0}")
            #expect(try FollowUpSchema.events(db, after: 2) == Array(rows.dropFirst(2)))
        }
    }

    @Test func resendingAClientIDRecordsItOnce() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let first = try store.append(change("R-1", .status, "belum", "proses", clientID: "client-1"))
        let again = try store.append(change("R-1", .status, "belum", "proses", clientID: "client-1"))
        #expect(again == first)
        // Same client id, different content: still the stored event, nothing new.
        let different = try store.append(change("R-9", .note, nil, "lain", clientID: "client-1"))
        #expect(different == first)
        #expect(try store.allEvents() == [first])
    }

    @Test func changeTokenFollowsOwnAndOtherConnectionsWrites() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            let store = try SQLiteFollowUpStore(path: path)
            let other = try SQLiteFollowUpStore(path: path)
            let start = try store.changeToken()
            #expect(try store.changeToken() == start, "nothing happened")
            _ = try store.append(change("R-1", .note, nil, "sendiri"))
            let afterOwn = try store.changeToken()
            #expect(afterOwn != start)
            _ = try other.append(change("R-1", .note, nil, "koneksi lain"))
            let afterOther = try store.changeToken()
            #expect(afterOther != afterOwn)
            #expect(try store.allEvents().count == 2)
            // A re-send changes nothing, so the token stays.
            let resent = try store.allEvents()[0]
            _ = try store.append(resent)
            #expect(try store.changeToken() == afterOther)
        }
    }

    @Test func changeTokenSeesAnotherProcess() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            let store = try SQLiteFollowUpStore(path: path, readOnly: false)
            let viewer = try SQLiteFollowUpStore(path: path, readOnly: true)
            let before = try store.changeToken()
            let viewerBefore = try viewer.changeToken()
            let (exit, child) = try StressWriter.run(["--state", path, "--count", "5", "--prefix", "other"],
                                                     outputIn: directory, name: "writer")
            #expect(exit == .exited(0), "\(child.errors)")
            #expect(try store.changeToken() != before)
            #expect(try viewer.changeToken() != viewerBefore)
            #expect(try store.allEvents().count == 5)
            #expect(try viewer.allEvents().count == 5)
        }
    }

    @Test func inMemoryStoreWorks() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        #expect(!store.isReadOnly)
        let before = try store.changeToken()
        let stored = try store.append(change("R-1", .status, "belum", "selesai"))
        #expect(stored.id == 1)
        #expect(try store.changeToken() != before)
        #expect(try store.allEvents() == [stored])
    }

    // MARK: Migrations

    @Test func shippedMigrationsAreNeverEdited() {
        #expect(FollowUpSchema.v1 == shippedSchemaV1)
        #expect(FollowUpSchema.migrator.migrations == ["v1", "v2-recorded-at-index", "v3-meeting"])
    }

    @Test func opensAnEmptyFile() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let store = try SQLiteFollowUpStore(path: path)
            #expect(try store.allEvents().isEmpty)
            _ = try store.append(change("R-1", .note, nil, "pertama"))
            let (migrations, journalMode) = try rawConnection(path).read { db in
                (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                 try String.fetchOne(db, sql: "PRAGMA journal_mode"))
            }
            #expect(migrations == ["v1", "v2-recorded-at-index", "v3-meeting"])
            #expect(journalMode == "wal")
        }
    }

    @Test func migratesAFileFromThePreviousVersion() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            // What a pantau with only migration v1 left behind (rollback journal, not WAL).
            do {
                let raw = try rawConnection(path)
                try raw.write { db in
                    try db.execute(sql: shippedSchemaV1)
                    try db.execute(sql: """
                        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                        INSERT INTO grdb_migrations VALUES ('v1');
                        INSERT INTO event (client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes)
                        VALUES ('old-1', 'R-1', 'status', 'belum', 'proses', 'dari versi lama', 'Budi', '2025-12-01T08:00:00Z', NULL);
                        """)
                }
            }
            // Read-only opens it as it is, without migrating.
            let viewer = try SQLiteFollowUpStore(path: path, readOnly: true)
            #expect(try viewer.allEvents().map(\.clientID) == ["old-1"])
            let store = try SQLiteFollowUpStore(path: path)
            let old = try #require(try store.allEvents().first)
            #expect(old.id == 1 && old.recommendationID == "R-1" && old.field == .status)
            #expect(old.oldValue == "belum" && old.newValue == "proses" && old.note == "dari versi lama")
            #expect(old.author == "Budi" && old.recordedAt == "2025-12-01T08:00:00Z" && old.undoes == nil)
            #expect(old.meetingID == nil)
            var linked = change("R-1", .status, "proses", "selesai")
            linked.meetingID = "RAPAT-16.06-20221025-AB12"
            let next = try store.append(linked)
            #expect(next.id == 2)
            #expect(try store.allEvents().map(\.meetingID) == [nil, "RAPAT-16.06-20221025-AB12"])
            let (migrations, indexes, journalMode) = try rawConnection(path).read { db in
                (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                 try db.indexes(on: "event").map(\.name),
                 try String.fetchOne(db, sql: "PRAGMA journal_mode"))
            }
            #expect(migrations == ["v1", "v2-recorded-at-index", "v3-meeting"])
            #expect(indexes.contains("event_recorded_at") && indexes.contains("event_recommendation"))
            #expect(journalMode == "wal")
        }
    }

    @Test func refusesAFileFromANewerVersion() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            do {
                let store = try SQLiteFollowUpStore(path: path)
                _ = try store.append(change("R-1", .note, nil, "catatan"))
            }
            try rawConnection(path).write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')")
            }
            #expect(throws: FollowUpStoreError.newerSchema(path: path)) { try openStore(path) }
            #expect(throws: FollowUpStoreError.newerSchema(path: path)) { try openStore(path, readOnly: true) }
            // Left as it was.
            let (migrations, count) = try rawConnection(path).read { db in
                (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM event"))
            }
            #expect(migrations == ["v1", "v2-recorded-at-index", "v3-meeting", "v9-from-the-future"])
            #expect(count == 1)
        }
    }

    // MARK: Faults

    @Test func readOnlyStoreNeverWrites() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            // A missing file: empty history, and nothing is created.
            let early = try SQLiteFollowUpStore(path: path, readOnly: true)
            #expect(early.isReadOnly && early.readOnlyReason == nil)
            #expect(try early.allEvents().isEmpty)
            #expect(try early.changeToken() == 0)
            #expect(throws: FollowUpStoreError.readOnly) { try early.append(change("R-1", .note, nil, "x")) }
            #expect(!FileManager.default.fileExists(atPath: path))

            // Someone else starts recording: the early viewer sees it once the file exists.
            let writer = try SQLiteFollowUpStore(path: path)
            let stored = try writer.append(change("R-1", .status, "belum", "proses"))
            #expect(try early.changeToken() != 0)
            #expect(try early.allEvents() == [stored])

            let viewer = try SQLiteFollowUpStore(path: path, readOnly: true)
            #expect(try viewer.allEvents() == [stored])
            #expect(throws: FollowUpStoreError.readOnly) { try viewer.append(change("R-1", .note, nil, "x")) }
            #expect(try writer.allEvents() == [stored])
        }
    }

    @Test func missingFolderCannotOpen() throws {
        try withStateDirectory { directory in
            let path = (directory as NSString).appendingPathComponent("no/such/folder/pantau.sqlite")
            for readOnly in [false, true] {
                #expect(throws: FollowUpStoreError.cannotOpen(path: path, reason: "folder does not exist")) {
                    try openStore(path, readOnly: readOnly)
                }
            }
        }
    }

    enum Unwritable: String, CaseIterable, Sendable {
        case file, folder
    }

    /// Whether permission bits stop this process from writing: false for a non-root user
    /// with an override capability. Root is fine: the probe then runs as `nobody`.
    static let permissionsApply: Bool = {
        if geteuid() == 0 { return true }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-chmod-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: Data("x".utf8)) else { return false }
        defer { unlink(path) }
        chmod(path, 0o444)
        let descriptor = open(path, O_WRONLY)
        if descriptor >= 0 { close(descriptor); return false }
        return true
    }()

    /// A state file that cannot be written (0444 file, or 0555 folder): opening it for
    /// writing gives a read-only store that still shows the history, and appending
    /// throws `.readOnly`. Runs in the helper process; as root, the helper drops to
    /// `nobody` first, because root writes through permission bits.
    @Test(.enabled(if: permissionsApply), arguments: Unwritable.allCases)
    func unwritableFileOpensReadOnly(_ what: Unwritable) throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            do {
                let store = try SQLiteFollowUpStore(path: path)
                _ = try store.append(change("R-1", .status, "belum", "proses"))
            }   // closed: the WAL is checkpointed and removed, as after a normal session
            var arguments = ["--state", path, "--probe"]
            if geteuid() == 0 {
                let nobody: uid_t = 65534
                #expect(chown(directory, nobody, gid_t(nobody)) == 0 && chown(path, nobody, gid_t(nobody)) == 0)
                arguments.append("--drop-privileges")
            }
            chmod(directory, 0o755)
            switch what {
            case .file: chmod(path, 0o444)
            case .folder: chmod(directory, 0o555)
            }
            let (exit, child) = try StressWriter.run(arguments, outputIn: NSTemporaryDirectory(), name: "probe-\(UUID().uuidString)")
            defer { unlink(child.stdout); unlink(child.stderr) }
            #expect(exit == .exited(0), "\(child.errors)")
            #expect(child.lines == ["open readonly=true reason=readOnly", "append readOnly", "events 1"], "\(child.errors)")
        }
    }

    @Test func corruptFileIsReported() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            var generator = SystemRandomNumberGenerator()
            let garbage = Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try garbage.write(to: URL(fileURLWithPath: path))
            #expect(throws: FollowUpStoreError.corrupt(path: path)) { try openStore(path) }
            #expect(throws: FollowUpStoreError.corrupt(path: path)) { try openStore(path, readOnly: true) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage, "left untouched")
        }
    }

    @Test func malformedDatabaseIsReported() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            do {
                let store = try SQLiteFollowUpStore(path: path)
                for index in 0..<100 {
                    _ = try store.append(change("R-\(index)", .note, nil, String(repeating: "catatan \(index) ", count: 40)))
                }
            }
            // Keep page 1 (header and schema), scramble every other page.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.count > 8 * 4096)
            for index in 4096..<bytes.count { bytes[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
            try bytes.write(to: URL(fileURLWithPath: path))
            // Found when opening (the migrator reads the schema) or at the latest when reading.
            #expect(throws: FollowUpStoreError.corrupt(path: path)) {
                let store = try SQLiteFollowUpStore(path: path)
                _ = try store.allEvents()
            }
        }
    }

    @Test func lockedBeyondTheTimeout() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            let store = try SQLiteFollowUpStore(path: path, readOnly: false, busyTimeout: 0.3, pragmas: [])
            let first = try store.append(change("R-1", .note, nil, "sebelum dikunci"))
            let blocker = try rawConnection(path, holdingTransactions: true)
            try blocker.writeWithoutTransaction { db in
                try db.execute(sql: """
                    BEGIN IMMEDIATE;
                    INSERT INTO event (client_id, recommendation_id, field, new_value, author, recorded_at)
                    VALUES ('blocker', 'R-2', 'note', 'menahan kunci', 'X', '2026-11-23T10:15:00Z');
                    """)
            }
            let start = Date()
            #expect(throws: FollowUpStoreError.locked(path: path)) { try store.append(change("R-1", .note, nil, "terkunci")) }
            let waited = Date().timeIntervalSince(start)
            #expect(waited >= 0.25 && waited < 5, "waited \(waited) s")
            // Reading and opening still work while another connection writes.
            #expect(try store.allEvents() == [first])
            let second = try SQLiteFollowUpStore(path: path, readOnly: false, busyTimeout: 0.3, pragmas: [])
            #expect(try second.allEvents() == [first])

            try blocker.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            let after = try store.append(change("R-1", .note, nil, "setelah kunci dilepas"))
            #expect(try store.allEvents() == [first, after])
        }
    }

    @Test func fullDiskIsReported() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            // max_page_count makes SQLite report SQLITE_FULL as a full disk would.
            let store = try SQLiteFollowUpStore(path: path, readOnly: false, busyTimeout: 5, pragmas: ["PRAGMA max_page_count = 12"])
            #expect(!store.isReadOnly)
            let small = try store.append(change("R-1", .note, nil, "muat"))
            let huge = String(repeating: "x", count: 200_000)
            #expect(throws: FollowUpStoreError.diskFull(path: path)) { try store.append(change("R-1", .note, nil, huge)) }
            #expect(try store.allEvents() == [small], "the failed append left nothing behind")
            let later = try store.append(change("R-1", .note, nil, "masih bisa"))
            #expect(try store.allEvents() == [small, later])
        }
    }

    @Test func fullDiskWhenOpeningIsReported() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            #expect(throws: FollowUpStoreError.diskFull(path: path)) {
                try SQLiteFollowUpStore(path: path, readOnly: false, busyTimeout: 5, pragmas: ["PRAGMA max_page_count = 1"]) as SQLiteFollowUpStore
            }
            // What the dashboard falls back to: reading what there is (nothing yet).
            let viewer = try SQLiteFollowUpStore(path: path, readOnly: true)
            #expect(try viewer.allEvents().isEmpty)
        }
    }

    @Test(arguments: [FollowUpStoreError.readOnly, .corrupt(path: "/data/pantau.sqlite"), .locked(path: "/data/pantau.sqlite"),
                      .diskFull(path: "/data/pantau.sqlite"), .cannotOpen(path: "/data/pantau.sqlite", reason: "disk I/O error"),
                      .newerSchema(path: "/data/pantau.sqlite")])
    func errorMessagesNameThePathInBothLanguages(_ error: FollowUpStoreError) {
        let indonesian = error.message(.id), english = error.message(.en)
        #expect(indonesian != english)
        if error != .readOnly {
            #expect(indonesian.contains("/data/pantau.sqlite") && english.contains("/data/pantau.sqlite"))
        } else {
            #expect(indonesian.contains("--readonly") && english.contains("--readonly"))
        }
    }

    @Test func clockWritesUTCSeconds() {
        #expect(FollowUpClock.iso8601(secondsSince1970: 0) == "1970-01-01T00:00:00Z")
        #expect(FollowUpClock.iso8601(secondsSince1970: 1_795_428_900) == "2026-11-23T10:15:00Z")
        let now = FollowUpClock.nowISO8601()
        #expect(now.count == 20 && now.hasSuffix("Z") && Array(now)[10] == "T")
    }
}

// MARK: - Several processes

@Suite struct FollowUpProcessTests {
    @Test func helperIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: StressWriter.executable), "\(StressWriter.executable)")
    }

    @Test func twoProcessesWritingAtOnceLoseNothing() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)   // does not exist yet: both create it at once
            let count = 200
            let children = try ["a", "b"].map {
                try StressWriter.spawn(["--state", path, "--count", "\(count)", "--prefix", $0], outputIn: directory, name: $0)
            }
            for child in children {
                #expect(StressWriter.wait(child) == .exited(0), "\(child.errors)")
            }
            let store = try SQLiteFollowUpStore(path: path)
            #expect(try store.integrityCheck() == [])
            let events = try store.allEvents()
            #expect(events.count == 2 * count)
            let expected = Set(["a", "b"].flatMap { prefix in (0..<count).map { "\(prefix)-\($0)" } })
            #expect(Set(events.map(\.clientID)) == expected)
            let ids = events.compactMap(\.id)
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            // Each writer's own events keep their order.
            for prefix in ["a", "b"] {
                let mine = events.filter { $0.clientID.hasPrefix(prefix + "-") }.map(\.clientID)
                #expect(mine == (0..<count).map { "\(prefix)-\($0)" })
            }
        }
    }

    /// SIGKILL during bursts of writes: every acknowledged event survives, at most the
    /// one in flight is lost (or kept), and the file always opens cleanly.
    @Test func sigkillLosesNoAcknowledgedEvent() throws {
        try withStateDirectory { directory in
            let path = statePath(directory)
            let iterations = 60
            var killsDuringWrites = 0
            var acknowledgedTotal = 0
            for iteration in 0..<iterations {
                let prefix = "kill\(iteration)"
                let child = try StressWriter.spawn(["--state", path, "--forever", "--prefix", prefix],
                                                   outputIn: directory, name: "forever")
                // Most kills land in the middle of writing: wait for the first acknowledgement.
                // Every sixth lands anywhere (start-up, opening, migrating the new file).
                if iteration % 6 != 0 {
                    let deadline = Date(timeIntervalSinceNow: 10)
                    while child.lines.isEmpty && Date() < deadline && StressWriter.poll(child) == nil {
                        usleep(500)
                    }
                }
                usleep(UInt32.random(in: 5_000...40_000))
                kill(child.pid, SIGKILL)
                let exit = StressWriter.wait(child)
                #expect(exit == .signaled(SIGKILL), "iteration \(iteration): \(child.errors)")
                let acknowledged = child.lines
                if !acknowledged.isEmpty { killsDuringWrites += 1 }
                acknowledgedTotal += acknowledged.count

                let store = try SQLiteFollowUpStore(path: path)
                #expect(try store.integrityCheck() == [], "iteration \(iteration)")
                let stored = try store.allEvents().map(\.clientID).filter { $0.hasPrefix(prefix + "-") }
                #expect(Set(acknowledged).isSubset(of: Set(stored)), "iteration \(iteration): acknowledged event lost")
                #expect(stored.count <= acknowledged.count + 1, "iteration \(iteration): more than the one in flight")
                #expect(stored == (0..<stored.count).map { "\(prefix)-\($0)" }, "iteration \(iteration): a gap")
            }
            #expect(killsDuringWrites >= 50)
            #expect(acknowledgedTotal > 0)
        }
    }
}

// MARK: - Applying events

@Suite struct FollowUpApplierTests {
    let recommendations = [
        recommendation("R-1"),
        recommendation("R-2", status: .proses, owner: "Dinas Sosial", deadline: "2026-01-31"),
        recommendation("R-3", region: 2, deadline: nil),
    ]

    @Test func appliesStatusOwnerDeadlineAndNotes() throws {
        let events = [
            event(1, "R-1", .status, "belum", "proses"),
            event(2, "R-1", .status, "proses", "selesai"),
            event(3, "R-2", .owner, "Dinas Sosial", "Dinas PMD"),
            event(4, "R-2", .deadline, "2026-01-31", "2026-12-31"),
            event(5, "R-3", .deadline, "", "2027-03-31"),
            event(6, "R-1", .note, nil, "PMT lokal sudah berjalan"),
            event(7, "R-2", .deadline, "2026-12-31", ""),
        ]
        let applied = FollowUpApplier.apply(events.shuffled(), to: recommendations)
        let r1 = applied.recommendations[0], r2 = applied.recommendations[1], r3 = applied.recommendations[2]
        #expect(r1.status == .selesai && r1.owner == "Dinas Kesehatan" && r1.deadline == LocalDate(iso: "2026-06-30"))
        #expect(r2.status == .proses && r2.owner == "Dinas PMD" && r2.deadline == nil)
        #expect(r3.deadline == LocalDate(iso: "2027-03-31"))
        #expect(applied.recommendations.map(\.id) == ["R-1", "R-2", "R-3"])
        #expect(r1.text == recommendations[0].text && r1.line == recommendations[0].line)
        #expect(applied.history["R-1"]?.map(\.id) == [6, 2, 1], "newest first")
        #expect(applied.history["R-2"]?.map(\.id) == [7, 4, 3])
        #expect(applied.notes["R-1"]?.map(\.newValue) == ["PMT lokal sudah berjalan"])
        #expect(applied.notes["R-2"] == nil)
        #expect(applied.conflicts.isEmpty && applied.orphans.isEmpty && applied.invalid.isEmpty)
    }

    @Test func noEventsLeavesTheDatasetAsItIs() {
        let applied = FollowUpApplier.apply([], to: recommendations)
        #expect(applied == AppliedFollowUp(recommendations: recommendations))
    }

    @Test func overdueChangesWhenDone() {
        let today = LocalDate(iso: "2026-03-01")!
        #expect(recommendations[1].isOverdue(today: today))
        let done = FollowUpApplier.apply([event(1, "R-2", .status, "proses", "selesai")], to: recommendations)
        #expect(!done.recommendations[1].isOverdue(today: today))
        let moved = FollowUpApplier.apply([event(1, "R-2", .deadline, "2026-01-31", "2026-06-30")], to: recommendations)
        #expect(!moved.recommendations[1].isOverdue(today: today))
        #expect(moved.recommendations[1].isOverdue(today: LocalDate(iso: "2026-07-01")!))
    }

    @Test func rollUpOfTheSampleDataFollowsRecordedChanges() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/seed-sample").path
        let dataset = try DatasetLoader.load(directory: directory)
        let today = LocalDate(iso: "2026-11-23")!
        let target = try #require(dataset.recommendations.first { $0.isOverdue(today: today) })
        let before = dataset.rollUp(today: today)
        let applied = FollowUpApplier.apply(
            [event(1, target.id, .status, target.status.rawValue, "selesai")], to: dataset.recommendations)
        let updated = dataset.replacingRecommendations(applied.recommendations)
        let after = updated.rollUp(today: today)
        #expect(after.pending(dataset.root) == before.pending(dataset.root) - 1)
        #expect(after.overdue(dataset.root) == before.overdue(dataset.root) - 1)
        #expect(updated.recommendations.first { $0.id == target.id }?.status == .selesai)
        #expect(updated.regions == dataset.regions && updated.observations == dataset.observations)
        #expect(updated.recommendationIndices(inSubtreeOf: target.region) == dataset.recommendationIndices(inSubtreeOf: target.region))
        #expect(updated.search("bogor", within: dataset.root) == dataset.search("bogor", within: dataset.root))

        // A list in another order is re-indexed (sorted by region again), not trusted.
        let reordered = dataset.replacingRecommendations(dataset.recommendations.reversed())
        let regions = reordered.recommendations.map(\.region)
        #expect(regions == regions.sorted())
        #expect(Set(reordered.recommendations.map(\.id)) == Set(dataset.recommendations.map(\.id)))
        #expect(reordered.recommendationIndices(inSubtreeOf: target.region).count
                == dataset.recommendationIndices(inSubtreeOf: target.region).count)
    }

    @Test func laterChangeWinsAndTheConflictIsFlagged() {
        let events = [
            event(1, "R-1", .status, "belum", "proses", author: "Ani"),
            event(2, "R-1", .status, "belum", "tidak_dapat", author: "Budi"),
            event(3, "R-1", .owner, "Dinas Kesehatan", "Puskesmas", author: "Ani"),
            event(4, "R-1", .owner, "Dinas Kesehatan", "Dinas Sosial", author: "Budi"),
            event(5, "R-2", .status, nil, "selesai", author: "Citra"),   // unknown old value: no check
        ]
        let applied = FollowUpApplier.apply(events, to: recommendations)
        #expect(applied.recommendations[0].status == .tidakDapat)
        #expect(applied.recommendations[0].owner == "Dinas Sosial")
        #expect(applied.conflicts == [2, 4])
        #expect(applied.history["R-1"]?.map(\.id) == [4, 3, 2, 1], "both kept")
    }

    @Test func orphansAndInvalidValuesAreReportedNotApplied() {
        let events = [
            event(1, "HILANG-9", .status, "belum", "selesai"),
            event(2, "R-1", .status, "belum", "dibatalkan"),
            event(3, "R-1", .deadline, "2026-06-30", "2026-02-30"),
            event(4, "R-1", .owner, "Dinas Kesehatan", "   "),
            event(5, "R-1", .note, nil, ""),
            event(6, "R-1", .status, "belum", "proses"),
        ]
        let applied = FollowUpApplier.apply(events, to: recommendations)
        #expect(applied.orphans.map(\.id) == [1])
        #expect(applied.invalid.map(\.id) == [2, 3, 4, 5])
        #expect(applied.recommendations[0] == recommendations[0].with(status: .proses))
        #expect(applied.history["R-1"]?.map(\.id) == [6])
        #expect(applied.history["HILANG-9"] == nil)
    }

    @Test func undoIsANewEventThatRestoresTheValue() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        var events: [FollowUpEvent] = []
        func state() -> AppliedFollowUp { FollowUpApplier.apply(events, to: recommendations) }

        events.append(try store.append(change("R-1", .status, "belum", "selesai")))
        events.append(try store.append(change("R-1", .owner, "Dinas Kesehatan", "Dinas PMD")))
        events.append(try store.append(change("R-1", .deadline, "2026-06-30", "")))
        #expect(state().recommendations[0] == recommendations[0].with(status: .selesai, owner: "Dinas PMD", deadline: .some(nil)))

        // Undo newest first, each one a new event.
        for original in events.reversed() {
            let current = state().recommendations[0]
            let undo = try #require(FollowUpUndo.undoEvent(for: original, current: current, author: "Ani", at: "2026-11-23T11:00:00Z"))
            #expect(undo.undoes == original.id && undo.field == original.field && undo.id == nil)
            #expect(undo.newValue == original.oldValue && undo.oldValue == current.followUpValue(original.field))
            let count = try store.allEvents().count
            events.append(try store.append(undo))
            #expect(try store.allEvents().count == count + 1)
        }
        #expect(state().recommendations[0] == recommendations[0])
        #expect(state().conflicts.isEmpty)
        #expect(try store.allEvents() == events, "nothing deleted")

        // Undoing the undo brings the change back.
        let undoOfStatus = events.last!
        let redo = try #require(FollowUpUndo.undoEvent(for: undoOfStatus, current: state().recommendations[0], author: "Ani", at: "2026-11-23T11:01:00Z"))
        events.append(try store.append(redo))
        #expect(state().recommendations[0].status == .selesai)
    }

    @Test func undoingANoteHidesItAndKeepsTheHistory() throws {
        let note = event(1, "R-1", .note, nil, "Anggaran PMT belum cair")
        let other = event(2, "R-1", .note, nil, "Rapat lanjutan minggu depan")
        let undo = try #require(FollowUpUndo.undoEvent(for: note, current: recommendations[0], author: "Ani", at: "2026-11-23T11:00:00Z"))
        #expect(undo.field == .note && undo.newValue == "" && undo.oldValue == nil && undo.undoes == 1)
        var undoEvent = undo
        undoEvent.id = 3
        let applied = FollowUpApplier.apply([note, other, undoEvent], to: recommendations)
        #expect(applied.notes["R-1"]?.map(\.id) == [2])
        #expect(applied.history["R-1"]?.map(\.id) == [3, 2, 1])
        #expect(applied.invalid.isEmpty)
        #expect(applied.recommendations == recommendations)

        // Undoing the undo shows the note again.
        let redo = try #require(FollowUpUndo.undoEvent(for: undoEvent, current: recommendations[0], author: "Ani", at: "2026-11-23T11:01:00Z"))
        var redoEvent = redo
        redoEvent.id = 4
        let restored = FollowUpApplier.apply([note, other, undoEvent, redoEvent], to: recommendations)
        #expect(restored.notes["R-1"]?.map(\.id) == [2, 1])
    }

    @Test func nothingToUndo() {
        let current = recommendations[0]
        // Not stored yet.
        #expect(FollowUpUndo.undoEvent(for: event(nil, "R-1", .status, "belum", "proses"), current: current, author: "A", at: "t") == nil)
        // Another recommendation.
        #expect(FollowUpUndo.undoEvent(for: event(1, "R-2", .status, "belum", "proses"), current: current, author: "A", at: "t") == nil)
        // No previous value to go back to.
        #expect(FollowUpUndo.undoEvent(for: event(1, "R-1", .status, nil, "proses"), current: current, author: "A", at: "t") == nil)
        // Already back at the previous value (someone else reverted it).
        #expect(FollowUpUndo.undoEvent(for: event(1, "R-1", .status, "belum", "proses"), current: current, author: "A", at: "t") == nil)
        // A deadline that was empty comes back as empty.
        let noDeadline = recommendation("R-3", deadline: "2027-01-31")
        let undo = FollowUpUndo.undoEvent(for: event(5, "R-3", .deadline, "", "2027-01-31"), current: noDeadline, author: "A", at: "t")
        #expect(undo?.newValue == "" && undo?.oldValue == "2027-01-31")
    }

    @Test func followUpValues() {
        let base = recommendations[1]
        #expect(base.followUpValue(.status) == "proses")
        #expect(base.followUpValue(.owner) == "Dinas Sosial")
        #expect(base.followUpValue(.deadline) == "2026-01-31")
        #expect(recommendations[2].followUpValue(.deadline) == "")
        #expect(base.followUpValue(.note) == "")
        #expect(base.with(status: .tidakDapat).followUpValue(.status) == "tidak_dapat")
    }

    @Test func recommendationWith() {
        let base = recommendations[1]
        #expect(base.with() == base)
        #expect(base.with(deadline: .some(nil)).deadline == nil)
        #expect(base.with(deadline: nil).deadline == base.deadline)
        let changed = base.with(status: .selesai, owner: "Bappeda", deadline: LocalDate(iso: "2027-01-01"))
        #expect(changed.status == .selesai && changed.owner == "Bappeda" && changed.deadline == LocalDate(iso: "2027-01-01"))
        #expect(changed.id == base.id && changed.finding == base.finding && changed.origin == base.origin)
    }
}
