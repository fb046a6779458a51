import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs systemd's command-line tools for the unit-file tests.
enum SystemdTool {
    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `systemd/<name>` in the package.
    static func shipped(_ name: String) -> URL {
        packageRoot.appendingPathComponent("systemd").appendingPathComponent(name)
    }

    /// The path of a systemd tool, if installed.
    static func path(_ name: String) -> String? {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether `systemd-analyze` is installed.
    static var hasAnalyze: Bool { path("systemd-analyze") != nil }

    /// Whether the sysusers/tmpfiles tests can run: both tools, and root for tmpfiles' chown.
    static var canCreateUsersAndDirectories: Bool {
        path("systemd-sysusers") != nil && path("systemd-tmpfiles") != nil && geteuid() == 0
    }

    /// The outcome of one run: exit status and stdout and stderr interleaved.
    struct Output {
        let status: Int32
        let text: String
        var lines: [String] { text.split(separator: "\n").map(String.init) }
    }

    /// Runs `tool` with `arguments`, feeding `input` on stdin when given.
    static func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try requirePath(tool))
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    /// The tool's path, or an error naming it.
    private static func requirePath(_ tool: String) throws -> String {
        guard let found = path(tool) else { throw ToolMissing(tool: tool) }
        return found
    }

    /// A systemd tool that is not installed.
    struct ToolMissing: Error, CustomStringConvertible {
        let tool: String
        var description: String { "\(tool) is not installed" }
    }
}
