import Foundation
import PantauKit
import PantauPostgres
import PantauTestSupport
import PantauTUI
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The seed fixture as the dashboard sessions of these tests see it.
private func seedDataset(_ filePath: String = #filePath) throws -> Dataset {
    let packageRoot = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return try DatasetLoader.load(directory: packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample").path)
}

private func dashboardState(_ dataset: Dataset) -> AppState {
    AppState(context: DashboardContext(dataset: dataset, today: LocalDate(iso: "2026-11-23")!, events: []),
             lang: .id, size: Size(width: 120, height: 36))
}

/// What confirming the status form (belum → proses) puts in the outbox.
private func statusDecision(_ recommendation: Recommendation) -> FollowUpEvent {
    FollowUpEvent(recommendationID: recommendation.id, field: .status, oldValue: "belum", newValue: "proses",
                  author: "notulis", recordedAt: "")
}

/// Faults of a shared server: each test has its own server, since it stops or restarts it.
@Suite(.serialized) struct PostgresFaultTests {
    private func scratch() throws -> String {
        let directory = NSTemporaryDirectory() + "pantau-fault-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func offlineChangesAreQueuedAndSentOnceInOrder() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres")),
                                              journalPath: directory + "/journal.sqlite", connectTimeout: .seconds(1),
                                              retryInterval: .milliseconds(200))
        defer { store.close() }
        let online = try store.append(change("R-0"))
        #expect(store.health() == .ok)

        try server.stopServer()
        var offline: [FollowUpEvent] = []
        for number in 1...3 { offline.append(try store.append(change("R-\(number)", clientID: "offline-\(number)"))) }
        #expect(store.health() == .offline(pending: 3))
        #expect(store.offlineReason.map { if case .unreachable = $0 { true } else { false } } == true)
        // The dashboard still shows everything, the queued changes after the server's.
        #expect(try store.allEvents().map(\.recommendationID) == ["R-0", "R-1", "R-2", "R-3"])
        #expect(offline.allSatisfy { ($0.id ?? 0) > online.id! })
        // An undo of a queued change points at it until it is sent, then at the server's id.
        _ = try store.append(change("R-1", .status, "proses", "belum", clientID: "offline-undo", undoes: offline[0].id))
        #expect(FollowUpStoreHealth.offlineMessage(.en).hasPrefix("offline — changes are kept locally"))

        try server.start()
        #expect(eventually(within: 10) { store.health() == .ok }, "journal not sent after the server came back")
        let rows = try server.sql("SELECT string_agg(client_id, ',' ORDER BY id) FROM pantau_event WHERE client_id LIKE 'offline-%'")
        #expect(rows == "offline-1,offline-2,offline-3,offline-undo")
        let events = try store.allEvents()
        #expect(events.count == 5)
        #expect(events.last?.undoes == events[1].id)   // re-pointed at offline-1's server id
        // Sending again records nothing.
        for number in 1...3 { _ = try store.append(change("R-\(number)", clientID: "offline-\(number)")) }
        #expect(try server.sql("SELECT count(*) FROM pantau_event") == "5")
    }

    /// 16.2: a recommendation issued in the room while the server is away is shown at
    /// once, and arrives on the server exactly once when it returns, with its decisions.
    @Test func anOfflineNewRecommendationArrivesOnce() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres")),
                                              journalPath: directory + "/journal.sqlite", connectTimeout: .seconds(1),
                                              retryInterval: .milliseconds(200))
        defer { store.close() }
        _ = try store.append(change("R-0"))
        try server.stopServer()
        let record = RecommendationRecord(id: "16.06.02-2022S2-OFF1", kode: "16.06.02", siklus: "2022 S2", asal: .aks,
                                          rekomendasi: "Kunjungi rumah baduta kasus audit", opd: "Dinas Kesehatan")
        let added = FollowUpEvent(clientID: "offline-new", recommendationID: record.id, field: .recommendation, oldValue: nil,
                                  newValue: record.encoded(), author: "notulis", recordedAt: "2022-10-25T02:30:00Z",
                                  meetingID: "RAPAT-16.06-20221025-AB12")
        _ = try store.append(added)
        _ = try store.append(change(record.id, .status, "belum", "proses", clientID: "offline-status"))
        #expect(store.health() == .offline(pending: 2))
        #expect(RecordedRecommendations(try store.allEvents()).active.map(\.id) == [record.id])
        try server.start()
        #expect(eventually(within: 10) { store.health() == .ok }, "journal not sent after the server came back")
        _ = try store.append(added)   // sent again: recorded once
        #expect(try server.sql("SELECT count(*) FROM pantau_event WHERE field = 'rekomendasi'") == "1")
        #expect(try server.sql("SELECT meeting_id FROM pantau_event WHERE client_id = 'offline-new'") == "RAPAT-16.06-20221025-AB12")
        let events = try store.allEvents()
        #expect(events.map(\.clientID).suffix(2) == ["offline-new", "offline-status"])
    }

    @Test func startingOfflineShowsTheLastKnownHistoryAndQueues() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let location = try PostgresLocation.parse(server.url(database: "postgres"))
        let journal = directory + "/journal.sqlite"
        do {
            let store = try PostgresFollowUpStore(location: location, journalPath: journal)
            _ = try store.append(change("R-1"))
            _ = try store.allEvents()   // copies the history into the journal
            store.close()
        }
        try server.stopServer()
        let later = try PostgresFollowUpStore(location: location, journalPath: journal, connectTimeout: .seconds(1),
                                              retryInterval: .milliseconds(200))
        defer { later.close() }
        #expect(!later.isReadOnly)
        #expect(try later.allEvents().map(\.recommendationID) == ["R-1"])
        _ = try later.append(change("R-2"))
        #expect(later.health() == .offline(pending: 1))
        try server.start()
        #expect(eventually(within: 10) { later.health() == .ok })
        #expect(try server.sql("SELECT count(*) FROM pantau_event") == "2")
    }

    @Test func wrongPasswordAndPasswordFile() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer(auth: .password("rahasia-benar"))
        defer { server.stop() }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let location = try PostgresLocation.parse(server.url(database: "postgres"))
        let wrong = try PostgresFollowUpStore(location: location, journalPath: directory + "/j1.sqlite",
                                              environment: ["PGPASSWORD": "salah"])
        #expect(wrong.isReadOnly)
        #expect(wrong.readOnlyReason == .authenticationFailed(server: location.display, user: server.admin))
        #expect(throws: FollowUpStoreError.self) { try wrong.append(change("R-1")) }
        #expect(try wrong.allEvents().isEmpty)   // read-only, still usable
        #expect(wrong.readOnlyReason!.message(.en).contains("refused user 'pantau_admin' or its password"))

        // The right password from a password file only its owner can read.
        let passFile = directory + "/pgpass"
        try "# province server\n127.0.0.1:\(server.port):postgres:\(server.admin):rahasia-benar\n"
            .write(toFile: passFile, atomically: true, encoding: .utf8)
        chmod(passFile, 0o600)
        let right = try PostgresFollowUpStore(location: location, journalPath: directory + "/j2.sqlite",
                                              environment: ["PGPASSFILE": passFile])
        defer { right.close() }
        #expect(!right.isReadOnly)
        #expect(try right.append(change("R-1")).id == 1)
        // A password file others can read is ignored, as libpq does.
        chmod(passFile, 0o644)
        #expect(location.password(environment: ["PGPASSFILE": passFile]).password == nil)
        #expect(location.password(environment: ["PGPASSFILE": passFile]).warning?.contains("chmod 0600") == true)
    }

    @Test func tlsWhenTheServerRequiresIt() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer(tls: true)
        defer { server.stop() }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The default (sslmode=prefer) negotiates TLS, which this server insists on.
        let preferred = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres")),
                                                  journalPath: directory + "/j1.sqlite")
        defer { preferred.close() }
        #expect(preferred.readOnlyReason == nil)
        _ = try preferred.append(change("R-1"))
        #expect(try server.sql("SELECT count(*) FROM pg_stat_ssl WHERE ssl") != "0")
        let required = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres", query: "sslmode=require")),
                                                 journalPath: directory + "/j2.sqlite")
        defer { required.close() }
        #expect(try required.allEvents().count == 1)
        // Plain TCP is refused with a message that says what to change.
        let location = try PostgresLocation.parse(server.url(database: "postgres", query: "sslmode=disable"))
        let plain = try PostgresFollowUpStore(location: location, journalPath: directory + "/j3.sqlite")
        #expect(plain.readOnlyReason == .tlsRequired(server: location.display))
        #expect(plain.readOnlyReason!.message(.en).contains("Remove sslmode=disable"))
    }

    @Test func tlsRequiredButNotOffered() throws {
        guard try requirePostgres() else { return }
        let server = try SharedServer.get()   // no TLS
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let location = try PostgresLocation.parse(server.url(database: "postgres", query: "sslmode=require"))
        let store = try PostgresFollowUpStore(location: location, journalPath: directory + "/j.sqlite")
        #expect(store.readOnlyReason == .tlsUnavailable(server: location.display))
    }

    @Test func unreachableAndUnknownHosts() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Nobody listens on this port: offline, changes queued, the message says so.
        let port = TestPostgresServer.freePort()
        let location = try PostgresLocation.parse("postgres://pantau@127.0.0.1:\(port)/pantau")
        let store = try PostgresFollowUpStore(location: location, journalPath: directory + "/j1.sqlite", connectTimeout: .seconds(1))
        defer { store.close() }
        #expect(!store.isReadOnly)
        guard case .unreachable(let server, let reason)? = store.offlineReason else {
            Issue.record("expected unreachable, got \(String(describing: store.offlineReason))")
            return
        }
        #expect(server == "127.0.0.1:\(port)/pantau")
        #expect(reason.lowercased().contains("refused"))
        _ = try store.append(change("R-1"))
        #expect(store.health() == .offline(pending: 1))
        // A host name that does not resolve is a mistake to fix, not a network outage.
        let unknown = try PostgresFollowUpStore(location: try PostgresLocation.parse("postgres://pantau@no-such-host.invalid/pantau"),
                                                journalPath: directory + "/j2.sqlite", connectTimeout: .seconds(2))
        #expect(unknown.readOnlyReason == .unknownHost(server: "no-such-host.invalid"))
    }

    @Test func threeWritersAndAServerRestartLoseAndDuplicateNothing() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try server.createDatabase()
        let url = server.url(database: database)
        let stress = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("pantau-store-stress").path
        let perWriter = 300
        var children: [(pid: pid_t, log: String)] = []
        for writer in 0..<3 {
            let log = directory + "/writer\(writer).log"
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            let arguments = [stress, "--state", url, "--count", String(perWriter), "--prefix", "w\(writer)",
                             "--journal", directory + "/journal\(writer).sqlite"]
            let argv = arguments.map { strdup($0) } + [nil]
            // Under AddressSanitizer, LeakSanitizer reports what a writer still holds when it
            // exits right after the restart (PostgresNIO buffers of a query abandoned at its
            // timeout); that exit-time report would fail this test, which is about events.
            // Leak checking stays on for the test process itself and everywhere else.
            var environment = ProcessInfo.processInfo.environment
            environment["ASAN_OPTIONS"] = [environment["ASAN_OPTIONS"], "detect_leaks=0"].compactMap { $0 }.joined(separator: ":")
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            var pid: pid_t = 0
            let result = posix_spawn(&pid, stress, &actions, nil, argv, envp)
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            posix_spawn_file_actions_destroy(&actions)
            #expect(result == 0)
            children.append((pid, log))
        }
        // Restart once the writers are under way.
        #expect(eventually(within: 30) { (try? server.sql("SELECT count(*) FROM pantau_event", database: database)).flatMap { Int($0) } ?? 0 >= 60 })
        let before = Int(try server.sql("SELECT count(*) FROM pantau_event", database: database)) ?? 0
        try server.restart()
        var statuses: [Int32] = []
        for child in children {
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
            statuses.append(status)
            if status != 0 { Issue.record("writer failed: \((try? String(contentsOfFile: child.log, encoding: .utf8)) ?? "")") }
        }
        #expect(statuses == [0, 0, 0])
        #expect(before < 3 * perWriter, "the restart came after the writers had finished; the test proved nothing")
        let total = try server.sql("SELECT count(*) || ' ' || count(DISTINCT client_id) FROM pantau_event", database: database)
        #expect(total == "\(3 * perWriter) \(3 * perWriter)")
        // Each writer's events are on the server in the order it made them.
        for writer in 0..<3 {
            let order = try server.sql("""
                SELECT string_agg(split_part(client_id, '-', 2), ',' ORDER BY id) FROM pantau_event WHERE client_id LIKE 'w\(writer)-%'
                """, database: database)
            #expect(order == (0..<perWriter).map(String.init).joined(separator: ","))
        }
        print("three writers: \(before) of \(3 * perWriter) events stored before the restart")
    }
}

