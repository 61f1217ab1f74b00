import Logging
import PantauKit
import PostgresNIO

/// The shared server's tables and their migrations, recorded in `pantau_schema`. Never
/// change a shipped migration: add a new one. The statements mirror the SQLite store's
/// (`event` there, `pantau_event` here, so the table's name says whose it is in a
/// database shared with other applications).
enum PostgresSchema {
    static let migrations: [(version: String, statements: [String])] = [
        ("v1", [
            """
            CREATE TABLE pantau_event (
                id BIGSERIAL PRIMARY KEY,
                client_id TEXT NOT NULL UNIQUE,
                recommendation_id TEXT NOT NULL,
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT NOT NULL,
                note TEXT,
                author TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                undoes BIGINT,
                received_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX pantau_event_recommendation ON pantau_event (recommendation_id, id)",
            // Every insert, from pantau or by hand, wakes the listening terminals.
            """
            CREATE FUNCTION pantau_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('pantau_event', NEW.id::text);
                RETURN NEW;
            END
            $$
            """,
            """
            CREATE TRIGGER pantau_event_notify AFTER INSERT ON pantau_event
            FOR EACH ROW EXECUTE FUNCTION pantau_event_notify()
            """,
        ]),
        ("v2-recorded-at-index", [
            "CREATE INDEX pantau_event_recorded_at ON pantau_event (recorded_at)",
        ]),
        // Meetings: the meeting open when a decision was recorded (docs/follow-up.md).
        ("v3-meeting", [
            "ALTER TABLE pantau_event ADD COLUMN meeting_id TEXT",
        ]),
        // Where each operator's dashboard is (`pantau --follow`): one row per operator,
        // replaced at every move; not history. Every change wakes the followers.
        ("v4-operator-position", [
            """
            CREATE TABLE pantau_position (
                operator TEXT PRIMARY KEY,
                payload TEXT NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE FUNCTION pantau_position_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('pantau_position', '');
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER pantau_position_notify AFTER INSERT OR UPDATE OR DELETE ON pantau_position
            FOR EACH ROW EXECUTE FUNCTION pantau_position_notify()
            """,
        ]),
    ]

    /// Checks the schema and, when `migrate`, applies the missing migrations. Two
    /// terminals starting at once on a new database are serialised by a transaction-level
    /// advisory lock; the second finds the work done. A role without the right to create
    /// tables works as long as the schema is current.
    static func prepare(_ connection: PostgresConnection, migrate: Bool, logger: Logger, display: String,
                        wait: (EventLoopFuture<PostgresQueryResult>) throws -> PostgresQueryResult) throws {
        func applied() throws -> Set<String>? {
            let exists = try wait(connection.query("SELECT to_regclass('pantau_schema') IS NOT NULL", logger: logger))
            guard try exists.rows.first?.decode(Bool.self) == true else { return nil }
            let rows = try wait(connection.query("SELECT version FROM pantau_schema", logger: logger))
            return Set(try rows.rows.map { try $0.decode(String.self) })
        }
        let known = Set(migrations.map(\.version))
        if let done = try applied() {
            if !done.subtracting(known).isEmpty { throw FollowUpStoreError.newerSchema(path: display) }
            if done == known || !migrate { return }
        } else if !migrate {
            return
        }
        _ = try wait(connection.query("BEGIN", logger: logger))
        do {
            // 0x70616e746175 = "pantau": one lock for every pantau migration in this database.
            _ = try wait(connection.query("SELECT pg_advisory_xact_lock(\(Int64(0x7061_6e74_6175)))", logger: logger))
            _ = try wait(connection.query(
                "CREATE TABLE IF NOT EXISTS pantau_schema (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger))
            let rows = try wait(connection.query("SELECT version FROM pantau_schema", logger: logger))
            let done = Set(try rows.rows.map { try $0.decode(String.self) })
            if !done.subtracting(known).isEmpty { throw FollowUpStoreError.newerSchema(path: display) }
            for migration in migrations where !done.contains(migration.version) {
                for statement in migration.statements {
                    _ = try wait(connection.query(PostgresQuery(unsafeSQL: statement), logger: logger))
                }
                _ = try wait(connection.query("INSERT INTO pantau_schema (version) VALUES (\(migration.version))", logger: logger))
            }
            _ = try wait(connection.query("COMMIT", logger: logger))
        } catch {
            _ = try? wait(connection.query("ROLLBACK", logger: logger))
            throw error
        }
    }
}
