// Writes follow-up events to a state file, for the store's multi-process and SIGKILL tests.
//
//   pantau-store-stress --state PATH --count N [--prefix P]   append N events, then exit 0
//   pantau-store-stress --state PATH --forever [--prefix P]   append until killed, printing
//                                                             each acknowledged client id
//   pantau-store-stress --state PATH --probe [--drop-privileges]
//       open the store for writing, try one append and print what happened (`open
//       readonly=… reason=…`, `append ok|<error>`, `events N`); --drop-privileges first
//       becomes `nobody` when run as root, so permission tests mean something under root.
//
//   PATH may be a postgres:// URL (password from PGPASSWORD/PGPASSFILE); --journal FILE
//   names its local journal. With --count, the writer waits (up to 60 s) until the
//   journal is sent before exiting 0, so a server restart mid-run loses nothing.
//
// Events: recommendation "STRESS-<n>", field note, author "stress", client ids "<prefix>-<n>".
// Exit status: 0 done, 1 store error (named on stderr), 2 usage.

import Foundation
import PantauKit
import PantauPostgres

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func writeOut(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            exit(1)
        }
        bytes = bytes.dropFirst(written)
    }
}

func fail(_ text: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data(("pantau-store-stress: " + text + "\n").utf8))
    exit(status)
}

func caseName(_ error: FollowUpStoreError) -> String {
    switch error {
    case .readOnly: "readOnly"
    case .corrupt: "corrupt"
    case .locked: "locked"
    case .diskFull: "diskFull"
    case .cannotOpen: "cannotOpen"
    case .newerSchema: "newerSchema"
    case .replaced: "replaced"
    case .vanished: "vanished"
    case .invalidText: "invalidText"
    case .authenticationFailed: "authenticationFailed"
    case .tlsRequired: "tlsRequired"
    case .tlsUnavailable: "tlsUnavailable"
    case .unknownHost: "unknownHost"
    case .serverRefused: "serverRefused"
    case .unreachable: "unreachable"
    }
}

func event(_ number: Int, prefix: String) -> FollowUpEvent {
    FollowUpEvent(clientID: "\(prefix)-\(number)", recommendationID: "STRESS-\(number)", field: .note,
                  oldValue: nil, newValue: "stress note \(number)", author: "stress",
                  recordedAt: FollowUpClock.nowISO8601())
}

var statePath: String?
var count: Int?
var forever = false
var probe = false
var dropPrivileges = false
var journal: String?
var prefix = UUID().uuidString
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--state": statePath = arguments.popFirst()
    case "--count": count = arguments.popFirst().flatMap { Int($0) }
    case "--prefix": prefix = arguments.popFirst() ?? prefix
    case "--forever": forever = true
    case "--probe": probe = true
    case "--drop-privileges": dropPrivileges = true
    case "--journal": journal = arguments.popFirst()
    default: fail("unknown argument \(argument)", status: 2)
    }
}
guard let statePath, [count != nil, forever, probe].filter({ $0 }).count == 1 else {
    fail("usage: --state PATH (--count N | --forever | --probe [--drop-privileges]) [--prefix P]", status: 2)
}

if probe {
    if dropPrivileges && geteuid() == 0 {
        let nobody: UInt32 = 65534
        guard setgroups(0, nil) == 0, setgid(nobody) == 0, setuid(nobody) == 0 else {
            fail("cannot drop privileges: \(String(cString: strerror(errno)))", status: 1)
        }
    }
    let store: SQLiteFollowUpStore
    do {
        store = try SQLiteFollowUpStore(path: statePath)
    } catch {
        writeOut("open error=\(caseName(error))\n")
        exit(0)
    }
    writeOut("open readonly=\(store.isReadOnly) reason=\(store.readOnlyReason.map(caseName) ?? "none")\n")
    do {
        _ = try store.append(event(0, prefix: prefix))
        writeOut("append ok\n")
    } catch {
        writeOut("append \(caseName(error))\n")
    }
    do {
        writeOut("events \(try store.allEvents().count)\n")
    } catch {
        writeOut("events \(caseName(error))\n")
    }
    exit(0)
}

let store: FollowUpStore
do {
    var environment = ProcessInfo.processInfo.environment
    if let journal { environment["PANTAU_JOURNAL"] = journal }
    let opened = try FollowUpStores.open(statePath, readOnly: false, environment: environment)
    if let reason = opened.readOnlyReason { fail(reason.message(.en), status: 1) }
    store = opened.store
} catch {
    fail(error.message(.en), status: 1)
}

var number = 0
while forever || number < count! {
    let next = event(number, prefix: prefix)
    do {
        let stored = try store.append(next)
        if forever { writeOut(stored.clientID + "\n") }
    } catch let error as FollowUpStoreError {
        fail(error.message(.en), status: 1)
    } catch {
        fail("\(error)", status: 1)
    }
    number += 1
}

// Everything acknowledged must reach the server before a counted run ends.
if !forever {
    let deadline = Date(timeIntervalSinceNow: 60)
    while store.health() != .ok {
        if Date() > deadline { fail("journal not sent within 60 s: \(store.health())", status: 1) }
        usleep(50_000)
    }
}
