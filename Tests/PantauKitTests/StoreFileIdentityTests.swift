import Foundation
import Testing
@testable import PantauKit

/// Issue 19.1: a state file deleted or replaced while a store has it open. Read back by
/// an independent reader (the sqlite3 program), never by the store under test.
@Suite struct StoreFileIdentityTests {
    private func directory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pantau-identity-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    private func change(_ id: String, _ note: String) -> FollowUpEvent {
        FollowUpEvent(recommendationID: id, field: .note, oldValue: nil, newValue: note, author: "Ani",
                      recordedAt: FollowUpClock.nowISO8601())
    }

    /// `SELECT recommendation_id, new_value` through the sqlite3 program, one row a line.
    private func rows(_ path: String) throws -> [String] {
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, "SELECT id || '|' || recommendation_id || '|' || new_value || '|' || coalesce(undoes, '') FROM event ORDER BY id"]
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aDeletedFileIsRecreatedWithEveryDecisionAndSaysSo() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/pantau.sqlite"
        let store = try SQLiteFollowUpStore(path: path)
        defer { store.close() }
        let first = try store.append(change("A-1", "satu"))
        var undo = change("A-1", "")
        undo.undoes = first.id
        _ = try store.append(undo)
        remove(path)   // a cleanup of ignored files while the dashboard is open
        _ = try store.append(change("A-2", "tiga"))
        #expect(try rows(path) == ["1|A-1|satu|", "2|A-1||1", "3|A-2|tiga|"])
        #expect(store.takeNotices() == [.recreated(path: path, events: 2)])   // the two before it, copied back
        #expect(store.takeNotices().isEmpty)
        // And the store goes on writing to the new file.
        _ = try store.append(change("A-3", "empat"))
        #expect(try rows(path).count == 4)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aDeletedWriteAheadLogIsFoldedBackIntoTheFile() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/pantau.sqlite"
        let store = try SQLiteFollowUpStore(path: path)
        defer { store.close() }
        _ = try store.append(change("B-1", "satu"))
        unlink(path + "-wal"); unlink(path + "-shm")   // the main file stays
        _ = try store.append(change("B-2", "dua"))
        #expect(try rows(path) == ["1|B-1|satu|", "2|B-2|dua|"])
    }

    @Test func aReplacedFileIsRefusedAndNothingIsAcknowledged() throws {
        let folder = try directory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/pantau.sqlite"
        let store = try SQLiteFollowUpStore(path: path)
        defer { store.close() }
        _ = try store.append(change("C-1", "satu"))
        // Another pantau file put in its place (a backup restored by copying over it).
        let other = folder + "/other.sqlite"
        let replacement = try SQLiteFollowUpStore(path: other)
        replacement.close()
        remove(path)
        #expect(rename(other, path) == 0)
        unlink(other + "-wal"); unlink(other + "-shm")
        #expect(throws: FollowUpStoreError.replaced(path: path)) { try store.append(change("C-2", "dua")) }
        #expect(try SQLiteFollowUpStore(path: path, readOnly: true).allEvents().isEmpty)
        #expect(FollowUpStoreError.replaced(path: path).message(.id).contains("TIDAK dicatat"))
    }
}
