/// A page template of `templates/_web` is missing or does not compile.
public struct WebPagesError: Error, Sendable, CustomStringConvertible {
    /// The file (or folder) at fault.
    public let file: String
    /// What is wrong with it.
    public let reason: String

    public var description: String { "web page template \(file) \(reason)" }
}
