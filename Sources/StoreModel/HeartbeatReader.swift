/// Reads the daemons' heartbeats: what `relaisctl status` shows, and what a daemon's `/healthz`
/// judges (its own row, by instance id).
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol HeartbeatReader: Sendable {
    /// The heartbeats of the daemons that use the store, the latest beat first.
    func heartbeats() throws(StoreError) -> [Heartbeat]
}
