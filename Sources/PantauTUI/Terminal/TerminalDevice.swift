import Foundation
import PantauKit

/// What the dashboard loop needs from a terminal. The ncurses implementation is the only
/// code that touches the real terminal; tests drive the loop with their own device.
public protocol TerminalDevice: AnyObject {
    var size: Size { get }
    /// Waits up to `timeoutMilliseconds` for input; nil on timeout.
    func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent?
    func present(_ screen: ScreenBuffer)
    /// Puts the terminal back as it was. Safe to call more than once.
    func restore()
}

public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case resize(Size)
    /// Text pasted into the terminal (bracketed paste), as one block.
    case paste(String)
    /// A mouse click or wheel turn.
    case mouse(MouseEvent)
    /// A termination signal (INT, TERM, HUP) arrived; the loop must restore and exit.
    case signal(Int32)
}

/// Runs the dashboard until the user quits or a signal arrives. Returns the exit status.
/// With a follow-up session, decisions in the state's outbox are written after each key,
/// and the store is polled (every 500 ms while idle) so another terminal's decisions
/// show up without a restart.
public func runDashboard(_ initial: AppState, on terminal: TerminalDevice, followUp: FollowUpSession? = nil,
                         sharing: PositionSharing? = nil, clock: (() -> String)? = nil) -> Int32 {
    var state = initial
    reduce(&state, .resize(terminal.size))
    if let clock { reduce(&state, .tick(clock())) }
    terminal.present(render(state))
    while !state.shouldQuit {
        let event = terminal.nextEvent(timeoutMilliseconds: sharing?.pollMilliseconds ?? 500)
        switch event {
        case .key(let key)?: reduce(&state, .key(key))
        case .resize(let size)?: reduce(&state, .resize(size))
        case .paste(let text)?: reduce(&state, .paste(text))
        case .mouse(let event)?: reduce(&state, .mouse(event))
        case .signal(let number)?:
            sharing?.finish()
            terminal.restore()
            return 128 + number
        case nil: break
        }
        var changed = followUp?.synchronise(&state) ?? false
        if sharing?.exchange(&state) == true { changed = true }
        if let now = clock?(), now != state.clock {
            reduce(&state, .tick(now))
            changed = changed || state.presentation != nil
        }
        if state.shouldQuit { break }
        if event != nil || changed { terminal.present(render(state)) }
    }
    sharing?.finish()
    // One last try for decisions still held, whatever the retry time.
    if let followUp, followUp.heldCount > 0 {
        followUp.retryNow()
        followUp.synchronise(&state)
    }
    terminal.restore()
    return 0
}

/// Connects the pure dashboard state to a follow-up store: writes what the reducer put
/// in the outbox and reloads when any connection (this one or another process) commits.
public final class FollowUpSession {
    public let store: FollowUpStore
    private var lastToken: Int64?
    private var lastHealth: FollowUpStoreHealth = .ok
    /// Supplies the time stamp of each event (injectable for tests).
    private let clock: () -> String
    /// Decisions stamped and not yet written because the file was locked or the disk
    /// full (19.13): written first, in order, once `retryAt` has passed.
    private var held: [FollowUpEvent] = []
    private var retryAt = Date.distantPast
    private let retryInterval: TimeInterval
    private let now: () -> Date

    public init(store: FollowUpStore, clock: @escaping () -> String = FollowUpClock.nowISO8601,
                retryInterval: TimeInterval = 3, now: @escaping () -> Date = Date.init) {
        self.store = store
        self.clock = clock
        self.retryInterval = retryInterval
        self.now = now
        self.lastToken = try? store.changeToken()
    }

    /// How many decisions wait for a lock or disk space.
    public var heldCount: Int { held.count }

    /// The next `synchronise` tries the held decisions at once (quitting).
    public func retryNow() { retryAt = .distantPast }

    /// Writes pending decisions and reloads if anything changed. Returns true when the
    /// state changed and the screen needs redrawing.
    @discardableResult
    public func synchronise(_ state: inout AppState) -> Bool {
        var changed = false
        // New decisions join the held ones (each stamped when it was made), so order is kept.
        for var event in state.outbox {
            event.recordedAt = clock()
            // A meeting closed in the dashboard is closed at the moment it is written.
            if event.field == .meeting, var meeting = Meeting.decoded(event.newValue), meeting.closedAt == "" {
                meeting.closedAt = event.recordedAt
                event.newValue = meeting.encoded()
            } else if event.meetingID == nil && event.field != .meeting {
                event.meetingID = state.openMeetingID
            }
            held.append(event)
        }
        let decided = !state.outbox.isEmpty
        state.outbox = []
        if !held.isEmpty && now() >= retryAt {
            let pending = held
            let waited = if case .waiting = state.storeStatus { true } else { false }
            var written: [FollowUpEvent] = []
            held = []
            do {
                for event in pending { written.append(try store.append(event)) }
            } catch let error as FollowUpStoreError where error.passes {
                // A lock or a full disk passes: keep what was not written and try again soon.
                held = Array(pending.dropFirst(written.count))
                retryAt = now().addingTimeInterval(retryInterval)
                reduce(&state, .storeWaiting(pending: held.count, reason: error.passingCause(state.lang) ?? error.message(state.lang)))
            } catch {
                reduce(&state, .storeFailed(FollowUpSession.describe(error, state.lang)))
            }
            if held.isEmpty && waited { reduce(&state, .storeResumed) }
            // The health after these writes first, so that a decision queued because the
            // server just went away is said to be kept locally, not "Tersimpan".
            updateHealth(&state)
            if !written.isEmpty { reduce(&state, .stored(written)) }
            for notice in store.takeNotices() { reduce(&state, .storeNotice(notice.message(state.lang))) }
            changed = true
        } else if decided, case .waiting(_, let reason) = state.storeStatus {
            // Made while waiting: held behind the others, and said so.
            reduce(&state, .storeWaiting(pending: held.count, reason: reason))
            changed = true
        }
        changed = updateHealth(&state) || changed
        // What the store did by itself meanwhile (a background send refused, say).
        let news = store.takeNotices().map { $0.message(state.lang) }
        if !news.isEmpty {
            reduce(&state, .storeNews(news))
            changed = true
        }
        guard let token = try? store.changeToken() else { return changed }

        if token != lastToken || changed {
            lastToken = token
            // Only what is new since the last event applied, applied incrementally; a
            // store that cannot say which events are new is read whole and compared.
            let context = state.context
            if let fresh = try? store.events(after: context.lastEventID) {
                if !fresh.isEmpty {
                    reduce(&state, .reloaded(context.with(newEvents: fresh)))
                    changed = true
                }
            } else if let events = try? store.allEvents(), events != context.events {
                reduce(&state, .reloaded(context.with(events: events)))
                changed = true
            }
        }
        return changed
    }

    /// Feeds a change of the store's health to the reducer; true when the status changed.
    @discardableResult
    private func updateHealth(_ state: inout AppState) -> Bool {
        let health = store.health()
        guard health != lastHealth else { return false }
        lastHealth = health
        let before = state.storeStatus
        reduce(&state, .storeHealth(health))
        return state.storeStatus != before
    }

    static func describe(_ error: Error, _ lang: Language) -> String {
        if let error = error as? FollowUpStoreError { return error.message(lang) }
        return lang.pick("gagal menyimpan: \(error)", "could not save: \(error)")
    }
}
