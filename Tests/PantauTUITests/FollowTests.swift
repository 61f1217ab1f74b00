import Foundation
import GRDB
import Testing
@testable import PantauKit
@testable import PantauTUI

/// `pantau --follow` (issue 17.3): a follower's screen is the operator's, through the
/// text a store keeps; overlays stay the operator's own; whom to follow is never guessed.
/// The screen without its last line (the status line: each terminal's own messages).
func panes(_ state: AppState) -> String {
    render(state).text().components(separatedBy: "\n").dropLast().joined(separator: "\n")
}

@Suite struct SharedViewTests {
    /// The follower's screen after taking the operator's view through its stored text.
    static func followed(_ operatorState: AppState, from start: AppState? = nil) -> AppState {
        var follower = start ?? makeState(width: operatorState.size.width, height: operatorState.size.height)
        let text = SharedView(of: operatorState).encoded
        reduce(&follower, .followed(.following("siti"), SharedView.decoded(text)))
        return follower
    }

    static let walks: [(name: String, keys: String)] = [
        ("drilled to a kab/kota, recommendations focused", "j Enter j 3 j"),
        ("filtered by name", "/ b o g Enter"),
        ("sorted, status filter, detail pane", "s s j 3 f 4 j j"),
        ("a slide with its second recommendation selected", "j j Enter p j"),
        ("the agenda moved on", "p Space Space"),
        ("the scorecard of a kab/kota", "j Enter j A"),
        ("programmes", "j P"),
        ("two regions compared", "m j m M"),
    ]

    @Test(arguments: walks)
    func theFollowerShowsWhatTheOperatorShows(walk: (name: String, keys: String)) {
        for (width, height) in [(80, 24), (120, 36), (60, 20)] {
            var operatorState = makeState(width: width, height: height)
            press(&operatorState, walk.keys)
            // A follower that wandered off first lands where the operator is.
            var wandered = makeState(width: width, height: height)
            press(&wandered, "j j j Enter Tab")
            let follower = Self.followed(operatorState, from: wandered)
            #expect(panes(follower) == panes(operatorState), "\(walk.name) at \(width)×\(height)")
        }
    }

    @Test func overlaysAndFormsStayTheOperatorsOwn() {
        var operatorState = makeState(width: 120, height: 36)
        press(&operatorState, "j Enter j 3 c")
        #expect(operatorState.overlay != nil)
        let follower = Self.followed(operatorState)
        #expect(follower.overlay == nil)
        #expect(!render(follower).text().contains("Ubah status"))
        #expect(follower.selectedRecommendation?.id == operatorState.selectedRecommendation?.id)
        // The follower's own help stays open while the operator moves.
        var helped = makeState(width: 120, height: 36)
        press(&helped, "?")
        var moved = operatorState
        press(&moved, "Esc j")
        let after = Self.followed(moved, from: helped)
        #expect(after.overlay == .help(scroll: 0))
    }

    @Test func anOperatorMayShareItsOverlaysWithAKey() {
        for (width, height) in [(80, 24), (120, 36)] {
            var operatorState = makeState(width: width, height: height)
            press(&operatorState, "S")
            #expect(operatorState.flash?.hasPrefix("Bantuan, palet dan formulir kini juga tampil") == true)
            press(&operatorState, "j Enter j 3 c Down")
            var follower = Self.followed(operatorState)
            #expect(panes(follower) == panes(operatorState), "the status form at \(width)×\(height)")
            #expect(follower.overlayMirrored)
            // A note typed with the cursor moved back: the same field, the same place.
            press(&operatorState, "Esc n s u d a h Left Left")
            follower = Self.followed(operatorState, from: follower)
            #expect(panes(follower) == panes(operatorState), "the note form at \(width)×\(height)")
            #expect(render(follower).cursor == render(operatorState).cursor)
            // Closed on the operator's screen: gone from the follower's.
            press(&operatorState, "Esc ?")
            follower = Self.followed(operatorState, from: follower)
            // The help's keys, without the operator's messages (each screen has its own).
            let help = render(follower).text()
            #expect(help.contains("Bantuan · Esc tutup") && help.contains("Panel berikutnya"), "\(help)")
            #expect(!help.contains("Pesan terakhir") && !help.contains("Dibatalkan"), "\(help)")
            press(&operatorState, "Esc")
            follower = Self.followed(operatorState, from: follower)
            #expect(follower.overlay == nil)
            // Stopped sharing: the operator's palette stays private.
            press(&operatorState, "S :")
            follower = Self.followed(operatorState, from: follower)
            #expect(follower.overlay == nil)
        }
    }

