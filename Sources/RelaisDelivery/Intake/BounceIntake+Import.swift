import RelaisSupport
import Bounces
import Foundation
import StoreModel

/// Bounces forwarded elsewhere and saved as files: `.eml` or mbox, through the same
/// classifier and the same record as the mailbox, keyed by Message-ID (so a second import of
/// the same file changes nothing).
extension BounceIntake {
    /// Reads every file first (a missing or unparsable one throws before anything is recorded),
    /// then records each message in a transaction of its own.
    public func importFiles(_ paths: [String]) throws -> IntakeSummary {
        var messages: [(file: String, index: Int, bytes: [UInt8])] = []
        for path in paths {
            for (index, bytes) in try Self.readMessages(path).enumerated() {
                messages.append((path, index, bytes))
            }
        }
        var summary = IntakeSummary()
        for message in messages {
            let mail = classifier.classify(message.bytes)
            let report = report(mail, mailbox: nil, fallbackKey: "file:" + Self.fingerprint(message.bytes))
            let (outcome, firstTime) = try store.recordInbound(
                report, softLimit: settings.softLimit, softWindow: TimeInterval(settings.softWindow.seconds), now: Date())
            if firstTime {
                count(outcome, into: &summary)
            } else if !outcome.isProcessed {
                summary.leftForHumans += 1
            }
        }
        logger.info("bounce files imported: \(summary.line)")
        return summary
    }

    /// The messages of the file at `path`.
    static func readMessages(_ path: String) throws(BounceImportError) -> [[UInt8]] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BounceImportError(file: path, reason: "no such file", exitCode: Sysexits.noInput)
        }
        guard !isDirectory.boolValue else {
            throw BounceImportError(file: path, reason: "a directory, not a message or mbox file", exitCode: Sysexits.noInput)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BounceImportError(file: path, reason: "cannot be read (permission denied)", exitCode: Sysexits.noInput)
        }
        do {
            return try MailboxFile.messages([UInt8](data))
        } catch {
            throw BounceImportError(file: path, reason: error.description, exitCode: Sysexits.dataError)
        }
    }

    /// A stable key for a message without Message-ID: FNV-1a (64 bits) and the length, in hex.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16) + "-" + String(bytes.count, radix: 16)
    }
}
