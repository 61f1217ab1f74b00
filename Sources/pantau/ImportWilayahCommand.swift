import ArgumentParser
import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

struct ImportWilayah: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-wilayah",
        abstract: "Buat wilayah.csv dari daftar resmi / write a dataset's wilayah.csv from the official region list.")

    @Argument(help: "Daftar resmi kode,nama / the official list (kode,nama; may be .gz) (default: the bundled data/wilayah/wilayah.csv.gz).")
    var file: String?

    @Option(name: .long, help: "Direktori tujuan / output directory.")
    var out: String

    @Option(name: .long, help: ArgumentHelp("Hanya kode ini beserta induk dan seluruh turunannya / keep only these codes, their ancestors and all their descendants.", valueName: "KODE,…"))
    var only: String?

    @Option(name: .long, help: ArgumentHelp("Juga kode ini beserta induknya, tanpa turunannya / also these codes and their ancestors, without their descendants.", valueName: "KODE,…"))
    var also: String?

    mutating func run() throws {
        let lang = Language.fromEnvironment(ProcessInfo.processInfo.environment)
        let file = self.file ?? Installation.officialWilayahList
        func codes(_ list: String?, _ flag: String) throws -> [RegionCode] {
            var codes: [RegionCode] = []
            for text in (list ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !text.isEmpty {
                guard let code = RegionCode(text), code != .indonesia else {
                    throw ValidationError("\(flag): '\(text)' " + lang.pick("bukan kode wilayah", "is not a region code"))
                }
                codes.append(code)
            }
            return codes
        }
        let selected = try codes(only, "--only"), extra = try codes(also, "--also")
        let result: WilayahImport.Result
        do {
            result = try WilayahImport.run(input: file, outputDirectory: out, only: selected, also: extra)
        } catch let error as CSVSyntaxError {
            printError(DataIssue(file: file, line: error.line, column: error.column, problem: .syntax(error.problem)).formatted(lang))
            throw ExitCode(1)
        } catch let error as CSVFileError {
            printError(DataIssue(file: file, line: 0, column: 0, problem: .unreadable(errno: error.errno)).formatted(lang))
            throw ExitCode(1)
        }
        for problem in result.problems { printError(problem.formatted(lang)) }
        print(lang.pick("\(Format.integer(result.written, lang)) wilayah ditulis ke \(out)/wilayah.csv",
                        "\(Format.integer(result.written, lang)) regions written to \(out)/wilayah.csv")
              + (result.problems.isEmpty ? "" : lang.pick("; \(result.problems.count) baris rusak dilewati", "; \(result.problems.count) malformed lines skipped")))
        if !result.problems.isEmpty { throw ExitCode(1) }
    }
}
