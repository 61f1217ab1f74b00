import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

// --- test-only crash hook ---
/// PANTAU_TEST_CRASH=1: a fatal error right after the first frame is on screen, so the
/// end-to-end tests can check that a crash still gives the terminal back as it was.
final class CrashAfterFirstFrame: TerminalDevice {
    let terminal: TerminalDevice
    init(_ terminal: TerminalDevice) { self.terminal = terminal }
    var size: Size { terminal.size }
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? { terminal.nextEvent(timeoutMilliseconds: timeoutMilliseconds) }
    func present(_ screen: ScreenBuffer) {
        terminal.present(screen)
        fatalError("PANTAU_TEST_CRASH: crashing after the first frame, as asked")
    }
    func restore() { terminal.restore() }
}
// --- end test-only crash hook ---

/// PANTAU_TRACE_STARTUP=1: after the dashboard ends, prints how long each step before
/// the first frame took (docs/performance.md), measured from the start of `main`.
final class StartupTrace: @unchecked Sendable {
    static let shared = StartupTrace()
    let enabled = ProcessInfo.processInfo.environment["PANTAU_TRACE_STARTUP"] == "1"
    private let start = DispatchTime.now().uptimeNanoseconds
    private var marks: [(String, UInt64)] = []

    func mark(_ step: String) {
        guard enabled else { return }
        marks.append((step, DispatchTime.now().uptimeNanoseconds))
    }

    func report() {
        guard enabled else { return }
        var previous = start
        for (step, time) in marks {
            printError(String(format: "startup %-16@ %7.1f ms (at %7.1f ms)", step as NSString,
                              Double(time - previous) / 1e6, Double(time - start) / 1e6))
            previous = time
        }
    }
}

/// Marks the first frame in the startup trace.
final class TracedTerminal: TerminalDevice {
    let terminal: TerminalDevice
    private var first = true
    init(_ terminal: TerminalDevice) { self.terminal = terminal }
    var size: Size { terminal.size }
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? { terminal.nextEvent(timeoutMilliseconds: timeoutMilliseconds) }
    func present(_ screen: ScreenBuffer) {
        terminal.present(screen)
        if first { first = false; StartupTrace.shared.mark("first frame") }
    }
    func restore() { terminal.restore() }
}
