/// A configuration value that cannot work, found before any connection is attempted.
public struct SMTPConfigurationError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The configuration key at fault (`url`, `helo`, `caFile`, ...).
    public var key: String
    /// What is wrong with it.
    public var problem: String

    /// Creates an error for `key`.
    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    /// One line: the key and the problem.
    public var description: String { "SMTP configuration \(key): \(problem)" }
}
