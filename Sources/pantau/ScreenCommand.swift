import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cetak layar sebagai teks / print the dashboard screen as plain text after replaying keys.",
        discussion: "Key names: single characters, Tab, S-Tab, Enter, Esc, BSpace, Space, Up, Down, Left, Right, PgUp, PgDn, Home, End.")

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: ArgumentHelp("Ukuran layar / screen size.", valueName: "WxH"))
    var size: String = "80x24"

    @Option(name: .long, help: "Tombol yang diputar ulang / keys to replay, separated by spaces.")
    var keys: String = ""

    @Option(name: .long, help: ArgumentHelp("Mulai dalam mode presentasi dengan agenda ini (\"\" = wilayah teratas, atau agenda rapat --meeting) / start in presentation mode with this agenda (\"\" = top level, or the --meeting's agenda).", valueName: "FILE"))
    var agenda: String?

    @OptionGroup var meetingOption: MeetingOption

    mutating func run() throws {
        let parts = size.lowercased().split(whereSeparator: { $0 == "x" || $0 == "×" })
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0, width <= 1000, height <= 1000 else {
            throw ValidationError("--size: '\(size)' " + options.language.pick("harus berbentuk LxT, mis. 120x36", "must look like WxH, e.g. 120x36"))
        }
        let keyList: [Key]
        switch Key.parseList(keys) {
        case .success(let list): keyList = list
        case .failure(let error):
            throw ValidationError("--keys: " + options.language.pick("nama tombol tidak dikenal '\(error.name)'", "unknown key name '\(error.name)'"))
        }
        let loaded = try options.loadOrExit()
        // The screen shows the recorded decisions; decisions typed in --keys go to a
        // throw-away copy, so a script can preview a form without changing anything.
        let recorded = options.openStore(forceReadOnly: true).store
        let view = try options.viewed(loaded, events: (try? recorded?.allEvents()) ?? [])
        let events = view.events
        var state = try options.initialState(view.dataset, events: events, size: Size(width: width, height: height))
        if let notice = view.notice { state.flash = notice }
        state.clock = "09:00"
        if let meeting = meetingOption.meeting {
            state.openMeetingID = try Pantau.openable(meeting, in: state.context.followUp.meetings, lang: options.language).id
        }
        if let agenda {
            state.presentation = try Present.presentation(agendaFile: agenda.isEmpty ? nil : agenda, meetingAgenda: agenda.isEmpty, state: state)
        }
        let preview = try SQLiteFollowUpStore.inMemory(holding: events)
        let session = FollowUpSession(store: preview, clock: { "2000-01-01T00:00:00Z" })
        reduce(&state, .resize(state.size))
        for key in keyList where !state.shouldQuit {
            reduce(&state, .key(key))
            session.synchronise(&state)
        }
        print(render(state).text())
    }
}
