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
    /// The events with an id larger than `id` (every event for nil), ordered by id; nil
    /// when the store cannot say (then read `allEvents`). What a dashboard reads when
    /// another terminal recorded something: only what it has not seen.
    func events(after id: Int64?) throws -> [FollowUpEvent]?
    /// A cheap value that changes whenever any connection (including another process)
    /// commits: poll it (e.g. every 500 ms) and reload the events when it changes.
    func changeToken() throws -> Int64
    var isReadOnly: Bool { get }
    /// Why a store asked to be writable cannot be written (nil when it can, or when it
    /// was opened read-only on purpose). Typed, so callers decide on the case, never on
    /// the words of its message.
    var readOnlyReason: FollowUpStoreError? { get }
    /// Ends the store's connections; it must not be used afterwards. Safe to call twice.
    func close()
    /// What the store did by itself since the last call that the user must be told
    /// (e.g. it recreated a state file deleted while it was open). Cheap: no I/O.
    func takeNotices() -> [FollowUpStoreNotice]
    /// Whether changes reach where they are kept. A shared server's store that lost its
    /// connection keeps changes in a local journal and reports `.offline`; a local file
    /// is always `.ok`. Cheap: no I/O.
    func health() -> FollowUpStoreHealth
    /// Where operators' positions are kept beside the decisions (`pantau --follow`); nil
    /// when this store cannot keep them.
    var positionBoard: OperatorPositionBoard? { get }
}

extension FollowUpStore {
    public var positionBoard: OperatorPositionBoard? { nil }
    public func health() -> FollowUpStoreHealth { .ok }
    public func events(after id: Int64?) throws -> [FollowUpEvent]? { nil }
    public func takeNotices() -> [FollowUpStoreNotice] { [] }
}

/// Something a store did by itself that the person at the terminal must hear about.
public enum FollowUpStoreNotice: Sendable, Equatable {
    /// The state file was deleted while open; it was recreated at its path with the
    /// `events` the store still held, and the decision being written went into it.
    case recreated(path: String, events: Int)
    /// The shared server refused decisions that waited in the journal (a role that may
    /// read but not write, say); they stay there and are sent once it accepts them.
    case queuedRefused(reason: FollowUpStoreError, pending: Int)

    public func message(_ lang: Language) -> String {
        switch self {
        case .queuedRefused(.serverRefused(_, let words), let pending):
            // The server's own words, short, so the line says first what matters: refused, kept.
            lang.pick("Server menolak \(pending) keputusan yang menunggu dikirim (\(words)); keputusan itu tetap disimpan di komputer ini dan dikirim setelah server menerimanya. Periksa hak peran basis data (docs/shared-server.md).",
                      "The server refused \(pending) decisions waiting to be sent (\(words)); they stay on this computer and are sent once the server accepts them. Check the database role's rights (docs/shared-server.md).")
        case .queuedRefused(let reason, let pending):
            lang.pick("Server menolak \(pending) keputusan yang menunggu dikirim: \(reason.message(lang)) Keputusan itu tetap disimpan di komputer ini dan dikirim setelah server menerimanya (mis. hak akses diperbaiki).",
                      "The server refused \(pending) decisions waiting to be sent: \(reason.message(lang)) They stay on this computer and are sent once the server accepts them (e.g. when access rights are fixed).")
        case .recreated(let path, let events):
            lang.pick("Berkas status \(path) terhapus saat pantau terbuka; dibuat ulang dengan \(events) keputusan yang masih dipegang pantau, dan keputusan ini ikut tersimpan di sana.",
                      "The state file \(path) was deleted while pantau was open; it was recreated with the \(events) decisions pantau still held, and this decision is saved in it too.")
        }
    }
}

public enum FollowUpStoreHealth: Sendable, Equatable {
    case ok
    /// The shared server cannot be reached: `pending` changes wait in the local journal
    /// and are sent, once and in order, when the connection returns.
    case offline(pending: Int)

    /// The status line shown while offline.
    public static func offlineMessage(_ lang: Language) -> String {
        lang.pick("luring — perubahan disimpan di komputer ini dan dikirim saat koneksi kembali",
                  "offline — changes are kept locally and sent when the connection returns")
    }
}

public enum FollowUpStoreError: Error, Sendable, Equatable {
    /// Whether the cause passes by itself (another process's lock, a disk that fills
    /// up): a dashboard holds the decision and tries again instead of going read-only.
    public var passes: Bool { passingCause(.en) != nil }

