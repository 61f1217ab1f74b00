import Foundation
import Testing

/// The dataset "as it was" on the day of Muba's Diseminasi I (issue 16.6), through the
/// real binary: `--as-of` opens the sample data of later years, hides what came after the
/// day, applies only the decisions made by then, and records nothing.
@Suite(.enabled(if: tmuxAvailable)) struct AsOfEndToEndTests {
    /// The sample data without a state file, and a state file (v1 schema, written by
    /// Python's sqlite3) with one decision on the meeting day and one three months later.
    private func meetingData() throws -> (directory: URL, state: String) {
        let directory = try sampleDataCopy("asof")
        let state = directory.appendingPathComponent("rapat.sqlite").path
        try writeFirstSchemaState(state, rows: [
            "(1, 'a', 'MUBA-AKS22-07', 'status', 'belum', 'proses', NULL, 'siti', '2022-10-25T08:00:00Z', NULL)",
            "(2, 'b', 'MUBA-AKS22-07', 'status', 'proses', 'selesai', NULL, 'budi', '2023-02-01T03:00:00Z', NULL)",
        ])
        return (directory, state)
    }

    @Test func theDashboardOnTheMeetingDayShowsWhatWasKnownAndRecordsNothing() throws {
        let (directory, state) = try meetingData()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = try TmuxSession(arguments: ["--data", directory.path, "--state", state, "--as-of", "2022-10-25"], width: 120, height: 36)
        var screen = try session.waitFor("HANYA BACA · per 25 Okt 2022")
        #expect(screen.contains("Per 25 Okt 2022 disembunyikan: "), "\(screen)")
        try session.send("Enter", "j", "3")
        screen = try session.waitFor("MUBA-AKS22-07")
        // The decision of the meeting day is applied, the one of February 2023 is not; the
        // history reads in Muba's local time (WIB).
        let row = try #require(screen.split(separator: "\n").first { $0.contains("MUBA-AKS22-07 DPPKB") })
        #expect(row.contains("31 Mar 2023  proses"), "\(row)")
        #expect(screen.contains("25 Okt 2022 15:00 WIB · siti · status belum"), "\(screen)")
        #expect(!screen.contains("budi"), "\(screen)")
        // Nothing overdue yet on that day: the deadline is measured against it.
        #expect(!screen.contains("LEWAT"), "\(screen)")
        try session.send("c")
        screen = try session.waitFor("Hanya baca: --as-of 2022-10-25")
        #expect(!screen.contains("Ubah status"), "\(screen)")
        try session.send("q")
        try session.waitFor("PANTAU-ENDED")
        let count = try run("/usr/bin/python3", ["-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM event').fetchone()[0])", state])
        #expect(count.output == "2\n", "\(count.output)\(count.error)")
    }

    @Test func theMinutesAsOfTheDayLeaveOutLaterDecisionsAndSaySo() throws {
        let (directory, state) = try meetingData()
        defer { try? FileManager.default.removeItem(at: directory) }
        let asOf = try run(pantauBinary, ["report", "--data", directory.path, "--state", state, "--as-of", "2022-10-25",
                                          "--region", "16.06", "--format", "md", "--lang", "en"])
        #expect(asOf.status == 0, "\(asOf.error)")
        #expect(asOf.error.hasPrefix("As of 25 Oct 2022, hidden: "), "\(asOf.error)")
        #expect(asOf.error.hasSuffix(", 1 decision (from after that day)\n"), "\(asOf.error)")
        #expect(asOf.output.contains("| 2022-10-25 15:00 WIB | MUBA-AKS22-07 |"), "\(asOf.output)")
        #expect(!asOf.output.contains("2023-02-01"), "\(asOf.output)")
        let now = try run(pantauBinary, ["report", "--data", directory.path, "--state", state, "--region", "16.06", "--format", "md", "--lang", "en"])
        #expect(now.status == 0 && now.error.isEmpty, "\(now.error)")
        #expect(now.output.contains("| 2023-02-01 10:00 WIB | MUBA-AKS22-07 |"), "\(now.output)")
        // An office that reads every time in WIT (config), and a flag that wins over it.
        let config = directory.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("pantau"), withIntermediateDirectories: true)
        try "time_zone = \"WIT\"\n".write(to: config.appendingPathComponent("pantau/config.toml"), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = config.path
        let report = ["report", "--data", directory.path, "--state", state, "--region", "16.06", "--format", "md", "--lang", "en"]
        let inWIT = try run(pantauBinary, report, environment: environment)
        #expect(inWIT.output.contains("| 2022-10-25 17:00 WIT | MUBA-AKS22-07 |"), "\(inWIT.output)\(inWIT.error)")
        let flag = try run(pantauBinary, report + ["--time-zone", "auto"], environment: environment)
        #expect(flag.output.contains("| 2022-10-25 15:00 WIB | MUBA-AKS22-07 |"), "\(flag.output)\(flag.error)")
        let wrong = try run(pantauBinary, report + ["--time-zone", "Asia/Jayapura"])
        #expect(wrong.status != 0)
        #expect(wrong.error.contains("--time-zone: 'Asia/Jayapura' is not known; choose: auto, WIB, WITA, WIT"), "\(wrong.error)")
    }

    /// `--today` in the past replays a day: later figures are hidden (not errors, as
    /// before), every recommendation and decision stays; `check` keeps the real date.
    @Test func aPastTodayOpensTheSampleDataAndCheckKeepsTheRealDate() throws {
        let screen = try run(pantauBinary, ["screen", "--data", packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample").path,
                                            "--today", "2022-10-25", "--size", "160x30", "--lang", "en"])
        #expect(screen.status == 0, "\(screen.error)")
        let lines = screen.output.split(separator: "\n")
        #expect(lines.last?.contains("As of 25 Oct 2022, hidden: ") == true, "\(screen.output)")
        #expect(lines.first?.contains("as of") == false)
        // The region list's newest figures are of 2022 at the latest.
        let regionList = lines.dropFirst(3).prefix(5).map { $0.components(separatedBy: "┃│")[0] }
        #expect(regionList.contains { $0.contains("2022") }, "\(screen.output)")
        #expect(!regionList.contains { $0.contains("2023") || $0.contains("2024") }, "\(screen.output)")
        let check = try run(pantauBinary, ["check", packageRoot.appendingPathComponent("Tests/Fixtures/seed-sample").path, "--today", "2020-01-01"])
        #expect(check.status == 0, "\(check.output)\(check.error)")
        let both = try run(pantauBinary, ["screen", "--today", "2022-10-25", "--as-of", "2022-10-25"])
        #expect(both.status != 0)
        #expect(both.error.contains("--today dan --as-of: pilih salah satu"), "\(both.error)")
        let bad = try run(pantauBinary, ["screen", "--as-of", "2022-02-30"])
        #expect(bad.status != 0)
        #expect(bad.error.contains("--as-of: '2022-02-30'"), "\(bad.error)")
    }
}
