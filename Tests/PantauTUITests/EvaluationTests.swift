import Foundation
import Testing
@testable import PantauKit
@testable import PantauTUI

// Diseminasi II (issue 16.3): the outcome of a recommendation's follow-up and whether the
// audited case's risk improved, recorded as events, shown in Detail and the history,
// counted per OPD and region in the minutes.
@Suite struct EvaluationTests {
    @Test func theFormRecordsTheOutcomeAndTheRiskWithTheEvidence() throws {
        var state = stateOnMubaRecommendations()
        let selected = try #require(state.selectedRecommendation)
        #expect(selected.outcome == nil && selected.riskImproved == nil)
        press(&state, "e")
        guard case .form(let form)? = state.overlay else { Issue.record("no form"); return }
        #expect(form.kind == .evaluation)
        let screen = render(state).text()
        #expect(screen.contains("Evaluasi tindak lanjut · \(selected.id)"), "\(screen)")
        #expect(screen.contains("▶ tercapai") && screen.contains("● belum diketahui"), "\(screen)")
        // "sebagian", then Tab to the risk list and up twice to "ya", then the evidence.
        press(&state, "Down Tab Up Up")
        for character in "TPK lengkap" { reduce(&state, .key(.character(character))) }
        #expect(render(state).text().contains("● sebagian"))
        press(&state, "Enter")
        #expect(state.overlay == nil)
        #expect(state.outbox.count == 2)
        let (outcome, risk) = (state.outbox[0], state.outbox[1])
        #expect(outcome.field == .outcome && outcome.oldValue == "" && outcome.newValue == "sebagian" && outcome.note == "TPK lengkap")
        #expect(risk.field == .riskImproved && risk.oldValue == "" && risk.newValue == "ya" && risk.note == nil)
        #expect(outcome.recommendationID == selected.id && outcome.author == "notulis")
    }

    /// On the smallest slide (40×12) the lists are one line each, so the evidence field shows.
    @Test func onASmallSlideTheFormFitsWithItsField() {
        var state = presentingState(width: 40, height: 12)
        press(&state, "e")
        var text = render(state).text()
        #expect(text.contains("Hasil: ‹ tercapai ›") && text.contains("Bukti (opsional):"), "\(text)")
        press(&state, "Down Tab Up")
        text = render(state).text()
        #expect(text.contains("Hasil: ‹ sebagian ›") && text.contains("‹ tidak ›"), "\(text)")
        press(&state, "Enter")
        #expect(state.outbox.map(\.newValue) == ["sebagian", "tidak"])
    }

