import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

/// Opens Musi Banyuasin's recommendations with the first (most overdue) one selected.
func stateOnMubaRecommendations() -> AppState {
    var state = makeState(width: 120, height: 36)
    state.author = "notulis"
    press(&state, "Enter j 3")
    return state
}

func temporaryStatePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("pantau-state-\(UUID().uuidString).sqlite").path
}

@Suite struct FollowUpFormTests {
    @Test func statusFormRecordsTheChosenStatusOnlyOnEnter() throws {
        var state = stateOnMubaRecommendations()
        let selected = try #require(state.selectedRecommendation)
        #expect(selected.status == .belum)
        press(&state, "c")
        guard case .form(let form)? = state.overlay else { Issue.record("no form"); return }
        #expect(form.kind == .status)
        #expect(form.recommendationID == selected.id)
        press(&state, "Down")
        #expect(state.outbox.isEmpty)
        reduce(&state, .key(.character("O"))); reduce(&state, .key(.character("k"))) // a note typed into the form
        press(&state, "Enter")
        #expect(state.overlay == nil)
        let event = try #require(state.outbox.first)
        #expect(event.recommendationID == selected.id)
        #expect(event.field == .status)
        #expect(event.oldValue == "belum")
        #expect(event.newValue == "proses")
        #expect(event.note == "Ok")
        #expect(event.author == "notulis")
    }

    @Test func escapeCancelsWithoutRecording() {
        var state = stateOnMubaRecommendations()
        press(&state, "c Down Esc")
        #expect(state.overlay == nil)
        #expect(state.outbox.isEmpty)
        #expect(state.flash == "Dibatalkan, tidak ada yang disimpan")
    }

    @Test func unchangedStatusIsRefusedInWords() {
        var state = stateOnMubaRecommendations()
        press(&state, "c Enter")
        guard case .form(let form)? = state.overlay else { Issue.record("form closed"); return }
        #expect(form.error == "Status tidak berubah; pilih status lain atau Esc")
        #expect(state.outbox.isEmpty)
    }

    @Test func deadlineMustBeARealDate() throws {
        var state = stateOnMubaRecommendations()
        press(&state, "d")
        guard case .form(let form)? = state.overlay else { Issue.record("no form"); return }
        #expect(form.text == "2023-03-31")
        for _ in 0..<10 { press(&state, "BSpace") }
        for character in "2027-02-30" { reduce(&state, .key(.character(character))) }
        press(&state, "Enter")
        guard case .form(let invalid)? = state.overlay else { Issue.record("form closed"); return }
        #expect(invalid.error == "Tanggal '2027-02-30' tidak sah; tulis TTTT-BB-HH")
        press(&state, "BSpace BSpace")
        for character in "28" { reduce(&state, .key(.character(character))) }
        press(&state, "Enter")
        let event = try #require(state.outbox.first)
        #expect(event.field == .deadline)
        #expect(event.oldValue == "2023-03-31")
        #expect(event.newValue == "2027-02-28")
    }

    @Test func readOnlySaysWhyAndOpensNoForm() {
        var state = stateOnMubaRecommendations()
        state.storeStatus = .readOnly(.requested)
        press(&state, "c")
        #expect(state.overlay == nil)
        #expect(state.flash == "Hanya baca: --readonly")
        let screen = render(state).text()
        #expect(screen.contains("HANYA BACA"))
    }

    @Test func statusFormOnScreen() {
        var state = stateOnMubaRecommendations()
        state = { var s = state; s.size = Size(width: 80, height: 24); reduce(&s, .resize(s.size)); return s }()
        press(&state, "c Down")
        let text = render(state).text()
        assertSnapshot(text, named: "status-form-80x24")
        #expect(text.contains("Ubah status · MUBA-AKS22-07"))
        #expect(text.contains("▶ proses"))
    }
}

