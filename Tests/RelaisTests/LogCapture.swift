import Logging
import Synchronization

/// A log handler that keeps every rendered line, to check that secrets never reach a log.
final class LogCapture: LogHandler, Sendable {
    private let stored = Mutex<[String]>([])

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        stored.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(event.source)") }
    }

    /// Every line logged so far.
    var lines: [String] { stored.withLock { $0 } }
}
