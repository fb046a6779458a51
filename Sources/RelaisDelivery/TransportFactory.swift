import RelaisSettings
import RelaisSupport
import Foundation
import Logging
import Store

/// Builds the transport `delivery.transport` names.
public enum TransportFactory {
    /// A ``FileTransport`` into `delivery.file.directory`, or an ``SMTPTransport`` for `delivery.smtp.*`.
    ///
    /// Throws a ``ConfigurationError`` naming the key (an unreadable password file, a CA file that
    /// is not there), or a `StoreError` when the attempts ledger cannot be read for the limits.
    /// The file transport writes on `executor` when one is given.
    public static func make(
        configuration: RelaisConfiguration, store: (any DaemonStore)?, logger: Logger, executor: BlockingExecutor? = nil
    ) throws -> any MessageTransport {
        switch configuration.delivery.transport {
        case .file:
            FileTransport(directory: configuration.delivery.fileDirectory, executor: executor)
        case .smtp:
            try SMTPTransport(configuration: configuration, store: store, logger: logger)
        }
    }
}
