/// One problem found by `TemplateCatalog.check`, naming the file and what is wrong.
public struct TemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The message would be wrong or could not be sent.
        case error
        /// Works, but probably not as intended (e.g. a locale falls back to another language).
        case warning
    }

    /// Error or warning.
    public let severity: Severity
    /// The file concerned (or the file that should exist).
    public let file: String
    /// 1-based line, when known.
    public let line: Int?
    /// What is wrong, in one sentence.
    public let message: String

    /// Creates a problem.
    public init(severity: Severity, file: String, line: Int? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// Creates an error-level problem from a `TemplateError`.
    public init(_ error: TemplateError) {
        self.severity = .error
        self.file = error.file ?? "templates"
        self.line = error.line
        self.message = error.reason
    }

    /// One line: `severity: file[:line]: message`.
    public var description: String {
        "\(severity.rawValue): \(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
