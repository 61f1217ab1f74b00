import Foundation
@testable import PantauKit
import PantauPostgres
import PantauTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Both backends

enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A place for one test's events: a fresh SQLite file, or a fresh database on the
/// shared test server. `open()` gives a new client (connection) each time.
final class Place: @unchecked Sendable {
    let backend: Backend
    let directory: String
    let state: String
    let database: String?
    private var opened: [FollowUpStore] = []

    init(_ backend: Backend) throws {
        self.backend = backend
        directory = NSTemporaryDirectory() + "pantau-shared-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            state = directory + "/pantau.sqlite"
            database = nil
        case .postgres:
            let server = try SharedServer.get()
            let name = try server.createDatabase()
            database = name
            state = server.url(database: name)
        }
    }

    /// A new client; each has its own journal.
    func open(readOnly: Bool = false, rereadInterval: Duration = .seconds(60)) throws -> FollowUpStore {
        let store: FollowUpStore
        switch backend {
        case .sqlite:
            store = try SQLiteFollowUpStore(path: state, readOnly: readOnly)
        case .postgres:
            store = try PostgresFollowUpStore(location: try PostgresLocation.parse(state), readOnly: readOnly,
                                              journalPath: directory + "/journal-\(UUID().uuidString).sqlite",
                                              rereadInterval: rereadInterval)
        }
        opened.append(store)
        return store
    }

    deinit {
        for store in opened { (store as? PostgresFollowUpStore)?.close() }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

func change(_ recommendationID: String, _ field: FollowUpField = .status, _ old: String? = "belum", _ new: String = "proses",
            clientID: String = UUID().uuidString, undoes: Int64? = nil) -> FollowUpEvent {
    FollowUpEvent(clientID: clientID, recommendationID: recommendationID, field: field, oldValue: old, newValue: new,
                  note: "catatan 'kutip'; DROP TABLE x; --", author: "Ani", recordedAt: "2026-11-23T10:15:00Z", undoes: undoes)
}

/// Polls `condition` every 20 ms for up to `seconds`; true when it held.
func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    repeat {
        if try condition() { return true }
        usleep(20_000)
    } while Date() < deadline
    return try condition()
}

func available(_ backend: Backend) throws -> Bool {
    backend == .sqlite ? true : try requirePostgres()
}

@Suite(.serialized) struct SharedStoreTests {
    @Test(arguments: Backend.allCases)
    func appendsAndReadsBackInOrder(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        let store = try place.open()
        let first = try store.append(change("R-1"))
        let second = try store.append(change("R-2", .note, nil, "rapat 12 Nov"))
        let third = try store.append(change("R-1", .deadline, "2026-06-30", "2026-09-30"))
        // A Diseminasi II evaluation: outcome and the case's risk, with the evidence as the note.
        let outcome = try store.append(change("R-1", .outcome, "", "sebagian"))
        let risk = try store.append(change("R-1", .riskImproved, "", "belum_diketahui"))
        #expect(first.id != nil && second.id != nil && third.id != nil)
        #expect(first.id! < second.id! && second.id! < third.id! && third.id! < outcome.id! && outcome.id! < risk.id!)
        let events = try store.allEvents()
        #expect(events.map(\.recommendationID) == ["R-1", "R-2", "R-1", "R-1", "R-1"])
        #expect(events.map(\.field) == [.status, .note, .deadline, .outcome, .riskImproved])
        #expect(events[1].newValue == "rapat 12 Nov")
        #expect(events[0].note == "catatan 'kutip'; DROP TABLE x; --")   // parameters, not SQL text
        #expect(events[3].newValue == "sebagian" && events[4].newValue == "belum_diketahui")
        #expect(events == [first, second, third, outcome, risk])
        // A second client sees the same history.
        #expect(try place.open().allEvents() == events)
    }

    @Test(arguments: Backend.allCases)
    func resendingAClientIDRecordsItOnce(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        let store = try place.open()
        let event = change("R-1", clientID: "fixed-client-id")
        let first = try store.append(event)
        let again = try store.append(event)
        let fromOther = try place.open().append(event)
        #expect(again.id == first.id)
        #expect(fromOther.id == first.id)
        #expect(try store.allEvents().count == 1)
    }

    @Test(arguments: Backend.allCases)
    func undoPointsAtTheEventItReverts(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        let store = try place.open()
        let done = try store.append(change("R-1", .status, "belum", "selesai"))
        _ = try store.append(change("R-1", .status, "selesai", "belum", undoes: done.id))
        let events = try store.allEvents()
        #expect(events.last?.undoes == done.id)
        let recommendation = Recommendation(id: "R-1", region: 1, cycle: "2025 S2", origin: .aks, category: "c", finding: "f", text: "t",
                                            owner: "Dinas", deadline: nil, status: .belum, line: 2)
        #expect(FollowUpApplier.apply(events, to: [recommendation]).recommendations[0].status == .belum)
    }

