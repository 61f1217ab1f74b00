import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

struct Present: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mode presentasi untuk rapat / presentation mode for projected meetings: one region per screen.",
        discussion: """
        Agenda: a text file with one region code per line (# starts a comment); without it,
        the top-level regions of the dataset. Space/n next, BSpace/b previous, t theme,
        p or Esc back to the dashboard, q quits.
        """)

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: ArgumentHelp("Berkas agenda: satu kode wilayah per baris / agenda file: one region code per line.", valueName: "FILE"))
    var agenda: String?

    @OptionGroup var meetingOption: MeetingOption

    @OptionGroup var followOption: FollowOption

    mutating func run() throws {
        var dashboard = Pantau()
        dashboard.options = options
        dashboard.meetingOption = meetingOption
        dashboard.followOption = followOption
        let agendaFile = agenda ?? options.config.agenda
        let fromMeeting = agenda == nil
        dashboard.agendaPresentation = { state in
            try Present.presentation(agendaFile: agendaFile, meetingAgenda: fromMeeting, state: state)
        }
        try dashboard.run()
    }

    /// The agenda's presentation (parsing and its errors: `Agenda` in PantauTUI). With
    /// `meetingAgenda`, the open meeting's agenda comes first, when it has one.
    static func presentation(agendaFile: String?, meetingAgenda: Bool = false, state: AppState) throws -> Presentation {
        if meetingAgenda, let meeting = Agenda.meetingPresentation(state) { return meeting }
        do {
            return try Agenda.presentation(file: agendaFile, dataset: state.dataset)
        } catch {
            throw ValidationError(error.message(state.lang))
        }
    }
}
