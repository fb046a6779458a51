import ArgumentParser
import Relais

/// Options every command that touches the configuration or the database takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (default: $RELAIS_CONFIG, else /etc/relais/relais.yaml).", valueName: "path"))
    var config: String?

    /// Loads the configuration and opens the database, or exits with a sysexits code.
    func context() async throws -> RelaisContext {
        await CLI.run { try await RelaisContext.open(configPath: config) }
    }
}