    @Test(arguments: Backend.allCases)
    func anotherClientSeesAChangeWithinTwoSeconds(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        let writer = try place.open()
        // The re-read fallback is 60 s here: only NOTIFY (or SQLite's data_version) can be this quick.
        let reader = try place.open(rereadInterval: .seconds(60))
        let before = try reader.changeToken()
        let start = Date()
        _ = try writer.append(change("R-7"))
        let seen = try eventually(within: 2) { try reader.changeToken() != before }
        let elapsed = Date().timeIntervalSince(start)
        #expect(seen, "the other client's token did not change within 2 s")
        #expect(try reader.allEvents().map(\.recommendationID) == ["R-7"])
        print("\(backend): change seen by another client after \(Int(elapsed * 1000)) ms")
    }

    @Test(arguments: Backend.allCases)
    func twoClientsMigratingAtOnce(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        let results = Mutex<[String]>([])
        let group = DispatchGroup()
        for number in 0..<2 {
            DispatchQueue.global().async(group: group) {
                do {
                    let store = try place.open()
                    _ = try store.append(change("R-\(number)"))
                    results.withLock { $0.append("ok") }
                } catch {
                    results.withLock { $0.append("\(error)") }
                }
            }
        }
        group.wait()
        #expect(results.withLock { $0 } == ["ok", "ok"])
        #expect(try place.open().allEvents().count == 2)
        if backend == .postgres, let database = place.database {
            #expect(try SharedServer.get().sql("SELECT string_agg(version, ',' ORDER BY version) FROM pantau_schema", database: database)
                    == "v1,v2-recorded-at-index,v3-meeting,v4-operator-position")
        }
    }

    /// A meeting and the decisions linked to it travel through the store like any event,
    /// and another client sees both.
    @Test(arguments: Backend.allCases)
    func meetingsAndLinkedDecisions(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        let store = try place.open()
        let meeting = Meeting(id: "RAPAT-16.06-20221025-AB12", kind: .diseminasi1, title: "Diseminasi I 'Lais'",
                              date: LocalDate(iso: "2022-10-25")!, time: "09:00", region: "16.06", chair: "Pj Sekda",
                              attendees: [MeetingAttendee(opd: "Dinas Kesehatan", position: "Kepala Dinas")],
                              agenda: [MeetingAgendaItem(region: "16.06.02", topic: "Lais")])
        _ = try store.append(FollowUpEvent(recommendationID: meeting.id, field: .meeting, oldValue: nil, newValue: meeting.encoded(),
                                           author: "Ani", recordedAt: "2022-10-25T02:00:00Z"))
        var decision = change("R-1")
        decision.meetingID = meeting.id
        _ = try store.append(decision)
        _ = try store.append(change("R-2"))
        let seen = try place.open().allEvents()
        #expect(seen.map(\.meetingID) == [nil, meeting.id, nil])
        let applied = FollowUpApplier.apply(seen, to: [])
        #expect(applied.meetings[meeting.id] == meeting)
        // The meeting is not a decision on a missing recommendation.
        #expect(applied.orphans.map(\.recommendationID) == ["R-1", "R-2"])
    }

    /// 16.2: two terminals adding a recommendation for the same region and cycle at the
    /// same moment get different ids, and both are kept.
    @Test(arguments: Backend.allCases)
    func twoTerminalsAddingAtOnceKeepBoth(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        _ = try place.open().append(change("R-0"))   // the schema exists before the race
        let results = Mutex<[String]>([])
        let group = DispatchGroup()
        for number in 0..<2 {
            DispatchQueue.global().async(group: group) {
                do {
                    let store = try place.open()
                    let taken = Set(try store.allEvents().map(\.recommendationID))
                    let id = RecommendationRecord.newID(region: "16.06.02", cycle: "2022 S2", taken: taken.contains)
                    let record = RecommendationRecord(id: id, kode: "16.06.02", siklus: "2022 S2", asal: .aks,
                                                      rekomendasi: "Rekomendasi \(number)", opd: "Dinas Kesehatan")
                    _ = try store.append(FollowUpEvent(recommendationID: id, field: .recommendation, oldValue: nil,
                                                       newValue: record.encoded(), author: "t\(number)", recordedAt: "2022-10-25T02:00:00Z"))
                    results.withLock { $0.append(id) }
                } catch {
                    results.withLock { $0.append("\(error)") }
                }
            }
        }
        group.wait()
        let ids = results.withLock { $0 }
        #expect(ids.count == 2 && Set(ids).count == 2 && ids.allSatisfy { $0.hasPrefix("16.06.02-2022S2-") }, "\(ids)")
        let recorded = RecordedRecommendations(try place.open().allEvents())
        #expect(Set(recorded.active.map(\.id)) == Set(ids))
        #expect(Set(recorded.active.map(\.rekomendasi)) == ["Rekomendasi 0", "Rekomendasi 1"])
    }

    /// 16.2, as people do it: four `pantau recommendation add` processes (four terminals,
    /// each with its own journal) started at the same moment on one store. Every one
    /// succeeds with its own id, and all four are kept.
    @Test(arguments: Backend.allCases)
    func fourProcessesAddingAtOnceKeepAll(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        let pantau = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pantau").path
        let data = packageRootForStore.appendingPathComponent("Tests/Fixtures/seed-sample").path
        let results = Mutex<[(status: Int32, output: String)]>([])
        let group = DispatchGroup()
        for number in 0..<4 {
            DispatchQueue.global().async(group: group) {
                let result = runProgram(pantau, ["recommendation", "add", "--data", data, "--state", place.state, "--lang", "en",
                                                 "--region", "16.06.02", "--opd", "Puskesmas Lais", "--text", "Rekomendasi terminal \(number)",
                                                 "--origin", "aks", "--cycle", "2022 S2", "--as", "terminal\(number)"],
                                        environment: ["PANTAU_JOURNAL": place.directory + "/journal-\(number).sqlite", "LANG": "C.UTF-8"])
                results.withLock { $0.append(result) }
            }
        }
        group.wait()
        let finished = results.withLock { $0 }
        #expect(finished.allSatisfy { $0.status == 0 }, "\(finished.map(\.output))")
        // The id alone on the last line of each.
        let ids = finished.compactMap { $0.output.split(separator: "\n").last.map(String.init) }
        #expect(ids.count == 4 && Set(ids).count == 4 && ids.allSatisfy { $0.hasPrefix("16.06.02-2022S2-") }, "\(ids)")
        let recorded = RecordedRecommendations(try place.open().allEvents())
        #expect(Set(recorded.active.map(\.id)) == Set(ids))
        #expect(Set(recorded.active.map(\.rekomendasi)) == Set((0..<4).map { "Rekomendasi terminal \($0)" }))
    }

    /// A server set up by the previous pantau (no meeting column): a read-only client reads
    /// it as it is; the next writable one migrates it and keeps every event.
    @Test func olderServerIsReadThenMigrated() throws {
        guard try available(.postgres) else { return }
        let place = try Place(.postgres)
        _ = try place.open().append(change("R-1"))
        let database = try #require(place.database)
        let server = try SharedServer.get()
        _ = try server.sql("ALTER TABLE pantau_event DROP COLUMN meeting_id; DELETE FROM pantau_schema WHERE version = 'v3-meeting'",
                           database: database)
        let reader = try place.open(readOnly: true)
        #expect(try reader.allEvents().map(\.recommendationID) == ["R-1"])
        var linked = change("R-2")
        linked.meetingID = "RAPAT-32-20241104-0000"
        _ = try place.open().append(linked)
        #expect(try place.open().allEvents().map(\.meetingID) == [nil, "RAPAT-32-20241104-0000"])
        #expect(try server.sql("SELECT string_agg(version, ',' ORDER BY version) FROM pantau_schema", database: database)
                == "v1,v2-recorded-at-index,v3-meeting,v4-operator-position")
    }

    @Test(arguments: Backend.allCases)
    func readOnlyClientNeverWrites(_ backend: Backend) throws {
        guard try available(backend) else { return }
        let place = try Place(backend)
        _ = try place.open().append(change("R-1"))
        let reader = try place.open(readOnly: true)
        #expect(reader.isReadOnly)
        #expect(throws: FollowUpStoreError.readOnly) { try reader.append(change("R-2")) }
        #expect(try reader.allEvents().count == 1)
    }

    @Test(arguments: [Backend.sqlite, .postgres], [Backend.sqlite, .postgres])
    func exportAndImportAreIdempotent(_ from: Backend, _ to: Backend) throws {
        guard try available(from), try available(to) else { return }
        let sourcePlace = try Place(from)
        let source = try sourcePlace.open()
        let done = try source.append(change("R-1", .status, "belum", "selesai"))
        _ = try source.append(change("R-2", .note, nil, "catatan"))
        _ = try source.append(change("R-1", .status, "selesai", "belum", undoes: done.id))
        let destinationPlace = try Place(to)
        let destination = try destinationPlace.open()
        _ = try destination.append(change("R-9"))   // already there before the import
        let first = try FollowUpTransfer.copy(from: source, to: destination)
        let second = try FollowUpTransfer.copy(from: source, to: destination)
        #expect(first.copied == 3 && first.present == 0)
        #expect(second.copied == 0 && second.present == 3)
        let copied = try destination.allEvents()
        #expect(copied.map(\.recommendationID) == ["R-9", "R-1", "R-2", "R-1"])
        #expect(copied[3].undoes == copied[1].id)   // re-pointed at the copy
        #expect(Set(copied.dropFirst().map(\.clientID)) == Set(try source.allEvents().map(\.clientID)))
    }
}

/// The package root, found from this file (the sample data the binary validates against).
let packageRootForStore = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
