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
    /// A termination signal (INT, TERM, HUP) arrived; the loop must restore and exit.
    case signal(Int32)
}

/// Runs the dashboard until the user quits or a signal arrives. Returns the exit status.
public func runDashboard(_ initial: AppState, on terminal: TerminalDevice) -> Int32 {
    var state = initial
    reduce(&state, .resize(terminal.size))
    terminal.present(render(state))
    while !state.shouldQuit {
        guard let event = terminal.nextEvent(timeoutMilliseconds: 500) else { continue }
        switch event {
        case .key(let key): reduce(&state, .key(key))
        case .resize(let size): reduce(&state, .resize(size))
        case .signal(let number):
            terminal.restore()
            return 128 + number
        }
        if !state.shouldQuit { terminal.present(render(state)) }
    }
    terminal.restore()
    return 0
}
