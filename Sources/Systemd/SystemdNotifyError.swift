#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a notification could not reach systemd's `$NOTIFY_SOCKET`.
public struct SystemdNotifyError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, without the socket.
    public enum Reason: Sendable, Equatable {
        /// `$NOTIFY_SOCKET` is neither an absolute path nor an `@abstract` name.
        case unsupportedAddress
        /// The address does not fit in `sockaddr_un.sun_path`.
        case addressTooLong(limit: Int)
        /// A system call failed with this errno.
        case systemCall(String, errno: Int32)
        /// The kernel accepted fewer bytes than the datagram holds.
        case shortWrite(sent: Int, expected: Int)
    }

    /// The value of `$NOTIFY_SOCKET`.
    public var socket: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error for the socket value and the reason.
    public init(socket: String, reason: Reason) {
        self.socket = socket
        self.reason = reason
    }

    /// One line naming the socket and what failed.
    public var description: String {
        switch reason {
        case .unsupportedAddress:
            "NOTIFY_SOCKET '\(socket)' is neither an absolute path nor an @abstract socket name"
        case .addressTooLong(let limit):
            "NOTIFY_SOCKET '\(socket)' is longer than the \(limit) bytes a unix socket address holds"
        case .systemCall(let call, let code):
            "cannot notify systemd through NOTIFY_SOCKET '\(socket)': \(call) failed: "
                + "\(SystemdNotifyError.errnoText(code)) (errno \(code))"
        case .shortWrite(let sent, let expected):
            "cannot notify systemd through NOTIFY_SOCKET '\(socket)': sent \(sent) of \(expected) bytes"
        }
    }

    /// The C library's text for an errno value.
    static func errnoText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }
}