    @Test func aFollowersKeyClosesTheSharedOverlayAndDoesItsJob() {
        var operatorState = makeState(width: 120, height: 36)
        press(&operatorState, "S j Enter j 3 c")
        var follower = Self.followed(operatorState)
        #expect(follower.overlayMirrored)
        follower.storeStatus = .readOnly(.following)
        follower.following = .following("siti")
        // Typing does not go into the operator's form here, nor record anything.
        press(&follower, "Enter")
        #expect(follower.overlay == nil && !follower.overlayMirrored)
        #expect(follower.outbox.isEmpty)
        // A paste, too: it never lands in the operator's form.
        follower = Self.followed(operatorState, from: follower)
        #expect(follower.overlayMirrored)
        reduce(&follower, .paste("sudah"))
        #expect(follower.overlay == nil && follower.outbox.isEmpty)
        press(&follower, "S")
        #expect(!follower.sharesOverlays)
        #expect(follower.flash == "Layar ini mengikuti operator; hanya operator yang membagikan")
    }

    @Test func whatTheFollowersDatasetLacksIsLeftAlone() throws {
        var operatorState = makeState(width: 80, height: 24)
        press(&operatorState, "j Enter j")
        var view = try #require(SharedView.decoded(SharedView(of: operatorState).encoded))
        view.path = ["0", "32", "99.99"]
        view.region = "99.99.99"
        view.recommendation = "TIDAK-ADA"
        view.slide = SharedView.Slide(agenda: ["99.01"], position: 0, scroll: 0, selected: 0)
        var follower = makeState(width: 80, height: 24)
        reduce(&follower, .followed(.following("siti"), view))
        #expect(follower.path.map { code(follower, $0) } == ["0", "32"])
        #expect(follower.presentation == nil)
        #expect(follower.regionCursor.selected == 0)
        // Text that is not a view, or a newer pantau's, is not applied.
        #expect(SharedView.decoded("{}") == nil)
        #expect(SharedView.decoded("bukan json") == nil)
        view.version = SharedView.currentVersion + 1
        #expect(SharedView.decoded(view.encoded) == nil)
    }

    @Test func theHeaderSaysWhomItFollows() {
        var follower = makeState(width: 100, height: 30)
        follower.storeStatus = .readOnly(.following)
        reduce(&follower, .followed(.waiting(for: nil), nil))
        #expect(render(follower).text().components(separatedBy: "\n")[0].contains("IKUT … ·"))
        #expect(follower.flash == "Menunggu dasbor operator…")
        reduce(&follower, .followed(.following("siti"), nil))
        let header = render(follower).text().components(separatedBy: "\n")[0]
        #expect(header.contains("IKUT siti ·") && !header.contains("HANYA BACA"), "\(header)")
        reduce(&follower, .followed(.choosing(["budi", "siti"]), nil))
        #expect(follower.flash == "Beberapa operator aktif (budi, siti): pilih dengan --follow NAMA")
        // Decisions cannot be made here, and say why.
        press(&follower, "3 c")
        #expect(follower.overlay == nil)
        #expect(follower.flash?.contains("--follow") == true, "\(follower.flash ?? "")")
    }
}

/// The positions through a real store (SQLite), between a publisher and followers.
@Suite struct PositionSharingTests {
    final class Clock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    static func store() throws -> (SQLiteFollowUpStore, String) {
        let path = NSTemporaryDirectory() + "pantau-follow-\(UUID().uuidString).sqlite"
        return (try SQLiteFollowUpStore(path: path), path)
    }

