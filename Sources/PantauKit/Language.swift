/// The language of everything a user reads. Bahasa Indonesia is the default.
public enum Language: String, Sendable, CaseIterable {
    case id, en

    /// Chooses between an Indonesian and an English text. Keeping both side by side at
    /// every call site makes a missing translation impossible to compile.
    @inlinable
    public func pick(_ indonesian: String, _ english: String) -> String {
        self == .id ? indonesian : english
    }

    /// Language from the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`): English only when
    /// it clearly asks for English, Indonesian otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                if value.hasPrefix("en") { return .en }
                return .id
            }
        }
        return .id
    }
}
