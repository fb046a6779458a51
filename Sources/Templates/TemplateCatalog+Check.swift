import Foundation

extension TemplateCatalog {
    /// Loads `directory` leniently and checks it: every problem, one line each, including files
    /// that do not parse (which the throwing initializer would stop at). For `relaisctl templates check`.
    public static func check(
        directory: URL, locales: [String], defaultLocale: String, sample: MessageContext...
    ) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        do {
            let catalog = try TemplateCatalog(
                directory: directory, locales: locales, defaultLocale: defaultLocale, lenient: true, problems: &problems
            )
            return catalog.check(samples: sample)
        } catch {
            return problems + [TemplateProblem(error)]
        }
    }

    /// Checks the catalog: missing locales (and what they fall back to), templates that fail to
    /// render, unknown variables, unknown blocks, empty parts and over-long subjects.
    /// Renders each file with the built-in sample of its locale plus `sample`; a variable is
    /// unknown when none of these contexts provides it.
    public func check(sample: MessageContext...) -> [TemplateProblem] {
        check(samples: sample)
    }

    func check(samples: [MessageContext]) -> [TemplateProblem] {
        var problems = loadProblems
        problems += localeCoverageProblems()
        for kind in kinds where manifests[kind] == nil && !problems.contains(where: { $0.file.hasSuffix("\(kind)/\(KindManifest.fileName)") }) {
            problems.append(.init(
                severity: .warning, file: "\(displayRoot)/\(kind)/\(KindManifest.fileName)",
                message: "missing; \(kind) goes to lists, without a calendar, with list headers (see templates/README.md)"
            ))
        }
        for kind in kinds {
            for (_, template) in (compiled[kind] ?? [:]).sorted(by: { $0.key < $1.key }) {
                problems += renderProblems(template, samples: samples)
            }
        }
        return problems
    }

    /// Kinds lacking a configured locale, and configured locales without common phrases.
    func localeCoverageProblems() -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        for kind in kinds {
            for locale in configuredLocales where compiled[kind]?[locale] == nil {
                let file = "\(displayRoot)/\(kind)/\(locale).mustache"
                if let fallback = resolvedLocale(kind: kind, locale: locale) {
                    problems.append(.init(
                        severity: .warning, file: file,
                        message: "missing; members in '\(locale)' get \(kind)/\(fallback).mustache"
                    ))
                } else {
                    problems.append(.init(
                        severity: .error, file: file,
                        message: "missing, and no fallback: '\(defaultLocale)' has no file either"
                    ))
                }
            }
        }
        for locale in configuredLocales
        where !LocaleTag.fallbackChain(locale, defaultLocale: defaultLocale).contains(where: commonLocales.contains) {
            problems.append(.init(
                severity: .warning, file: "\(displayRoot)/_common/\(locale).mustache",
                message: "missing; the footer of '\(locale)' messages will be empty"
            ))
        }
        return problems
    }

    /// Renders one file with tracking contexts and reports what is wrong with the result.
    func renderProblems(_ template: Compiled, samples: [MessageContext]) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        func problem(_ message: String, line: Int? = nil) {
            let new = TemplateProblem(severity: .error, file: template.file, line: line, message: message)
            if !problems.contains(new) { problems.append(new) }
        }
        let contexts = [MessageContext.sample(locale: template.locale)] + samples
        var missing: Set<String>?
        var printedObjects = Set<String>()
        var longest: (length: Int, subject: String)?
        for context in contexts {
            let log = TrackingLog()
            let formatting = LocaleTag.formattingIdentifier(member: template.locale, template: template.locale)
            let root = RenderContext.root(
                for: context, templateLocale: template.locale, formattingLocale: formatting, cache: cache
            )
            let message = render(template, object: TrackingNode.wrap(root, path: "", log: log))
            missing = missing.map { $0.intersection(log.missingNames()) } ?? log.missingNames()
            printedObjects.formUnion(log.objectsPrinted)
            if message.subject.isEmpty { problem("the subject is empty") }
            if message.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problem("the {{$text}} part is empty") }
            let length = SubjectLength.encodedLength(message.subject)
            if length >= SubjectLength.limit, length > (longest?.length ?? 0) { longest = (length, message.subject) }
        }
        for name in (missing ?? []).sorted() {
            let last = String(name.split(separator: ".").last ?? "")
            problem("unknown variable '\(name)' (it renders as nothing)", line: TemplateScanner.line(of: last, in: template.source))
        }
        for path in printedObjects.sorted() {
            problem("'{{\(path)}}' is an object, not text; use one of its fields")
        }
        if let longest {
            problem(
                "subject too long: \(longest.length) characters once RFC 2047-encoded (must be under \(SubjectLength.limit)): \"\(longest.subject)\"",
                line: TemplateScanner.line(of: "{{$subject}}", in: template.source)
            )
        }
        for block in TemplateScanner.blockNames(in: template.source).sorted() where !knownBlocks.contains(block) {
            problems.append(.init(
                severity: .warning, file: template.file, line: TemplateScanner.line(of: "{{$\(block)}}", in: template.source),
                message: "unknown block {{$\(block)}} (known: \(knownBlocks.sorted().joined(separator: ", ")))"
            ))
        }
        return problems
    }
}