    static func cleanUp(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test func aFollowerTakesTheOnlyOperatorAndNeverGuessesAmongSeveral() throws {
        let (store, path) = try Self.store()
        defer { store.close(); Self.cleanUp(path) }
        let reader = try SQLiteFollowUpStore(path: path, readOnly: true)
        defer { reader.close() }
        let clock = Clock()
        let siti = PositionSharing(role: .publish(operatorName: "siti"), board: store, now: { clock.now })
        let budi = PositionSharing(role: .publish(operatorName: "budi"), board: store, now: { clock.now })
        let follower = PositionSharing(role: .follow(operatorName: nil), board: reader, now: { clock.now })
        var sitiState = makeState(width: 80, height: 24)
        var budiState = makeState(width: 80, height: 24)
        var followerState = makeState(width: 80, height: 24)

        #expect(follower.exchange(&followerState))
        #expect(followerState.following == .waiting(for: nil))
        press(&sitiState, "j Enter")
        siti.exchange(&sitiState)
        #expect(follower.exchange(&followerState))
        #expect(followerState.following == .following("siti"))
        #expect(panes(followerState) == panes(sitiState))
        // Nothing new: nothing to redraw.
        #expect(!follower.exchange(&followerState))

        // A second operator does not take the projector away from the first.
        press(&budiState, "j j")
        budi.exchange(&budiState)
        press(&sitiState, "3")
        siti.exchange(&sitiState)
        #expect(follower.exchange(&followerState))
        #expect(followerState.following == .following("siti"))
        #expect(panes(followerState) == panes(sitiState))

        // A new follower with two active and none named waits for a name.
        let newcomer = PositionSharing(role: .follow(operatorName: nil), board: reader, now: { clock.now })
        var newcomerState = makeState(width: 80, height: 24)
        newcomer.exchange(&newcomerState)
        #expect(newcomerState.following == .choosing(["budi", "siti"]))
        #expect(newcomerState.path == makeState().path)
        let named = PositionSharing(role: .follow(operatorName: "budi"), board: reader, now: { clock.now })
        var namedState = makeState(width: 80, height: 24)
        named.exchange(&namedState)
        #expect(namedState.following == .following("budi"))
        #expect(panes(namedState) == panes(budiState))

        // siti closes her dashboard: the follower is told, and keeps the last screen.
        siti.finish()
        follower.exchange(&followerState)
        #expect(followerState.following == .choosing(["budi"]) || followerState.following == .following("budi"))
        // Followers never write.
        #expect(try store.positions().map(\.operatorName) == ["budi"])
        #expect(try store.allEvents().isEmpty)
    }

    @Test func aTerminalThatStopsSayingItIsOpenIsNoLongerFollowed() throws {
        let (store, path) = try Self.store()
        defer { store.close(); Self.cleanUp(path) }
        let clock = Clock()
        let siti = PositionSharing(role: .publish(operatorName: "siti"), board: store, now: { clock.now })
        let follower = PositionSharing(role: .follow(operatorName: "siti"), board: store, now: { clock.now })
        var sitiState = makeState()
        var followerState = makeState()
        siti.exchange(&sitiState)
        follower.exchange(&followerState)
        #expect(followerState.following == .following("siti"))
        // Unchanged, it says so again after the heartbeat; a follower keeps it meanwhile.
        let first = try #require(try store.positions().first?.updatedAt)
        clock.now += PositionSharing.heartbeat - 1
        siti.exchange(&sitiState)
        #expect(try store.positions().first?.updatedAt == first)
        clock.now += 2
        siti.exchange(&sitiState)
        #expect(try store.positions().first?.updatedAt == clock.now.timeIntervalSince1970)
        // Killed (no finish): after `activeWithin` it is gone for followers.
        clock.now += PositionSharing.activeWithin + 1
        follower.exchange(&followerState)
        #expect(followerState.following == .waiting(for: "siti"))
    }

    @Test func thePositionTableLeavesTheDecisionSchemaAlone() throws {
        let (store, path) = try Self.store()
        defer { store.close(); Self.cleanUp(path) }
        let reader = try SQLiteFollowUpStore(path: path, readOnly: true)
        defer { reader.close() }
        #expect(try reader.positions().isEmpty)  // no table yet
        try store.publish(OperatorPosition(operatorName: "siti", payload: "{}", updatedAt: 1))
        try store.publish(OperatorPosition(operatorName: "siti", payload: "{\"a\":1}", updatedAt: 2))
        #expect(try reader.positions() == [OperatorPosition(operatorName: "siti", payload: "{\"a\":1}", updatedAt: 2)])
        #expect(throws: FollowUpStoreError.readOnly) { try reader.publish(OperatorPosition(operatorName: "x", payload: "", updatedAt: 3)) }
        // The file is still one this version opens writable with no migration to run.
        store.close()
        let again = try SQLiteFollowUpStore(path: path)
        defer { again.close() }
        #expect(again.readOnlyReason == nil)
        #expect(try again.positions().count == 1)
        try again.withdrawPosition(of: "siti")
        #expect(try again.positions().isEmpty)
    }

    /// A lock held by another program never slows the operator's keys: the position
    /// fails at once, and the next try waits for the retry pause.
    @Test func aLockedFileCostsTheOperatorNoWait() throws {
        let (store, path) = try Self.store()
        defer { store.close(); Self.cleanUp(path) }
        store.setWriteLockWait(0.25)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true   // the lock stays held between accesses
        let holder = try DatabaseQueue(path: path, configuration: holding)
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        let clock = Clock()
        let siti = PositionSharing(role: .publish(operatorName: "siti"), board: store, now: { clock.now })
        var state = makeState()
        let started = Date()
        siti.exchange(&state)
        #expect(Date().timeIntervalSince(started) < 0.2, "\(Date().timeIntervalSince(started)) s")
        let again = Date()
        for keys in ["j", "j", "Enter"] {
            press(&state, keys)
            siti.exchange(&state)
        }
        #expect(Date().timeIntervalSince(again) < 0.1, "tried again within the pause")
        try holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        clock.now += PositionSharing.retryPause
        siti.exchange(&state)
        #expect(try store.positions().map(\.operatorName) == ["siti"])
        #expect(SharedView.decoded(try store.positions()[0].payload) == SharedView(of: state))
    }

}
