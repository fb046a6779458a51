import ArgumentParser
import Relais

/// `relaisctl config …`
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration.",
        subcommands: [Check.self]
    )

    /// `relaisctl config check`: every problem, one line each; exit 78 when there is any.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration file, the environment overrides and the files they name.",
            discussion: "Prints one line per problem (key, value, what is expected) and exits 78 if there is any; prints nothing and exits 0 otherwise."
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let path = ConfigurationLoader.resolvePath(explicit: global.config)
            do {
                let configuration = try await ConfigurationLoader.load(path: path)
                let problems = configuration.environmentProblems()
                if !problems.isEmpty { CLI.fail(ConfigurationError(path: path, problems: problems)) }
            } catch {
                CLI.fail(error)
            }
        }
    }
}