@Suite struct FollowUpSessionTests {
    @Test func aRecordedDecisionChangesTheListsCountsAndHistory() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let session = FollowUpSession(store: store, clock: { "2026-11-23T09:30:00Z" })
        var state = stateOnMubaRecommendations()
        let id = try #require(state.selectedRecommendation?.id)
        let muba = try #require(state.dataset.index(of: RegionCode("16.06")!))
        let pendingBefore = state.context.rollUp.pending(muba)
        let overdueBefore = state.context.rollUp.overdue(muba)
        press(&state, "c Down Down Enter") // belum → selesai
        session.synchronise(&state)
        #expect(state.outbox.isEmpty)
        #expect(state.flash == "Tersimpan: \(id)")
        let updated = try #require(state.dataset.recommendations.first { $0.id == id })
        #expect(updated.status == .selesai)
        #expect(state.context.rollUp.pending(muba) == pendingBefore - 1)
        #expect(state.context.rollUp.overdue(muba) == overdueBefore - 1)
        #expect(state.selectedRecommendation?.id == id) // the selection follows the recommendation
        press(&state, "Enter") // open Detail
        #expect(render(state).text().contains("Riwayat tindak lanjut"))
        let detail = detailLines(state, width: 200).map(\.text).joined(separator: "\n")
        #expect(detail.contains("23 Nov 2026 16:30 WIB · notulis · status belum → selesai"))
        #expect(try store.allEvents().count == 1)
    }

    @Test func undoIsANewEventThatRestoresTheOldValue() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let session = FollowUpSession(store: store, clock: { "2026-11-23T09:30:00Z" })
        var state = stateOnMubaRecommendations()
        let id = try #require(state.selectedRecommendation?.id)
        press(&state, "c Down Enter")
        session.synchronise(&state)
        #expect(state.dataset.recommendations.first { $0.id == id }?.status == .proses)
        press(&state, "u")
        session.synchronise(&state)
        #expect(state.dataset.recommendations.first { $0.id == id }?.status == .belum)
        let events = try store.allEvents()
        #expect(events.count == 2)
        #expect(events[1].undoes == events[0].id)
        #expect(state.flash == "Dibatalkan: \(id)")
        press(&state, "u")
        #expect(state.outbox.isEmpty)
        #expect(state.flash == "Belum ada perubahan di sesi ini untuk dibatalkan")
    }

    @Test func aSecondDashboardSeesTheFirstOnesDecision() throws {
        let path = temporaryStatePath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let coordinator = FollowUpSession(store: try SQLiteFollowUpStore(path: path))
        let projector = FollowUpSession(store: try SQLiteFollowUpStore(path: path))
        var a = stateOnMubaRecommendations()
        var b = stateOnMubaRecommendations()
        let id = try #require(a.selectedRecommendation?.id)
        press(&a, "c Down Enter")
        coordinator.synchronise(&a)
        #expect(b.dataset.recommendations.first { $0.id == id }?.status == .belum)
        let redraw = projector.synchronise(&b)
        #expect(redraw)
        #expect(b.dataset.recommendations.first { $0.id == id }?.status == .proses)
    }

    @Test func aFailedWriteSwitchesToReadOnlyAndRecordsNothing() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let session = FollowUpSession(store: FailingStore(wrapping: store, failing: .replaced(path: "/tmp/x")))
        var state = stateOnMubaRecommendations()
        press(&state, "c Down Enter")
        session.synchronise(&state)
        #expect(state.storeStatus == .readOnly(.failed(FollowUpStoreError.replaced(path: "/tmp/x").message(.id))))
        #expect(try store.allEvents().isEmpty)
        #expect(state.dataset.recommendations.first { $0.id == "MUBA-AKS22-07" }?.status == .belum)
    }

    /// 19.13: a full disk passes; the decision is held and written once there is space.
    @Test func aFullDiskHoldsTheDecisionUntilThereIsSpace() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let failing = FailingStore(wrapping: store, failing: .diskFull(path: "/tmp/x"))
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        let session = FollowUpSession(store: failing, clock: { "2026-11-23T02:00:00Z" }, retryInterval: 3, now: { now })
        var state = stateOnMubaRecommendations()
        press(&state, "c Down Enter")
        session.synchronise(&state)
        #expect(state.storeStatus == .waiting(pending: 1, reason: "disk penuh"))
        #expect(state.dataset.recommendations.first { $0.id == "MUBA-AKS22-07" }?.status == .belum)
        failing.failure = nil
        now = now.addingTimeInterval(3)
        session.synchronise(&state)
        #expect(state.storeStatus == .writable)
        #expect(try store.allEvents().map(\.newValue) == ["proses"])
        #expect(state.dataset.recommendations.first { $0.id == "MUBA-AKS22-07" }?.status == .proses)
    }

    /// Quitting with held decisions asks first; the dashboard tries them once more on the way out.
    @Test func quittingWithHeldDecisionsAsksAndTriesOnceMore() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let failing = FailingStore(wrapping: store, failing: .diskFull(path: "/tmp/x"))
        let session = FollowUpSession(store: failing, clock: { "2026-11-23T02:00:00Z" }, retryInterval: 3600)
        var state = stateOnMubaRecommendations()
        press(&state, "c Down Enter")
        session.synchronise(&state)
        press(&state, "q")
        #expect(!state.shouldQuit)
        #expect(state.flash == "1 keputusan belum tersimpan (disk penuh); tekan q lagi untuk keluar tanpa menyimpannya")
        press(&state, "q")
        #expect(state.shouldQuit)
        // Space again before the loop ends: the last try writes it, despite the hour's wait.
        failing.failure = nil
        session.retryNow()
        session.synchronise(&state)
        #expect(session.heldCount == 0)
        #expect(try store.allEvents().map(\.newValue) == ["proses"])
        #expect(state.dataset.recommendations.first { $0.id == "MUBA-AKS22-07" }?.status == .proses)
    }
}