/// The roles and grants of docs/shared-server.md, run as written there.
@Suite struct LeastPrivilegeTests {
    /// The ```sql blocks of the document, in order.
    static func sqlBlocks() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/shared-server.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        var blocks: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if line == "```sql" { current = [] } else if line == "```", let block = current {
                blocks.append(block.joined(separator: "\n"))
                current = nil
            } else if current != nil { current!.append(line) }
        }
        return blocks
    }

    @Test func theDocumentedTerminalRoleSuffices() throws {
        guard try requirePostgres() else { return }
        let blocks = try Self.sqlBlocks()
        try #require(blocks.count == 2)
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "pantau-roles-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for statement in blocks[0].components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try server.sql(statement)   // CREATE DATABASE cannot run inside psql's implicit multi-statement transaction
        }
        // Step 2: `pantau state migrate` as the owner.
        let owner = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "pantau", user: "pantau_owner")),
                                              journalPath: directory + "/owner.sqlite")
        #expect(owner.readOnlyReason == nil)
        owner.close()
        // Step 3, as the owner.
        let psql = runProgram("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.directory, "-p", String(server.port),
                                                "-U", "pantau_owner", "-d", "pantau", "-c", blocks[1]])
        #expect(psql.status == 0, "\(psql.output)")

        let location = try PostgresLocation.parse(server.url(database: "pantau", user: "pantau_terminal"))
        let terminal = try PostgresFollowUpStore(location: location, journalPath: directory + "/t1.sqlite", rereadInterval: .seconds(60))
        defer { terminal.close() }
        let other = try PostgresFollowUpStore(location: location, journalPath: directory + "/t2.sqlite", rereadInterval: .seconds(60))
        defer { other.close() }
        #expect(terminal.readOnlyReason == nil && other.readOnlyReason == nil)
        let before = try other.changeToken()
        let stored = try terminal.append(change("R-1"))
        #expect(stored.id == 1)
        #expect(try terminal.append(change("R-1", clientID: stored.clientID)).id == 1)   // ON CONFLICT needs no more rights
        #expect(eventually(within: 2) { (try? other.changeToken()) != before })   // LISTEN works for the role
        #expect(try other.allEvents().map(\.recommendationID) == ["R-1"])
        #expect(terminal.health() == .ok)
        // Operators' positions (pantau --follow): written, replaced, read by another
        // terminal (woken by NOTIFY), withdrawn.
        try terminal.publish(OperatorPosition(operatorName: "siti", payload: "{\"v\":1}", updatedAt: 0))
        try terminal.publish(OperatorPosition(operatorName: "siti", payload: "{\"v\":2}", updatedAt: 0))
        #expect(eventually(within: 5) { (try? other.positions().map(\.payload)) == ["{\"v\":2}"] })
        let age = Date().timeIntervalSince1970 - (try other.positions().first?.updatedAt ?? 0)
        #expect(age >= -1 && age < 5, "\(age) s")
        try terminal.withdrawPosition(of: "siti")
        #expect(eventually(within: 5) { (try? other.positions().isEmpty) == true })
        // History cannot be changed or removed by a terminal, nor the schema touched.
        for statement in ["UPDATE pantau_event SET new_value = 'x'", "DELETE FROM pantau_event", "DROP TABLE pantau_event",
                          "DROP TABLE pantau_position", "CREATE TABLE intruder (x int)"] {
            let result = runProgram("/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.directory, "-p", String(server.port),
                                                      "-U", "pantau_terminal", "-d", "pantau", "-c", statement])
            #expect(result.status != 0 && (result.output.contains("permission denied") || result.output.contains("must be owner")),
                    "\(statement): \(result.output)")
        }
    }
}

