#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An unbound unix datagram socket that sends one sd_notify message; its only owner closes it.
final class NotifyDatagramSocket {
    private let descriptor: Int32
    private let socketValue: String

    /// Opens a close-on-exec `AF_UNIX` datagram socket.
    init(for address: NotifySocketAddress) throws(SystemdNotifyError) {
        socketValue = address.value
        #if canImport(Glibc)
        let type = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_DGRAM
        #endif
        descriptor = socket(AF_UNIX, type, 0)
        guard descriptor >= 0 else {
            throw SystemdNotifyError(socket: address.value, reason: .systemCall("socket", errno: errno))
        }
    }

    deinit {
        close(descriptor)
    }

    /// Sends `payload` as one datagram to `address`, retrying when interrupted by a signal.
    func send(_ payload: [UInt8], to address: NotifySocketAddress) throws(SystemdNotifyError) {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var sent: Int
        repeat {
            sent = address.withSockAddr { socketAddress, length in
                payload.withUnsafeBytes { bytes in
                    sendto(descriptor, bytes.baseAddress, bytes.count, flags, socketAddress, length)
                }
            }
        } while sent < 0 && errno == EINTR
        guard sent >= 0 else {
            throw SystemdNotifyError(socket: socketValue, reason: .systemCall("sendto", errno: errno))
        }
        guard sent == payload.count else {
            throw SystemdNotifyError(socket: socketValue, reason: .shortWrite(sent: sent, expected: payload.count))
        }
    }
}
