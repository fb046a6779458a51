import Foundation

/// A systemd unit file read as `[Section]` and `Key=value` lines (systemd.syntax(7)), enough to
/// check which settings the shipped unit declares. Repeated keys keep every value in order.
struct UnitFile {
    /// Every `(section, key, value)` in file order.
    let entries: [(section: String, key: String, value: String)]

    init(contentsOf url: URL) throws {
        var section = ""
        var entries: [(String, String, String)] = []
        for rawLine in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
            } else if let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                entries.append((section, key, value))
            }
        }
        self.entries = entries
    }

    /// All values of `key` in `section`, in order.
    func values(_ key: String, in section: String = "Service") -> [String] {
        entries.filter { $0.section == section && $0.key == key }.map(\.value)
    }

    /// The last value of `key` in `section` (the one systemd uses for single-valued settings).
    func value(_ key: String, in section: String = "Service") -> String? {
        values(key, in: section).last
    }
}
