import Foundation
import Testing
@testable import PantauKit

/// Issue 19.2 and 19.10: NUL, other controls and invisible characters at every boundary.
@Suite struct TextRulesTests {
    private let header = "id,kode,siklus,asal,kategori,temuan,rekomendasi,opd,tenggat,status"

    private func rekomendasi(_ rows: String...) -> [String: String] {
        TestData.valid(replacing: ["rekomendasi.csv": ([header] + rows).joined(separator: "\n") + "\n"])
    }

    @Test func identifiersAreTrimmedNormalisedAndRefusedWhenInvisible() {
        #expect(TextRules.identifier("  Dinas   Sosial\u{00A0}") == .success("Dinas Sosial"))
        // NFD "é" (e + combining acute) becomes the precomposed one.
        #expect(TextRules.identifier("Dine\u{301}s") == .success("Din\u{E9}s"))
        #expect(TextRules.identifier("JBG-01\u{0}X") == .failure(.init(scalar: "\u{0}", position: 7)))
        #expect(TextRules.identifier("JBG\u{200B}-01") == .failure(.init(scalar: "\u{200B}", position: 4)))
        #expect(TextRules.identifier("Dinas\u{202E} Sosial") == .failure(.init(scalar: "\u{202E}", position: 6)))
        #expect(TextRules.identifier("A\tB") == .failure(.init(scalar: "\t", position: 2)))
        #expect(TextRules.identifier("\u{FEFF}R1") == .failure(.init(scalar: "\u{FEFF}", position: 1)))
        #expect(TextRules.identifier("\u{85}R1") == .failure(.init(scalar: "\u{85}", position: 1)))
    }

    @Test func freeTextKeepsLineBreaksAndRefusesControlsAndBidi() {
        #expect(TextRules.freeText(" sudah\ndibahas ") == .success("sudah\ndibahas"))
        #expect(TextRules.freeText("catat\u{0}an") == .failure(.init(scalar: "\u{0}", position: 6)))
        #expect(TextRules.freeText("\u{1B}]52;c;aGk=\u{7}") == .failure(.init(scalar: "\u{1B}", position: 1)))
        #expect(TextRules.freeText("abc\u{2066}def") == .failure(.init(scalar: "\u{2066}", position: 4)))
        #expect(TextRules.Violation(scalar: "\u{200B}", position: 4).message(.en) == "U+200B (invisible character) at character 4")
        #expect(TextRules.Violation(scalar: "\u{0}", position: 1).message(.id) == "U+0000 (karakter kendali) pada karakter ke-1")
    }

    @Test func storedNamesGroupTogether() {
        #expect(TextRules.canonicalName("Dinas Sosial ") == "Dinas Sosial")
        #expect(TextRules.canonicalName("Dinas\u{202E} Sosial") == "Dinas Sosial")
        #expect(TextRules.canonicalName("Dinas\u{200B} So\u{0}sial") == "Dinas Sosial")
    }

    @Test func aNulInARecommendationIDIsAnErrorAtItsColumn() throws {
        let issues = try TestData.issues(rekomendasi("R1\u{0}X,32.01,,aks,,,Satu,Dinas Kesehatan,,belum"))
        #expect(issues == [DataIssue(file: "rekomendasi.csv", line: 2, column: 3, problem: .invisibleCharacter(column: "id", scalar: 0))])
        #expect(issues.first?.formatted(.en).contains("rekomendasi.csv:2:3: error: column 'id' holds U+0000 (control character)") == true)
    }

    @Test func invisibleCharactersInAnOwnerAreErrorsAtTheirColumn() throws {
        let issues = try TestData.issues(rekomendasi(
            "R1,32.01,,aks,,,Satu,Dinas\u{202E} Sosial,,belum",
            "R2,32.01,,aks,,,Dua,Dinas\u{200B}Sosial,,belum"))
        #expect(issues == [
            DataIssue(file: "rekomendasi.csv", line: 2, column: 27, problem: .invisibleCharacter(column: "opd", scalar: 0x202E)),
            DataIssue(file: "rekomendasi.csv", line: 3, column: 26, problem: .invisibleCharacter(column: "opd", scalar: 0x200B)),
        ])
    }

    @Test func idsThatDifferOnlyInSpacesAreDuplicatesAndOwnersOneName() throws {
        let issues = try TestData.issues(rekomendasi(
            "R1,32.01,,aks,,,Satu,Dinas Sosial,,belum",
            "R1 ,32.01,,aks,,,Dua,Dinas Sosial,,belum"))
        #expect(issues == [DataIssue(file: "rekomendasi.csv", line: 3, column: 1, problem: .duplicateKey(key: "id R1", firstLine: 2))])
        let dataset = try TestData.load(rekomendasi(
            "R1,32.01,,aks,,,Satu,Dinas Sosial,,belum",
            "R2,32.01,,aks,,,Dua, Dinas  Sosial ,,belum",
            "R3,32.01,,aks,,,Tiga,Dinas Sosial\u{00A0},,belum"))
        #expect(Set(dataset.recommendations.map(\.owner)) == ["Dinas Sosial"])
    }

    @Test func anOwnerDecisionStoredWithATrailingSpaceIsTheSameOPD() {
        let recommendation = Recommendation(id: "R1", region: 1, cycle: "", origin: .aks, category: "", finding: "", text: "t",
                                            owner: "Dinas Kesehatan", deadline: nil, status: .belum, line: 2)
        var event = FollowUpEvent(recommendationID: "R1", field: .owner, oldValue: "Dinas Kesehatan", newValue: "Dinas\u{202E} Sosial ",
                                  author: "Ani", recordedAt: "2026-11-23T10:15:00Z")
        event.id = 1
        #expect(FollowUpApplier.apply([event], to: [recommendation]).recommendations.first?.owner == "Dinas Sosial")
    }

    @Test func eventsWithANulAreRefusedBeforeCopying() {
        var event = FollowUpEvent(recommendationID: "R1\u{0}X", field: .note, oldValue: nil, newValue: "catatan", author: "Ani",
                                  recordedAt: "2026-11-23T10:15:00Z")
        #expect(event.textViolation()?.column == "recommendation_id")
        event.recommendationID = "R1"
        event.newValue = "cat\u{0}atan"
        #expect(event.textViolation()?.column == "new_value")
        event.newValue = "baris satu\nbaris dua"
        #expect(event.textViolation()?.column == nil)
    }
}
