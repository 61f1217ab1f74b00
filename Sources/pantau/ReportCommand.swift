import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

struct Report: ParsableCommand {
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case md, csv, json, xlsx }

    static let configuration = CommandConfiguration(
        abstract: "Notulen tindak lanjut / follow-up minutes: decisions in a period, then pending and overdue per OPD and region.",
        discussion: """
        --view targets|ranking|scorecard|compare|programmes: a decision view
        instead (methods in docs/scores.md), e.g.
          pantau report --view ranking --region 16.06 --format csv
          pantau report --view compare --region 32.01,35.17
          pantau report --view scorecard --region 64 --format json
        """)

    @OptionGroup var options: DataOptions

    @Option(name: .long, help: ArgumentHelp("Keputusan sejak tanggal ini / decisions since this date.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Hanya wilayah ini dan turunannya / only this region and below (--view compare: 2-4 codes, comma-separated).", valueName: "KODE"))
    var region: String?

    @Option(name: .long, help: "md, csv, json atau/or xlsx (a workbook: needs --out).")
    var format: OutputFormat = .md

    enum View: String, ExpressibleByArgument, CaseIterable { case minutes, targets, ranking, scorecard, compare, programmes }

    @Option(name: .long, help: """
        minutes (bawaan/default); targets (target tracking); ranking (children of --region by priority score); \
        scorecard (8 aksi of a kab/kota, or the kab/kota below a province compared); compare (--region A,B[,C,D] side by side); \
        programmes (programmes in and covering --region). Every view in md, csv and json.
        """)
    var view: View = .minutes

    @Option(name: .long, help: ArgumentHelp("Tulis ke berkas ini (utuh atau tidak sama sekali) / write to this file (whole or not at all) instead of standard output.", valueName: "FILE"))
    var out: String?

    /// With --meeting, the minutes of that meeting instead.
    @OptionGroup var meetingOption: MeetingOption
    var meeting: String? { meetingOption.meeting }

    mutating func run() throws {
        let lang = options.language
        if meeting != nil && (since != nil || region != nil || view != .minutes) {
            throw ValidationError("--meeting: " + lang.pick("tanpa --since, --region atau --view (notulen rapat memuat keputusan rapat itu)",
                                                            "without --since, --region or --view (a meeting's minutes hold that meeting's decisions)"))
        }
        var sinceDate: LocalDate?
        if let since {
            guard let date = LocalDate(iso: since) else {
                throw ValidationError("--since: '\(since)' " + lang.pick("bukan tanggal TTTT-BB-HH", "is not a YYYY-MM-DD date"))
            }
            sinceDate = date
        }
        let asOfDay = try options.viewed(try options.loadOrExit(), events: try options.recordedEvents())
        if let notice = asOfDay.notice { printError(notice) }
        let dataset = asOfDay.dataset
        func index(_ text: String) throws -> RegionIndex {
            guard let code = RegionCode(text), let index = dataset.index(of: code) else {
                throw ValidationError("--region: '\(text)' " + lang.pick("tidak ada di wilayah.csv", "is not in wilayah.csv"))
            }
            return index
        }
        let codes = (region ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var regions = try codes.map(index)
        if view == .compare {
            guard (2...AppState.maxMarks).contains(regions.count) else {
                throw ValidationError("--view compare: " + lang.pick("beri 2–4 kode wilayah, mis. --region 32.01,35.17 (sekarang \(regions.count))",
                                                                     "give 2–4 region codes, e.g. --region 32.01,35.17 (now \(regions.count))"))
            }
        } else if regions.count > 1 {
            throw ValidationError("--region: " + lang.pick("satu kode saja (beberapa kode hanya untuk --view compare)", "one code only (several codes only with --view compare)"))
        }
        if regions.isEmpty { regions = [dataset.root] }
        if format == .xlsx && out == nil {
            throw ValidationError("--format xlsx: " + lang.pick("beri --out BERKAS.xlsx (buku kerja tidak ditulis ke terminal)",
                                                                "give --out FILE.xlsx (a workbook is not written to the terminal)"))
        }
        let events = asOfDay.events
        let context = DashboardContext(dataset: dataset, today: try options.todayDate(), events: events)
        if let meeting {
            let found = try MeetingCommand.find(meeting, in: context.followUp.meetings, lang: lang)
            let minutes = MeetingMinutes(meeting: found, dataset: context.dataset, events: events, generatedAt: FollowUpClock.nowISO8601(),
                                         zones: try options.localTimeZones())
            switch format {
            case .md: try write(minutes.markdown(lang), lang: lang)
            case .csv: try write(minutes.csv(), lang: lang)
            case .json: try write(minutes.json(), lang: lang)
            case .xlsx: try writeWorkbook(csv: minutes.csv(), sheet: lang.pick("notulen", "minutes"), dataset: dataset, lang: lang)
            }
            return
        }
        guard format == .xlsx else {
            try write(body(context: context, events: events, regions: regions, sinceDate: sinceDate), lang: lang)
            return
        }
        var asCSV = self
        asCSV.format = .csv
        let table = try asCSV.body(context: context, events: events, regions: regions, sinceDate: sinceDate)
        try writeWorkbook(csv: table, sheet: view == .minutes ? lang.pick("notulen", "minutes") : view.rawValue, dataset: dataset, lang: lang)
    }

    /// The workbook holds the CSV's table, typed, and the sources on their own sheet.
    func writeWorkbook(csv table: String, sheet: String, dataset: Dataset, lang: Language) throws {
        let sources = [["id", "judul", "penerbit", "tahun", "tautan"]] + dataset.sources.values.sorted { $0.id < $1.id }.map {
            [$0.id, $0.title, $0.publisher, $0.year.map(String.init) ?? "", $0.link]
        }
        let sheets = [XlsxSheet(name: sheet, rows: ReportTable.rows(ofCSV: table)),
                      XlsxSheet(name: lang.pick("sumber", "sources"), rows: sources)]
        do {
            try ReportOutput.write(bytes: Array(try XlsxWriter.data(sheets)), to: out)
        } catch let failure as ReportOutput.Failure {
            printError((out ?? "") + ": " + lang.pick("galat: buku kerja tidak dapat ditulis (\(failure.reason)); tidak ada berkas setengah jadi",
                                                    "error: the workbook cannot be written (\(failure.reason)); no partial file is left"))
            throw ExitCode(1)
        }
    }

    /// Writes the report to --out (a temporary file renamed into place: never a truncated
    /// file) or standard output; a failed write prints why and exits 1.
    func write(_ text: String, lang: Language) throws {
        do {
            try ReportOutput.write(text, to: out)
        } catch {
            printError((out ?? "stdout") + ": " + lang.pick("galat: laporan tidak dapat ditulis (\(error.reason)); tidak ada berkas setengah jadi",
                                                          "error: the report cannot be written (\(error.reason)); no partial file is left"))
            throw ExitCode(1)
        }
    }

    func body(context: DashboardContext, events: [FollowUpEvent], regions: [RegionIndex], sinceDate: LocalDate?) throws -> String {
        let lang = options.language
        let regionIndex = regions[0]
        func emit(_ table: DecisionTable) -> String {
            switch format {
            case .md: table.markdown()
            case .csv, .xlsx: table.csv()
            case .json: table.json()
            }
        }
        switch view {
        case .minutes:
            break
        case .targets:
            switch format {
            case .md: return ScoreReports.targets(context.dataset, region: regionIndex, lang: lang)
            case .csv, .xlsx: return ScoreReports.targetsCSV(context.dataset, region: regionIndex)
            case .json: return ScoreReports.targetsJSON(context.dataset, region: regionIndex)
            }
        case .ranking:
            let weights = try options.priorityWeights()
            switch format {
            case .md: return ScoreReports.ranking(context.dataset, region: regionIndex, weights: weights, rollUp: context.rollUp, lang: lang)
            case .csv, .xlsx: return ScoreReports.rankingCSV(context.dataset, region: regionIndex, weights: weights, rollUp: context.rollUp)
            case .json: return ScoreReports.rankingJSON(context.dataset, region: regionIndex, weights: weights, rollUp: context.rollUp)
            }
        case .scorecard:
            return emit(context.dataset.scorecardTable(for: regionIndex, rollUp: context.rollUp, lang: lang))
        case .compare:
            return emit(context.dataset.comparison(of: regions, rollUp: context.rollUp, weights: try options.priorityWeights(), lang: lang))
        case .programmes:
            return emit(context.dataset.programmeTable(for: regionIndex, lang: lang))
        }
        let report = FollowUpReport(dataset: context.dataset, events: events, today: context.today, since: sinceDate,
                                    region: regionIndex, generatedAt: FollowUpClock.nowISO8601(), zones: try options.localTimeZones())
        switch format {
        case .md: return report.markdown(lang)
        case .csv, .xlsx: return report.csv()
        case .json: return report.json()
        }
    }
}
