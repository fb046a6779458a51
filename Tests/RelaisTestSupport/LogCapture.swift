import Logging
import Synchronization

/// A log handler that keeps every rendered line, to check that secrets never reach a log.
public final class LogCapture: LogHandler, Sendable {
    private let stored = Mutex<[String]>([])

    public init() {}

    public var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    public var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    public func log(event: LogEvent) {
        stored.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(event.source)") }
    }

    /// Every line logged so far.
    public var lines: [String] { stored.withLock { $0 } }
}
