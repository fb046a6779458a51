import RelaisSupport

/// A file given to `relaisctl bounce import` that could not be read (66) or is not mail (65).
/// Nothing of any file is recorded when one of them is refused.
public struct BounceImportError: SysexitsError, Sendable {
    /// The file, as given.
    public let file: String
    /// Why.
    public let reason: String
    /// 66 (EX_NOINPUT) for a file that cannot be read, 65 (EX_DATAERR) for one that is not mail.
    public let exitCode: Int32

    /// An error about `file`.
    public init(file: String, reason: String, exitCode: Int32) {
        self.file = file
        self.reason = reason
        self.exitCode = exitCode
    }

    /// One line.
    public var description: String { "\(file): \(reason)" }
}
