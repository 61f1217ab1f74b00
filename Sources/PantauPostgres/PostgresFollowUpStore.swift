import Foundation
import Logging
import PantauKit
import PostgresNIO

/// The follow-up store on a shared PostgreSQL server: the same append-only events as the
/// SQLite store, for a province's terminals at once.
///
/// The `FollowUpStore` API is synchronous (the dashboard loop calls it between keys);
/// this class bridges to PostgresNIO's futures on NIO's shared event loops and waits on
/// the calling thread, never longer than `queryTimeout`. A background thread keeps the
/// connection: it reconnects, sends the journal, and listens for `NOTIFY pantau_event`
/// (sent by a trigger on every insert), with a periodic re-read as the fallback.
///
/// Every change goes to the local journal first and is then sent; when the server cannot
/// be reached the change stays there (`health()` is `.offline`) and is sent, once and in
/// order, when the connection returns.
public final class PostgresFollowUpStore: FollowUpStore, OperatorPositionBoard {
    public let location: PostgresLocation
    public var isReadOnly: Bool { readOnlyRequested || readOnlyReason != nil }
    /// Why the store could not be used for writing (wrong password, TLS, unknown host,
    /// newer schema, missing rights); nil when it is writable or opened with `--readonly`.
    public var readOnlyReason: FollowUpStoreError? { state.withLock { $0.refusal } }
    private let readOnlyRequested: Bool
    /// Where unsent changes wait.
    public var journalPath: String { journal.path }

    private let journal: FollowUpJournal
    private let password: String?
    private let queryTimeout: TimeAmount
    private let retryInterval: Duration
    private let rereadInterval: Duration
    private let logger: Logger
    private let state = Locked(State())
    /// Serialises sending the journal (foreground appends and the background thread).
    private let sendLock = NSLock()

    private struct State {
        var connection: PostgresConnection?
        /// Bumped on every change seen: NOTIFY, own appends, re-reads, going on/offline.
        var token: Int64 = 1
        var lastSeen: [Int64] = []
        var offlineReason: FollowUpStoreError?
        /// Set once at opening when the server refused us: the store stays read-only.
        var refusal: FollowUpStoreError?
        var closed = false
        var nextConnectionID = 0
        /// The dashboard's mode (`readInBackground`): reads and sends leave the caller's
        /// thread, which then never waits on the network.
        var background = false
        /// Whether the first read (at opening) went to the server.
        var firstReadDone = false
        /// Changes signalled by the server (NOTIFY, a re-read, a new connection), and how
        /// many of them the journal's cache has caught up with.
        var serverChanges: Int64 = 1
        var cachedChanges: Int64 = 0
        /// The server holds events below the cache's largest id that the cache does not
        /// (committed after a later one): the next refresh reads the whole table.
        var wholeReadNeeded = false
        /// The smallest id that reached the cache after a larger one since the dashboard
        /// last read: `events(after:)` past it answers nil (read everything again).
        var lateBelow: Int64?
        /// The journal entry the server last refused outright.
        var refusedSeq: Int64?
        /// The entry `append` is waiting on (its refusal is thrown there, not announced).
        var awaitedSeq: Int64?
        /// The refusal of queued changes last announced (`takeNotices`), so it is said once.
        var announcedRefusal: FollowUpStoreError?
        var notices: [FollowUpStoreNotice] = []
        /// Operators' positions (`pantau --follow`): this terminal's, waiting for the
        /// background thread to write it; the server's, as last read; whether a follower
        /// reads them (then each round and each NOTIFY reads them again), and why the
        /// last read failed.
        var positionToSend: OperatorPosition?
        var positions: [OperatorPosition] = []
        var positionsWanted = false
        var positionsChanged = true
        var positionProblem: FollowUpStoreError?
    }

    /// Wakes the background thread before its interval is over (a change to send, a NOTIFY).
    private final class Wakeup: @unchecked Sendable {
        // Guarded by `condition`.
        private let condition = NSCondition()
        private var requested = false

