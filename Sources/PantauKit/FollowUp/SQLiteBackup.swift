import Foundation
import GRDB

extension SQLiteFollowUpStore {
    /// Copies the state file `source` to the new file `destination` with SQLite's online
    /// backup (GRDB `backup(to:)`): a consistent snapshot, taken while pantau sessions go
    /// on recording. The copy is a single self-contained file (rollback journal, no `-wal`),
    /// written under a temporary name beside `destination` and linked into place only when
    /// complete, so a failure leaves nothing half-written and an existing file is never
    /// replaced. Returns the number of decisions in the copy, counted by reading it back.
    public static func backup(from source: String, to destination: String) throws(FollowUpStoreError) -> Int {
        guard FileManager.default.fileExists(atPath: source) else {
            throw .cannotOpen(path: source, reason: "no such file")
        }
        if FileManager.default.fileExists(atPath: destination) {
            throw .cannotOpen(path: destination, reason: "already exists; choose a new file name")
        }
        let folder = (destination as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.pantau-backup-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        defer { unlink(temporary); unlink(temporary + "-journal") }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            let reader = try DatabaseQueue(path: source, configuration: configuration)
            guard try reader.read({ try $0.tableExists("event") }) else {
                throw FollowUpStoreError.cannotOpen(path: source, reason: "not a pantau state file (no event table)")
            }
            let copy = try DatabaseQueue(path: temporary)
            try reader.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if check != ["ok"] { throw FollowUpStoreError.corrupt(path: destination) }
            }
            try copy.close()
            try reader.close()
        } catch {
            throw storeError(error, path: source)
        }
        // link() fails if the destination appeared meanwhile: never overwrite a file.
        guard link(temporary, destination) == 0 else {
            throw .cannotOpen(path: destination, reason: String(cString: strerror(errno)))
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let written = try DatabaseQueue(path: destination, configuration: configuration)
            defer { try? written.close() }
            return try written.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0 }
        } catch {
            throw storeError(error, path: destination)
        }
    }
}