/// The dashboard's side: `FollowUpSession` on a shared store whose server goes away.
@Suite struct OfflineDashboardTests {
    @Test func headerSaysOfflineAndThenBackOnline() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "pantau-offline-ui-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres")),
                                              journalPath: directory + "/journal.sqlite", connectTimeout: .seconds(1),
                                              retryInterval: .milliseconds(200))
        defer { store.close() }
        store.readInBackground()  // as the dashboard opens it (FollowUpStores.openForDashboard)
        #expect(try store.allEvents().isEmpty)
        let dataset = try seedDataset()
        let recommendation = try #require(dataset.recommendations.first { $0.status == .belum })
        var state = dashboardState(dataset)
        let session = FollowUpSession(store: store, clock: { "2026-11-23T10:00:00Z" })
        session.synchronise(&state)
        #expect(state.storeStatus == .writable)

        try server.stopServer()
        // What confirming the status form puts in the outbox.
        state.outbox = [statusDecision(recommendation)]
        session.synchronise(&state)
        #expect(state.storeStatus == .offline(pending: 1))
        // Said of this very decision: kept on this computer (the health is read before the
        // acknowledgement, so it is never "Tersimpan").
        #expect(state.flash == "Disimpan di komputer ini, dikirim saat koneksi kembali: " + recommendation.id)
        let screen = render(state).text()
        #expect(screen.components(separatedBy: "\n")[0].contains("LURING (1)"), "\(screen)")
        // The change shows at once, although it is only in the journal.
        #expect(state.dataset.recommendations.first { $0.id == recommendation.id }?.status == .proses)

        try server.start()
        // Back, and the header says so, within seconds of the server (finding 5: it kept
        // saying LURING for 20 s and more).
        let restarted = Date()
        let back = eventually(within: 10) {
            session.synchronise(&state)
            return state.storeStatus == .writable
        }
        #expect(back)
        #expect(Date().timeIntervalSince(restarted) < 5, "\(Date().timeIntervalSince(restarted)) s")
        #expect(state.flash == "Tersambung kembali: perubahan terkirim")
        #expect(!render(state).text().components(separatedBy: "\n")[0].contains("LURING"))
        #expect(try server.sql("SELECT recommendation_id || ' ' || new_value FROM pantau_event") == "\(recommendation.id) proses")
        // The next decision is saved on the server and said so, not "kept locally".
        state.outbox = [FollowUpEvent(recommendationID: recommendation.id, field: .note, oldValue: nil, newValue: "sesudah tersambung",
                                      author: "notulis", recordedAt: "")]
        session.synchronise(&state)
        #expect(state.flash == "Tersimpan: " + recommendation.id)
        #expect(state.storeStatus == .writable)
    }
}

