/// A template that cannot be loaded or rendered, naming the file (and line when known) and the problem.
public struct TemplateError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The file concerned, relative to the templates directory's parent (e.g. "templates/welcome/fr.mustache").
    public let file: String?
    /// 1-based line in `file`, when known.
    public let line: Int?
    /// 1-based column in `line`, when known.
    public let column: Int?
    /// What is wrong, in one sentence.
    public let reason: String

    /// Creates an error.
    public init(file: String?, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// One line: `file:line:column: reason`.
    public var description: String {
        var prefix = ""
        if let file {
            prefix = file
            if let line {
                prefix += ":\(line)"
                if let column { prefix += ":\(column)" }
            }
            prefix += ": "
        }
        return prefix + reason
    }
}
