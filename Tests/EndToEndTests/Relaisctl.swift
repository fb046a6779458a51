import Foundation
import RelaisTestSupport

/// Runs the built `relaisctl` / `relaisd` binaries.
enum Binaries {
    static var relaisctl: String { Repository.binaries + "/relaisctl" }
    static var relaisd: String { Repository.binaries + "/relaisd" }

    /// The environment without RELAIS_* variables, so the developer's own settings cannot leak in.
    static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("RELAIS_") && $0.key != "CREDENTIALS_DIRECTORY" && $0.key != "NOTIFY_SOCKET" }
    }

    static func ctl(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> ProcessResult {
        try ProcessRunner.run(relaisctl, arguments, environment: cleanEnvironment.merging(environment) { $1 }, input: input)
    }
}

/// A throwaway installation: a config file, its folders, an empty database.
final class Sandbox: @unchecked Sendable {
    let directory = TemporaryDirectory("relais-e2e")
    var config: String { directory.file("relais.yaml") }

    /// An installation whose `store:` section holds `storeYAML` (each line after the first
    /// indented by two spaces), `extraYAML` after the other sections.
    init(extraYAML: String = "", transport: String = "file", storeYAML: String = "path: var/relais.sqlite") {
        for folder in ["var/outbox"] {
            try? FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        directory.write("relais.yaml", """
            store:
              \(storeYAML)
            templates:
              directory: \(Repository.path("templates"))
            sender:
              from: Mompreneurs Belgique <bonjour@mompreneurs.example>
              organization: Mompreneurs Belgique
              default_locale: fr
              locales: [fr, en, es, de]
            \(extraYAML)
            """ + (extraYAML.contains("delivery:") ? "" : """

            delivery:
              transport: \(transport)
              file:
                directory: var/outbox
            """))
    }

    func ctl(_ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws -> ProcessResult {
        try Binaries.ctl(arguments + ["--config", config], environment: environment, input: input)
    }

    /// Runs `relaisd --once` on this installation to completion.
    func runDaemonOnce() throws -> ProcessResult {
        try ProcessRunner.run(Binaries.relaisd, ["--once", "--config", config], environment: Binaries.cleanEnvironment)
    }
}
