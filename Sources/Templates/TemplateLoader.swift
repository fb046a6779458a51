import Foundation
import Mustache

/// Reads and parses template files, turning every failure into a `TemplateError` naming the file.
struct TemplateLoader {
    let directory: URL
    let displayRoot: String

    /// "templates/welcome/fr.mustache" for "welcome/fr.mustache".
    func display(_ path: String) -> String { "\(displayRoot)/\(path)" }

    /// The names in the templates directory.
    func entries() throws(TemplateError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw TemplateError(file: displayRoot, reason: "cannot read the templates directory \(directory.path)")
        }
    }

    /// The `.mustache` files of a subdirectory, sorted.
    func files(in folder: String) throws(TemplateError) -> [String] {
        let url = directory.appendingPathComponent(folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: url.path)
        else {
            throw TemplateError(file: display(folder), reason: "not a readable directory")
        }
        return names.filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(".") }.sorted()
    }

    /// The UTF-8 text of a file.
    func read(_ path: String) throws(TemplateError) -> String {
        let url = directory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TemplateError(file: display(path), reason: "missing or unreadable file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: display(path), reason: "not valid UTF-8 (save the file as UTF-8)")
        }
        return text
    }

    /// Parses `text`, reporting errors at their line in `file`; `lineOffset` lines of other text
    /// precede `text` in the parsed string, and errors there are reported against `prefixFile`.
    func parse(
        _ text: String, file: String, lineOffset: Int = 0, prefixFile: String? = nil
    ) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            if line <= lineOffset, let prefixFile {
                throw TemplateError(
                    file: display(prefixFile), line: line, column: error.context.columnNumber,
                    reason: Self.describe(error.error)
                )
            }
            throw TemplateError(
                file: display(file), line: line - lineOffset, column: line > lineOffset + 1 ? error.context.columnNumber : nil,
                reason: Self.describe(error.error)
            )
        } catch {
            throw TemplateError(file: display(file), reason: "cannot parse: \(error)")
        }
    }

    /// Checks and compiles one kind file with the common phrases of its language.
    func compile(path: String, locale: String, common: String) throws(TemplateError) -> TemplateCatalog.Compiled {
        let text = try read(path)
        _ = try parse(text, file: path)
        let file = display(path)
        try TemplateScanner.validate(text, file: file)
        let commonLines = common.isEmpty ? 0 : common.split(separator: "\n", omittingEmptySubsequences: false).count
        let body = common.isEmpty ? text : common + "\n" + text
        let commonFile = "_common/\(locale).mustache"
        func wrapped(_ layout: String) throws(TemplateError) -> MustacheTemplate {
            try parse(
                "{{<layout-\(layout)}}" + body + "\n{{/layout-\(layout)}}", file: path,
                lineOffset: commonLines, prefixFile: commonFile
            )
        }
        return TemplateCatalog.Compiled(
            locale: locale, file: file, source: text,
            subject: try wrapped("subject"), preheader: try wrapped("preheader"),
            text: try wrapped("text"), html: try wrapped("html"),
            stampable: !TemplateScanner.usesTransforms(body)
        )
    }

    /// A translator-readable sentence for a swift-mustache parser error.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "cannot parse: \(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag {{/...}} does not match the last opened {{#...}}, {{^...}} or {{$...}}"
        case .unfinishedName: return "unfinished tag: a {{ without its }} or an invalid name"
        case .expectedSectionEnd: return "a {{#...}}, {{^...}} or {{$...}} is never closed with its {{/...}}"
        case .invalidSetDelimiter: return "invalid delimiter change {{=...=}}"
        case .transformAppliedToInheritanceSection: return "a {{$block}} name cannot use a transform"
        case .illegalTokenInsideInheritSection: return "a {{tag}} outside the {{$...}} blocks; put all content inside {{$subject}}, {{$preheader}}, {{$text}} or {{$html}}"
        case .textInsideInheritSection: return "text outside the {{$...}} blocks"
        case .invalidConfigVariableSyntax: return "invalid {{%...}} pragma"
        case .unrecognisedConfigVariable: return "unknown {{%...}} pragma"
        }
    }
}
