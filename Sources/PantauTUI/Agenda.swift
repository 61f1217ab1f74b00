import Foundation
import PantauKit

/// A meeting's agenda file: one region code per line, `#` starts a comment.
public enum Agenda {
    /// Why an agenda cannot be used; `message` names the file (and line).
    public enum Problem: Error, Equatable, Sendable {
        case unreadable(file: String)
        case empty(file: String)
        /// Each line (1-based) whose code is not in the dataset, with the code.
        case unknownCodes(file: String, lines: [(line: Int, code: String)])

        public static func == (lhs: Problem, rhs: Problem) -> Bool {
            switch (lhs, rhs) {
            case (.unreadable(let a), .unreadable(let b)), (.empty(let a), .empty(let b)): a == b
            case (.unknownCodes(let a, let x), .unknownCodes(let b, let y)):
                a == b && x.map(\.line) == y.map(\.line) && x.map(\.code) == y.map(\.code)
            default: false
            }
        }

        /// One line per problem, `file:line:1: galat: …` for unknown codes.
        public func message(_ lang: Language) -> String {
            switch self {
            case .unreadable(let file):
                lang.pick("agenda '\(file)' tidak dapat dibaca", "agenda '\(file)' cannot be read")
            case .empty(let file):
                lang.pick("agenda '\(file)' kosong", "agenda '\(file)' is empty")
            case .unknownCodes(let file, let lines):
                lines.map { "\(file):\($0.line):1: " + lang.pick("galat: kode wilayah '\($0.code)' tidak ada di dataset",
                                                                 "error: region code '\($0.code)' is not in the dataset") }
                    .joined(separator: "\n")
            }
        }
    }

    /// The presentation for `file`; without one, the dataset's top-level regions.
    public static func presentation(file: String?, dataset: Dataset) throws(Problem) -> Presentation {
        guard let file else { return Presentation(agenda: dataset.children(of: dataset.root)) }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw .unreadable(file: file) }
        return try presentation(text: text, file: file, dataset: dataset)
    }

    /// Parses agenda text (`file` names it in messages).
    public static func presentation(text: String, file: String, dataset: Dataset) throws(Problem) -> Presentation {
        var agenda: [RegionIndex] = []
        var unknown: [(line: Int, code: String)] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let code = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if code.isEmpty { continue }
            guard let parsed = RegionCode(code), let index = dataset.index(of: parsed) else {
                unknown.append((number + 1, code))
                continue
            }
            agenda.append(index)
        }
        if !unknown.isEmpty { throw .unknownCodes(file: file, lines: unknown) }
        if agenda.isEmpty { throw .empty(file: file) }
        return Presentation(agenda: agenda)
    }
}

extension Agenda {
    /// The open meeting's agenda as a presentation (its regions that the dataset has, in
    /// order), on `region` when it is one of them; nil when no meeting is open or its
    /// agenda names none. `pantau present --meeting` and `p` in the dashboard both start here.
    public static func meetingPresentation(_ state: AppState, on region: RegionIndex? = nil) -> Presentation? {
        guard let open = state.openMeetingID.flatMap({ state.context.followUp.meetings[$0] }) else { return nil }
        let indices = open.agenda.compactMap { RegionCode($0.region).flatMap(state.dataset.index(of:)) }
        guard !indices.isEmpty else { return nil }
        return Presentation(agenda: indices, position: region.flatMap { indices.firstIndex(of: $0) } ?? 0)
    }
}