/// A server frozen (SIGSTOP: the connection stays open, nothing answers) while the
/// dashboard records decisions: the dashboard never waits on it (issue 19, finding 15).
@Suite(.serialized) struct FrozenServerTests {
    @Test func aFrozenServerNeverStopsTheDashboard() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "pantau-frozen-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres")),
                                              journalPath: directory + "/journal.sqlite", connectTimeout: .seconds(1),
                                              queryTimeout: .seconds(5), retryInterval: .milliseconds(200))
        defer { store.close() }
        store.readInBackground()
        #expect(try store.allEvents().isEmpty)  // the first read goes to the server
        let dataset = try seedDataset()
        let pending = dataset.recommendations.filter { $0.status == .belum }
        #expect(pending.count >= 2)
        var state = dashboardState(dataset)
        let session = FollowUpSession(store: store, clock: { "2026-11-23T10:00:00Z" })
        session.synchronise(&state)
        func decide(_ recommendation: Recommendation) {
            state.outbox = [statusDecision(recommendation)]
        }
        // Alive: acknowledged by the server at once.
        decide(pending[0])
        session.synchronise(&state)
        #expect(state.flash == "Tersimpan: " + pending[0].id)
        #expect(state.storeStatus == .writable)

        let frozen = try server.processes()
        #expect(frozen.count >= 2)
        for pid in frozen { kill(pid, SIGSTOP) }
        var thawed = false
        defer { if !thawed { for pid in frozen { kill(pid, SIGCONT) } } }
        decide(pending[1])
        let started = Date()
        session.synchronise(&state)
        let waited = Date().timeIntervalSince(started)
        #expect(waited < 1.5, "the decision waited \(waited) s on a frozen server")
        #expect(state.storeStatus == .offline(pending: 1))
        #expect(state.flash == "Disimpan di komputer ini, dikirim saat koneksi kembali: " + pending[1].id)
        #expect(state.dataset.recommendations.first { $0.id == pending[1].id }?.status == .proses)
        #expect(render(state).text().components(separatedBy: "\n")[0].contains("LURING (1)"))
        // The polls between keys do not wait either, also once the store's own query times out.
        for _ in 0..<8 {
            let poll = Date()
            session.synchronise(&state)
            #expect(Date().timeIntervalSince(poll) < 0.5)
            Thread.sleep(forTimeInterval: 0.25)
        }

        for pid in frozen { kill(pid, SIGCONT) }
        thawed = true
        let back = eventually(within: 20) {
            session.synchronise(&state)
            return state.storeStatus == .writable
        }
        #expect(back, "\(state.storeStatus)")
        let rows = try server.sql("SELECT string_agg(recommendation_id, ',' ORDER BY id) FROM pantau_event")
        #expect(rows == "\(pending[0].id),\(pending[1].id)")
        #expect(state.dataset.recommendations.first { $0.id == pending[1].id }?.status == .proses)
    }
}

