/// Where follow-up events are kept. The dataset's CSV files are never modified: a
/// recommendation's current state is its CSV row with the events applied
/// (`FollowUpApplier`).
public protocol FollowUpStore: AnyObject, Sendable {
    /// Appends durably (committed before returning) and returns the event with its id.
    /// Appending an event whose `clientID` is already stored records nothing and returns
    /// the stored event (a re-send is idempotent).
    func append(_ event: FollowUpEvent) throws -> FollowUpEvent
    /// Every event, ordered by id (the order they were recorded in).
    func allEvents() throws -> [FollowUpEvent]
    /// A cheap value that changes whenever any connection (including another process)
    /// commits: poll it (e.g. every 500 ms) and reload the events when it changes.
    func changeToken() throws -> Int64
    var isReadOnly: Bool { get }
}

public enum FollowUpStoreError: Error, Sendable, Equatable {
    /// Opened read-only (`--readonly`), or the state file or its folder is not writable.
    case readOnly
    /// Not a database, or a malformed one.
    case corrupt(path: String)
    /// Another connection held the write lock beyond the busy timeout.
    case locked(path: String)
    case diskFull(path: String)
    case cannotOpen(path: String, reason: String)
    /// Written by a newer pantau (it applied migrations this version does not know).
    case newerSchema(path: String)

    /// A clear, actionable message for the person at the terminal.
    public func message(_ lang: Language) -> String {
        switch self {
        case .readOnly:
            lang.pick(
                "Catatan tindak lanjut hanya dapat dibaca (dibuka dengan --readonly, atau berkas status atau foldernya tidak dapat ditulisi): perubahan tidak dicatat. Periksa izin berkas, atau pilih berkas lain dengan --state FILE.",
                "Follow-up records are read-only (opened with --readonly, or the state file or its folder is not writable): changes are not recorded. Check the file's permissions, or choose another file with --state FILE.")
        case .corrupt(let path):
            lang.pick(
                "Berkas status \(path) rusak atau bukan basis data SQLite. Pulihkan dari cadangan, atau pindahkan berkas itu agar pantau memulai berkas baru.",
                "The state file \(path) is damaged or is not an SQLite database. Restore it from a backup, or move it aside so pantau starts a new one.")
        case .locked(let path):
            lang.pick(
                "Berkas status \(path) sedang dikunci program lain terlalu lama: perubahan belum dicatat. Coba lagi sebentar lagi, atau tutup program lain yang menulis ke berkas itu.",
                "The state file \(path) is locked by another program for too long: the change was not recorded. Try again in a moment, or close the other program writing to it.")
        case .diskFull(let path):
            lang.pick(
                "Disk penuh: tidak dapat menulis ke \(path), perubahan belum dicatat. Kosongkan ruang disk lalu coba lagi.",
                "Disk full: cannot write to \(path), the change was not recorded. Free some disk space and try again.")
        case .cannotOpen(let path, let reason):
            lang.pick(
                "Berkas status \(path) tidak dapat digunakan (\(reason)). Periksa jalur dan izinnya, atau pilih berkas lain dengan --state FILE.",
                "Cannot use the state file \(path) (\(reason)). Check the path and its permissions, or choose another file with --state FILE.")
        case .newerSchema(let path):
            lang.pick(
                "Berkas status \(path) ditulis oleh versi pantau yang lebih baru. Perbarui pantau untuk membukanya; berkas itu tidak diubah.",
                "The state file \(path) was written by a newer version of pantau. Update pantau to open it; the file was left unchanged.")
        }
    }
}
