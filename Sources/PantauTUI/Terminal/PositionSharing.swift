import Foundation
import PantauKit

/// Shares where an operator's dashboard is through the follow-up store, or follows one
/// (`pantau --follow`). An operator's terminal writes its `SharedView` when it changes,
/// and again every few seconds so followers know it is still open; a follower reads the
/// positions at every poll and puts its state where the operator's is. Never blocks
/// the dashboard for long: a position that cannot be written now is written at the next
/// change or heartbeat (the store's short lock wait), and a read that fails is tried again.
public final class PositionSharing {
    public enum Role: Equatable, Sendable {
        /// Writes this terminal's view under the operator's name.
        case publish(operatorName: String)
        /// Follows the named operator, or the only one active when none is named.
        case follow(operatorName: String?)
    }

    public let role: Role
    private let board: OperatorPositionBoard
    private let now: () -> Date
    /// Publisher: the text last written, and when.
    private var published: String?
    private var publishedAt = Date.distantPast
    private var retryAt = Date.distantPast
    /// How long a publisher waits after a write that failed before it tries again.
    static let retryPause: TimeInterval = 2
    /// Follower: the operator followed and the text last applied.
    private var followed: String?
    private var applied: String?
    /// Follower: why the last read failed, as said (so it is said once).
    private var problem: String?

    /// A terminal that is open writes its position at least this often (seconds).
    public static let heartbeat: TimeInterval = 5
    /// A position older than this is of a terminal that is gone (closed without saying,
    /// its connection cut).
    public static let activeWithin: TimeInterval = 15

    public init(role: Role, board: OperatorPositionBoard, now: @escaping () -> Date = Date.init) {
        self.role = role
        self.board = board
        self.now = now
    }

    /// What a follower says before its first read: it waits (for the one named).
    public var startingStatus: FollowStatus? {
        if case .follow(let name) = role { return .waiting(for: name) }
        return nil
    }

    /// How long the dashboard loop waits for a key between polls: a follower polls often,
    /// so it shows a move within the second the issue asks for.
    public var pollMilliseconds: Int32 {
        if case .follow = role { return 200 }
        return 500
    }

    /// Publishes the operator's view when it changed (or is due again), or, following,
    /// applies the operator's latest. Returns true when the state changed.
    @discardableResult
    public func exchange(_ state: inout AppState) -> Bool {
        switch role {
        case .publish(let name):
            let time = now()
            // After a failure (a lock held elsewhere), a pause: typing must not pay for it.
            guard time >= retryAt else { return false }
            let text = SharedView(of: state).encoded
            guard text != published || time.timeIntervalSince(publishedAt) >= Self.heartbeat else { return false }
            if (try? board.publish(OperatorPosition(operatorName: name, payload: text, updatedAt: time.timeIntervalSince1970))) != nil {
                published = text
                publishedAt = time
            } else {
                retryAt = time.addingTimeInterval(Self.retryPause)
            }
            return false
        case .follow(let named):
            let positions: [OperatorPosition]
            do {
                positions = try board.positions()
                problem = nil
            } catch {
                // Said once (an older shared server without the table, a role without the right).
                let message = error.message(state.lang)
                guard message != problem else { return false }
                problem = message
                reduce(&state, .storeNews([message]))
                return true
            }
            let cutoff = now().timeIntervalSince1970 - Self.activeWithin
            let active = positions.filter { $0.updatedAt >= cutoff }
            let chosen: OperatorPosition?
            let status: FollowStatus
            if let named {
                chosen = active.first { $0.operatorName == named }
                status = chosen == nil ? .waiting(for: named) : .following(named)
            } else if let current = followed, let still = active.first(where: { $0.operatorName == current }) {
                // Another operator opening a dashboard does not take the projector away.
                chosen = still
                status = .following(current)
            } else if active.count == 1 {
                chosen = active[0]
                status = .following(active[0].operatorName)
            } else {
                chosen = nil
                status = active.isEmpty ? .waiting(for: nil) : .choosing(active.map(\.operatorName).sorted())
            }
            followed = chosen?.operatorName
            var view: SharedView?
            if let chosen, chosen.payload != applied {
                view = SharedView.decoded(chosen.payload)
                applied = chosen.payload
            }
            if chosen == nil { applied = nil }
            guard view != nil || status != state.following else { return false }
            reduce(&state, .followed(status, view))
            return true
        }
    }

    /// The operator's terminal is closing: followers stop following it at once.
    public func finish() {
        if case .publish(let name) = role { try? board.withdrawPosition(of: name) }
    }
}

extension PositionSharing {
    /// What a dashboard shares, decided in one place: a follower (`--follow`) follows and
    /// never records (its status says so, and whom it follows); a dashboard that records
    /// publishes where it is under `operatorName`; a read-only one shares nothing. nil also
    /// when the store cannot carry positions (a follower is told).
    public static func forDashboard(_ state: inout AppState, following: Role?, operatorName: String,
                                    board: OperatorPositionBoard?) -> PositionSharing? {
        let lang = state.lang
        if let following {
            state.storeStatus = .readOnly(.following)
            guard let board else {
                state.flash = lang.pick("--follow: catatan ini tidak dapat membawa posisi operator", "--follow: these records cannot carry operators' positions")
                return nil
            }
            let sharing = PositionSharing(role: following, board: board)
            state.following = sharing.startingStatus
            state.flash = state.following.map { followMessage($0, lang) }
            return sharing
        }
        guard !state.storeStatus.isReadOnly, let board else { return nil }
        return PositionSharing(role: .publish(operatorName: operatorName), board: board)
    }
}