        func signal() {
            condition.lock()
            requested = true
            condition.signal()
            condition.unlock()
        }

        func sleep(_ interval: Duration) {
            let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
            condition.lock()
            if !requested { _ = condition.wait(until: Date().addingTimeInterval(seconds)) }
            requested = false
            condition.unlock()
        }
    }
    private let wakeup = Wakeup()
    /// How long `append` waits, in the background mode, for the server to take a change
    /// before it says the change is kept locally and returns.
    private let acknowledgementWait: Duration = .milliseconds(400)

    /// Connects (waiting up to `connectTimeout`), applies missing migrations unless
    /// `readOnly`, and starts the background thread.
    ///
    /// A server that cannot be reached does not fail: the store starts offline, shows the
    /// journal's copy of the history, queues changes and keeps trying. A server that
    /// refuses (password, TLS, unknown host, newer schema, rights) opens read-only with
    /// `readOnlyReason`. Throws only when the journal itself cannot be opened.
    public init(location: PostgresLocation, readOnly: Bool = false, journalPath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                connectTimeout: TimeAmount = .seconds(3), queryTimeout: TimeAmount = .seconds(5),
                retryInterval: Duration = .seconds(1), rereadInterval: Duration = .seconds(5)) throws(FollowUpStoreError) {
        self.location = location
        self.readOnlyRequested = readOnly
        self.queryTimeout = queryTimeout
        self.retryInterval = retryInterval
        self.rereadInterval = rereadInterval
        self.connectTimeout = connectTimeout
        var logger = Logger(label: "pantau.postgres")
        logger.logLevel = .critical
        self.logger = logger
        password = location.password(environment: environment).password
        let path = journalPath ?? FollowUpJournal.defaultPath(for: location, environment: environment)
        do {
            journal = try FollowUpJournal(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: String(describing: error))
        }
        do {
            try connect(migrate: !readOnly)
        } catch {
            if case .unreachable = error {
                state.withLock { $0.offlineReason = error }
            } else {
                state.withLock { $0.refusal = error }
            }
        }
        if readOnlyReason == nil { startSupervisor() }
    }

    private let connectTimeout: TimeAmount

    deinit {
        // The last reference may go on an event loop (a NOTIFY callback), where waiting
        // is forbidden: close without waiting.
        if let connection = takeConnection() { Self.closeQuietly(connection) }
    }

    /// Stops the background thread and closes the connection (waiting for it, so call
    /// it from the thread that uses the store, not from an event loop).
    public func close() {
        guard let connection = takeConnection() else { return }
        _ = try? connection.close().wait()
        withExtendedLifetime(connection) {}
    }

