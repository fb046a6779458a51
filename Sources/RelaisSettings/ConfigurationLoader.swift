import RelaisSupport
import Configuration
import Foundation
import MIME
import SystemPackage

/// Reads `relais.yaml` and `RELAIS_*` environment variables into a ``RelaisConfiguration``,
/// collecting every problem instead of stopping at the first.
public enum ConfigurationLoader {
    /// The file used when neither `--config` nor `$RELAIS_CONFIG` names one.
    public static let defaultPath = "/etc/relais/relais.yaml"

    /// `--config`, else `$RELAIS_CONFIG`, else ``defaultPath``.
    public static func resolvePath(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        explicit ?? environment["RELAIS_CONFIG"] ?? defaultPath
    }

    /// Loads and validates the configuration; throws every problem found at once.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(ConfigurationError) -> RelaisConfiguration {
        let fileName = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            let files = FileManager.default
            let reason = !files.fileExists(atPath: path) ? "an existing file (see --config or $RELAIS_CONFIG)"
                : !files.isReadableFile(atPath: path) ? "a file this user can read (permission denied)" : "a regular YAML file"
            throw ConfigurationError(path: path, problems: [ConfigurationProblem(key: "config", value: path, expected: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: path, problems: [ConfigurationProblem(key: "config", value: path, expected: "a UTF-8 YAML file")])
        }
        let scanner = YAMLKeyScanner(text: text, fileName: fileName)
        if scanner.problems.contains(where: { $0.key == fileName }) {
            throw ConfigurationError(path: path, problems: scanner.problems)
        }
        let reader: ConfigReader
        do {
            let file = try await FileProvider<YAMLSnapshot>(filePath: FilePath(path))
            let env = EnvironmentVariablesProvider(environmentVariables: environment).prefixKeys(with: ["relais"])
            reader = ConfigReader(providers: [env, file])
        } catch {
            throw ConfigurationError(path: path, problems: [ConfigurationProblem(key: fileName, value: nil, expected: "valid YAML (\(error))")])
        }
        var values = ConfigValueReader(
            reader: reader, environment: environment, fileName: fileName,
            lines: scanner.lines, directory: (path as NSString).deletingLastPathComponent)
        let configuration = values.build(path: path, credentialsDirectory: environment["CREDENTIALS_DIRECTORY"])
        let problems = scanner.problems + values.problems
        guard problems.isEmpty, let configuration else {
            throw ConfigurationError(path: path, problems: problems)
        }
        return configuration
    }
}
