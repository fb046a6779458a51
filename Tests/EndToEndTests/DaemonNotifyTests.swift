import Foundation
import RelaisTestSupport
import Testing

/// The running daemon's sd_notify protocol, seen from a test listener in place of systemd.
@Suite(.blocking, .serialized) struct DaemonNotifyTests {
    @Test(.timeLimit(.minutes(2)))
    func readyStatusWatchdogReloadAndStopping() throws {
        let sandbox = Sandbox()
        let listener = try DaemonNotifyListener()
        let daemon = try RunningProcess(
            Binaries.relaisd, ["--config", sandbox.config],
            environment: Binaries.cleanEnvironment.merging(["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "2000000"]) { $1 })
        defer { if daemon.process.isRunning { daemon.stop(signal: SIGKILL) } }

        let ready = listener.waitFor { Self.has($0, "READY", "1") }
        try #require(ready != nil, "no READY=1: \(listener.datagrams); \(DaemonHarness.tail(daemon))")
        #expect(listener.waitFor { DaemonNotifyListener.fields($0)["STATUS"]?.isEmpty == false } != nil, "no STATUS=")
        // Watchdog every second (half of WATCHDOG_USEC): two pings arrive well within the safety net.
        let firstPing = listener.waitFor { Self.has($0, "WATCHDOG", "1") }
        #expect(firstPing != nil, "no WATCHDOG=1: \(listener.datagrams)")
        #expect(listener.waitFor(from: (firstPing ?? 0) + 1) { Self.has($0, "WATCHDOG", "1") } != nil, "only one WATCHDOG=1")

        // SIGHUP: RELOADING=1 with MONOTONIC_USEC (CLOCK_MONOTONIC, in the same datagram), then READY=1.
        var mark = listener.datagrams.count
        let before = Self.monotonicMicroseconds()
        kill(daemon.process.processIdentifier, SIGHUP)
        let reloading = listener.waitFor(from: mark) { Self.has($0, "RELOADING", "1") }
        try #require(reloading != nil, "no RELOADING=1 after SIGHUP: \(listener.datagrams[mark...])")
        let stamp = DaemonNotifyListener.fields(listener.datagrams[reloading!])["MONOTONIC_USEC"].flatMap(UInt64.init)
        #expect(stamp != nil, "RELOADING=1 without MONOTONIC_USEC: \(listener.datagrams[reloading!])")
        if let stamp { #expect(stamp >= before && stamp <= Self.monotonicMicroseconds(), "MONOTONIC_USEC \(stamp) is not CLOCK_MONOTONIC now") }
        #expect(listener.waitFor(from: reloading! + 1) { Self.has($0, "READY", "1") } != nil, "no READY=1 after the reload")

        // A broken configuration on reload: the daemon says why, keeps running, and leaves the reloading state.
        let original = try String(contentsOfFile: sandbox.config, encoding: .utf8)
        sandbox.directory.write("relais.yaml", original.replacingOccurrences(of: "transport: file", with: "transport: pigeon"))
        mark = listener.datagrams.count
        let logMark = daemon.stderr.count
        kill(daemon.process.processIdentifier, SIGHUP)
        let badReload = listener.waitFor(from: mark) { Self.has($0, "RELOADING", "1") }
        #expect(badReload != nil, "no RELOADING=1 for the second SIGHUP")
        let complaint = waitUntil(timeout: 20) { daemon.stderr.dropFirst(logMark).contains { $0.contains("delivery.transport") } }
        #expect(complaint, "the rejected reload is not explained: \(DaemonHarness.tail(daemon))")
        #expect(listener.waitFor(from: (badReload ?? mark) + 1) { Self.has($0, "READY", "1") } != nil, "still reloading after the rejected reload")
        mark = listener.datagrams.count
        #expect(listener.waitFor(from: mark) { Self.has($0, "WATCHDOG", "1") } != nil, "the watchdog stopped after the rejected reload")
        #expect(daemon.process.isRunning)

        // SIGTERM: STOPPING=1, exit 0.
        mark = listener.datagrams.count
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0)
        #expect(listener.waitFor(from: mark, timeout: 5) { Self.has($0, "STOPPING", "1") } != nil, "no STOPPING=1: \(listener.datagrams[mark...])")
    }

    /// Whether a datagram has the line `key=value`.
    static func has(_ datagram: String, _ key: String, _ value: String) -> Bool {
        DaemonNotifyListener.fields(datagram)[key] == value
    }

    /// CLOCK_MONOTONIC in microseconds, as systemd reads MONOTONIC_USEC.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}
