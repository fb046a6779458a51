import Foundation

/// Paths inside the Relais checkout, for tests that use shipped files and built binaries.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `root/relative`.
    public static func path(_ relative: String) -> String {
        (root as NSString).appendingPathComponent(relative)
    }

    /// The folder with the debug (or, with RELAIS_BUILD=release, release) binaries.
    public static var binaries: String {
        path(".build/" + (ProcessInfo.processInfo.environment["RELAIS_BUILD"] ?? "debug"))
    }
}
