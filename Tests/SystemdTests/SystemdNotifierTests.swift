import Foundation
import Logging
import Systemd
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("SystemdNotifier sends sd_notify datagrams")
struct SystemdNotifierTests {
    /// The two kinds of `$NOTIFY_SOCKET` systemd hands out.
    enum SocketKind: CaseIterable, Sendable {
        case path, abstract
    }

    private func listener(_ kind: SocketKind) throws -> DatagramListener {
        switch kind {
        case .path: try DatagramListener()
        case .abstract: try DatagramListener(abstract: ())
        }
    }

    @Test("READY, STATUS, WATCHDOG and STOPPING arrive as single datagrams", arguments: SocketKind.allCases)
    func lifecycleMessages(kind: SocketKind) throws {
        let listener = try listener(kind)
        let (logger, records) = RecordingLogHandler.logger()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], logger: logger)
        #expect(notifier.isEnabled)

        #expect(notifier.ready())
        #expect(try listener.receive() == "READY=1")
        #expect(notifier.status("12 queued, 2 sending, 0 deferred"))
        #expect(try listener.receive() == "STATUS=12 queued, 2 sending, 0 deferred")
        #expect(notifier.watchdog())
        #expect(try listener.receive() == "WATCHDOG=1")
        #expect(notifier.stopping())
        #expect(try listener.receive() == "STOPPING=1")
        #expect(try listener.receiveIfQueued() == nil)
        #expect(records.all.isEmpty)
    }

    @Test("RELOADING carries the CLOCK_MONOTONIC time of the reload", arguments: SocketKind.allCases)
    func reloading(kind: SocketKind) throws {
        let listener = try listener(kind)
        let (logger, _) = RecordingLogHandler.logger()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], logger: logger)

        let before = Self.monotonicMicroseconds()
        #expect(notifier.reloading())
        let after = Self.monotonicMicroseconds()

        let lines = try listener.receive().split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == 2)
        #expect(lines[0] == "RELOADING=1")
        #expect(lines[1].hasPrefix("MONOTONIC_USEC="))
        let usec = try #require(UInt64(lines[1].dropFirst("MONOTONIC_USEC=".count)))
        #expect((before...after).contains(usec))
    }

    @Test("several states go in one datagram, one per line, and a status stays on one line")
    func combinedStates() throws {
        let listener = try DatagramListener()
        let (logger, _) = RecordingLogHandler.logger()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], logger: logger)

        #expect(notifier.notify([.ready, .status("line one\nREADY=0\r\nend"), .mainPID(4242)]))
        let lines = try listener.receive().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == ["READY=1", "STATUS=line one READY=0 end", "MAINPID=4242"])

        #expect(notifier.notify([.stopping, .extendTimeout(.milliseconds(2_500))]))
        #expect(try listener.receive() == "STOPPING=1\nEXTEND_TIMEOUT_USEC=2500000")
    }

    @Test("without NOTIFY_SOCKET nothing is sent and nothing is logged")
    func disabled() {
        let (logger, records) = RecordingLogHandler.logger()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": ""], logger: logger)
        #expect(!notifier.isEnabled)
        #expect(!notifier.ready())
        #expect(!notifier.watchdog())
        #expect(records.all.isEmpty)
    }

    @Test("a missing socket never crashes: the failure is logged once as a warning")
    func missingSocket() throws {
        let path = "/tmp/relais-no-such-\(UUID().uuidString.prefix(12)).sock"
        let (logger, records) = RecordingLogHandler.logger()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path], logger: logger)
        #expect(notifier.isEnabled)

        #expect(!notifier.ready())
        #expect(!notifier.watchdog())
        #expect(!notifier.status("still here"))

        let warnings = records.all.filter { $0.level >= .warning }
        try #require(warnings.count == 1)
        #expect(warnings[0].message.contains(path))
        #expect(warnings[0].message.contains("errno \(ENOENT)"))
        #expect(records.all.count == 3)
    }

    @Test("an unusable NOTIFY_SOCKET value is reported with the value")
    func unusableAddress() throws {
        let (logger, records) = RecordingLogHandler.logger()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "run/notify"], logger: logger)
        #expect(!notifier.ready())
        let warning = try #require(records.all.first)
        #expect(warning.level == .warning)
        #expect(warning.message.contains("'run/notify'"))
    }

    /// CLOCK_MONOTONIC read directly, as systemd reads it.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
