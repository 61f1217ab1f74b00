// The only file that talks to ncurses. Everything else sees a TerminalDevice.
import CNcurses
import Glibc
import Synchronization

/// Set by the signal handlers, read by the input loop: bit n is signal n. Handlers only
/// set a bit (async-signal-safe); the loop does the work at a safe point.
private let pendingSignals = Atomic<UInt64>(0)
/// Signals that end the dashboard: restore the terminal, exit 128 + n.
private let terminatingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
/// The handlers that were in place before ours, restored by the crash handler so that
/// Swift's backtracer (or the default action) still runs after the terminal is restored.
nonisolated(unsafe) private let previousCrashActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

/// While the dashboard owns the terminal, standard error goes to an unlinked temporary
/// file instead: a stray message would scribble over the frame, and a fatal error's
/// message would be written to the alternate screen and vanish with it. It is copied to
/// the real standard error when the terminal is given back (quit, signal, suspend, crash).
/// Plain descriptors and a buffer allocated up front, so the crash handler can do this
/// with async-signal-safe calls only.
nonisolated(unsafe) private var capturedStandardError: Int32 = -1
nonisolated(unsafe) private var originalStandardError: Int32 = -1
nonisolated(unsafe) private let copyBuffer = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8)

private func captureStandardError() {
    guard capturedStandardError < 0 else { return }
    var template = Array("/tmp/pantau-stderr-XXXXXX".utf8CString)
    let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard file >= 0 else { return }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let original = dup(2)
    guard original >= 0, dup2(file, 2) >= 0 else {
        close(file)
        if original >= 0 { close(original) }
        return
    }
    originalStandardError = original
    capturedStandardError = file
}

