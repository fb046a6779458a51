import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells systemd about the daemon's state by writing sd_notify datagrams to `$NOTIFY_SOCKET`,
/// without libsystemd. Outside systemd (no `$NOTIFY_SOCKET`) every call does nothing.
///
/// A failure never stops the daemon: it is logged once as a warning, then at debug level.
public struct SystemdNotifier: Sendable {
    /// The socket to notify, or why `$NOTIFY_SOCKET` cannot be used; nil when it is not set.
    public let socket: Result<NotifySocketAddress, SystemdNotifyError>?
    /// The watchdog timeout systemd expects pings within (`$WATCHDOG_USEC`), when it is meant for us.
    public let watchdogInterval: Duration?
    private let logger: Logger
    private let failures = NotifyFailureReporter()

    /// Reads `$NOTIFY_SOCKET`, `$WATCHDOG_USEC` and `$WATCHDOG_PID` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) {
        self.logger = logger
        if let value = environment["NOTIFY_SOCKET"], !value.isEmpty {
            socket = Result { () throws(SystemdNotifyError) in try NotifySocketAddress(value) }
        } else {
            socket = nil
        }
        watchdogInterval = Self.watchdogInterval(environment: environment, pid: getpid())
    }

    /// Whether systemd asked for notifications (`$NOTIFY_SOCKET` is set).
    public var isEnabled: Bool { socket != nil }

    /// How often to ping the watchdog: half of ``watchdogInterval``, as sd_watchdog_enabled(3) advises.
    public var watchdogKeepAliveInterval: Duration? { watchdogInterval.map { $0 / 2 } }

    /// Sends `states` in one datagram; returns whether systemd's socket accepted it.
    @discardableResult
    public func notify(_ states: [NotifyState]) -> Bool {
        guard let socket, !states.isEmpty else { return false }
        do {
            try send(states, to: socket.get())
            return true
        } catch {
            failures.report(error, states: states, logger: logger)
            return false
        }
    }

    /// Sends `READY=1`: start-up or a reload has finished.
    @discardableResult
    public func ready() -> Bool { notify([.ready]) }

    /// Sends `STATUS=…`, the line `systemctl status` shows.
    @discardableResult
    public func status(_ text: String) -> Bool { notify([.status(text)]) }

    /// Sends `WATCHDOG=1`, the keep-alive ping.
    @discardableResult
    public func watchdog() -> Bool { notify([.watchdog]) }

    /// Sends `RELOADING=1` with `MONOTONIC_USEC`; send ``ready()`` when the reload is over.
    @discardableResult
    public func reloading() -> Bool { notify([.reloading, .monotonicMicroseconds(NotifyState.monotonicNow())]) }

    /// Sends `STOPPING=1`: shutdown has begun.
    @discardableResult
    public func stopping() -> Bool { notify([.stopping]) }

    /// The datagram for `states`: one assignment per line.
    static func payload(_ states: [NotifyState]) -> [UInt8] {
        Array(states.map(\.description).joined(separator: "\n").utf8)
    }

    private func send(_ states: [NotifyState], to address: NotifySocketAddress) throws(SystemdNotifyError) {
        let datagram = try NotifyDatagramSocket(for: address)
        try datagram.send(Self.payload(states), to: address)
    }

    /// `$WATCHDOG_USEC` as a duration, if positive and, when `$WATCHDOG_PID` is set, meant for `pid`.
    static func watchdogInterval(environment: [String: String], pid: Int32) -> Duration? {
        if let watchdogPID = environment["WATCHDOG_PID"], !watchdogPID.isEmpty {
            guard Int32(watchdogPID) == pid else { return nil }
        }
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0,
            usec <= UInt64(Int64.max)
        else { return nil }
        return .microseconds(Int64(usec))
    }
}
