import Testing
@testable import PantauKit
@testable import PantauTUI

/// Issue 19.2 and 19.10 at the typed-text boundary: the forms follow `TextRules`.
@Suite struct TypedTextTests {
    private func type(_ text: String, into state: inout AppState) {
        for character in text { reduce(&state, .key(.character(character))) }
    }

    /// A control character that reaches a form as a typed key (a C1 CSI here) is dropped
    /// as it is typed (TextField): it never reaches a stored note.
    @Test func aTypedControlCharacterNeverReachesTheNote() throws {
        var state = stateOnMubaRecommendations()
        press(&state, "n")
        type("rapat\u{9B}2J selesai", into: &state)
        guard case .form(let form)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(form.text == "rapat2J selesai")
        press(&state, "Enter")
        let event = try #require(state.outbox.first)
        #expect(event.newValue == "rapat2J selesai")
    }

    @Test func aNoteWithABidiOverrideIsRefusedAndKept() throws {
        var state = stateOnMubaRecommendations()
        press(&state, "n")
        type("lihat \u{202E}lampiran", into: &state)
        press(&state, "Enter")
        guard case .form(let form)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(form.error?.contains("U+202E") == true)
        #expect(form.text == "lihat \u{202E}lampiran")   // what was typed is kept to be corrected
        #expect(state.outbox.isEmpty)
        press(&state, "Esc")
        press(&state, "n")
        // The note is a one-line field: a line break becomes a space (issue 14.5).
        type(" baris satu\nbaris dua ", into: &state)
        press(&state, "Enter")
        let event = try #require(state.outbox.first)
        #expect(event.newValue == "baris satu baris dua")
    }

    @Test func anOwnerIsNormalisedOrRefusedLikeTheDatasets() throws {
        var state = stateOnMubaRecommendations()
        press(&state, "O")
        guard case .form(let opened)? = state.overlay else { Issue.record("no form"); return }
        for _ in opened.text { press(&state, "BSpace") }
        type("Dinas\u{200B}Sosial", into: &state)
        press(&state, "Enter")
        guard case .form(let refused)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(refused.error == "Teks berisi U+200B (karakter tak terlihat) pada karakter ke-6; hapus karakter itu")
        for _ in refused.text { press(&state, "BSpace") }
        type(" Dinas   Sosial\u{A0}", into: &state)
        press(&state, "Enter")
        let event = try #require(state.outbox.first)
        #expect(event.newValue == "Dinas Sosial")
    }
}

/// A store on a server that went away during the append: the change is queued.
final class QueuingStore: FollowUpStore, @unchecked Sendable {
    let inner: SQLiteFollowUpStore
    private(set) var queued = 0
    init() throws { inner = try SQLiteFollowUpStore.inMemory() }
    func append(_ event: FollowUpEvent) throws -> FollowUpEvent { queued += 1; return try inner.append(event) }
    func allEvents() throws -> [FollowUpEvent] { try inner.allEvents() }
    func changeToken() throws -> Int64 { try inner.changeToken() }
    var isReadOnly: Bool { false }
    var readOnlyReason: FollowUpStoreError? { nil }
    func close() { inner.close() }
    func health() -> FollowUpStoreHealth { queued == 0 ? .ok : .offline(pending: queued) }
}

/// Issue 19.11's neighbour: a decision queued, not delivered, is never called "Tersimpan".
@Suite struct QueuedDecisionTests {
    @Test func aDecisionQueuedDuringTheAppendIsSaidToBeKeptLocally() throws {
        let store = try QueuingStore()
        let session = FollowUpSession(store: store, clock: { "2026-11-23T10:15:00Z" })
        var state = stateOnMubaRecommendations()
        press(&state, "c Down Enter")
        session.synchronise(&state)
        #expect(state.storeStatus == .offline(pending: 1))
        #expect(state.flash == "Disimpan di komputer ini, dikirim saat koneksi kembali: MUBA-AKS22-07")
    }
}
