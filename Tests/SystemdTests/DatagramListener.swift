import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A unix datagram socket standing in for systemd's notify socket; built without the code under
/// test so that an address mistake in `NotifySocketAddress` cannot be mirrored here.
final class DatagramListener {
    /// The `$NOTIFY_SOCKET` value that reaches this listener.
    let notifySocket: String
    private let descriptor: Int32
    private let path: String?

    /// Binds to a fresh path under /tmp.
    convenience init() throws {
        try self.init(name: "/tmp/relais-notify-\(UUID().uuidString.prefix(12)).sock")
    }

    /// Binds to a fresh abstract name (`@…`).
    convenience init(abstract: Void) throws {
        try self.init(name: "@relais-notify-test-\(UUID().uuidString)")
    }

    private init(name: String) throws {
        notifySocket = name
        let isAbstract = name.hasPrefix("@")
        path = isAbstract ? nil : name
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ListenerError("socket", errno) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let nameBytes = isAbstract ? [0] + Array(name.utf8.dropFirst()) : Array(name.utf8) + [0]
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: nameBytes) }
        // sun_family is 2 bytes on Linux; an abstract name is exactly as long as its bytes.
        let length = socklen_t(2 + nameBytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw ListenerError("bind", errno)
        }
        // A hang guard only: every receive in the tests expects a datagram already on its way.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        if let path { unlink(path) }
    }

    /// Waits for the next datagram and returns it as text.
    func receive() throws -> String {
        try receive(flags: 0) ?? ""
    }

    /// Returns a datagram only if one is already queued.
    func receiveIfQueued() throws -> String? {
        try receive(flags: Int32(MSG_DONTWAIT))
    }

    /// Waits for the next datagram on a thread of its own, off the cooperative pool.
    func receiveOffPool() async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            let descriptor = descriptor
            let thread = Thread {
                continuation.resume(with: Result { try Self.receive(from: descriptor, flags: 0) ?? "" })
            }
            thread.start()
        }
    }

    private func receive(flags: Int32) throws -> String? {
        try Self.receive(from: descriptor, flags: flags)
    }

    private static func receive(from descriptor: Int32, flags: Int32) throws -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, flags) }
        if count < 0 {
            if flags != 0, errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            throw ListenerError("recv", errno)
        }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}

/// A failed call in the test listener.
struct ListenerError: Error, CustomStringConvertible {
    let call: String
    let code: Int32
    init(_ call: String, _ code: Int32) {
        self.call = call
        self.code = code
    }
    var description: String { "test listener: \(call) failed with errno \(code)" }
}
