import RelaisSettings
import RelaisSupport
import Foundation
import SMTP

/// The out-of-the-box transport: writes each message as `<message-id>.eml` into a folder instead of
/// sending it (`delivery.transport: file`).
///
/// Each file appears whole or not at all: the bytes go to a hidden temporary file in the same
/// folder, are flushed to disk (`fsync`), then renamed. A write that fails (disk full, permissions)
/// is a `deferred` outcome naming the errno text, so the row stays queued and nothing is lost.
public struct FileTransport: MessageTransport {
    /// The folder the `.eml` files go to (`delivery.file.directory`); created when missing.
    public let directory: String
    /// Where the writes run (`fsync` blocks); nil writes on the caller's thread (one-off commands).
    let executor: BlockingExecutor?

    /// Creates a transport writing into `directory`, on `executor`'s threads when given.
    public init(directory: String, executor: BlockingExecutor? = nil) {
        self.directory = directory
        self.executor = executor
    }

    /// Writes the message (on the executor, off the cooperative thread pool); `sent` with a
    /// synthetic `250 written to <path>` reply, or `deferred` with the reason.
    public func send(_ envelope: Envelope) async -> SMTPOutcome {
        guard let executor else { return write(envelope) }
        return await executor.run { write(envelope) }
    }

    /// ``send(_:)`` with `prepare` and `finish` on the executor too: one trip for the three.
    public func send<Result: Sendable>(
        prepare: @escaping @Sendable () -> Envelope?, finish: @escaping @Sendable (SMTPOutcome) -> Result
    ) async -> Result? {
        let work: @Sendable () -> Result? = {
            guard let envelope = prepare() else { return nil }
            return finish(write(envelope))
        }
        guard let executor else { return work() }
        return await executor.run(work)
    }

    /// A folder is never throttled.
    public var throttledUntil: Date? { nil }

    /// Nothing to stop: every write finishes before `send` returns.
    public func shutdown() async {}

    /// Writes `envelope` synchronously; see ``send(_:)``.
    public func write(_ envelope: Envelope) -> SMTPOutcome {
        let name = Self.fileName(for: envelope)
        let path = (directory as NSString).appendingPathComponent(name)
        do {
            try writeAtomically(envelope.bytes, to: path, name: name)
        } catch {
            return .deferred(SMTPFailure(stage: .data, message: error.description))
        }
        return .sent(SMTPReply(code: 250, text: "written to \(path)", stage: .endOfData))
    }

    func writeAtomically(_ bytes: [UInt8], to path: String, name: String) throws(FileTransportError) {
        let temporary = (directory as NSString).appendingPathComponent(
            ".\(name).\(UInt32.random(in: .min ... .max)).tmp")
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        if descriptor < 0 && errno == ENOENT {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        }
        guard descriptor >= 0 else { throw FileTransportError(action: "create", path: temporary, errno: errno) }
        var failure: FileTransportError?
        if let code = Self.writeAll(bytes, to: descriptor) {
            failure = FileTransportError(action: "write", path: temporary, errno: code)
        } else if fsync(descriptor) != 0 {
            failure = FileTransportError(action: "flush", path: temporary, errno: errno)
        }
        if close(descriptor) != 0 && failure == nil {
            failure = FileTransportError(action: "close", path: temporary, errno: errno)
        }
        if failure == nil && rename(temporary, path) != 0 {
            failure = FileTransportError(action: "rename into", path: path, errno: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // Make the rename itself durable; a failure here cannot lose the file, so it is ignored.
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Writes every byte, retrying short writes and interruptions; returns the errno on failure.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
