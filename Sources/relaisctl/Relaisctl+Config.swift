import ArgumentParser
import Logging
import PostgresStore
import Foundation
import Relais

/// `relaisctl config …`
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration, or list every key it may have.",
        subcommands: [Check.self, Keys.self]
    )

    @OptionGroup var global: GlobalOptions

    /// `relaisctl config check`: every problem, one line each; exit 78 when there is any.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration file, the environment overrides and the files they name.",
            discussion: "Refuses what relaisd and relaisctl would refuse when they run: prints one line per problem (key, value, what is expected) and exits 78 if there is any; prints nothing and exits 0 otherwise. The database at store.path is inspected read-only (a directory, or a file that is not a Relais database, is a problem); with store.url, relaisctl connects to PostgreSQL, changing nothing, and says in one line what stops it (URL, password, TLS, the server, the login: exit 78, 69 or 77) or that a newer Relais migrated it (65). Warnings (a password file readable by everyone) are printed as 'relaisctl: warning: …' and do not change the exit code; so is a deprecated key still read (relaisctl: notice: …, naming the key to write instead)."
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let path = ConfigurationLoader.resolvePath(explicit: global.config)
            let configuration = try await ConfigurationLoader.load(path: path)
            for notice in configuration.notices { CLI.printError("relaisctl: notice: \(notice)") }
            for warning in configuration.environmentWarnings() { CLI.printError("relaisctl: warning: \(warning)") }
            let problems = configuration.environmentProblems()
            // A store.url that does not parse is told even beside other problems (its own line:
            // the problem format would quote the value, and a URL may hold a password).
            var urlError: PostgresStoreError?
            if let url = configuration.storeURL {
                do { _ = try PostgresLocation(url: url) } catch { urlError = error }
            }
            if !problems.isEmpty {
                if let urlError { CLI.printError("relaisctl: \(urlError.description)") }
                throw ConfigurationError(path: path, problems: problems)
            }
            if let urlError { throw urlError }
            if let url = configuration.storeURL { try await Self.checkPostgres(url: url, passwordFile: configuration.storePasswordFile) }
        }

        /// Connects to the PostgreSQL store of `store.url` (changing nothing) and checks that its
        /// schema is one this program knows: one line naming `store.url` when it cannot (URL,
        /// password, TLS, server, login) or the schema is newer; a schema still to be migrated
        /// is fine (relaisd and relaisctl migrate it).
        static func checkPostgres(url: String, passwordFile: String?) async throws {
            let logger = Logger(label: "relais.config-check") { _ in SwiftLogNoOpLogHandler() }
            let connector = try PostgresConnector(url: url, passwordFile: passwordFile)
            let applied = try await connector.withConnection(logger: logger) { connection in
                try await PostgresMigrator().appliedMigrations(connection, logger: logger)
            }
            let unknown = Set(applied).subtracting(PostgresSchema.migrations.map(\.name))
            if !unknown.isEmpty {
                throw PostgresStoreError(
                    .schemaTooNew, key: PostgresLocation.key,
                    "\(connector.location) was migrated by a newer Relais (\(unknown.sorted().joined(separator: ", "))); upgrade relaisctl and relaisd")
            }
        }
    }

    /// `relaisctl config keys [--format text|markdown|man]`: every key, its default and meaning.
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every configuration key with its default, meaning and environment variable.",
            discussion: "--format man writes relais.yaml(5) (make man installs it); --format markdown the table of README.md. Both come from the same table config check uses, so they cannot drift."
        )

        /// How to print the keys.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, markdown, man
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: "text (a table), markdown (README's table) or man (relais.yaml(5) in roff).") var format: Format = .text
        @Option(help: ArgumentHelp("With --format man: the page's date, YYYY-MM-DD (default: today).", valueName: "date")) var date: String?

        func run() async throws {
            if global.json {
                try CLI.printJSON(SettingKey.all.map {
                    ["key": $0.name, "default": $0.defaultValue ?? "", "meaning": $0.meaning, "environment": $0.environmentVariable]
                })
                return
            }
            switch format {
            case .man:
                let today = date ?? String(Timestamps.utc(Date()).prefix(10))
                print(SettingKey.manualPage(date: today, version: RelaisVersion.current), terminator: "")
            case .markdown:
                print(SettingKey.markdownTable, terminator: "")
            case .text:
                CLI.printTable(
                    ["KEY", "DEFAULT", "ENVIRONMENT", "MEANING"],
                    SettingKey.all.map { [$0.name, $0.defaultValue ?? "-", $0.environmentVariable, $0.meaning] })
            }
        }
    }
}