/// A role that may read but not write (issue 19, finding 11): decisions queued while the
/// server was away are refused when it returns. The dashboard says so, with the reason,
/// keeps them, and delivers them once the role may write.
@Suite(.serialized) struct RefusedQueueTests {
    @Test func refusedQueuedDecisionsAreExplainedKeptAndDeliveredLater() throws {
        guard try requirePostgres() else { return }
        let server = try TestPostgresServer()
        defer { server.stop() }
        let directory = NSTemporaryDirectory() + "pantau-refused-queue-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let owner = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres")),
                                              journalPath: directory + "/owner.sqlite")
        owner.close()
        try server.sql("CREATE ROLE reader LOGIN")
        try server.sql("GRANT SELECT ON pantau_event, pantau_schema TO reader")
        let store = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: "postgres", user: "reader")),
                                              journalPath: directory + "/journal.sqlite", connectTimeout: .seconds(1),
                                              retryInterval: .milliseconds(200))
        defer { store.close() }
        #expect(store.readOnlyReason == nil)
        store.readInBackground()
        _ = try store.allEvents()
        let dataset = try seedDataset()
        let recommendation = try #require(dataset.recommendations.first { $0.status == .belum })
        var state = dashboardState(dataset)
        let session = FollowUpSession(store: store, clock: { "2026-11-23T10:00:00Z" })
        session.synchronise(&state)

        try server.stopServer()
        state.outbox = [statusDecision(recommendation)]
        session.synchronise(&state)
        #expect(state.storeStatus == .offline(pending: 1))
        #expect(state.flash == "Disimpan di komputer ini, dikirim saat koneksi kembali: " + recommendation.id)

        try server.start()
        let explained = eventually(within: 10) {
            session.synchronise(&state)
            return state.flash?.contains("Server menolak 1 keputusan yang menunggu dikirim") == true
        }
        #expect(explained, "\(state.flash ?? "")")
        let said = state.flash ?? ""
        #expect(said.contains("permission denied") && said.contains("tetap disimpan di komputer ini"), "\(said)")
        #expect(state.storeStatus == .offline(pending: 1))
        // Said once, not at every retry.
        state.flash = nil
        for _ in 0..<5 {
            session.synchronise(&state)
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(state.flash == nil)

        try server.sql("GRANT INSERT ON pantau_event TO reader")
        try server.sql("GRANT USAGE ON SEQUENCE pantau_event_id_seq TO reader")
        let delivered = eventually(within: 10) {
            session.synchronise(&state)
            return state.storeStatus == .writable
        }
        #expect(delivered, "\(state.storeStatus)")
        #expect(try server.sql("SELECT recommendation_id || ' ' || new_value FROM pantau_event") == "\(recommendation.id) proses")
    }
}

