import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres

extension StateCommand {
    /// `pantau state backup --to FILE`: SQLite's online backup of the --state file.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cadangkan berkas keputusan / back up an SQLite --state to a new file (SQLite's online backup, safe while pantau runs).",
            discussion: "For a shared PostgreSQL server use pg_dump instead (docs/shared-server.md).")

        @OptionGroup var options: DataOptions

        @Option(name: .long, help: ArgumentHelp("Berkas cadangan baru / the new backup file (must not exist yet).", valueName: "FILE"))
        var to: String

        mutating func run() throws {
            let lang = options.language
            let source = options.statePath
            if FollowUpStores.isShared(source) {
                printError(lang.pick("\(PostgresLocation.redact(source)) adalah server bersama: cadangkan dengan pg_dump (lihat docs/shared-server.md), mis. pg_dump --format=custom --file=pantau.dump pantau",
                                     "\(PostgresLocation.redact(source)) is a shared server: back it up with pg_dump (see docs/shared-server.md), e.g. pg_dump --format=custom --file=pantau.dump pantau"))
                throw ExitCode(1)
            }
            do {
                let count = try SQLiteFollowUpStore.backup(from: source, to: to)
                print(DisplayText.sanitize(lang.pick("\(count) keputusan dicadangkan dari \(source) ke \(to)",
                                                     "\(count) decisions backed up from \(source) to \(to)")))
            } catch {
                printError(DisplayText.sanitize(error.message(lang)))
                throw ExitCode(1)
            }
        }
    }
}
