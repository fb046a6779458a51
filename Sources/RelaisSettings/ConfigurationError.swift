/// The configuration could not be used; every problem found is listed, one per line.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The configuration file that was read.
    public let path: String
    /// Each problem, in file order where known.
    public let problems: [ConfigurationProblem]

    /// An error for the configuration at `path` listing `problems`.
    public init(path: String, problems: [ConfigurationProblem]) {
        self.path = path
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
