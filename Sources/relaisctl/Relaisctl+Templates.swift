import ArgumentParser
import Foundation
import Relais
import Templates

/// `relaisctl templates check|list`: the translators' and coordinators' view of the templates.
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Check or list the message templates.",
        subcommands: [Check.self, List.self]
    )

    @OptionGroup var global: GlobalOptions

    /// `templates check [--directory DIR]`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every template (and the web pages of _web) in every configured language; one line per problem.",
            discussion: "Reports files that do not parse (with their line), unknown names, empty parts, subjects too long once encoded, and languages without a file (and which file they use instead, as a warning). Prints nothing and exits 0 when all is well; exits 65 when there is an error. Warnings alone exit 0."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Check this templates folder instead of the configured one (e.g. a translator's copy).", valueName: "dir"))
        var directory: String?

        func run() async throws {
            let configuration = try await global.configuration()
            let sender = configuration.sender
            let folder = try templatesDirectory(directory, configured: configuration.templatesDirectory)
            let problems = TemplateCatalog.check(
                directory: URL(fileURLWithPath: folder), locales: sender.locales, defaultLocale: sender.defaultLocale
            ) + WebPageTemplates.check(directory: folder, locales: sender.locales, defaultLocale: sender.defaultLocale)
            for problem in problems {
                print("\(problem.file)\(problem.line.map { ":\($0)" } ?? ""): \(problem.severity.rawValue): \(problem.message)")
            }
            let errors = problems.filter { $0.severity == .error }.count
            if errors > 0 {
                let warnings = problems.count - errors
                CLI.printError("relaisctl: templates check: \(errors) error\(errors == 1 ? "" : "s")\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "") in \(folder)")
                throw ExitCode(Sysexits.dataError)
            }
        }
    }

    /// `templates list [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the template kinds and, per configured language, the file each uses.",
            discussion: "A language column shows its own file as ✓, or the language it falls back to (→ fr)."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("List this templates folder instead of the configured one.", valueName: "dir"))
        var directory: String?

        func run() async throws {
            let configuration = try await global.configuration()
            let sender = configuration.sender
            let folder = try templatesDirectory(directory, configured: configuration.templatesDirectory)
            let catalog = try TemplateCatalog(directory: URL(fileURLWithPath: folder), locales: sender.locales, defaultLocale: sender.defaultLocale)
            let rows = catalog.kinds.map { kind in
                (kind, sender.locales.map { catalog.resolvedLocale(kind: kind, locale: $0) })
            }
            if global.json {
                try CLI.printJSON(rows.map { kind, files in
                    TemplateListJSON(kind: kind, locales: Dictionary(uniqueKeysWithValues: zip(sender.locales, files.map { $0 ?? "" })))
                })
                return
            }
            CLI.printTable(["KIND"] + sender.locales, rows.map { kind, files in
                [kind] + zip(sender.locales, files).map { locale, file in
                    guard let file else { return "missing" }
                    return file == locale ? "✓" : "→ \(file)"
                }
            })
        }
    }

    /// One row of `templates list --json`: configured locale → the file's locale (empty when none).
    struct TemplateListJSON: Encodable {
        var kind: String
        var locales: [String: String]
    }
}

extension GlobalOptions {
    /// Loads the configuration only (the database is not opened); errors carry their sysexits code.
    func configuration() async throws -> RelaisConfiguration {
        try await ConfigurationLoader.load(path: ConfigurationLoader.resolvePath(explicit: config))
    }
}

/// `--directory` if given (it must exist, else an error with exit code 66), else the configured templates folder.
func templatesDirectory(_ explicit: String?, configured: String) throws -> String {
    if let explicit {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError("\(explicit): no such templates folder", exitCode: Sysexits.noInput)
        }
        return explicit
    }
    return configured
}
