import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A unix datagram socket standing in for systemd's `$NOTIFY_SOCKET`: a thread of its own
/// collects every datagram the daemon sends, and tests wait for the one they expect.
final class DaemonNotifyListener: @unchecked Sendable {
    /// The socket's path (the `NOTIFY_SOCKET` value).
    let path = "/tmp/relais-e2e-notify-\(UUID().uuidString.prefix(12)).sock"
    private let descriptor: Int32
    private let changed = NSCondition()
    private var received: [String] = []
    private var closed = false
    private let readerDone = DispatchSemaphore(value: 0)

    init() throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.descriptor = descriptor
        guard descriptor >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8) + [0]
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw HarnessError("bind(\(path)) failed: errno \(errno)")
        }
        // Wake up now and then so the reader notices `deinit`.
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let done = readerDone
        Thread.detachNewThread { [weak self] in
            defer { done.signal() }
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                guard let self, !self.isClosed else { return }
                if count > 0 { self.append(String(decoding: buffer[..<count], as: UTF8.self)) }
            }
        }
    }

    deinit {
        changed.lock()
        closed = true
        changed.unlock()
        // The reader wakes within its receive timeout and stops; only then may the descriptor go.
        readerDone.wait()
        close(descriptor)
        unlink(path)
    }

    private var isClosed: Bool { changed.lock(); defer { changed.unlock() }; return closed }

    private func append(_ datagram: String) {
        changed.lock()
        received.append(datagram)
        changed.broadcast()
        changed.unlock()
    }

    /// Every datagram so far, in order.
    var datagrams: [String] { changed.lock(); defer { changed.unlock() }; return received }

    /// Waits (up to `timeout`, a safety net) for a datagram at position `from` or later that
    /// `predicate` accepts; returns its position.
    @discardableResult
    func waitFor(from: Int = 0, timeout: TimeInterval = 20, _ predicate: (String) -> Bool) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        changed.lock()
        defer { changed.unlock() }
        while true {
            if from < received.count, let index = received[from...].firstIndex(where: predicate) { return index }
            if !changed.wait(until: deadline) { return nil }
        }
    }

    /// The `KEY=value` lines of a datagram.
    static func fields(_ datagram: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in datagram.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return fields
    }
}
