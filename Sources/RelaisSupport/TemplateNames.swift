import Foundation
import MIME

/// Checks a template kind names a folder of the template directory.
public enum TemplateNames {
    /// Throws a one-line error listing the kinds that exist.
    public static func check(_ kind: String, in directory: String) throws(InputError) {
        let kinds = available(in: directory)
        guard kinds.contains(kind) else {
            throw InputError("unknown template \"\(kind.visibleControlCharacters)\": expected one of \(kinds.joined(separator: ", ")) (in \(directory))")
        }
    }

    /// The kinds in `directory`: its sub-folders, except those starting with `_` (layouts).
    public static func available(in directory: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.filter { entry in
            var isDirectory: ObjCBool = false
            return !entry.hasPrefix("_") && !entry.hasPrefix(".")
                && FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }
}
