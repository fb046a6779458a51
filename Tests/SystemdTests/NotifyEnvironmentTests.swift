import Foundation
import Logging
import Systemd
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Reading $NOTIFY_SOCKET and $WATCHDOG_USEC")
struct NotifyEnvironmentTests {
    private let logger = Logger(label: "relais.test") { _ in SwiftLogNoOpLogHandler() }

    @Test("WATCHDOG_USEC gives the timeout, and the keep-alive is half of it")
    func watchdogInterval() {
        let notifier = SystemdNotifier(environment: ["WATCHDOG_USEC": "30000000"], logger: logger)
        #expect(notifier.watchdogInterval == .seconds(30))
        #expect(notifier.watchdogKeepAliveInterval == .seconds(15))
    }

    @Test("WATCHDOG_PID must name this process")
    func watchdogPID() {
        let mine = SystemdNotifier(
            environment: ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "\(getpid())"], logger: logger)
        #expect(mine.watchdogInterval == .seconds(1))
        let other = SystemdNotifier(
            environment: ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "\(getpid() + 1)"], logger: logger)
        #expect(other.watchdogInterval == nil)
        let garbage = SystemdNotifier(
            environment: ["WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "self"], logger: logger)
        #expect(garbage.watchdogInterval == nil)
    }

    @Test("no watchdog for a missing, zero, negative or malformed WATCHDOG_USEC",
          arguments: [nil, "", "0", "-5", "30s", "1e6", "99999999999999999999"] as [String?])
    func noWatchdog(value: String?) {
        var environment: [String: String] = [:]
        environment["WATCHDOG_USEC"] = value
        let notifier = SystemdNotifier(environment: environment, logger: logger)
        #expect(notifier.watchdogInterval == nil)
        #expect(notifier.watchdogKeepAliveInterval == nil)
    }

    @Test("a path and an @abstract name are accepted")
    func addresses() throws {
        let path = try NotifySocketAddress("/run/systemd/notify")
        #expect(!path.isAbstract)
        #expect(path.pathBytes == Array("/run/systemd/notify".utf8))
        let abstract = try NotifySocketAddress("@/org/freedesktop/systemd1/notify/123")
        #expect(abstract.isAbstract)
        #expect(abstract.pathBytes == [0] + Array("/org/freedesktop/systemd1/notify/123".utf8))
    }

    @Test("relative, empty-abstract, vsock and over-long addresses are refused",
          arguments: ["run/notify", "@", "vsock:2:1234", "/" + String(repeating: "a", count: 107)])
    func refusedAddresses(value: String) {
        #expect(throws: SystemdNotifyError.self) { try NotifySocketAddress(value) }
    }

    @Test("a path of 107 bytes fits sun_path with its NUL; an abstract name may use all 108")
    func longestAddresses() throws {
        #expect(NotifySocketAddress.pathCapacity == 108)
        _ = try NotifySocketAddress("/" + String(repeating: "a", count: 106))
        _ = try NotifySocketAddress("@" + String(repeating: "a", count: 107))
        #expect(throws: SystemdNotifyError.self) {
            try NotifySocketAddress("@" + String(repeating: "a", count: 108))
        }
    }
}
