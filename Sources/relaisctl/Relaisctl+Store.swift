import ArgumentParser
import Foundation
import Logging
import PostgresStore
import Relais
import Store

/// `relaisctl store …`: the database itself.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Copy the database into PostgreSQL.",
        subcommands: [Copy.self]
    )

    @OptionGroup var global: GlobalOptions

    /// `relaisctl store copy --to URL`: the SQLite database into an empty PostgreSQL database.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the SQLite database (store.path) into an empty PostgreSQL database, in one transaction.",
            discussion: """
                Stop relaisd first (systemctl stop relaisd; SIGTERM lets the messages in flight finish and gives their leases back): rows it changed after the copy began would not be in PostgreSQL. A relaisd whose heartbeat is fresh is refused (exit 75).

                Copies every table, with its ids: members, lists, memberships, events and their exceptions, announcements, the whole queue with its attempts, member changes, RSVPs, inbound mail, forgotten addresses and the salt of their hashes, the planner's watermark. The heartbeat is not copied: it is daemon state, and the daemons started on PostgreSQL write their own. The SQLite file is read in one snapshot and left as it was (opening it applies any pending migration, as every relaisctl command does); keep it as a backup.

                The target is migrated if it needs to be, and filled, in ONE transaction; a target whose tables hold any row is refused. After the copy every table's rows are counted again in PostgreSQL and must be the SQLite counts; any error or difference rolls everything back, migration included. The password comes from --password-file, else the systemd credential store-password, else the URL (discouraged); it is never printed.

                Prints one line with the rows copied per table (--json: the counts by table). Exit 78 for a bad URL or password file, 69 when the server cannot be reached, 77 when it refuses the login, 73 when the target is not empty, 65 for a value or row PostgreSQL refuses, 70 when the tables, columns or counts of the two databases differ.
                """
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The PostgreSQL database: postgres://user@host:port/database?sslmode=verify-full.", valueName: "url"))
        var to: String
        @Option(help: ArgumentHelp("A file holding the PostgreSQL password (one line).", valueName: "path"))
        var passwordFile: String?

        func run() async throws {
            let connector: PostgresConnector
            do {
                connector = try PostgresConnector(url: to, passwordFile: passwordFile)
            } catch {
                throw StoreCommand.told(error)
            }
            // The SQLite file is what is copied, even when store.url already names the target.
            let configuration = try await ConfigurationLoader.load(path: ConfigurationLoader.resolvePath(explicit: global.config))
            let store = try RelaisStore(path: configuration.storePath)
            try StoreCommand.refuseRunningDaemon(store)
            var logger = Logger(label: "relais.store-copy")
            logger.logLevel = .warning
            let importer = PostgresImporter(connector: connector, logger: logger)
            let showProgress = CLI.stderrIsTerminal && !global.quiet && !global.json
            // The copy blocks on SQLite and on the server: a thread of its own, off the cooperative pool.
            let executor = BlockingExecutor(threads: 1, name: "relais.store-copy")
            defer { executor.shutdown() }
            let report: PostgresImportReport
            do {
                report = try await executor.run {
                    try importer.copy(from: store, batchSize: RelaisStore.tableBatchSize) { progress in
                        if showProgress {
                            CLI.printErrorInline("\rcopying \(progress.table): \(StoreCommand.grouped(progress.rows)) of \(StoreCommand.grouped(progress.total)) rows\u{1B}[K")
                        }
                    }
                }
            } catch let error as PostgresStoreError {
                if showProgress { CLI.printErrorInline("\r\u{1B}[K") }
                throw StoreCommand.told(error)
            }
            if showProgress { CLI.printErrorInline("\r\u{1B}[K") }
            if global.json {
                try CLI.printJSON(StoreCopyJSON(report))
            } else {
                global.say(StoreCommand.line(report))
            }
        }
    }

    /// Refuses to copy while relaisd runs on the database (its heartbeat is fresh): what it sends
    /// after the snapshot would be lost, or sent again from PostgreSQL.
    static func refuseRunningDaemon(_ store: RelaisStore, now: Date = Date()) throws {
        guard let heartbeat = try store.heartbeat(), StatusReport.isAlive(heartbeat, now: now) else { return }
        let age = max(0, Int(now.timeIntervalSince(heartbeat.beatAt)))
        throw InputError(
            "store copy: relaisd (pid \(heartbeat.pid)) is running on \(store.path) (heartbeat \(age) s ago); stop it first (systemctl stop relaisd), so that nothing it sends is lost or sent twice",
            exitCode: Sysexits.tempFail)
    }

    /// A ``PostgresStoreError`` as `store copy: …`, naming the options instead of `store.url` and
    /// `store.password_file` (which this command does not read).
    static func told(_ error: PostgresStoreError) -> PostgresStoreError {
        let option: String? = switch error.key {
        case PostgresLocation.key?: "--to"
        case PostgresPassword.fileKey?: "--password-file"
        case let other: other
        }
        return PostgresStoreError(error.kind, key: "store copy", option.map { "\($0): " + error.message } ?? error.message)
    }

    /// What a table's rows are called in the summary line, singular and plural; the order is
    /// the line's. A table not named here is shown by its name.
    static let nouns: [(table: String, one: String, many: String)] = [
        ("member", "member", "members"),
        ("list", "list", "lists"),
        ("membership", "membership", "memberships"),
        ("event", "event", "events"),
        ("eventException", "event exception", "event exceptions"),
        ("announcement", "announcement", "announcements"),
        ("queue", "queue row", "queue rows"),
        ("attempt", "attempt", "attempts"),
        ("memberChange", "member change", "member changes"),
        ("rsvp", "RSVP", "RSVPs"),
        ("inboundMail", "inbound mail", "inbound mails"),
        ("suppression", "forgotten address", "forgotten addresses"),
        ("storeSecret", "store secret", "store secrets"),
        ("plannerState", "planner watermark", "planner watermarks"),
    ]

    /// `copied 250 members, 6 lists, … 5,012 queue rows, 5,300 attempts, … into postgres://…
    /// (heartbeat not copied: daemon state)`.
    static func line(_ report: PostgresImportReport) -> String {
        let known = Set(nouns.map(\.table))
        var parts = nouns.compactMap { noun in
            report.rows(of: noun.table).map { "\(grouped($0)) \($0 == 1 ? noun.one : noun.many)" }
        }
        parts += report.counts.filter { !known.contains($0.table) }.map { "\(grouped($0.rows)) \($0.table) row\($0.rows == 1 ? "" : "s")" }
        var notes: [String] = []
        if !report.migrated.isEmpty { notes.append("migrated to \(report.migrated.joined(separator: ", ")) first") }
        if !report.skipped.isEmpty { notes.append("\(report.skipped.joined(separator: ", ")) not copied: daemon state") }
        return "copied \(parts.joined(separator: ", ")) into \(report.target)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
    }

    /// `5,012`: digits grouped by three, whatever the locale.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return (number < 0 ? "-" : "") + digits
    }
}

/// `store copy --json`.
struct StoreCopyJSON: Encodable {
    var target: String
    /// Table name → rows copied.
    var tables: [String: Int]
    var skipped: [String]
    var migrated: [String]

    init(_ report: PostgresImportReport) {
        target = report.target
        tables = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.table, $0.rows) })
        skipped = report.skipped
        migrated = report.migrated
    }
}
