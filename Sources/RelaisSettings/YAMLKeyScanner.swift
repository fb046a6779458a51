import RelaisSupport
import Yams

/// Walks the YAML file itself to find keys Relais does not know, values of the wrong shape,
/// and the line each key is on, so problems can say `relais.yaml:12`.
struct YAMLKeyScanner {
    /// Dotted key → 1-based line.
    private(set) var lines: [String: Int] = [:]
    private(set) var problems: [ConfigurationProblem] = []

    /// Keys whose value is a list; every other known key holds a scalar.
    static let listKeys: Set<String> = ["sender.locales"]

    init(text: String, fileName: String) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(Self.syntaxProblem(error, fileName: fileName))
            return
        } catch {
            problems.append(ConfigurationProblem(key: fileName, value: nil, expected: "valid YAML (\(error))"))
            return
        }
        guard let node else { return }
        guard case .mapping(let mapping) = node else {
            problems.append(ConfigurationProblem(key: fileName, value: nil, expected: "a YAML mapping of keys at the top level"))
            return
        }
        walk(mapping, prefix: "", fileName: fileName)
    }

    private mutating func walk(_ mapping: Node.Mapping, prefix: String, fileName: String) {
        let knownNames = SettingKey.all.map(\.name)
        for (keyNode, value) in mapping {
            let key = prefix.isEmpty ? (keyNode.string ?? "?") : prefix + "." + (keyNode.string ?? "?")
            let line = keyNode.mark.map { $0.line } ?? 0
            let source = "\(fileName):\(line)"
            lines[key] = line
            if key.hasSuffix("password") {
                problems.append(ConfigurationProblem(
                    key: key, value: nil,
                    expected: "no secret here (passwords are never read from the configuration file; name a file with delivery.smtp.password_file or use the systemd credential smtp-password)",
                    source: source))
                continue
            }
            switch value {
            case .mapping(let inner):
                if knownNames.contains(where: { $0.hasPrefix(key + ".") }) {
                    walk(inner, prefix: key, fileName: fileName)
                } else if SettingKey.named(key) != nil {
                    problems.append(ConfigurationProblem(key: key, value: nil, expected: "a single value, not a mapping", source: source))
                } else {
                    problems.append(ConfigurationProblem(key: key, value: nil, expected: "a known key (see the configuration reference)", source: source))
                }
            case .sequence:
                if Self.listKeys.contains(key) { continue }
                let known = SettingKey.named(key) != nil
                problems.append(ConfigurationProblem(
                    key: key, value: nil,
                    expected: known ? "a single value, not a list" : "a known key (see the configuration reference)",
                    source: source))
            default:
                if SettingKey.named(key) == nil, SettingKey.deprecated[key] == nil {
                    let hint = knownNames.contains(where: { $0.hasPrefix(key + ".") }) ? "a mapping of keys under \(key)" : "a known key (see the configuration reference)"
                    problems.append(ConfigurationProblem(key: key, value: nil, expected: hint, source: source))
                } else if Self.listKeys.contains(key) {
                    problems.append(ConfigurationProblem(key: key, value: value.string, expected: "a list, such as [fr, en, es, de]", source: source))
                }
            }
        }
    }

    private static func syntaxProblem(_ error: YamlError, fileName: String) -> ConfigurationProblem {
        // Yams' description spans several lines (it quotes the offending line); keep the first.
        let firstLine = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        return ConfigurationProblem(key: fileName, value: nil, expected: "valid YAML: \(firstLine)")
    }
}
