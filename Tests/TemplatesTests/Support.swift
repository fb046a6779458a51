import Foundation
@testable import Templates

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped templates directory.
let shippedTemplates = packageRoot.appendingPathComponent("templates")

/// The shipped catalog with the project's four locales, French by default.
func shippedCatalog() throws -> TemplateCatalog {
    try TemplateCatalog(directory: shippedTemplates, locales: ["fr", "en", "es", "de"], defaultLocale: "fr")
}

/// A temporary copy of the shipped templates that a test may break; removed by `cleanup`.
struct ScratchTemplates {
    let root: URL
    var directory: URL { root.appendingPathComponent("templates") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("relais-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: shippedTemplates, to: directory)
    }

    /// Writes `text` to `path` under the templates directory.
    func write(_ path: String, _ text: String) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Deletes `path` under the templates directory.
    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: directory.appendingPathComponent(path))
    }

    func cleanup() {
        try? FileManager.default.removeItem(at: root)
    }
}