    /// Closes without waiting, keeping the connection alive until it is closed
    /// (PostgresNIO asserts that a connection is closed before it goes away).
    private static func closeQuietly(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func takeConnection() -> PostgresConnection? {
        state.withLock { state -> PostgresConnection? in
            state.closed = true
            defer { state.connection = nil }
            return state.connection
        }
    }

    /// The dashboard's mode: from the next read on, `allEvents` answers from the journal
    /// (the background thread keeps its copy of the server's events current and bumps the
    /// change token when it did), and `append` hands the change to the background thread,
    /// waiting at most a moment for the server to take it. A server that is slow, frozen
    /// or gone then never stops the dashboard between keys; the change waits in the
    /// journal, which `health()` shows as pending.
    public func readInBackground() {
        state.withLock { $0.background = true }
        wakeup.signal()
    }

    // MARK: FollowUpStore

    public func append(_ event: FollowUpEvent) throws(FollowUpStoreError) -> FollowUpEvent {
        if isReadOnly { throw readOnlyReason ?? .readOnly }
        var event = event
        event.id = nil
        do {
            if let undone = event.undoes, let serverID = try journal.serverID(forProvisional: undone) {
                event.undoes = serverID
            }
            let entry = try journal.add(event)
            if let sentID = entry.sentID {   // a re-send of a change already on the server
                event.id = sentID
                return event
            }
            bump()
            if state.withLock({ $0.background }) { return try handedToBackground(event, seq: entry.seq) }
            if case .refused(let seq) = try sendJournal(stopAt: entry.seq), seq == entry.seq {
                // The server refused this very change: it will never be accepted.
                try journal.discard(seq: entry.seq)
                throw state.withLock { $0.offlineReason } ?? .readOnly
            }
            // Sent, or queued behind an older change the server refused or could not take
            // yet: it is kept in the journal and will be sent (`health()` is `.offline`), so
            // it is acknowledged as kept locally, never reported as not saved.
            if let sentID = try journal.serverID(forProvisional: FollowUpJournal.provisionalBase + entry.seq) {
                event.id = sentID
            } else {
                event.id = FollowUpJournal.provisionalBase + entry.seq
            }
            return event
        } catch let error as FollowUpStoreError {
            throw error
        } catch {
            throw .cannotOpen(path: journal.path, reason: String(describing: error))
        }
    }

    /// The server's events (or, offline, the journal's copy of them) followed by the
    /// changes not yet sent, with provisional ids above every server id.
    public func allEvents() throws(FollowUpStoreError) -> [FollowUpEvent] {
        do {
            var events: [FollowUpEvent]
            let fromJournal = state.withLock { state -> Bool in
                defer {
                    state.firstReadDone = true
                    state.lateBelow = nil   // everything is read now
                }
                return state.background && state.firstReadDone
            }
            if fromJournal {
                events = try journal.cached()
            } else if let connection = currentConnection(), let fetched = try? fetch(after: nil, on: connection) {
                events = fetched
                _ = try? journal.updateCache(fetched)   // everything is read here anyway
            } else {
                events = try journal.cached()
            }
            events += try journal.pending().map(\.event)
            return events
        } catch let error as FollowUpStoreError {
            throw error
        } catch {
            throw .cannotOpen(path: journal.path, reason: String(describing: error))
        }
    }

    /// In the dashboard's mode, after the first read: the journal's copy of the server's
    /// events with an id above `id`, then the changes not yet sent, so a change from
    /// another terminal costs what it adds, not the whole log. nil (read `allEvents`
    /// instead) before that, after a change applied while it had only a provisional id
    /// (its server id is lower), and when an event below `id` reached the copy after `id`
    /// did (PostgreSQL hands out ids before commit, so two terminals' inserts can commit
    /// out of id order); one dashboard reads a store, so that is tracked per store.
    public func events(after id: Int64?) throws(FollowUpStoreError) -> [FollowUpEvent]? {
        let late = state.withLock { state -> Int64?? in
            guard state.background && state.firstReadDone else { return .none }
            defer { state.lateBelow = nil }
            return .some(state.lateBelow)
        }
        guard let late else { return nil }
        if let id, id >= FollowUpJournal.provisionalBase { return nil }
        if let late, let id, late <= id { return nil }
        do {
            return try journal.cached(after: id) + journal.pending().map(\.event)
        } catch {
            if let late { noteLate(late) }
            throw .cannotOpen(path: journal.path, reason: String(describing: error))
        }
    }

    /// `append` in the background mode: the background thread sends; this waits for it at
    /// most `acknowledgementWait`. Sent: the server's id. Refused outright: dropped and
    /// thrown, as in the foreground. Neither yet: the provisional id (kept locally).
    private func handedToBackground(_ event: FollowUpEvent, seq: Int64) throws -> FollowUpEvent {
        var event = event
        state.withLock { $0.awaitedSeq = seq }
        defer { state.withLock { if $0.awaitedSeq == seq { $0.awaitedSeq = nil } } }
        wakeup.signal()
        let provisional = FollowUpJournal.provisionalBase + seq
        let deadline = ContinuousClock.now + acknowledgementWait
        while true {
            if let sentID = try journal.serverID(forProvisional: provisional) {
                event.id = sentID
                return event
            }
            let refused = state.withLock { state -> FollowUpStoreError? in
                guard state.refusedSeq == seq else { return nil }
                state.refusedSeq = nil
                return state.offlineReason ?? .readOnly
            }
            if let refused {
                try journal.discard(seq: seq)
                bump()
                throw refused
            }
            if ContinuousClock.now >= deadline { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        event.id = provisional
        return event
    }

    public func changeToken() throws(FollowUpStoreError) -> Int64 {
        state.withLock { $0.token }
    }

    public func health() -> FollowUpStoreHealth {
        if isReadOnly { return .ok }
        let online = state.withLock { $0.connection != nil }
        let pending = (try? journal.pendingCount()) ?? 0
        return online && pending == 0 ? .ok : .offline(pending: pending)
    }

    /// Why the last connection attempt failed, while offline.
    public var offlineReason: FollowUpStoreError? { state.withLock { $0.connection == nil ? $0.offlineReason : nil } }

    /// Whether the store holds a live connection now.
    public var isOnline: Bool { state.withLock { $0.connection != nil } }

    // MARK: Sending

    private enum SendResult { case sent, offline, refused(seq: Int64) }

    /// Sends unsent changes in order, up to and including `stopAt` (all when nil).
    @discardableResult
    private func sendJournal(stopAt: Int64? = nil) throws -> SendResult {
        sendLock.lock()
        defer { sendLock.unlock() }
        guard let connection = currentConnection() else { return .offline }
        for pending in try journal.pending() {
            if let stopAt, pending.seq > stopAt { break }
            var event = pending.event
            if let undone = event.undoes, let serverID = try journal.serverID(forProvisional: undone) {
                event.undoes = serverID
            }
            do {
                let id = try insert(event, on: connection)
                if let late = try journal.markSent(seq: pending.seq, event: event, serverID: id) { noteLate(late) }
            } catch {
                let classified = classify(error)
                if case .unreachable = classified {
                    dropConnection(connection, reason: classified)
                    return .offline
                }
                state.withLock { state in
                    state.offlineReason = classified
                    state.refusedSeq = pending.seq
                }
                return .refused(seq: pending.seq)
            }
        }
        bump()
        return .sent
    }

    private func insert(_ event: FollowUpEvent, on connection: PostgresConnection) throws -> Int64 {
        let field = event.field.rawValue
        _ = try wait(connection.query(
            """
            INSERT INTO pantau_event (client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes, meeting_id)
            VALUES (\(event.clientID), \(event.recommendationID), \(field), \(event.oldValue), \(event.newValue),
                    \(event.note), \(event.author), \(event.recordedAt), \(event.undoes), \(event.meetingID))
            ON CONFLICT (client_id) DO NOTHING
            """, logger: logger), on: connection)
        let result = try wait(connection.query("SELECT id FROM pantau_event WHERE client_id = \(event.clientID)", logger: logger),
                              on: connection)
        guard let row = result.rows.first else { throw PostgresStoreFailure.missingRow }
        return try row.decode(Int64.self)
    }

    /// Records that the cache got an event below an id it already held.
    private func noteLate(_ id: Int64) {
        state.withLock { state in state.lateBelow = min(state.lateBelow ?? id, id) }
    }

    /// The server's events with an id above `id` (all for nil), in id order.
    private func fetch(after id: Int64?, on connection: PostgresConnection) throws -> [FollowUpEvent] {
        // A server an older pantau set up, opened read-only (not migrated), has no
        // meeting_id column: its events name no meeting.
        let hasMeeting = try wait(connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'pantau_event'::regclass
                           AND attname = 'meeting_id' AND NOT attisdropped)
            """, logger: logger), on: connection).rows.first?.decode(Bool.self) ?? false
        var bindings = PostgresBindings()
        bindings.append(id ?? Int64.min)
        let result = try wait(connection.query(PostgresQuery(unsafeSQL: """
            SELECT id, client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes,
                   \(hasMeeting ? "meeting_id" : "NULL::text")
            FROM pantau_event WHERE id > $1 ORDER BY id
            """, binds: bindings), logger: logger), on: connection)
        var events: [FollowUpEvent] = []
        events.reserveCapacity(result.rows.count)
        for row in result.rows {
            let (id, clientID, recommendationID, field, oldValue, newValue, note, author, recordedAt, undoes, meetingID) =
                try row.decode((Int64, String, String, String, String?, String, String?, String, String, Int64?, String?).self)
            guard let known = FollowUpField(rawValue: field) else { continue }   // written by a newer pantau
            var event = FollowUpEvent(clientID: clientID, recommendationID: recommendationID, field: known,
                                      oldValue: oldValue, newValue: newValue, note: note, author: author,
                                      recordedAt: recordedAt, undoes: undoes, meetingID: meetingID)
            event.id = id
            events.append(event)
        }
        return events
    }

    // MARK: Connection

    private func currentConnection() -> PostgresConnection? {
        let connection = state.withLock { $0.connection }
        if let connection, connection.isClosed {
            dropConnection(connection, reason: .unreachable(server: location.display, reason: "connection closed"))
            return nil
        }
        return connection
    }

    private func dropConnection(_ connection: PostgresConnection, reason: FollowUpStoreError) {
        let dropped = state.withLock { state -> Bool in
            guard state.connection === connection else { return false }
            state.connection = nil
            state.offlineReason = reason
            state.token += 1
            return true
        }
        if dropped { Self.closeQuietly(connection) }
    }

    private func bump() {
        state.withLock { $0.token += 1 }
    }

    /// Waits for `future` at most `queryTimeout`; then fails and closes the connection
    /// (a query sent while the server was going away may otherwise never complete).
    private func wait<T: Sendable>(_ future: EventLoopFuture<T>, on connection: PostgresConnection) throws -> T {
        try Self.wait(future, timeout: queryTimeout) { Self.closeQuietly(connection) }
    }

    private static func wait<T: Sendable>(_ future: EventLoopFuture<T>, timeout: TimeAmount,
                                          onTimeout: @escaping @Sendable () -> Void) throws -> T {
        let promise = future.eventLoop.makePromise(of: T.self)
        future.cascade(to: promise)   // a promise completed twice keeps its first result
        let timer = future.eventLoop.scheduleTask(in: timeout) {
            promise.fail(PostgresStoreFailure.timedOut)
            onTimeout()
        }
        promise.futureResult.whenComplete { _ in timer.cancel() }
        return try promise.futureResult.wait()
    }

    /// Opens a connection, applies migrations, starts listening; on success it becomes current.
    private func connect(migrate: Bool) throws(FollowUpStoreError) {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: .disable)
        configuration.options.connectTimeout = connectTimeout
        do {
            configuration.tls = try tlsSetting()
        } catch {
            throw .tlsUnavailable(server: location.display)
        }
        let id = state.withLock { state -> Int in
            state.nextConnectionID += 1
            return state.nextConnectionID
        }
        let connection: PostgresConnection
        do {
            let connecting = PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger)
            // The whole handshake (TCP, TLS, authentication) within twice the connect timeout;
            // a connection that arrives later is closed.
            connection = try Self.wait(connecting, timeout: connectTimeout + connectTimeout) {
                connecting.whenSuccess { late in Self.closeQuietly(late) }
            }
        } catch {
            throw classify(error)
        }
        do {
            try PostgresSchema.prepare(connection, migrate: migrate, logger: logger, display: location.display) { future in
                try self.wait(future, on: connection)
            }
            connection.addListener(channel: "pantau_event") { [weak self] _, _ in self?.changedOnServer() }
            _ = try wait(connection.query("LISTEN pantau_event", logger: logger), on: connection)
            connection.addListener(channel: "pantau_position") { [weak self] _, _ in self?.positionsChangedOnServer() }
            _ = try wait(connection.query("LISTEN pantau_position", logger: logger), on: connection)
        } catch {
            Self.closeQuietly(connection)
            if let error = error as? FollowUpStoreError { throw error }
            throw classify(error)
        }
        state.withLock { state in
            state.connection = connection
            state.offlineReason = nil
            state.token += 1
            state.serverChanges += 1  // what happened while away is not in the cache
        }
        wakeup.signal()
    }

    /// The server says something changed: the dashboard reads again, and in the
    /// background mode the background thread first brings the journal's copy up to date.
    private func changedOnServer() {
        let background = state.withLock { state -> Bool in
            state.token += 1
            state.serverChanges += 1
            return state.background
        }
        if background { wakeup.signal() }
    }

    private func tlsSetting() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable:
            return .disable
        case .prefer, .require:
            tls.certificateVerification = .none
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            if let root = location.rootCertificate {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(root))
            }
        }
        let context = try NIOSSLContext(configuration: tls)
        return location.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// Turns a PostgresNIO or network error into one people can act on.
    func classify(_ error: any Error) -> FollowUpStoreError {
        if let error = error as? FollowUpStoreError { return error }
        let server = location.display
        if let error = error as? PSQLError {
            if error.code == .server, let info = error.serverInfo {
                let sqlState = info[.sqlState] ?? ""
                let message = info[.message] ?? "?"
                switch sqlState {
                case "28P01":
                    return .authenticationFailed(server: server, user: location.user)
                case "28000" where message.contains("no encryption") || message.contains("SSL off"):
                    return .tlsRequired(server: server)
                case "28000":
                    return .authenticationFailed(server: server, user: location.user)
                case "57P01", "57P02", "57P03", "08000", "08003", "08006":
                    return .unreachable(server: server, reason: message)
                default:
                    return .serverRefused(server: server, reason: message)
                }
            }
            if error.code == .sslUnsupported { return .tlsUnavailable(server: server) }
            if error.code == .authMechanismRequiresPassword {
                return .authenticationFailed(server: server, user: location.user)
            }
            if error.code == .failedToAddSSLHandler { return .tlsUnavailable(server: server) }
            if let underlying = error.underlying {
                if underlying is NIOSSLError || String(describing: type(of: underlying)).contains("SSL") {
                    return .tlsUnavailable(server: server)
                }
                return classifyNetwork(underlying)
            }
            return .unreachable(server: server, reason: error.code.description)
        }
        return classifyNetwork(error)
    }

    private func classifyNetwork(_ error: any Error) -> FollowUpStoreError {
        let server = location.display
        if case PostgresStoreFailure.timedOut = error { return .unreachable(server: server, reason: "timed out") }
        let text = String(describing: error)
        if text.contains("getaddrinfo") || text.contains("NXDOMAIN") || text.contains("resolve") {
            return .unknownHost(server: location.host)
        }
        if let error = error as? IOError {
            return .unreachable(server: server, reason: String(cString: strerror(error.errnoCode)))
        }
        if error is ChannelError || text.contains("connectTimeout") {
            return .unreachable(server: server, reason: text.contains("connectTimeout") ? "timed out" : text)
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return .unknownHost(server: location.host)
            }
            if let first = error.connectionErrors.first?.error as? IOError {
                return .unreachable(server: server, reason: String(cString: strerror(first.errnoCode)))
            }
            return .unreachable(server: server, reason: "cannot connect")
        }
        return .unreachable(server: server, reason: text)
    }

    // MARK: Background

    private func startSupervisor() {
        let wakeup = self.wakeup
        let thread = Thread { [weak self] in
            var sinceReread = ContinuousClock.now
            while true {
                guard let interval = self?.supervise(sinceReread: &sinceReread) else { return }
                wakeup.sleep(interval)
            }
        }
        thread.name = "pantau.postgres"
        thread.start()
    }

    /// One round of the background thread: reconnect, send the journal, re-read. Returns
    /// how long to sleep, or nil once the store is closed.
    private func supervise(sinceReread: inout ContinuousClock.Instant) -> Duration? {
        if state.withLock({ $0.closed }) { return nil }
        if currentConnection() == nil {
            do {
                try connect(migrate: !readOnlyRequested)
            } catch {
                state.withLock { state in
                    if state.offlineReason != error { state.token += 1 }
                    state.offlineReason = error
                }
            }
        }
        if currentConnection() != nil {
            if ((try? journal.pendingCount()) ?? 0) > 0 {
                let result = try? sendJournal()
                announce(result)
            }
            if ContinuousClock.now - sinceReread >= rereadInterval {
                sinceReread = ContinuousClock.now
                reread()
            }
            refreshCache()
            sendPosition()
            readPositions()
        }
        return retryInterval
    }

    /// Queued changes the server refused are said once per reason (not the one `append`
    /// is waiting on: that refusal is thrown to the dashboard); once sent, the next
    /// refusal is said again.
    private func announce(_ result: SendResult?) {
        let pending = (try? journal.pendingCount()) ?? 0
        state.withLock { state in
            switch result {
            case .refused(let seq) where seq != state.awaitedSeq:
                guard let reason = state.offlineReason, reason != state.announcedRefusal else { return }
                state.announcedRefusal = reason
                state.notices.append(.queuedRefused(reason: reason, pending: pending))
                state.token += 1
            case .sent:
                state.announcedRefusal = nil
            default:
                break
            }
        }
    }

    public func takeNotices() -> [FollowUpStoreNotice] {
        state.withLock { state in
            defer { state.notices = [] }
            return state.notices
        }
    }

    /// In the background mode, copies the server's new events into the journal's cache
    /// (which `allEvents` and `events(after:)` then answer from) and tells the dashboard
    /// to read again: only the events above the cache's largest id, unless the re-read
    /// found the server holding some below it that the cache lacks (then all of them).
    private func refreshCache() {
        guard let connection = currentConnection() else { return }
        let due = state.withLock { state -> (changes: Int64, whole: Bool)? in
            guard state.background && state.cachedChanges != state.serverChanges else { return nil }
            defer { state.wholeReadNeeded = false }
            return (state.serverChanges, state.wholeReadNeeded)
        }
        guard let due else { return }
        do {
            let late = due.whole
                ? try journal.addToCache(try fetch(after: nil, on: connection))
                : try journal.addToCache(try fetch(after: try journal.cacheSummary().largest, on: connection))
            if let late { noteLate(late) }
            state.withLock { state in
                state.cachedChanges = due.changes
                state.token += 1
            }
        } catch {
            if due.whole { state.withLock { $0.wholeReadNeeded = true } }
            let classified = classify(error)
            if case .unreachable = classified { dropConnection(connection, reason: classified) }
        }
    }

    /// The fallback for a lost NOTIFY: a cheap summary of the table, compared with the last.
    private func reread() {
        guard let connection = currentConnection() else { return }
        do {
            let result = try wait(connection.query("SELECT count(*)::int8, coalesce(max(id), 0)::int8 FROM pantau_event", logger: logger),
                                  on: connection)
            guard let row = result.rows.first else { return }
            let (count, maxID) = try row.decode((Int64, Int64).self)
            let cache = try? journal.cacheSummary()
            state.withLock { state in
                if state.lastSeen != [count, maxID] {
                    state.lastSeen = [count, maxID]
                    state.token += 1
                    state.serverChanges += 1
                }
                // Events below the cache's largest id that it lacks: committed after a
                // later one (ids are handed out before commit), so read the whole table.
                if state.background, let cache, let largest = cache.largest, Int64(cache.count) < count, maxID <= largest {
                    state.wholeReadNeeded = true
                    state.serverChanges += 1
                }
            }
        } catch {
            let classified = classify(error)
            if case .unreachable = classified { dropConnection(connection, reason: classified) }
        }
    }
}

// MARK: Operator positions (pantau --follow)

extension PostgresFollowUpStore {
    public var positionBoard: OperatorPositionBoard? { self }

    /// Kept for the background thread to write (`pantau_position`, with the server's
    /// time): a terminal never waits on the network for its position. A newer one
    /// replaces one not yet written.
    public func publish(_ position: OperatorPosition) throws(FollowUpStoreError) {
        if isReadOnly { throw readOnlyReason ?? .readOnly }
        state.withLock { $0.positionToSend = position }
        wakeup.signal()
    }

    /// Removed at once, waiting at most a second (the dashboard is closing; a frozen
    /// server keeps the row, which followers see go stale).
    public func withdrawPosition(of operatorName: String) throws(FollowUpStoreError) {
        state.withLock { state in
            if state.positionToSend?.operatorName == operatorName { state.positionToSend = nil }
        }
        guard !isReadOnly, let connection = currentConnection() else { return }
        do {
            _ = try Self.wait(connection.query("DELETE FROM pantau_position WHERE operator = \(operatorName)", logger: logger),
                              timeout: .seconds(1)) {}
        } catch {
            throw classify(error)
        }
    }

    /// The server's positions as the background thread last read them (it reads them
    /// each round and at each NOTIFY once a follower asks); never waits on the network.
    /// Each one's time is the server's age of it taken from this machine's clock, so the
    /// clocks of operator and follower need not agree.
    public func positions() throws(FollowUpStoreError) -> [OperatorPosition] {
        let (positions, problem, first) = state.withLock { state in
            defer { state.positionsWanted = true }
            return (state.positions, state.positionProblem, !state.positionsWanted)
        }
        if first { wakeup.signal() }
        if let problem { throw problem }
        return positions
    }

    func positionsChangedOnServer() {
        let wanted = state.withLock { state -> Bool in
            state.positionsChanged = true
            return state.positionsWanted
        }
        if wanted { wakeup.signal() }
    }

    /// Writes this terminal's position, if one waits. A refusal (an older server without
    /// the table, a role without the right) is not an outage: the position is dropped,
    /// and the next change or heartbeat tries again.
    func sendPosition() {
        guard let position = state.withLock({ $0.positionToSend }), let connection = currentConnection() else { return }
        do {
            _ = try wait(connection.query("""
                INSERT INTO pantau_position (operator, payload, updated_at) VALUES (\(position.operatorName), \(position.payload), now())
                ON CONFLICT (operator) DO UPDATE SET payload = excluded.payload, updated_at = now()
                """, logger: logger), on: connection)
            state.withLock { state in
                if state.positionToSend == position { state.positionToSend = nil }
            }
        } catch {
            let classified = classify(error)
            if case .unreachable = classified { dropConnection(connection, reason: classified); return }
            state.withLock { state in
                if state.positionToSend == position { state.positionToSend = nil }
            }
        }
    }

    func readPositions() {
        let due = state.withLock { state -> Bool in
            defer { state.positionsChanged = false }
            return state.positionsWanted
        }
        guard due, let connection = currentConnection() else { return }
        do {
            let rows = try wait(connection.query("""
                SELECT operator, payload, extract(epoch FROM now() - updated_at)::float8 FROM pantau_position ORDER BY updated_at DESC, operator
                """, logger: logger), on: connection)
            let now = Date().timeIntervalSince1970
            let positions = try rows.rows.map { row in
                let (name, payload, age) = try row.decode((String, String, Double).self)
                return OperatorPosition(operatorName: name, payload: payload, updatedAt: now - age)
            }
            state.withLock { state in
                state.positions = positions
                state.positionProblem = nil
            }
        } catch {
            let classified = classify(error)
            if case .unreachable = classified { dropConnection(connection, reason: classified); return }
            state.withLock { $0.positionProblem = classified }
        }
    }
}

enum PostgresStoreFailure: Error {
    case missingRow
    case timedOut
}