    @Test func anUnchangedEvaluationIsRefusedAndEscSavesNothing() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let session = FollowUpSession(store: store, clock: { "2026-11-23T09:30:00Z" })
        var state = stateOnMubaRecommendations()
        let id = try #require(state.selectedRecommendation?.id)
        press(&state, "e Enter") // tercapai, belum diketahui
        session.synchronise(&state)
        #expect(state.flash == "Tersimpan: \(id)")
        let updated = try #require(state.dataset.recommendations.first { $0.id == id })
        #expect(updated.outcome == .tercapai && updated.riskImproved == .belumDiketahui)
        // The form opens on what is recorded; Enter without a change says so.
        press(&state, "e Enter")
        guard case .form(let form)? = state.overlay else { Issue.record("the form closed"); return }
        #expect(form.error?.hasPrefix("Evaluasi tidak berubah") == true)
        press(&state, "Esc")
        #expect(state.overlay == nil && state.outbox.isEmpty)
        #expect(try store.allEvents().count == 2)
        // Detail shows the evaluation and both events in the history, in Muba's time (WIB).
        press(&state, "Enter")
        let detail = detailLines(state, width: 200).map(\.text).joined(separator: "\n")
        #expect(detail.contains("Evaluasi: tercapai · risiko kasus membaik: belum diketahui"), "\(detail)")
        #expect(detail.contains("23 Nov 2026 16:30 WIB · notulis · hasil – → tercapai"), "\(detail)")
        #expect(detail.contains("23 Nov 2026 16:30 WIB · notulis · risiko membaik – → belum diketahui"), "\(detail)")
    }

    @Test func theApplierTakesValidEvaluationsUndoesThemAndReportsBadValues() throws {
        let recommendations = sampleContext.dataset.recommendations
        let id = "MUBA-AKS22-07"
        func event(_ number: Int64, _ field: FollowUpField, _ old: String?, _ new: String, undoes: Int64? = nil) -> FollowUpEvent {
            var event = FollowUpEvent(clientID: "e\(number)", recommendationID: id, field: field, oldValue: old, newValue: new,
                                      author: "Ani", recordedAt: "2026-11-23T10:15:00Z", undoes: undoes)
            event.id = number
            return event
        }
        let events = [event(1, .outcome, "", "sebagian"), event(2, .riskImproved, "", "ya"),
                      event(3, .outcome, "sebagian", "gagal"),            // not a choice: reported, ignored
                      event(4, .riskImproved, "tidak", "belum_diketahui")] // from "tidak", but it was "ya": a conflict
        let applied = FollowUpApplier.apply(events, to: recommendations)
        let recommendation = try #require(applied.recommendations.first { $0.id == id })
        #expect(recommendation.outcome == .sebagian && recommendation.riskImproved == .belumDiketahui)
        #expect(applied.invalid.map(\.id) == [3])
        #expect(applied.conflicts == [4])
        #expect(applied.history[id]?.map(\.id) == [4, 2, 1])
        // Undoing the outcome goes back to none ("").
        let undo = try #require(FollowUpUndo.undoEvent(for: events[0], current: recommendation, author: "Ani", at: "2026-11-23T11:00:00Z"))
        #expect(undo.field == .outcome && undo.oldValue == "sebagian" && undo.newValue == "" && undo.undoes == 1)
        var numbered = undo
        numbered.id = 5
        let after = FollowUpApplier.apply(events + [numbered], to: recommendations)
        #expect(after.recommendations.first { $0.id == id }?.outcome == nil)
        // The incremental ledger agrees with applying the whole log again.
        var ledger = FollowUpLedger(events: Array(events.prefix(2)), recommendations: recommendations)
        _ = ledger.append(Array(events.dropFirst(2)) + [numbered])
        #expect(ledger.result == after)
    }

    @Test func theMinutesListEvaluationsWithTheEvidenceAndCountThem() throws {
        let store = try SQLiteFollowUpStore.inMemory()
        let recorded = [
            FollowUpEvent(clientID: "a", recommendationID: "MUBA-AKS22-07", field: .outcome, oldValue: "", newValue: "tercapai",
                          note: "TPK desa Lais lengkap (SK Kades 12/2023)", author: "notulis", recordedAt: "2026-11-23T03:00:00Z"),
            FollowUpEvent(clientID: "b", recommendationID: "MUBA-AKS22-07", field: .riskImproved, oldValue: "", newValue: "ya",
                          author: "notulis", recordedAt: "2026-11-23T03:00:01Z"),
            FollowUpEvent(clientID: "c", recommendationID: "MUBA-AKS22-03", field: .outcome, oldValue: "", newValue: "sebagian",
                          author: "notulis", recordedAt: "2026-11-23T03:05:00Z"),
        ].map { try! store.append($0) }
        let context = sampleContext.with(events: recorded)
        let muba = try #require(context.dataset.index(of: RegionCode("16.06")!))
        let report = FollowUpReport(dataset: context.dataset, events: recorded, today: context.today, since: nil,
                                    region: muba, generatedAt: "2026-11-23T05:00:00Z")
        #expect(report.evaluasi.map(\.id) == ["MUBA-AKS22-03", "MUBA-AKS22-07"] || report.evaluasi.map(\.id) == ["MUBA-AKS22-07", "MUBA-AKS22-03"])
        let lais = try #require(report.evaluasi.first { $0.id == "MUBA-AKS22-07" })
        #expect(lais.hasil == "tercapai" && lais.risiko_membaik == "ya" && lais.bukti == "TPK desa Lais lengkap (SK Kades 12/2023)")
        #expect(report.evaluasi_per_wilayah.map(\.nama) == ["Kabupaten Musi Banyuasin"])
        let counts = try #require(report.evaluasi_per_wilayah.first)
        #expect((counts.dievaluasi, counts.tercapai, counts.sebagian, counts.tidak_tercapai, counts.risiko_membaik) == (2, 1, 1, 0, 1))
        let markdown = report.markdown(.id)
        #expect(markdown.contains("| 2026-11-23 10:00 WIB | MUBA-AKS22-07 | Lais | hasil: – → tercapai | notulis | TPK desa Lais lengkap (SK Kades 12/2023) |"), "\(markdown)")
        #expect(markdown.contains("## Evaluasi tindak lanjut (2)"))
        #expect(markdown.contains("| MUBA-AKS22-07 | Lais | DPPKB | belum | tercapai | ya | TPK desa Lais lengkap (SK Kades 12/2023) |"), "\(markdown)")
        #expect(markdown.contains("| Kabupaten Musi Banyuasin (16.06) | 2 | 1 | 1 | 0 | 1 |"), "\(markdown)")
        #expect(report.markdown(.en).contains("| MUBA-AKS22-07 | Lais | DPPKB | to do | achieved | yes |"))
        // CSV: the evaluation columns last, read back by an independent parser.
        let document = try CSVReader.parse(Array(report.csv().utf8))
        #expect(document.header?.fields.suffix(3) == ["hasil", "risiko_membaik", "bukti"])
        let row = try #require(document.records.first { $0.fields[0] == "evaluasi" && $0.fields[1] == "MUBA-AKS22-07" })
        #expect(row.fields.suffix(3) == ["tercapai", "ya", "TPK desa Lais lengkap (SK Kades 12/2023)"])
        #expect(document.records.allSatisfy { $0.fields.count == 19 })
        // Minutes without evaluations keep their earlier shape.
        let plain = FollowUpReport(dataset: sampleContext.dataset, events: [], today: context.today, since: nil,
                                   region: muba, generatedAt: "2026-11-23T05:00:00Z")
        #expect(!plain.markdown(.id).contains("Evaluasi"))
    }
}
