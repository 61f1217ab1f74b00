import Foundation

/// A value behind a lock that ThreadSanitizer can see. Not `Synchronization.Mutex`: on
/// Linux its lock is atomics and futex calls inside the prebuilt standard library, which
/// the sanitizer cannot observe, so a NOTIFY arriving on a PostgresNIO thread while the
/// main thread appended was reported as a race on the state it guards (CI, 24 November).
final class Locked<Value>: @unchecked Sendable {
    // Every access to `value` holds `lock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
