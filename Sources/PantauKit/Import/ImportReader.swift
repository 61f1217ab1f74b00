import Foundation

/// Opens an importable file by its extension: `.csv`, `.tsv`, `.txt` (delimited text) or
/// `.xlsx` (a workbook sheet).
public enum ImportReader {
    public struct Options: Sendable {
        public var text = DelimitedText.Options()
        public var sheet: String?
        public init() {}
    }

    public static func read(path: String, options: Options = Options()) -> Result<ImportTable, ImportIssue> {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ["csv", "tsv", "txt", "xlsx"].contains(ext) else {
            return .failure(ImportIssue(file: path, location: .file, problem: .unsupportedFormat(ext.isEmpty ? path : "." + ext)))
        }
        if ext == "xlsx" {
            guard FileManager.default.isReadableFile(atPath: path) else {
                return .failure(ImportIssue(file: path, location: .file, problem: .data(.unreadable(errno: errno == 0 ? ENOENT : errno))))
            }
            return XlsxReader.read(path: path, sheet: options.sheet)
        }
        let bytes: [UInt8]
        do {
            bytes = try CSVReader.readWholeFile(path: path)
        } catch {
            return .failure(ImportIssue(file: path, location: .file, problem: .data(.unreadable(errno: error.errno))))
        }
        var textOptions = options.text
        if ext == "tsv" && textOptions.delimiter == nil { textOptions.delimiter = 9 }
        return DelimitedText.read(bytes, file: path, options: textOptions)
    }
}
