import Foundation
import Mustache

extension TemplateCatalog {
    /// Parts every kind file must define, and the optional one.
    static let requiredBlocks = ["subject", "text", "html"]
    static let partBlocks = ["subject", "preheader", "text", "html"]

    /// Internal layouts for the one-line parts: they print only their block, as plain text.
    static let builtInLayouts: [String: String] = [
        "layout-subject": "{{%CONTENT_TYPE:TEXT}}{{$subject}}{{/subject}}",
        "layout-preheader": "{{%CONTENT_TYPE:TEXT}}{{$preheader}}{{/preheader}}",
    ]

    /// Loads `directory`. With `lenient`, a broken file is recorded in `problems` and skipped;
    /// otherwise the first problem is thrown.
    init(
        directory: URL, locales: [String], defaultLocale: String, lenient: Bool, problems: inout [TemplateProblem]
    ) throws(TemplateError) {
        let root = directory.lastPathComponent
        let loader = TemplateLoader(directory: directory, displayRoot: root)
        let entries = try loader.entries()

        var library = MustacheLibrary()
        for (name, text) in Self.builtInLayouts {
            try? library.register(text, named: name)
        }
        var knownBlocks = Set(Self.partBlocks)
        for name in ["html", "text"] {
            let path = "_layout/\(name).mustache"
            let text = try loader.read(path)
            let template = try loader.parse(text, file: path)
            library.register(template, named: "layout-\(name)")
            knownBlocks.formUnion(TemplateScanner.blockNames(in: text))
        }

        var common: [String: String] = [:]
        for file in (try? loader.files(in: "_common")) ?? [] {
            let path = "_common/\(file)"
            do throws(TemplateError) {
                let text = try loader.read(path)
                _ = try loader.parse(text, file: path)
                try TemplateScanner.validateBlocksOnly(text, file: loader.display(path))
                common[LocaleTag.canonical(String(file.dropLast(".mustache".count)))] = text
                knownBlocks.formUnion(TemplateScanner.blockNames(in: text))
            } catch {
                if !lenient { throw error }
                problems.append(TemplateProblem(error))
            }
        }

        var compiled: [String: [String: Compiled]] = [:]
        var kindNames: [String] = []
        var manifests: [String: KindManifest] = [:]
        for kind in entries where !kind.hasPrefix("_") && !kind.hasPrefix(".") {
            guard let files = try? loader.files(in: kind) else { continue }
            kindNames.append(kind)
            let manifestPath = "\(kind)/\(KindManifest.fileName)"
            if let json = FileManager.default.contents(atPath: directory.appendingPathComponent(manifestPath).path) {
                do throws(TemplateError) {
                    manifests[kind] = try KindManifest(json: json, file: loader.display(manifestPath))
                } catch {
                    if !lenient { throw error }
                    problems.append(TemplateProblem(error))
                }
            }
            for file in files {
                let locale = LocaleTag.canonical(String(file.dropLast(".mustache".count)))
                let commonText = LocaleTag.fallbackChain(locale, defaultLocale: defaultLocale)
                    .lazy.compactMap { common[$0] }.first ?? ""
                do throws(TemplateError) {
                    compiled[kind, default: [:]][locale] = try loader.compile(
                        path: "\(kind)/\(file)", locale: locale, common: commonText
                    )
                } catch {
                    if !lenient { throw error }
                    problems.append(TemplateProblem(error))
                }
            }
        }

        self.library = library
        self.compiled = compiled
        self.manifests = manifests
        self.kindNames = kindNames.sorted()
        self.configuredLocales = locales.map(LocaleTag.canonical)
        self.defaultLocale = LocaleTag.canonical(defaultLocale)
        self.displayRoot = root
        self.commonLocales = Set(common.keys)
        self.knownBlocks = knownBlocks
        self.loadProblems = problems
        self.cache = FormattedEventCache()
        self.stamps = MessageStampCache()
        self.resolver = LocaleResolver(defaultLocale: LocaleTag.canonical(defaultLocale))
    }
}