/// The dashboard loop itself: a decision held by a full disk, `q q`, and the last try on
/// the way out writes it once the disk has room.
@Test func theLoopTriesHeldDecisionsOnceMoreWhenQuitting() throws {
    let store = try SQLiteFollowUpStore.inMemory()
    let failing = FailingStore(wrapping: store, failing: .diskFull(path: "/tmp/x"))
    failing.failuresLeft = 1
    let session = FollowUpSession(store: failing, clock: { "2026-11-23T02:00:00Z" }, retryInterval: 3600)
    let keys: [Key] = [.character("c"), .down, .enter, .character("q"), .character("q")]
    let terminal = ScriptedTerminal(size: Size(width: 120, height: 36), events: keys.map { .key($0) })
    let status = runDashboard(stateOnMubaRecommendations(), on: terminal, followUp: session)
    #expect(status == 0)
    #expect(terminal.presented.contains { $0.text().contains("MENUNGGU (1)") })
    #expect(try store.allEvents().map(\.newValue) == ["proses"])
}

/// A store whose writes fail with `failure` while it is set (and, with `failuresLeft`,
/// only that many times).
final class FailingStore: FollowUpStore, @unchecked Sendable {
    let inner: FollowUpStore
    var failure: FollowUpStoreError?
    var failuresLeft: Int?
    init(wrapping inner: FollowUpStore, failing failure: FollowUpStoreError = .diskFull(path: "/tmp/x")) {
        self.inner = inner
        self.failure = failure
    }
    func append(_ event: FollowUpEvent) throws -> FollowUpEvent {
        if let failure, failuresLeft.map({ $0 > 0 }) ?? true {
            failuresLeft = failuresLeft.map { $0 - 1 }
            throw failure
        }
        return try inner.append(event)
    }
    func allEvents() throws -> [FollowUpEvent] { try inner.allEvents() }
    func changeToken() throws -> Int64 { try inner.changeToken() }
    var isReadOnly: Bool { false }
    var readOnlyReason: FollowUpStoreError? { nil }
    func close() { inner.close() }
}

@Suite struct ReportTests {
    static let events: [FollowUpEvent] = [
        FollowUpEvent(clientID: "a", recommendationID: "MUBA-AKS22-07", field: .status, oldValue: "belum", newValue: "proses",
                      note: "Dinas PMD siap mendampingi", author: "notulis", recordedAt: "2026-11-20T02:00:00Z"),
        FollowUpEvent(clientID: "b", recommendationID: "MUBA-AKS22-03", field: .status, oldValue: "proses", newValue: "selesai",
                      author: "notulis", recordedAt: "2026-11-23T03:15:00Z"),
        FollowUpEvent(clientID: "c", recommendationID: "BTG-KONV24-04", field: .deadline, oldValue: "2025-03-31", newValue: "2027-03-31",
                      author: "sekretariat", recordedAt: "2026-11-23T04:00:00Z"),
    ]

    func report(since: String?, region: String) throws -> FollowUpReport {
        let store = try SQLiteFollowUpStore.inMemory()
        let stored = try Self.events.map { try store.append($0) }
        let context = sampleContext.with(events: stored)
        let index = try #require(context.dataset.index(of: RegionCode(region)!))
        return FollowUpReport(dataset: context.dataset, events: stored, today: context.today, since: since.flatMap(LocalDate.init(iso:)),
                              region: index, generatedAt: "2026-11-23T05:00:00Z")
    }

