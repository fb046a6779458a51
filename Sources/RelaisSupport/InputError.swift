/// Bad input from the user: a malformed value, with the value and where it was.
public struct InputError: SysexitsError, Sendable {
    /// `members.csv:12` or the option name.
    public let location: String?
    /// One line: what is wrong.
    public let message: String
    /// The sysexits(3) code: 65 (bad data) unless said otherwise.
    public let exitCode: Int32

    /// An error saying `message` about the value at `location`.
    public init(_ message: String, at location: String? = nil, exitCode: Int32 = Sysexits.dataError) {
        self.location = location
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}
