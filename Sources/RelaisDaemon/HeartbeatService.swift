import Foundation
import Logging
import Relais
import ServiceLifecycle
import Store
import Systemd

/// Writes the heartbeat row every few seconds so `relaisctl status` can tell the daemon is alive.
public struct HeartbeatService: Service {
    /// How often the row is rewritten. Under 5 s on purpose: libdispatch reaps a timer thread
    /// idle for 5 s, and each new one logs, under systemd's sandbox, that it may not be reniced.
    public static let interval: Duration = .seconds(3)
    /// A heartbeat older than this (three missed beats) is stale: `/healthz` answers 503.
    public static let maxAge: TimeInterval = 10

    let writer: any HeartbeatWriter
    /// The daemon instance the row belongs to.
    let instanceId: String
    let executor: BlockingExecutor
    let state: DaemonState
    let logger: Logger

    /// A service writing `state` to instance `instanceId`'s heartbeat row through `writer` (with
    /// SQLite, the change monitor's connection, so the daemon's own beats do not wake it).
    public init(writer: any HeartbeatWriter, instanceId: String, executor: BlockingExecutor, state: DaemonState, logger: Logger) {
        self.writer = writer
        self.instanceId = instanceId
        self.executor = executor
        self.state = state
        self.logger = logger
    }

    public func run() async throws {
        let started = Date()
        let pid = ProcessInfo.processInfo.processIdentifier
        let host = ProcessInfo.processInfo.hostName
        var failing = false
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let snapshot = await state.snapshot()
            let writer = self.writer
            let beat = Heartbeat(
                instanceId: instanceId, host: host, pid: pid, version: RelaisVersion.current, startedAt: started, beatAt: Date(),
                activity: snapshot.activity, throttledUntil: snapshot.throttledUntil)
            do {
                try await executor.run { try writer.beat(beat) }
                if failing { logger.notice("heartbeat written again") }
                failing = false
            } catch {
                if !failing { logger.warning("cannot write heartbeat: \(error)") }
                failing = true
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.interval) }
        }
        let snapshot = await state.snapshot()
        // On the executor too: a store call blocks its thread (PostgreSQL waits for a task).
        let writer = self.writer
        let last = Heartbeat(
            instanceId: instanceId, host: host, pid: pid, version: RelaisVersion.current, startedAt: started, beatAt: Date(),
            activity: "stopped", throttledUntil: snapshot.throttledUntil)
        await executor.run { try? writer.beat(last) }
    }
}
