import Foundation

/// Runs one of the package's Python oracles (`scripts/…py`) over byte blobs, one process per batch.
public enum PythonCheck {
    /// Writes each blob to `<index>.<fileExtension>` in a fresh temporary folder, runs
    /// `/usr/bin/python3 script paths…`, and returns its standard output.
    public static func run(_ script: String, _ blobs: [[UInt8]], fileExtension: String) throws -> Data {
        let directory = TemporaryDirectory("relais-\(fileExtension)-check")
        defer { withExtendedLifetime(directory) {} }  // the script reads the files after their last use here
        let paths = blobs.enumerated().map { index, blob in
            let path = directory.file("\(index).\(fileExtension)")
            _ = FileManager.default.createFile(atPath: path, contents: Data(blob))
            return path
        }
        let result = try ProcessRunner.python(script, paths)
        guard result.status == 0 else { throw Failure(script: script, status: result.status, stderr: result.stderr) }
        return Data(result.stdout.utf8)
    }

    /// The oracle exited with an error.
    public struct Failure: Error, CustomStringConvertible {
        /// The script, relative to the package root.
        public let script: String
        /// Its exit status.
        public let status: Int32
        /// What it printed on standard error.
        public let stderr: String

        public var description: String { "\(script) failed (exit \(status)): \(stderr)" }
    }
}
