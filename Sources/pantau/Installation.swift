import Foundation
import PantauKit
import PantauPostgres
import PantauTUI

/// Where pantau finds the files that travel with it: the sample dataset and the official
/// region list. An installed pantau (`PREFIX/bin/pantau` with `PREFIX/share/pantau/`
/// beside it, e.g. the Debian package's /usr) uses its own copies, wherever it is started;
/// a build run from a source checkout uses the checkout's (`./sample-data` and `data/wilayah/`).
enum Installation {
    /// `PREFIX/share/pantau` of the running binary, when it holds the bundled sample data.
    static let shareDirectory: String? = {
        guard let executable = executablePath() else { return nil }
        let prefix = URL(fileURLWithPath: executable).deletingLastPathComponent().deletingLastPathComponent()
        let share = prefix.appendingPathComponent("share/pantau").path
        return FileManager.default.fileExists(atPath: share + "/sample-data/wilayah.csv") ? share : nil
    }()

    /// The bundled sample dataset of an installed pantau; nil when run from a source checkout.
    static var bundledSampleData: String? { shareDirectory.map { $0 + "/sample-data" } }

    /// The dataset opened when neither --data nor the config file names one.
    static var defaultDataDirectory: String { bundledSampleData ?? "sample-data" }

    /// Whether `directory` is the installed sample data (opened read-only: it belongs to
    /// the package, and decisions made on it would be lost at the next upgrade).
    static func isBundledSample(_ directory: String) -> Bool {
        guard let sample = bundledSampleData else { return false }
        return URL(fileURLWithPath: directory).standardizedFileURL.path == URL(fileURLWithPath: sample).standardizedFileURL.path
    }

    /// The official list `import-wilayah` reads when given no file: the installed copy, else
    /// the source checkout's `data/wilayah/wilayah.csv.gz` (found from this source file).
    static var officialWilayahList: String {
        if let shareDirectory { return shareDirectory + "/wilayah/wilayah.csv.gz" }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return checkout.appendingPathComponent("data/wilayah/wilayah.csv.gz").path
    }

    /// The bundled sample's store, read-only (`ReadOnlyReason.bundledSample`), when the
    /// state file would be inside the installed sample data; nil otherwise.
    static func bundledSampleStore(statePath: String) -> (store: FollowUpStore?, status: StoreStatus)? {
        guard !FollowUpStores.isShared(statePath), isBundledSample((statePath as NSString).deletingLastPathComponent) else { return nil }
        var store: FollowUpStore? = try? FollowUpStores.open(statePath, readOnly: true).store
        if store == nil { store = try? SQLiteFollowUpStore.inMemory() }
        return (store, .readOnly(.bundledSample))
    }

    /// /proc/self/exe resolved (symbolic links followed), else argv[0].
    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 {
            return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }
}