    @Test func markdownMinutesForSumateraSelatan() throws {
        let text = try report(since: "2026-11-01", region: "16").markdown(.id)
        assertSnapshot(text, named: "report-16.md")
        #expect(text.contains("## Keputusan (2)"))
        #expect(!text.contains("BTG-KONV24-04")) // Bontang is outside Sumatera Selatan
    }

    @Test func sinceLeavesOutEarlierDecisions() throws {
        let report = try report(since: "2026-11-21", region: "0")
        #expect(report.keputusan.map(\.id) == ["MUBA-AKS22-03", "BTG-KONV24-04"])
    }

    /// A note typed in a meeting reaches the CSV as text, never as a spreadsheet formula;
    /// JSON keeps it exactly.
    @Test func csvNeutralisesFormulasFromNotes() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let note = FollowUpEvent(clientID: "f", recommendationID: "MUBA-AKS22-03", field: .note, oldValue: "",
                                 newValue: "=HYPERLINK(\"http://contoh.invalid\",\"klik\")", author: "@notulis",
                                 recordedAt: "2026-11-23T03:00:00Z")
        let stored = [try store.append(note)]
        let context = sampleContext.with(events: stored)
        let report = FollowUpReport(dataset: context.dataset, events: stored, today: context.today, since: nil,
                                    region: 0, generatedAt: "2026-11-23T05:00:00Z")
        let document = try CSVReader.parse(Array(report.csv().utf8))
        let decision = try #require(document.records.first { $0.fields[0] == "keputusan" })
        #expect(decision.fields[9] == "'@notulis")
        #expect(decision.fields[12] == "'=HYPERLINK(\"http://contoh.invalid\",\"klik\")")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let decisions = try #require(json["keputusan"] as? [[String: Any]])
        #expect(decisions.first?["baru"] as? String == "=HYPERLINK(\"http://contoh.invalid\",\"klik\")")
    }

    @Test func csvAndJsonAreStable() throws {
        let national = try report(since: nil, region: "0")
        assertSnapshot(national.csv(), named: "report-0.csv")
        assertSnapshot(national.json(), named: "report-0.json")
        assertSnapshot(national.markdown(.en), named: "report-0-en.md")
        let pending = national.per_opd.reduce(0) { $0 + $1.tertunda }
        #expect(pending == sampleContext.with(events: []).rollUp.pending(0) - 1) // one recommendation finished
    }
}

/// A shared server's store going offline and coming back, as the reducer and header show it.
@Suite struct OfflineStatusTests {
    @Test func offlineHeaderMessagesAndRecovery() throws {
        var state = stateOnMubaRecommendations()
        reduce(&state, .storeHealth(.offline(pending: 0)))
        #expect(state.storeStatus == .offline(pending: 0))
        #expect(state.flash == "luring — perubahan disimpan di komputer ini dan dikirim saat koneksi kembali")
        #expect(render(state).text().components(separatedBy: "\n")[0].hasSuffix(" LURING · 23 Nov 2026 · ID"))
        // Decisions may still be made; they are said to be kept locally.
        press(&state, "c Down Enter")
        var event = try #require(state.outbox.first)
        state.outbox = []
        event.id = 1 << 52
        reduce(&state, .stored([event]))
        reduce(&state, .storeHealth(.offline(pending: 1)))
        #expect(state.flash == "Disimpan di komputer ini, dikirim saat koneksi kembali: " + event.recommendationID)
        #expect(render(state).text().components(separatedBy: "\n")[0].contains(" LURING (1) · "))
        reduce(&state, .storeHealth(.ok))
        #expect(state.storeStatus == .writable)
        #expect(state.flash == "Tersambung kembali: perubahan terkirim")
        // A read-only store stays read-only whatever the connection does.
        reduce(&state, .storeFailed("--readonly"))
        reduce(&state, .storeHealth(.offline(pending: 0)))
        #expect(state.storeStatus == .readOnly(.failed("--readonly")))
    }

    @Test func theOfflineMessageIsShownWhole() {
        var state = stateOnMubaRecommendations()
        state.lang = .en
        reduce(&state, .storeHealth(.offline(pending: 0)))
        let footer = render(state).text().components(separatedBy: "\n").last ?? ""
        #expect(footer.contains("offline — changes are kept locally and sent when the connection returns"), "\(footer)")
        #expect(footer.contains("? help") && footer.contains("q quit"))
    }
}