/// Puts standard error back and copies what was written meanwhile. Async-signal-safe.
private func releaseStandardError() {
    let file = capturedStandardError, original = originalStandardError
    guard file >= 0, original >= 0 else { return }
    capturedStandardError = -1
    originalStandardError = -1
    dup2(original, 2)
    close(original)
    lseek(file, 0, SEEK_SET)
    while true {
        let count = read(file, copyBuffer, 4096)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { break }
        var written = 0
        while written < count {
            let result = write(2, copyBuffer + written, count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            written += result
        }
        if written < count { break }
    }
    close(file)
}

public enum TerminalUnavailable: Error, Equatable {
    /// `TERM` is unset or unknown to terminfo.
    case unknownTerminal(String)
    /// The terminal cannot move its cursor (`TERM=dumb`): use plain text instead.
    case cannotAddressCursor
}

public final class NcursesTerminal: TerminalDevice {
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var last: ScreenBuffer?
    private var restored = false
    private var theme: Theme
    private let colourAvailable: Bool
    /// The terminal has the 256-colour cube: themes use their indexed colours, whose
    /// contrast is known (Theme.swift), and carry their own greys instead of `dim`.
    private var indexedColour = false

    /// Opens the terminal. `colour` false (NO_COLOR, or a monochrome theme asked for)
    /// uses attributes only.
    public init(colour: Bool, mouse: Bool = true) throws {
        Self.setUTF8Locale()
        let termName = String(cString: getenv("TERM") ?? strdup(""))
        guard let screen = newterm(nil, pantau_stdout(), pantau_stdin()) else {
            throw TerminalUnavailable.unknownTerminal(termName)
        }
        self.screen = screen
        guard pantau_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            self.screen = nil
            restored = true
            throw TerminalUnavailable.cannotAddressCursor
        }
        window = pantau_stdscr()
        let useColour = colour && has_colors()
        colourAvailable = useColour
        theme = useColour ? .dark : .monochrome
        if useColour {
            start_color()
            use_default_colors()
            indexedColour = pantau_colors() >= 256
            definePairs()
        }
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        // Bracketed paste: the terminal wraps pasted text in ESC[200~ … ESC[201~, which
        // ncurses then reports as these two key codes, so a paste is read as text.
        define_key("\u{1B}[200~", NcursesTerminal.pasteStart)
        define_key("\u{1B}[201~", NcursesTerminal.pasteEnd)
        Self.setBracketedPaste(true)
        if mouse {
            // Clicks, double clicks and the wheel; ncurses turns the terminal's mouse
            // reporting on here and off again in endwin.
            mousemask(pantau_mouse_mask(), nil)
        }
        Self.installSignalHandlers()
        captureStandardError()
    }

    deinit { restore() }

    /// Key codes for the bracketed-paste markers, above every code ncurses defines.
    private static let pasteStart = KEY_MAX + 1
    private static let pasteEnd = KEY_MAX + 2
    /// A paste larger than this is cut (and the rest of it read and dropped).
    static let pasteLimit = 1_000_000

    /// Turns bracketed paste on or off (DECSET 2004; terminals without it ignore this).
    /// Plain `write(2)`, so the crash handler can do it too.
    private static func setBracketedPaste(_ on: Bool) {
        let sequence = on ? "\u{1B}[?2004h" : "\u{1B}[?2004l"
        fflush(pantau_stdout())
        sequence.utf8CString.withUnsafeBufferPointer { _ = write(1, $0.baseAddress!, $0.count - 1) }
    }

    /// Wide characters need a UTF-8 locale; with `LANG=C` every non-ASCII cell would be blank.
    private static func setUTF8Locale() {
        setlocale(LC_ALL, "")
        if pantau_codeset_is_utf8() == 0 {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    private static func installSignalHandlers() {
        _ = pendingSignals.load(ordering: .relaxed) // initialise the global before any handler can run
        // SIGTSTP (Ctrl-Z) and SIGCONT only set their bit too: the loop suspends and
        // redraws (see `suspend`), replacing ncurses' own SIGTSTP handler, which would
        // call endwin inside the handler.
        for number in terminatingSignals + [SIGTSTP, SIGCONT] {
            // Started with SIGTSTP ignored (no job control wanted): leave it so.
            if number == SIGTSTP && isIgnored(SIGTSTP) { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                pendingSignals.bitwiseOr(UInt64(1) << UInt64(number), ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0 // no SA_RESTART: the blocked read returns so the loop sees the flag
            sigaction(number, &action, nil)
        }
        for number in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                _ = write(1, "\u{1B}[?2004l", 8) // bracketed paste off (async-signal-safe)
                endwin()
                releaseStandardError() // the fatal error's message, now on the restored screen
                sigaction(number, previousCrashActions.advanced(by: Int(number)), nil)
                // Delivered when this handler returns, to the previous handler (Swift's
                // backtracer or the default action), also for a signal sent by kill.
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, previousCrashActions.advanced(by: Int(number)))
        }
    }

    private static func isIgnored(_ number: Int32) -> Bool {
        var current = sigaction()
        sigaction(number, nil, &current)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    public var size: Size {
        guard let window else { return Size(width: 80, height: 24) }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public func nextEvent(timeoutMilliseconds: Int32) -> TerminalEvent? {
        guard let window else { return nil }
        if let event = takeSignal() { return event }
        wtimeout(window, timeoutMilliseconds)
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if let event = takeSignal() { return event }
        if result == KEY_CODE_YES {
            switch Int32(character) {
            case KEY_RESIZE:
                last = nil
                return .resize(size)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BTAB: return .key(.backTab)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_ENTER: return .key(.enter)
            case NcursesTerminal.pasteStart: return readPaste(window)
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return nil }
                let state = event.bstate
                let kind: MouseEvent.Kind
                if state & pantau_button1_double_clicked() != 0 { kind = .doubleClick }
                else if state & pantau_button1_clicked() != 0 { kind = .click }
                else if state & pantau_wheel_up() != 0 { kind = .wheelUp }
                else if state & pantau_wheel_down() != 0 { kind = .wheelDown }
                else { return nil }
                return .mouse(MouseEvent(kind, x: Int(event.x), y: Int(event.y)))
            default: return nil
            }
        }
        guard result == OK else { return nil }
        switch character {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 3: return .key(.interrupt)
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(character) + 96))))
        default:
            guard character >= 32, let scalar = Unicode.Scalar(UInt32(character)) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    /// The text between the paste markers, as one event: keys inside a paste are never
    /// commands. Line breaks arrive as CR (or LF) and are kept as LF; the reducer decides
    /// what a field does with them. Stops at the end marker, or when nothing more comes
    /// for a second (a terminal that lost the end marker).
    private func readPaste(_ window: UnsafeMutablePointer<WINDOW>) -> TerminalEvent {
        var text = String.UnicodeScalarView()
        var count = 0
        wtimeout(window, 1000)
        while true {
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == KEY_CODE_YES {
                let code = Int32(character)
                if code == NcursesTerminal.pasteEnd { break }
                if code == KEY_ENTER, count < Self.pasteLimit { text.append("\n"); count += 1 }
                continue
            }
            guard result == OK else {
                // A signal (handled by the next call) or no end marker: keep what came.
                break
            }
            guard count < Self.pasteLimit, let scalar = Unicode.Scalar(UInt32(character)) else { continue }
            text.append(scalar == "\r" ? "\n" : scalar)
            count += 1
        }
        return .paste(String(text))
    }

    /// What the signals that arrived since the last call mean for the loop: a
    /// terminating signal ends it; SIGTSTP suspends here; after SIGCONT (ours or after
    /// someone else stopped us) the whole screen is drawn anew.
    private func takeSignal() -> TerminalEvent? {
        let pending = pendingSignals.exchange(0, ordering: .relaxed)
        guard pending != 0 else { return nil }
        func arrived(_ number: Int32) -> Bool { pending & (UInt64(1) << UInt64(number)) != 0 }
        if let number = terminatingSignals.first(where: arrived) { return .signal(number) }
        if arrived(SIGTSTP) {
            suspend()
            // The SIGCONT that woke us asks for the redraw done here: one, not two.
            pendingSignals.bitwiseAnd(~(UInt64(1) << UInt64(SIGCONT)), ordering: .relaxed)
        }
        redrawAll()
        return .resize(size)
    }

    /// Ctrl-Z: give the shell its terminal back as it was, stop, and when continued
    /// (`fg`) take the terminal again. The stop is SIGTSTP's default action, so in an
    /// orphaned process group (no job-control shell that could continue us) the kernel
    /// discards it and the dashboard simply goes on.
    private func suspend() {
        Self.setBracketedPaste(false)
        endwin()
        releaseStandardError()
        defer { captureStandardError() }
        var previous = sigaction()
        var stop = sigaction()
        stop.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&stop.sa_mask)
        sigaction(SIGTSTP, &stop, &previous)
        raise(SIGTSTP) // stops here until SIGCONT
        sigaction(SIGTSTP, &previous, nil)
        // Keys typed at the shell while stopped are not meant for the dashboard.
        flushinp()
        Self.setBracketedPaste(true)
    }

    /// The next frame repaints every cell: after a suspend the screen shows the shell's
    /// output, or a blank alternate screen, not what ncurses remembers.
    private func redrawAll() {
        guard let window else { return }
        clearok(window, true)
        last = nil
    }

    /// One colour pair per role for the current theme.
    private func definePairs() {
        for role in StyleRole.allCases {
            let style = theme.style(role)
            if indexedColour, let foreground = style.foregroundIndex, let background = style.backgroundIndex {
                init_pair(Int16(role.rawValue) + 1, foreground, background)
            } else {
                init_pair(Int16(role.rawValue) + 1, style.foreground.rawValue, style.background.rawValue)
            }
        }
    }

    public func present(_ buffer: ScreenBuffer) {
        guard let window else { return }
        // Without colour (NO_COLOR, TERM=xterm-mono) every theme shows as monochrome.
        let wanted = colourAvailable ? buffer.theme : .monochrome
        if wanted != theme {
            theme = wanted
            if colourAvailable { definePairs() }
            last = nil
        }
        if last?.size != buffer.size || last == nil { werase(window); last = nil }
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                if let last, last[x, y] == cell { continue }
                if cell.text.isEmpty { continue } // second half of a wide character
                draw(cell, x: x, y: y)
            }
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        last = buffer
    }

    private func draw(_ cell: Cell, x: Int, y: Int) {
        let style = theme.style(cell.role)
        var attributes = pantau_a_normal()
        if style.bold { attributes |= pantau_a_bold() }
        if style.reverse { attributes |= pantau_a_reverse() }
        if style.underline { attributes |= pantau_a_underline() }
        if style.dim && !(indexedColour && style.foregroundIndex != nil) { attributes |= pantau_a_dim() }
        let pair: Int16 = theme == .monochrome ? 0 : Int16(cell.role.rawValue) + 1
        var characters: [wchar_t] = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var complex = cchar_t()
        setcchar(&complex, characters, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &complex)
    }

    public func restore() {
        guard !restored else { return }
        restored = true
        Self.setBracketedPaste(false)
        endwin()
        releaseStandardError()
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
    }
}
