import Synchronization

/// The pages the web endpoint answers with, swapped whole by a reload (SIGHUP): requests in
/// flight finish with the pages they started with, the next ones get the new ones.
public final class WebPagesHolder: Sendable {
    private let pages: Mutex<WebPages>

    /// A holder of `pages`.
    public init(_ pages: WebPages) {
        self.pages = Mutex(pages)
    }

    /// The pages now.
    public var current: WebPages { pages.withLock { $0 } }

    /// Answers with `fresh` from now on.
    public func replace(with fresh: WebPages) {
        pages.withLock { $0 = fresh }
    }
}