/// `pantau state export|import` and the --state checks, through the real binary.
@Suite struct StateCommandTests {
    static var pantau: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pantau").path
    }

    @Test func exportAndImportThroughTheCommandLine() throws {
        guard try requirePostgres() else { return }
        let server = try SharedServer.get()
        let url = server.url(database: try server.createDatabase())
        let directory = NSTemporaryDirectory() + "pantau-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/kantor.sqlite"
        do {
            let store = try SQLiteFollowUpStore(path: file)
            _ = try store.append(change("R-1"))
            _ = try store.append(change("R-2", .note, nil, "catatan"))
        }
        let environment = ["PANTAU_JOURNAL": directory + "/journal.sqlite", "LANG": "C.UTF-8"]
        let first = runProgram(Self.pantau, ["state", "export", "--lang", "en", "--state", file, "--to", url], environment: environment)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("2 decisions copied, 0 already in postgres://pantau_admin@127.0.0.1:\(server.port)/"))
        let again = runProgram(Self.pantau, ["state", "export", "--lang", "en", "--state", file, "--to", url], environment: environment)
        #expect(again.output.contains("0 decisions copied, 2 already in"), "\(again.output)")
        let back = runProgram(Self.pantau, ["state", "import", "--lang", "en", "--state", directory + "/copy.sqlite", "--from", url],
                              environment: environment)
        #expect(back.status == 0, "\(back.output)")
        #expect(back.output.contains("2 decisions copied, 0 already in \(directory)/copy.sqlite"))
        #expect(try SQLiteFollowUpStore(path: directory + "/copy.sqlite").allEvents().map(\.recommendationID) == ["R-1", "R-2"])
        // `check` reads the shared server like a file.
        let check = runProgram(Self.pantau, ["check", "--lang", "en", "--state", url], environment: environment)
        #expect(check.output.contains("2 follow-up decisions in postgres://"), "\(check.output)")
    }

    @Test func aPasswordOnTheCommandLineIsRefused() throws {
        let result = runProgram(Self.pantau, ["check", "--lang", "en", "--state", "postgres://pantau:rahasia@127.0.0.1:1/pantau"])
        #expect(result.status != 0)
        #expect(result.output.contains("a password must not be on the command line"), "\(result.output)")
        #expect(!result.output.contains("rahasia"))
    }

    @Test func anUnreachableDestinationFailsAndQueuesNothing() throws {
        let directory = NSTemporaryDirectory() + "pantau-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try SQLiteFollowUpStore(path: directory + "/a.sqlite").append(change("R-1"))
        let port = TestPostgresServer.freePort()
        let result = runProgram(Self.pantau, ["state", "export", "--lang", "en", "--state", directory + "/a.sqlite",
                                              "--to", "postgres://pantau@127.0.0.1:\(port)/pantau"],
                                environment: ["PANTAU_JOURNAL": directory + "/journal.sqlite"])
        #expect(result.status == 1)
        #expect(result.output.contains("Cannot reach the server 127.0.0.1:\(port)/pantau"), "\(result.output)")
    }
}

