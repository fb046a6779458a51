import ArgumentParser
import Foundation
import Relais
import Store
import Templates

/// `relaisctl queue …`: the delivery queue, like Postfix's mailq, postcat and postsuper.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Inspect and steer the delivery queue (list, show, hold, release, retry, cancel, flush).",
        subcommands: [List.self, Show.self, Hold.self, Release.self, Retry.self, Cancel.self, Flush.self]
    )

    @OptionGroup var global: GlobalOptions

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List queued messages, like mailq.")

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Only this state: \(QueueMessage.State.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "state"))
        var state: QueueState?
        @Option(help: "At most this many rows.") var limit: Int?

        func run() async throws {
            let state = state?.state, limit = limit
            let rows = try await global.withSession { session in try await session.run { store in try store.queueRows(state: state, limit: limit) } }
            if global.json {
                try CLI.printJSON(rows.map(QueueRowJSON.init))
                return
            }
            let now = Date()
            CLI.printTable(
                ["ID", "STATE", "RECIPIENT", "TEMPLATE", "LOCALE", "DUE", "ATTEMPTS", "LAST REPLY"],
                rows.map { row in
                    [String(row.id), row.state.rawValue, row.recipient, row.template, row.locale,
                     RelativeTime.describe(row.state == .deferred ? row.nextAttemptAt : row.dueAt, now: now),
                     String(row.attempts), row.lastReplyLine ?? row.reason ?? ""]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one message: its headers and every attempt, like postcat; --raw prints the exact bytes.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The message's queue id.") var id: Int64
        @Flag(help: "Print the exact bytes that were (or will be) sent.") var raw = false

        func run() async throws {
            let id = id
            let (row, attempts, body) = try await global.withSession { session in
                try await session.run { store in
                    guard let (row, attempts) = try store.queueEntry(id: id) else { throw InputError("no queued message with id \(id)") }
                    return (row, attempts, try row.body ?? QueueCommand.composeAgain(row, configuration: session.configuration, store: store))
                }
            }
            if raw {
                FileHandle.standardOutput.write(body)
                return
            }
            if global.json {
                try CLI.printJSON(QueueEntryJSON(row: QueueRowJSON(row), attempts: attempts.map(AttemptJSON.init), reason: row.reason))
                return
            }
            print("id:          \(row.id)")
            print("state:       \(row.state.rawValue)")
            print("recipient:   \(row.recipientName) <\(row.recipient)>")
            print("template:    \(row.template) (\(row.locale))")
            print("source:      \(row.source)")
            print("due:         \(Timestamps.utc(row.dueAt))")
            if let notAfter = row.notAfter { print("not after:   \(Timestamps.utc(notAfter))") }
            if [.deferred, .queued, .scheduled].contains(row.state) { print("next try:    \(Timestamps.utc(row.nextAttemptAt))") }
            if let sent = row.sentAt { print("sent:        \(Timestamps.utc(sent))") }
            print("message-id:  \(row.messageId)")
            if let reason = row.reason { print("reason:      \(reason)") }
            print("")
            print(MessageHeaders.headerBlock(of: body))
            if !attempts.isEmpty {
                print("")
                print("attempts:")
                for attempt in attempts {
                    let reply = attempt.replyLine ?? ""
                    print("  \(Timestamps.utc(attempt.finishedAt))  \(attempt.outcome)\(attempt.countsAsAttempt ? "" : " (not counted)")  \(reply)")
                }
            }
        }
    }

    /// A message's bytes are stored for retries only; otherwise they are composed again,
    /// deterministically (same Message-ID, Date and boundaries) from the current templates, from
    /// the row's announcement or event as the store holds it (``CompositionSource``, on both backends).
    static func composeAgain(_ row: Stored<QueueMessage>, configuration: RelaisConfiguration, store: any OperatorStore) throws -> Data {
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: configuration.templatesDirectory),
            locales: configuration.sender.locales, defaultLocale: configuration.sender.defaultLocale)
        // Signed as relaisd signs when this user can read the DKIM keys (a credential only relaisd sees is not).
        let signers = (try? configuration.sender.dkim?.loadSigners()) ?? []
        let composer = QueueRowComposer(sender: configuration.sender, catalog: catalog, store: store, signers: signers)
        return Data(try composer.compose(row.value))
    }

    struct Hold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Keep messages from being sent until released.")
        @OptionGroup var selection: QueueSelection
        func run() async throws { try await selection.apply(.hold) }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Release held messages.")
        @OptionGroup var selection: QueueSelection
        func run() async throws { try await selection.apply(.release) }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send deferred, failed, unknown, skipped or held messages again, now.")
        @OptionGroup var selection: QueueSelection
        func run() async throws { try await selection.apply(.retry) }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Never send these messages.")
        @OptionGroup var selection: QueueSelection
        func run() async throws { try await selection.apply(.cancel) }
    }

    struct Flush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make every deferred message due now, like postqueue -f.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let count = try await global.withSession { session in try await session.run { store in try store.flushDeferred(now: Date()) } }
            if global.json {
                try CLI.printJSON(["flushed": count])
            } else {
                global.say("made \(count) message\(count == 1 ? "" : "s") due now")
            }
        }
    }
}
