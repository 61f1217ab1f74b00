import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Kelola catatan tindak lanjut / manage the follow-up store: export, export-csv, import, migrate, backup.",
        discussion: """
        export copies the events of --state (file or postgres:// URL) to --to; import copies \
        the events of --from into --state. Each event keeps its client id, so running either \
        again copies nothing twice. migrate applies the schema (run once by the owner of a \
        shared database, see docs/shared-server.md).
        """,
        subcommands: [Export.self, ExportCSV.self, Import.self, Migrate.self, Backup.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Salin keputusan ke / copy the decisions of --state to another store.")
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: ArgumentHelp("Tujuan / destination: SQLite file or postgres:// URL.", valueName: "FILE|URL"))
        var to: String

        mutating func run() throws {
            try StateCommand.transfer(from: options.statePath, to: to, lang: options.language)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Salin keputusan dari / copy the decisions of another store into --state.")
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: ArgumentHelp("Sumber / source: SQLite file or postgres:// URL.", valueName: "FILE|URL"))
        var from: String

        mutating func run() throws {
            try StateCommand.transfer(from: from, to: options.statePath, lang: options.language)
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Siapkan skema / create or update the store's schema, then exit.")
        @OptionGroup var options: DataOptions

        mutating func run() throws {
            let lang = options.language
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let count = try store.allEvents().count
            say(lang.pick("Skema terkini; \(count) keputusan di \(PostgresLocation.redact(options.statePath))",
                            "Schema up to date; \(count) decisions in \(PostgresLocation.redact(options.statePath))"))
        }
    }

    /// Opens a store that must be usable now: a shared server that refuses or cannot be
    /// reached is an error here (nothing is queued), with its message, exit status 1.
    static func open(_ state: String, readOnly: Bool, lang: Language) throws -> FollowUpStore {
        if PostgresLocation.hasPassword(state) {
            throw ValidationError(lang.pick("kata sandi tidak boleh di baris perintah; gunakan PGPASSFILE atau PGPASSWORD",
                                            "a password must not be on the command line; use PGPASSFILE or PGPASSWORD"))
        }
        do {
            return readOnly ? try FollowUpStores.openForReading(state, explicit: true) : try FollowUpStores.openForWriting(state)
        } catch {
            printError(error.message(lang))
            throw ExitCode(1)
        }
    }

    static func transfer(from source: String, to destination: String, lang: Language) throws {
        let from = try open(source, readOnly: true, lang: lang)
        defer { from.close() }
        let to = try open(destination, readOnly: false, lang: lang)
        defer { to.close() }
        do {
            let result = try FollowUpTransfer.copy(from: from, to: to)
            if to.health() != .ok {
                printError(FollowUpStoreHealth.offlineMessage(lang))
                throw ExitCode(1)
            }
            say(lang.pick("\(result.copied) keputusan disalin, \(result.present) sudah ada di \(PostgresLocation.redact(destination))",
                            "\(result.copied) decisions copied, \(result.present) already in \(PostgresLocation.redact(destination))"))
        } catch let error as FollowUpStoreError {
            printError(error.message(lang))
            throw ExitCode(1)
        }
    }
}