    /// The cause that passes, in a few words for the status line (the full message
    /// tells the user to try again; a dashboard tries again itself).
    public func passingCause(_ lang: Language) -> String? {
        switch self {
        case .locked: lang.pick("berkas status dikunci program lain", "the state file is locked by another program")
        case .diskFull: lang.pick("disk penuh", "the disk is full")
        default: nil
        }
    }

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
    /// The state file was replaced by another file while open: nothing more is written
    /// to it by this session (the decision was not recorded).
    case replaced(path: String)
    /// The state file was deleted while open and could not be recreated.
    case vanished(path: String, reason: String)
    /// An event holds a control or invisible character (`TextRules`), e.g. a NUL that
    /// a server would cut the text at: refused before anything is copied.
    case invalidText(event: String, column: String, scalar: UInt32, position: Int)
    /// Shared server: it refused the user name or password.
    case authenticationFailed(server: String, user: String)
    /// Shared server: it accepts only encrypted connections and TLS was turned off
    /// (`sslmode=disable`), or TLS was required and the server does not offer it.
    case tlsRequired(server: String)
    case tlsUnavailable(server: String)
    /// Shared server: the host name does not resolve (a typo, or no network at all).
    case unknownHost(server: String)
    /// Shared server: refused a query (missing rights, missing database); its words.
    case serverRefused(server: String, reason: String)
    /// Shared server: cannot be reached now (refused, timed out, went away).
    case unreachable(server: String, reason: String)

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
        case .replaced(let path):
            lang.pick(
                "Berkas status \(path) diganti berkas lain saat pantau terbuka: keputusan ini TIDAK dicatat, dan sesi ini tidak menulis lagi. Tutup pantau lalu buka lagi untuk memakai berkas yang sekarang.",
                "The state file \(path) was replaced by another file while pantau was open: this decision was NOT recorded, and this session writes no more. Quit pantau and open it again to use the file now there.")
        case .vanished(let path, let reason):
            lang.pick(
                "Berkas status \(path) terhapus saat pantau terbuka dan tidak dapat dibuat ulang (\(reason)): keputusan ini TIDAK dicatat.",
                "The state file \(path) was deleted while pantau was open and cannot be recreated (\(reason)): this decision was NOT recorded.")
        case .invalidText(let event, let column, let scalar, let position):
            lang.pick(
                "Keputusan \(event), kolom \(column): \(TextRules.describe(scalar, lang)) pada karakter ke-\(position). Tidak ada yang disalin; perbaiki atau hapus keputusan itu di sumbernya.",
                "Decision \(event), column \(column): \(TextRules.describe(scalar, lang)) at character \(position). Nothing was copied; correct or remove that decision at its source.")
        case .authenticationFailed(let server, let user):
            lang.pick(
                "Server \(server) menolak pengguna '\(user)' atau kata sandinya. Periksa kata sandi di PGPASSFILE (~/.pgpass) atau PGPASSWORD; dasbor tetap dapat dibaca.",
                "The server \(server) refused user '\(user)' or its password. Check the password in PGPASSFILE (~/.pgpass) or PGPASSWORD; the dashboard stays readable.")
        case .tlsRequired(let server):
            lang.pick(
                "Server \(server) hanya menerima koneksi terenkripsi (TLS). Hapus sslmode=disable dari alamat --state; dasbor tetap dapat dibaca.",
                "The server \(server) accepts encrypted (TLS) connections only. Remove sslmode=disable from the --state address; the dashboard stays readable.")
        case .tlsUnavailable(let server):
            lang.pick(
                "Server \(server) tidak menawarkan TLS padahal sslmode meminta TLS, atau sertifikatnya tidak dapat diverifikasi. Hubungi pengelola server; dasbor tetap dapat dibaca.",
                "The server \(server) does not offer TLS although sslmode asks for it, or its certificate cannot be verified. Contact the server's administrator; the dashboard stays readable.")
        case .unknownHost(let server):
            lang.pick(
                "Nama host \(server) tidak dikenal. Periksa ejaan alamat --state dan jaringan; dasbor tetap dapat dibaca.",
                "The host name \(server) is unknown. Check the spelling of the --state address and the network; the dashboard stays readable.")
        case .serverRefused(let server, let reason):
            lang.pick(
                "Server \(server) menolak permintaan (\(reason)). Periksa hak peran basis data (docs/shared-server.md); dasbor tetap dapat dibaca.",
                "The server \(server) refused the request (\(reason)). Check the database role's rights (docs/shared-server.md); the dashboard stays readable.")
        case .unreachable(let server, let reason):
            lang.pick(
                "Server \(server) tidak dapat dihubungi (\(reason)): perubahan disimpan di komputer ini dan dikirim saat koneksi kembali.",
                "Cannot reach the server \(server) (\(reason)): changes are kept locally and sent when the connection returns.")
        }
    }
}
