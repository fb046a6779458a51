import RelaisSupport
import Configuration
import Foundation
import MIME

/// Reads each key through swift-configuration, parses it, and records a problem naming the
/// key, the value, where it came from and what was expected when it does not parse.
struct ConfigValueReader {
    let reader: ConfigReader
    let environment: [String: String]
    let fileName: String
    let lines: [String: Int]
    /// Relative paths are resolved against the configuration file's folder.
    let directory: String
    private(set) var problems: [ConfigurationProblem] = []
    /// Deprecated keys in use, one line each naming the key to write instead.
    private(set) var notices: [String] = []

    init(reader: ConfigReader, environment: [String: String], fileName: String, lines: [String: Int], directory: String) {
        self.reader = reader
        self.environment = environment
        self.fileName = fileName
        self.lines = lines
        self.directory = directory
    }

    /// Where `key`'s value comes from: its environment variable when set, else the file line.
    func source(_ key: String) -> String? {
        let variable = SettingKey.named(key)?.environmentVariable ?? ""
        if environment[variable] != nil { return variable }
        return lines[key].map { "\(fileName):\($0)" }
    }

    mutating func problem(_ key: String, _ value: String?, _ expected: String) {
        problems.append(ConfigurationProblem(key: key, value: value, expected: expected, source: source(key)))
    }

    /// `key`, or its deprecated synonym when only that one is set (noted in ``notices``).
    mutating func currentOrDeprecated(_ key: String) -> String {
        guard reader.string(forKey: ConfigKey(key)) == nil,
              let old = SettingKey.deprecated.first(where: { $0.value == key })?.key,
              let value = reader.string(forKey: ConfigKey(old)), !value.isEmpty
        else { return key }
        let place = lines[old].map { " (\(fileName):\($0))" } ?? ""
        notices.append("\(old)\(place) is deprecated: write \(key) instead")
        return old
    }

    /// The raw string, or the key's default.
    func raw(_ key: String) -> String? {
        if let value = reader.string(forKey: ConfigKey(key)), !value.isEmpty { return value }
        return RelaisKeyDefaults.value(key)
    }

    mutating func path(_ key: String) -> String {
        let value = raw(key) ?? ""
        if value.isEmpty { problem(key, nil, "a path"); return "" }
        let base = URL(fileURLWithPath: directory.isEmpty ? "." : directory, isDirectory: true)
        return URL(fileURLWithPath: value, relativeTo: base).standardizedFileURL.path
    }

    mutating func optionalPath(_ key: String) -> String? {
        guard raw(key) != nil else { return nil }
        return path(key)
    }

    mutating func integer(_ key: String, minimum: Int) -> Int {
        let value = raw(key) ?? "0"
        guard let number = Int(value), number >= minimum else {
            problem(key, value, "an integer ≥ \(minimum)")
            return minimum
        }
        return number
    }

    /// A duration; one problem (with the value rewritten as an example when possible) if it does not parse.
    mutating func duration(_ key: String) -> ConfigDuration {
        durationIfValid(key) ?? ConfigDuration(seconds: 0)
    }

    /// A duration longer than 0s; exactly one problem when it is not (unparsable or zero).
    mutating func positiveDuration(_ key: String) -> ConfigDuration {
        guard let duration = durationIfValid(key) else { return ConfigDuration(seconds: 1) }
        if duration.seconds == 0 { problem(key, duration.description, "a duration longer than 0s, such as 30s or 5m") }
        return duration
    }

    /// A duration, or nil after recording one problem.
    mutating func durationIfValid(_ key: String) -> ConfigDuration? {
        let value = raw(key) ?? ""
        guard let duration = ConfigDuration(parsing: value) else {
            let example = ConfigDuration.suggestion(for: value).map { " (write \"\(value)\" as \($0))" } ?? ""
            problem(key, value, "a duration such as 90s, 5m, 4h or 5d\(example)")
            return nil
        }
        return duration
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        let value = raw(key) ?? ""
        guard let parsed = T(rawValue: value) else {
            problem(key, value, "one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return parsed
    }

    mutating func text(_ key: String, required: Bool) -> String? {
        guard let value = raw(key) else {
            if required { problem(key, nil, "a value (this key is required)") }
            return nil
        }
        if value.contains(where: { $0 == "\r" || $0 == "\n" }) {
            problem(key, value, "a single line (no CR or LF)")
            return nil
        }
        return value
    }
}
