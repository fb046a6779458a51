import Foundation

/// A child process whose output lines can be awaited while it runs (a daemon, a test server).
public final class RunningProcess: @unchecked Sendable {
    /// The child process.
    public let process = Process()
    private let lock = NSLock()
    private var stdoutLines: [String] = []
    private var stderrLines: [String] = []
    private let changed = NSCondition()

    /// Starts `executable` with `arguments`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        Self.collect(out.fileHandleForReading) { [weak self] line in self?.append(line, toStdout: true) }
        Self.collect(err.fileHandleForReading) { [weak self] line in self?.append(line, toStdout: false) }
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private static func collect(_ handle: FileHandle, _ sink: @escaping @Sendable (String) -> Void) {
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    sink(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer = Data(buffer[(newline + 1)...])
                }
            }
            if !buffer.isEmpty { sink(String(decoding: buffer, as: UTF8.self)) }
        }
    }

    private func append(_ line: String, toStdout: Bool) {
        changed.lock()
        if toStdout { stdoutLines.append(line) } else { stderrLines.append(line) }
        changed.broadcast()
        changed.unlock()
    }

    /// Everything printed to stdout so far.
    public var stdout: [String] { changed.lock(); defer { changed.unlock() }; return stdoutLines }
    /// Everything printed to stderr so far.
    public var stderr: [String] { changed.lock(); defer { changed.unlock() }; return stderrLines }

    /// Waits (up to `timeout`, a safety net, not a timing assertion) for a line matching `predicate`.
    @discardableResult
    public func waitForLine(
        onStdout: Bool = false, timeout: TimeInterval = 60, _ predicate: (String) -> Bool
    ) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        changed.lock()
        defer { changed.unlock() }
        while true {
            if let line = (onStdout ? stdoutLines : stderrLines).first(where: predicate) { return line }
            if !process.isRunning, Date() > deadline.addingTimeInterval(-timeout + 0.5) {
                // Exited: give the reader threads a moment to deliver the last lines, then give up.
                if !changed.wait(until: Date().addingTimeInterval(0.5)) { return nil }
                continue
            }
            if !changed.wait(until: deadline) { return nil }
        }
    }

    /// Sends `signal` and waits for the process to exit; returns its exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM) -> Int32 {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits for the process to exit on its own.
    public func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}
