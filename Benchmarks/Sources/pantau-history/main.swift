// Times a dashboard over a long follow-up log (docs/performance.md, "History"): opening
// (load the dataset, read every event, apply them, first frame) and a change recorded in
// another terminal (the session's poll: read what is new, apply it, next frame), the
// latter both incrementally (what the dashboard does) and by applying the whole log again
// (what it did before). Every fifth change is a recommendation issued in the meeting (a
// new row), the rest status changes. `scripts/history-bench.py` makes the state files and
// runs this once per log length, so each run's peak memory is its own.
//
//   swift run -c release pantau-history --data DIR --state FILE [--changes 20] [--size 200x60]
//   swift run -c release pantau-history --create --state FILE     # an empty state file
import Foundation
import PantauKit
import PantauTUI

var data = "", statePath = "", changes = 20, createOnly = false
var size = Size(width: 200, height: 60)
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let name = arguments.removeFirst()
    let value = arguments.isEmpty ? "" : arguments.removeFirst()
    switch name {
    case "--data": data = value
    case "--state": statePath = value
    case "--changes": changes = Int(value) ?? changes
    case "--create": createOnly = true; arguments.insert(value, at: 0)
    case "--size":
        let parts = value.split(separator: "x").compactMap { Int($0) }
        if parts.count == 2 { size = Size(width: parts[0], height: parts[1]) }
    default: print("usage: pantau-history --data DIR --state FILE [--changes N] [--size WxH]"); exit(2)
    }
}
if createOnly, !statePath.isEmpty {
    // An empty state file made by pantau's own store (its schema and migrations), for the
    // script to fill.
    _ = try SQLiteFollowUpStore(path: statePath)
    exit(0)
}
guard !data.isEmpty, !statePath.isEmpty else { print("usage: pantau-history --data DIR --state FILE [--changes N] [--size WxH]"); exit(2) }

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func ms(_ nanoseconds: UInt64) -> String { String(format: "%.1f", Double(nanoseconds) / 1_000_000) }
func peakMiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}
let today = LocalDate(iso: "2026-11-23")!

let t0 = now()
let dataset: Dataset
do { dataset = try DatasetLoader.load(directory: data, currentYear: 2026) } catch { print("load failed: \(error.issues.first.map { $0.formatted(.en) } ?? "")"); exit(1) }
let t1 = now()
let store = try SQLiteFollowUpStore(path: statePath)
let events = try store.allEvents()
let t2 = now()
var state = AppState(context: DashboardContext(dataset: dataset, today: today, events: events), lang: .id, size: size)
let t3 = now()
_ = render(state)
let t4 = now()
print("events \(events.count): load \(ms(t1 - t0)) ms, read events \(ms(t2 - t1)) ms, apply \(ms(t3 - t2)) ms, first frame \(ms(t4 - t3)) ms, "
      + "open total \(ms(t4 - t0)) ms, peak \(peakMiB()) MiB")

// Changes from another terminal: another connection appends one decision, then this
// dashboard's poll picks it up and draws the next frame.
let other = try SQLiteFollowUpStore(path: statePath)
let session = FollowUpSession(store: store)
_ = session.synchronise(&state)
_ = render(state)
let ids = dataset.recommendations.map(\.id)
var incremental: [UInt64] = [], reading: [UInt64] = [], applying: [UInt64] = [], reducing: [UInt64] = [], whole: [UInt64] = []
for number in 0..<changes {
    let target = dataset.recommendations[(number * 7919) % ids.count]
    let event: FollowUpEvent
    if number % 5 == 4 {
        let record = RecommendationRecord(id: "BENCH-\(ProcessInfo.processInfo.processIdentifier)-\(number)",
                                          kode: dataset.region(target.region).code.text, siklus: "2026 S2", asal: .rakor,
                                          rekomendasi: "Tindak lanjut rapat", opd: "Bappeda")
        event = FollowUpEvent(recommendationID: record.id, field: .recommendation, oldValue: nil, newValue: record.encoded(),
                              author: "bench", recordedAt: FollowUpClock.nowISO8601())
    } else {
        event = FollowUpEvent(recommendationID: target.id, field: .status, oldValue: nil,
                              newValue: number % 2 == 0 ? "proses" : "selesai", author: "bench", recordedAt: FollowUpClock.nowISO8601())
    }
    _ = try other.append(event)
    // What `FollowUpSession.synchronise` does when the store says something changed,
    // step by step so that each is timed: read what is new, apply it to the context,
    // hand the context to the reducer (which derives the visible rows again), draw.
    let start = now()
    let fresh = try store.events(after: state.context.lastEventID) ?? []
    let read = now()
    let next = state.context.with(newEvents: fresh)
    let applied = now()
    reduce(&state, .reloaded(next))
    let reduced = now()
    _ = render(state)
    incremental.append(now() - start)
    reading.append(read - start)
    applying.append(applied - read)
    reducing.append(reduced - applied)
    precondition(fresh.count == 1 && state.context.lastEventID == fresh.last?.id, "the change was not seen")
    // The same change as before this work: every event read and applied again.
    let wholeStart = now()
    let all = try store.allEvents()
    let rebuilt = state.context.with(events: all)
    var copy = state
    copy.context = rebuilt
    _ = render(copy)
    whole.append(now() - wholeStart)
    precondition(rebuilt.followUp == state.context.followUp && rebuilt.rollUp == state.context.rollUp
                 && rebuilt.dataset.recommendations == state.context.dataset.recommendations, "incremental and whole differ")
}
func median(_ values: [UInt64]) -> UInt64 { values.sorted()[values.count / 2] }
func split(_ values: [UInt64]) -> String { "\(ms(median(values)))/\(ms(values.max() ?? 0))" }
print("remote change (\(changes)×, median/max ms): incremental \(split(incremental)) = read \(split(reading)) + apply \(split(applying)) "
      + "+ reducer \(split(reducing)) + frame; whole log again \(split(whole))")
