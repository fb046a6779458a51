import Foundation

/// Everything `relaisd` needs of its store to plan, compose, deliver and say it is alive: the
/// queue, the planner's inputs, relay-wide repair, heartbeats. The SQLite store and the
/// PostgreSQL store both keep it.
public protocol DaemonStore: QueueStore, PlanningStore, HeartbeatWriter, HeartbeatReader {
    /// Where the store is, for log lines: a file path, or a URL without its password.
    var location: String { get }
    /// Whether several daemons may share this store. A store that may not is guarded by a lock
    /// (SQLite's file lock), and its daemon gives back every lease at start; one that may
    /// leaves another daemon's leases to run out.
    var isShared: Bool { get }
    /// Gives back every lease (the daemon that held them is gone); returns how many. Only for a
    /// store that is not shared.
    func releaseAllLeases(now: Date) throws(StoreError) -> Int
    /// Puts back `failed` rows a relay-wide refusal failed: queued again at `date`, their
    /// attempt not counted, a member it marked bounced active again. Returns how many changed.
    func reopen(ids: [Int64], at date: Date, reason: String, now: Date) throws(StoreError) -> Int
    /// The share of `limits` kept with the other daemons of a shared store; nil when the store
    /// has one daemon (its own limiter, started from the ledger, is the whole truth).
    func sendAllowance(_ limits: SendLimits) -> (any SendAllowance)?
}

/// Tells a sleeping daemon that another process changed the store: SQLite's `data_version`,
/// PostgreSQL's `LISTEN`.
public protocol ChangeSignal: Sendable {
    /// A number that changes whenever another process committed something the daemon should look at.
    func version() -> Int
}

/// Writes a daemon's heartbeat: the store itself, or (SQLite) the change monitor's own
/// connection, so that the daemon's beats do not look like another process's commit.
public protocol HeartbeatWriter: Sendable {
    /// Writes `heartbeat`, replacing the row of its daemon instance.
    func beat(_ heartbeat: Heartbeat) throws(StoreError)
}