@Suite struct RefusedChangeTests {
    /// A role that may read but not append: the change is refused with the server's words,
    /// and not queued to be tried again forever.
    @Test func aChangeTheServerRefusesIsNotQueued() throws {
        guard try requirePostgres() else { return }
        let server = try SharedServer.get()
        let database = try server.createDatabase()
        let directory = NSTemporaryDirectory() + "pantau-refused-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let owner = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: database)),
                                              journalPath: directory + "/owner.sqlite")
        owner.close()
        let role = "reader_" + database
        try server.sql("CREATE ROLE \(role) LOGIN")
        try server.sql("GRANT SELECT ON pantau_event, pantau_schema TO \(role)", database: database)
        let reader = try PostgresFollowUpStore(location: try PostgresLocation.parse(server.url(database: database, user: role)),
                                               journalPath: directory + "/reader.sqlite")
        defer { reader.close() }
        #expect(reader.readOnlyReason == nil)
        do {
            _ = try reader.append(change("R-1"))
            Issue.record("the append was accepted")
        } catch {
            guard case .serverRefused(_, let reason) = error else {
                Issue.record("expected serverRefused, got \(error)")
                return
            }
            #expect(reason.contains("permission denied"))
        }
        #expect(reader.health() == .ok)   // nothing queued
        #expect(try reader.allEvents().isEmpty)
    }
}
