import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

extension AuditTargetGroup: ExpressibleByArgument {}
extension RecommendationOrigin: ExpressibleByArgument {}

/// `pantau recommendation add|withdraw`: recommendations issued in a meeting, recorded as
/// events in the follow-up store (16.2); the CSV files stay untouched.
struct RecommendationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommendation",
        abstract: "Rekomendasi baru dari rapat / recommendations issued in a meeting: add, withdraw.",
        discussion: """
        They are kept in the follow-up store (--state), not in rekomendasi.csv, and show at \
        once in every pane, count, view and report, also on other terminals. \
        `pantau state export-csv --to DIR` writes them as rekomendasi.csv rows for the dataset.
        """,
        subcommands: [Add.self, Edit.self, Withdraw.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Catat rekomendasi baru / record a new recommendation; its id alone on the last line of standard output.",
            discussion: """
            pantau recommendation add --meeting RAPAT-16.06-20221025-K7Q2 --region 16.06.02 \\
              --opd "Dinas Kesehatan" --text "Jadwalkan kunjungan rumah baduta kasus audit" \\
              --deadline 2023-03-31 --group baduta
            """)
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: ArgumentHelp("Wilayah / region.", valueName: "KODE"))
        var region: String
        @Option(name: .long, help: "OPD penanggung jawab / the owner OPD.")
        var opd: String
        @Option(name: .long, help: "Rekomendasi / the recommendation's text.")
        var text: String
        @Option(name: .long, help: "Temuan / the finding it answers.")
        var finding: String = ""
        @Option(name: .long, help: "Kategori / category (e.g. Intervensi spesifik).")
        var category: String = ""
        @Option(name: .long, help: ArgumentHelp("Tenggat / deadline.", valueName: "YYYY-MM-DD"))
        var deadline: String?
        @Option(name: .long, help: "Sasaran AKS / AKS target group: catin, bumil, nifas, baduta, balita.")
        var group: String?
        /// The meeting it was issued in; origin and cycle follow it.
        @OptionGroup var meetingOption: MeetingOption
        var meeting: String? { meetingOption.meeting }
        @Option(name: .long, help: "Asal / origin: aks, konvergensi, rakor, lainnya (default: from --meeting, else lainnya).")
        var origin: RecommendationOrigin?
        @Option(name: .long, help: "Siklus / cycle, e.g. \"2022 S2\" (default: from --meeting, else this year).")
        var cycle: String?

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let events = try MeetingCommand.events(in: store, lang: lang)
            let known = dataset.addingRecorded(events)
            let meetings = FollowUpApplier.apply(events, to: known.recommendations).meetings
            var issuedIn: Meeting?
            if let meeting {
                issuedIn = try Pantau.openable(meeting, in: meetings, lang: lang)
            }
            var deadlineDate: LocalDate?
            if let deadline, !deadline.isEmpty {
                guard let date = LocalDate(iso: deadline) else {
                    throw ValidationError("--deadline: '\(deadline)' " + lang.pick("bukan tanggal TTTT-BB-HH", "is not a YYYY-MM-DD date"))
                }
                deadlineDate = date
            }
            var targetGroup: AuditTargetGroup?
            if let group {
                guard let parsed = AuditTargetGroup(rawValue: group) else {
                    throw ValidationError("--group: '\(group)' " + lang.pick("bukan salah satu dari ", "is not one of ")
                                          + AuditTargetGroup.allCases.map(\.rawValue).joined(separator: ", "))
                }
                targetGroup = parsed
            }
            let regionCode = TextRules.canonicalName(region)
            let thisYear = String(try options.todayDate().year)
            let cycleText = TextRules.canonicalName(cycle ?? issuedIn.map(RecommendationRecord.cycle(of:)) ?? thisYear)
            let ids = Set(known.recommendations.map(\.id)).union(RecordedRecommendations(events).byID.keys)
            var record = RecommendationRecord(
                id: RecommendationRecord.newID(region: regionCode, cycle: cycleText, taken: ids.contains), kode: regionCode,
                siklus: cycleText, asal: origin ?? issuedIn.map(RecommendationRecord.origin(of:)) ?? .lainnya,
                kategori: TextRules.canonicalName(category), temuan: finding.trimmingCharacters(in: .whitespacesAndNewlines),
                rekomendasi: text.trimmingCharacters(in: .whitespacesAndNewlines), opd: TextRules.canonicalName(opd),
                tenggat: deadlineDate, sasaran: targetGroup, rapat: issuedIn?.id)
            if let problem = record.problem(lang, regionExists: { RegionCode($0).flatMap(dataset.index(of:)) != nil }) {
                throw ValidationError(problem)
            }
            record.ditarik = nil
            let event = FollowUpEvent(recommendationID: record.id, field: .recommendation, oldValue: nil, newValue: record.encoded(),
                                      author: options.authorName, recordedAt: FollowUpClock.nowISO8601(), meetingID: issuedIn?.id)
            try RecommendationCommand.append(event, to: store, lang: lang)
            say(lang.pick("Rekomendasi dicatat di \(options.stateDisplay)", "Recommendation recorded in \(options.stateDisplay)")
                + (issuedIn.map { lang.pick(" untuk rapat ", " for meeting ") + $0.id } ?? "") + ": " + record.rekomendasi)
            say(record.id)
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ubah teks rekomendasi yang dicatat dalam rapat / change the text of a recommendation recorded in a meeting (status, OPD and deadline change as decisions: c, O, d).")
        @OptionGroup var options: DataOptions
        @Argument(help: "Id rekomendasi / the recommendation's id.")
        var id: String
        @Option(name: .long, help: "Rekomendasi / the recommendation's text.")
        var text: String?
        @Option(name: .long, help: "Temuan / the finding.")
        var finding: String?
        @Option(name: .long, help: "Kategori / category.")
        var category: String?
        @Option(name: .long, help: "Sasaran AKS / AKS target group (empty: none).")
        var group: String?

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let current = try RecommendationCommand.recorded(id, in: store, lang: lang)
            guard !current.isWithdrawn else {
                throw ValidationError(lang.pick("rekomendasi \(current.id) sudah ditarik", "recommendation \(current.id) is withdrawn"))
            }
            var edited = current
            if let text { edited.rekomendasi = text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let finding { edited.temuan = finding.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let category { edited.kategori = TextRules.canonicalName(category) }
            if let group { edited.sasaran = group.isEmpty ? nil : group }
            if let problem = edited.problem(lang, regionExists: { RegionCode($0).flatMap(dataset.index(of:)) != nil }) {
                throw ValidationError(problem)
            }
            guard edited != current else {
                say(lang.pick("Rekomendasi \(current.id) tidak berubah.", "Recommendation \(current.id) unchanged."))
                return
            }
            let event = FollowUpEvent(recommendationID: current.id, field: .recommendation, oldValue: current.encoded(),
                                      newValue: edited.encoded(), author: options.authorName, recordedAt: FollowUpClock.nowISO8601())
            try RecommendationCommand.append(event, to: store, lang: lang)
            say(lang.pick("Rekomendasi \(current.id) diubah.", "Recommendation \(current.id) changed."))
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tarik rekomendasi yang dicatat dalam rapat / withdraw a recommendation recorded in a meeting.")
        @OptionGroup var options: DataOptions
        @Argument(help: "Id rekomendasi / the recommendation's id.")
        var id: String

        mutating func run() throws {
            let lang = options.language
            _ = try options.loadOrExit()
            let store = try StateCommand.open(options.statePath, readOnly: false, lang: lang)
            defer { store.close() }
            let current = try RecommendationCommand.recorded(id, in: store, lang: lang)
            guard !current.isWithdrawn else {
                say(lang.pick("Rekomendasi \(current.id) sudah ditarik.", "Recommendation \(current.id) is already withdrawn."))
                return
            }
            var withdrawn = current
            withdrawn.ditarik = true
            let event = FollowUpEvent(recommendationID: current.id, field: .recommendation, oldValue: current.encoded(),
                                      newValue: withdrawn.encoded(), author: options.authorName, recordedAt: FollowUpClock.nowISO8601())
            try RecommendationCommand.append(event, to: store, lang: lang)
            say(lang.pick("Rekomendasi \(current.id) ditarik.", "Recommendation \(current.id) withdrawn."))
        }
    }

    /// The newest record of a recommendation recorded in a meeting, or why there is none.
    static func recorded(_ id: String, in store: FollowUpStore, lang: Language) throws -> RecommendationRecord {
        let events = try MeetingCommand.events(in: store, lang: lang)
        guard let current = RecordedRecommendations(events).byID[TextRules.canonicalName(id)] else {
            throw ValidationError(lang.pick("'\(id)' bukan rekomendasi yang dicatat dalam rapat (baris rekomendasi.csv diubah di berkasnya)",
                                            "'\(id)' is not a recommendation recorded in a meeting (rows of rekomendasi.csv are changed in the file)"))
        }
        return current
    }

    static func append(_ event: FollowUpEvent, to store: FollowUpStore, lang: Language) throws {
        do {
            _ = try store.append(event)
        } catch let error as FollowUpStoreError {
            printError(error.message(lang))
            throw ExitCode(1)
        }
        if store.health() != .ok { printError(FollowUpStoreHealth.offlineMessage(lang)) }
    }
}

