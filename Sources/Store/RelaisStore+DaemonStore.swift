import Foundation
import StoreModel

/// The SQLite store is one daemon's: its file lock keeps a second one out, and at start the
/// daemon takes back every lease the previous run left.
extension RelaisStore: DaemonStore {
    public var location: String { path }

    public var isShared: Bool { false }

    public func heartbeats() throws(StoreError) -> [Heartbeat] {
        try heartbeat().map { [$0] } ?? []
    }

    public func sendAllowance(_ limits: SendLimits) -> (any SendAllowance)? { nil }
}

extension ChangeMonitor: ChangeSignal, HeartbeatWriter {}
