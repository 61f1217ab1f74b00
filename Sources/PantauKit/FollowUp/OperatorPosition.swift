import Foundation

/// Where one operator's dashboard is, as its terminal last said (`pantau --follow`): the
/// region, slide, view and selection, as text only the front end reads. One per operator,
/// replaced at every change; not part of the decision history, never exported.
public struct OperatorPosition: Sendable, Equatable {
    /// Who the operator is (`--as`, else the login name).
    public var operatorName: String
    /// The front end's encoding of what its screen shows (opaque to the store).
    public var payload: String
    /// When the operator's terminal last wrote it, in seconds since 1970 (a terminal that
    /// is open says so every few seconds, so an old time means it is gone).
    public var updatedAt: Double

    public init(operatorName: String, payload: String, updatedAt: Double) {
        self.operatorName = operatorName
        self.payload = payload
        self.updatedAt = updatedAt
    }
}

/// A store that can carry operators' positions beside the decisions (SQLite, PostgreSQL).
/// Best effort by design: a position that cannot be written (a lock, the server away) is
/// simply written again at the next change or heartbeat, and never holds the dashboard.
public protocol OperatorPositionBoard: AnyObject, Sendable {
    /// Writes (or replaces) `position`; its `updatedAt` is the store's to set or keep.
    func publish(_ position: OperatorPosition) throws(FollowUpStoreError)
    /// Removes the operator's position (the dashboard was closed).
    func withdrawPosition(of operatorName: String) throws(FollowUpStoreError)
    /// Every operator's last position, newest first.
    func positions() throws(FollowUpStoreError) -> [OperatorPosition]
}
