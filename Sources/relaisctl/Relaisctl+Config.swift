import ArgumentParser
import Relais

/// `relaisctl config …`
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration.",
        subcommands: [Check.self]
    )

    @OptionGroup var global: GlobalOptions

    /// `relaisctl config check`: every problem, one line each; exit 78 when there is any.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration file, the environment overrides and the files they name.",
            discussion: "Refuses what relaisd and relaisctl would refuse when they run: prints one line per problem (key, value, what is expected) and exits 78 if there is any; prints nothing and exits 0 otherwise. The database at store.path is inspected read-only (a directory, or a file that is not a Relais database, is a problem). Warnings (a password file readable by everyone) are printed as 'relaisctl: warning: …' and do not change the exit code."
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let path = ConfigurationLoader.resolvePath(explicit: global.config)
            let configuration = try await ConfigurationLoader.load(path: path)
            for warning in configuration.environmentWarnings() { CLI.printError("relaisctl: warning: \(warning)") }
            let problems = configuration.environmentProblems()
            if !problems.isEmpty { throw ConfigurationError(path: path, problems: problems) }
        }
    }
}
