import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

/// 19.13: a lock held by another process beyond the wait does not turn the session
/// read-only and does not lose what was typed: the decision is held, the header says
/// `MENUNGGU (1)`, and it is written, with its note, once the lock is gone.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct HeldDecisionTests {
    /// Another process (Python's sqlite3) holding the write lock until its input closes.
    final class LockHolder {
        let process = Process()
        let input = Pipe()
        init(_ path: String) throws {
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1], isolation_level=None)
                db.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                sys.stdin.read()
                db.execute("ROLLBACK")
                """, path]
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            _ = output.fileHandleForReading.readData(ofLength: 7) // "locked\n": the lock is held
        }
        func release() {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    @Test func aLockedFileHoldsTheDecisionAndWritesItWhenReleased() throws {
        let path = temporaryStatePath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteFollowUpStore(path: path, readOnly: false, busyTimeout: 0.2, pragmas: [])
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        let session = FollowUpSession(store: store, clock: { "2026-11-23T02:00:00Z" }, retryInterval: 3, now: { now })
        var state = stateOnMubaRecommendations()
        let id = try #require(state.selectedRecommendation?.id)
        let holder = try LockHolder(path)
        press(&state, "c Down")
        for character in "disepakati rapat" { reduce(&state, .key(.character(character))) }
        press(&state, "Enter")
        session.synchronise(&state)
        #expect(state.storeStatus == .waiting(pending: 1, reason: "berkas status dikunci program lain"))
        #expect(state.flash == "Belum tersimpan (berkas status dikunci program lain); dicoba lagi otomatis, 1 menunggu")
        #expect(render(state).text().split(separator: "\n").first?.contains("MENUNGGU (1)") == true)
        #expect(session.heldCount == 1)
        // Still writable: a second decision joins the first, without waiting on the lock again.
        press(&state, "n")
        for character in "catatan kedua" { reduce(&state, .key(.character(character))) }
        press(&state, "Enter")
        session.synchronise(&state)
        #expect(state.storeStatus == .waiting(pending: 2, reason: "berkas status dikunci program lain"))
        #expect(state.flash == "Belum tersimpan (berkas status dikunci program lain); dicoba lagi otomatis, 2 menunggu")
        holder.release()
        // Before the retry time nothing is tried; after it, both are written in order.
        session.synchronise(&state)
        #expect(session.heldCount == 2)
        now = now.addingTimeInterval(3)
        session.synchronise(&state)
        #expect(session.heldCount == 0)
        #expect(state.storeStatus == .writable)
        #expect(state.flash == "Tersimpan: \(id)")
        let events = try store.allEvents()
        #expect(events.map(\.field) == [.status, .note])
        #expect(events[0].newValue == "proses" && events[0].note == "disepakati rapat")
        #expect(events[1].newValue == "catatan kedua")
        #expect(state.dataset.recommendations.first { $0.id == id }?.status == .proses)
    }

    @Test func aCauseThatDoesNotPassStillGoesReadOnly() throws {
        #expect(FollowUpStoreError.locked(path: "x").passes && FollowUpStoreError.diskFull(path: "x").passes)
        #expect(!FollowUpStoreError.readOnly.passes && !FollowUpStoreError.replaced(path: "x").passes)
    }
}
