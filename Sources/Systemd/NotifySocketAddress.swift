#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The unix datagram socket named by `$NOTIFY_SOCKET`: a file system path, or an abstract name
/// when the value starts with `@`.
public struct NotifySocketAddress: Sendable, Hashable {
    /// The bytes that go into `sun_path` (a leading NUL byte for an abstract name).
    public let pathBytes: [UInt8]
    /// The value of `$NOTIFY_SOCKET` this address was parsed from.
    public let value: String

    /// The size of `sockaddr_un.sun_path`.
    public static let pathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    /// Parses a `$NOTIFY_SOCKET` value.
    public init(_ value: String) throws(SystemdNotifyError) {
        let bytes = Array(value.utf8)
        if bytes.first == UInt8(ascii: "@"), bytes.count > 1 {
            // Abstract namespace: NUL then the name; no terminating NUL, the length says where it ends.
            pathBytes = [0] + bytes.dropFirst()
            guard pathBytes.count <= Self.pathCapacity else {
                throw SystemdNotifyError(socket: value, reason: .addressTooLong(limit: Self.pathCapacity))
            }
        } else if bytes.first == UInt8(ascii: "/"), !bytes.contains(0) {
            pathBytes = bytes
            // A path needs its terminating NUL inside sun_path.
            guard pathBytes.count < Self.pathCapacity else {
                throw SystemdNotifyError(socket: value, reason: .addressTooLong(limit: Self.pathCapacity - 1))
            }
        } else {
            throw SystemdNotifyError(socket: value, reason: .unsupportedAddress)
        }
        self.value = value
    }

    /// Whether this is an abstract socket name (`@name`) rather than a path.
    public var isAbstract: Bool { pathBytes.first == 0 }

    /// Calls `body` with the `sockaddr` and its length, as `sendto(2)` and `bind(2)` take them.
    public func withSockAddr<Result>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> Result
    ) rethrows -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? 2
        // Paths count their NUL terminator; abstract names count exactly their bytes.
        let length = pathOffset + pathBytes.count + (isAbstract ? 0 : 1)
        return try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                try body(socketAddress, socklen_t(length))
            }
        }
    }
}
