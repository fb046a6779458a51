import ArgumentParser
import Foundation
import Relais

/// Output helpers shared by the commands: one-line errors with sysexits codes, JSON, tables.
enum CLI {
    /// Runs `body`; an error becomes one line on stderr and its sysexits code (70 if it has none).
    static func run<T>(_ body: () async throws -> T) async -> T {
        do {
            return try await body()
        } catch {
            fail(error)
        }
    }

    /// Synchronous variant of ``run(_:)``.
    static func run<T>(_ body: () throws -> T) -> T {
        do {
            return try body()
        } catch {
            fail(error)
        }
    }

    /// Fails with a non-``SysexitsError`` as an internal error (70).
    static func fail(_ error: any Error) -> Never {
        if let error = error as? any SysexitsError { fail(error) }
        if let error = error as? ExitCode { exit(error.rawValue) }
        printError("relaisctl: \(error)")
        exit(Sysexits.software)
    }

    /// Prints `relaisctl: <error>` (each line of a multi-line error) and exits with its code.
    static func fail(_ error: any SysexitsError) -> Never {
        for line in error.description.split(separator: "\n") {
            printError("relaisctl: \(line)")
        }
        exit(error.exitCode)
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Pretty-printed, key-sorted JSON on stdout.
    static func printJSON<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamps.utc(date))
        }
        // A value that cannot be encoded (a non-finite number) is an internal error, not `null`.
        let data = run { try encoder.encode(value) }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// Left-aligned columns separated by two spaces; the last column is not padded.
    static func printTable(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// True when stderr is a terminal (progress lines go there only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }
}

extension CLI {
    /// Writes to stderr without a newline (progress lines).
    static func printErrorInline(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
