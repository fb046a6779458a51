import ArgumentParser
import Foundation
import Relais

/// Output helpers shared by the commands: one-line errors with sysexits codes, JSON, tables.
///
/// Commands never exit: they throw (a ``SysexitsError``, an `ExitCode`, a `ValidationError`),
/// and only ``Relaisctl/main()`` turns the error into lines on stderr and a process exit.
enum CLI {
    /// The lines an error is shown as (each prefixed `relaisctl: `) and its sysexits code;
    /// nil for argument-parser's own errors (usage, help, `ExitCode`), which it prints itself.
    static func report(_ error: any Error) -> (lines: [String], code: Int32)? {
        switch error {
        case let error as any SysexitsError:
            return (error.description.split(separator: "\n").map { "relaisctl: \($0)" }, error.exitCode)
        case is ExitCode, is CleanExit, is ValidationError:
            return nil
        // argument-parser's internal errors (help and version requests, usage errors) have no public type.
        case _ where String(reflecting: type(of: error)).hasPrefix("ArgumentParser."):
            return nil
        default:
            return (["relaisctl: \(error)"], Sysexits.software)
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Pretty-printed, key-sorted JSON on stdout. A value that cannot be encoded (a non-finite
    /// number) is an internal error, not `null`.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamps.utc(date))
        }
        let data = try encoder.encode(value)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// Left-aligned columns separated by two spaces; the last column is not padded.
    /// With no rows, the header alone is printed.
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
