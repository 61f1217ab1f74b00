import Foundation
import Testing
@testable import PantauKit

/// `pantau state backup`: SQLite's online backup of the state file, read back independently.
@Suite struct FollowUpBackupTests {
    /// Every row of the copy's event table, read by Python's sqlite3 module (not GRDB).
    private func rowsReadByPython(_ path: String) throws -> [String] {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
            print(db.execute("PRAGMA journal_mode").fetchone()[0])
            for row in db.execute("SELECT client_id, recommendation_id, field, old_value, new_value, note, author, recorded_at, undoes FROM event ORDER BY id"):
                print("|".join("" if v is None else str(v) for v in row))
            """
        let output = try runTool("/usr/bin/python3", ["-c", script, path])
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func line(_ event: FollowUpEvent, undoes: Int64? = nil) -> String {
        [event.clientID, event.recommendationID, event.field.rawValue, event.oldValue ?? "", event.newValue,
         event.note ?? "", event.author, event.recordedAt, event.undoes.map(String.init) ?? ""].joined(separator: "|")
    }

    @Test func copiesEveryEventWhileTheStoreIsOpen() throws {
        try TestData.withTemporaryDirectory { directory in
            let store = try SQLiteFollowUpStore(path: directory + "/pantau.sqlite")
            var events = [
                FollowUpEvent(recommendationID: "MUBA-AKS22-07", field: .status, oldValue: "belum", newValue: "proses",
                              author: "siti", recordedAt: "2026-11-23T09:00:00Z"),
                FollowUpEvent(recommendationID: "MUBA-AKS22-07", field: .note, oldValue: nil, newValue: "Rapat TPPS: data \u{201C}by name\u{201D} siap",
                              note: "catatan", author: "budi", recordedAt: "2026-11-23T09:05:00Z"),
                FollowUpEvent(recommendationID: "BOGOR-BRAC24-02", field: .deadline, oldValue: "2025-06-30", newValue: "2027-03-31",
                              author: "siti", recordedAt: "2026-11-23T09:10:00Z"),
            ]
            for index in events.indices { events[index] = try store.append(events[index]) }
            let undo = try store.append(FollowUpEvent(recommendationID: "BOGOR-BRAC24-02", field: .deadline, oldValue: "2027-03-31",
                                                      newValue: "2025-06-30", author: "siti", recordedAt: "2026-11-23T09:11:00Z",
                                                      undoes: events[2].id))
            events.append(undo)

            let copied = try SQLiteFollowUpStore.backup(from: directory + "/pantau.sqlite", to: directory + "/cadangan.sqlite")
            #expect(copied == 4)
            let rows = try rowsReadByPython(directory + "/cadangan.sqlite")
            #expect(rows.first == "delete")   // one self-contained file, no -wal needed
            #expect(Array(rows.dropFirst()) == events.map { line($0) })
            #expect(!FileManager.default.fileExists(atPath: directory + "/cadangan.sqlite-wal"))
            // pantau opens the copy as a state file, and the original goes on recording.
            #expect(try SQLiteFollowUpStore(path: directory + "/cadangan.sqlite", readOnly: true).allEvents() == events)
            _ = try store.append(FollowUpEvent(recommendationID: "MUBA-AKS22-07", field: .status, oldValue: "proses", newValue: "selesai",
                                               author: "siti", recordedAt: "2026-11-23T10:00:00Z"))
            #expect(try store.allEvents().count == 5)
            // Nothing but the copy was left in the folder.
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix("pantau.sqlite") }
            #expect(left == ["cadangan.sqlite"])
        }
    }

    @Test func neverReplacesAFileAndRefusesWhatIsNotAStateFile() throws {
        try TestData.withTemporaryDirectory { directory in
            let store = try SQLiteFollowUpStore(path: directory + "/pantau.sqlite")
            _ = try store.append(FollowUpEvent(recommendationID: "X-1", field: .status, oldValue: nil, newValue: "proses",
                                               author: "siti", recordedAt: "2026-11-23T09:00:00Z"))
            try Data("laporan lama".utf8).write(to: URL(fileURLWithPath: directory + "/ada.sqlite"))
            #expect(throws: FollowUpStoreError.cannotOpen(path: directory + "/ada.sqlite", reason: "already exists; choose a new file name")) {
                try SQLiteFollowUpStore.backup(from: directory + "/pantau.sqlite", to: directory + "/ada.sqlite")
            }
            #expect(try String(contentsOfFile: directory + "/ada.sqlite", encoding: .utf8) == "laporan lama")
            #expect(throws: FollowUpStoreError.cannotOpen(path: directory + "/tidak-ada.sqlite", reason: "no such file")) {
                try SQLiteFollowUpStore.backup(from: directory + "/tidak-ada.sqlite", to: directory + "/b.sqlite")
            }
            _ = try runTool("/usr/bin/python3", ["-c", "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('CREATE TABLE t (x)')", directory + "/lain.sqlite"])
            #expect(throws: FollowUpStoreError.cannotOpen(path: directory + "/lain.sqlite", reason: "not a pantau state file (no event table)")) {
                try SQLiteFollowUpStore.backup(from: directory + "/lain.sqlite", to: directory + "/c.sqlite")
            }
            #expect(throws: FollowUpStoreError.corrupt(path: directory + "/ada.sqlite")) {
                try SQLiteFollowUpStore.backup(from: directory + "/ada.sqlite", to: directory + "/d.sqlite")
            }
            for name in ["b.sqlite", "c.sqlite", "d.sqlite"] { #expect(!FileManager.default.fileExists(atPath: directory + "/" + name)) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.hasPrefix(".pantau-backup") })
        }
    }
}
