import Foundation
import Logging

/// A swift-log handler writing one line per event to stderr with an `<N>` syslog priority
/// prefix, which journald turns into the entry's priority (`journalctl -p warning`).
public struct PriorityLogHandler: LogHandler {
    /// Events below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    private let label: String

    /// A handler for the logger `label`, logging from `level` up.
    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// syslog(3) priorities: 7 debug … 2 critical.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    public func log(event: LogEvent) {
        var line = "<\(Self.priority(event.level))>\(event.message)"
        if !metadata.isEmpty || !(event.metadata?.isEmpty ?? true) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        // One entry per line: a newline inside a message or a value must not start a second one.
        var bytes = Array(line.utf8)
        for index in bytes.indices where bytes[index] == 0x0A { bytes[index] = 0x20 }
        bytes.append(0x0A)
        Self.writeAll(bytes)
    }

    /// One `write(2)` per line in the usual case, so lines from several threads never interleave.
    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // stderr is gone: nothing else can be told
                }
                offset += written
            }
        }
    }
}
