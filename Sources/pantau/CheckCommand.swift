import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Periksa dataset / validate a dataset: lists every problem as file:line:column, exits 1 if any error.")

    @Argument(help: "Direktori dataset / dataset directory (default: --data).")
    var directory: String?

    @OptionGroup var options: DataOptions

    mutating func run() throws {
        let language = options.language
        let directory = self.directory ?? options.data
        // The future-year rule against the real date (or a --today ahead of it), never a past day.
        let currentYear = try options.futureYearRuleYear()
        let dataset: Dataset
        do {
            dataset = try DatasetLoader.load(directory: directory, currentYear: currentYear)
        } catch {
            for issue in error.issues { say(issue.formatted(language, directory: directory)) }
            say(errorSummary(error.errors.count, language))
            throw ExitCode(1)
        }
        do {
            for warning in dataset.warnings { say(warning.formatted(language, directory: directory)) }
            let regions = Format.integer(dataset.regions.count - 1, language)
            let figures = Format.integer(dataset.observations.count, language)
            let recommendations = Format.integer(dataset.recommendations.count, language)
            say(language.pick("OK: \(regions) wilayah, \(figures) angka indikator, \(recommendations) rekomendasi",
                                "OK: \(regions) regions, \(figures) indicator figures, \(recommendations) recommendations"))
            var options = self.options
            options.data = directory
            if options.stateExists || options.stateIsExplicit {
                let events = try options.recordedEvents(reportingTo: say)
                // Recommendations recorded in meetings count as the dataset's own.
                let applied = FollowUpApplier.apply(events, to: dataset.addingRecorded(events).recommendations)
                for orphan in applied.orphans {
                    say("\(options.stateDisplay): " + language.pick("peringatan: keputusan #\(orphan.id ?? 0) untuk rekomendasi '\(orphan.recommendationID)' yang tidak ada di dataset (disimpan, tidak ditampilkan)",
                                                                "warning: decision #\(orphan.id ?? 0) refers to recommendation '\(orphan.recommendationID)', which is not in the dataset (kept, not shown)"))
                }
                for bad in applied.invalid {
                    say("\(options.stateDisplay): " + language.pick("peringatan: keputusan #\(bad.id ?? 0) untuk '\(bad.recommendationID)' punya nilai tidak sah '\(bad.newValue)' (diabaikan)",
                                                                "warning: decision #\(bad.id ?? 0) for '\(bad.recommendationID)' has an invalid value '\(bad.newValue)' (ignored)"))
                }
                let decisions = events.count - events.filter { $0.field == .meeting || $0.field == .recommendation }.count
                let meetings = applied.meetings.all.count
                let added = RecordedRecommendations(events).active.count
                say(language.pick("\(decisions) keputusan tindak lanjut", "\(decisions) follow-up decisions")
                    + (meetings > 0 ? language.pick(", \(meetings) rapat", ", \(meetings) meetings") : "")
                    + (added > 0 ? language.pick(", \(added) rekomendasi baru dari rapat", ", \(added) new recommendations from meetings") : "")
                    + language.pick(" di ", " in ") + options.stateDisplay)
            }
        }
    }
}
