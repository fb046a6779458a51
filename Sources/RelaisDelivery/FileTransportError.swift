import RelaisSettings
import RelaisSupport
import Foundation

/// A message file could not be written: the step, the path and the system's reason.
public struct FileTransportError: Error, Sendable, CustomStringConvertible {
    /// `create`, `write`, `flush`, `close` or `rename into`.
    public let action: String
    /// The file at fault.
    public let path: String
    /// The errno value.
    public let code: Int32

    /// Creates an error for `errno`.
    public init(action: String, path: String, errno: Int32) {
        self.action = action
        self.path = path
        self.code = errno
    }

    /// `cannot write /var/lib/relais/outbox/.x.eml.123.tmp: No space left on device`
    public var description: String {
        "cannot \(action) \(path): \(String(cString: strerror(code)))"
    }
}
