import CBuildInfo

/// What `pantau --version` prints: the version and the commit the binary was built from.
/// scripts/package-deb builds with PANTAU_BUILD_COMMIT set (see Package.swift); a plain
/// `swift build` says "unknown commit".
enum PantauVersion {
    static let number = "0.1.0"

    /// The commit (`git describe`-like: 12 hex digits, "-dirty" for uncommitted changes), or nil.
    static var commit: String? {
        let text = String(cString: pantau_build_commit())
        return text.isEmpty ? nil : text
    }

    static var text: String { "pantau \(number) (" + (commit.map { "commit \($0)" } ?? "unknown commit") + ")" }
}