extension StateCommand {
    /// `pantau state export-csv --to DIR`: the recommendations recorded in meetings as
    /// `rekomendasi.csv` rows, with their current status, owner and deadline.
    struct ExportCSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-csv",
            abstract: "Tulis rekomendasi dari rapat sebagai baris rekomendasi.csv / write the recommendations recorded in meetings as rekomendasi.csv rows in DIR.")
        @OptionGroup var options: DataOptions
        @Option(name: .long, help: ArgumentHelp("Direktori tujuan / output directory.", valueName: "DIR"))
        var to: String

        mutating func run() throws {
            let lang = options.language
            let dataset = try options.loadOrExit()
            let events = try options.recordedEvents()
            let recorded = RecordedRecommendations(events)
            let context = DashboardContext(dataset: dataset, today: try options.todayDate(), events: events)
            let current = Dictionary(context.dataset.recommendations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var rows = [["id", "kode", "siklus", "asal", "kategori", "temuan", "rekomendasi", "opd", "tenggat", "status"]]
            for record in recorded.active {
                guard let now = current[record.id] else { continue }
                rows.append([record.id, record.kode, record.siklus, record.asal, record.kategori, record.temuan, record.rekomendasi,
                             now.owner, now.deadline?.iso ?? "", now.status.rawValue])
            }
            let text = rows.map { $0.map(CSVWriter.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
            let path = (to as NSString).appendingPathComponent("rekomendasi.csv")
            do {
                try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
                try ReportOutput.write(text, to: path)
            } catch {
                printError(path + ": " + lang.pick("galat: tidak dapat ditulis (\(error))", "error: cannot be written (\(error))"))
                throw ExitCode(1)
            }
            say(lang.pick("\(rows.count - 1) rekomendasi dari rapat ditulis ke \(path)", "\(rows.count - 1) recommendations from meetings written to \(path)"))
        }
    }
}

