import Foundation

/// Runs a program to completion and captures what it printed.
public struct ProcessResult: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
}

/// Runs programs to completion (the built binaries, Python oracles, openssl).
public enum ProcessRunner {
    /// Runs `executable` with `arguments`, feeding `input` on stdin; waits for it to exit.
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        input: Data? = nil, directory: String? = nil
    ) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot fill one and block. Standard
        // error is read on a thread of its own, not a Dispatch worker: those are the threads
        // that the tests' tasks run on, and all of them may be blocked in tests like this one.
        let errData = ReadToEnd(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.wait(), as: UTF8.self))
    }

    /// Runs `/usr/bin/python3 script args…` (Debian's Python, which has the test packages).
    public static func python(_ script: String, _ arguments: [String] = [], input: Data? = nil) throws -> ProcessResult {
        try run("/usr/bin/python3", [Repository.path(script)] + arguments, input: input)
    }
}

/// Reads a pipe to its end on a thread of its own; ``wait()`` returns what it read.
private final class ReadToEnd: @unchecked Sendable {
    private let done = NSCondition()
    private var data: Data?

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let read = handle.readDataToEndOfFile()
            done.lock()
            data = read
            done.broadcast()
            done.unlock()
        }
    }

    /// Blocks until the writer closed the pipe.
    func wait() -> Data {
        done.lock()
        defer { done.unlock() }
        while data == nil { done.wait() }
        return data ?? Data()
    }
}
