import Logging
import Relais
import Systemd

/// The log level chosen at start-up, read by every handler the logging system makes.
final class LogLevelBox: Sendable {
    let level: Logger.Level

    init(_ level: Logger.Level) {
        self.level = level
    }
}
