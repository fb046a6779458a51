/// Light textual checks on template sources, complementing the Mustache parser.
enum TemplateScanner {
    /// Names of the `{{$name}}` blocks in `text`.
    static func blockNames(in text: String) -> Set<String> {
        var names = Set<String>()
        var rest = text[...]
        while let open = rest.range(of: "{{$") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            names.insert(rest[..<close.lowerBound].trimmingSpaces())
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// Rejects unescaped tags (`{{{name}}}`, `{{&name}}`) and a kind file without the required blocks.
    static func validate(_ text: String, file: String) throws(TemplateError) {
        try validateBlocksOnly(text, file: file)
        let blocks = blockNames(in: text)
        for required in TemplateCatalog.requiredBlocks where !blocks.contains(required) {
            throw TemplateError(file: file, reason: "missing the {{$\(required)}}...{{/\(required)}} block")
        }
    }

    /// The first `{{tag}}` outside every `{{$block}}`, with its line: such a tag is ignored by
    /// Mustache inheritance (swift-mustache rejects it) and is almost always a misplaced line.
    static func tagOutsideBlocks(in text: String) -> (tag: String, line: Int)? {
        var open: [Substring] = []
        var rest = text[...]
        while let start = rest.range(of: "{{") {
            guard let end = rest[start.upperBound...].range(of: "}}") else { return nil }
            let inner = rest[start.upperBound..<end.lowerBound]
            let name = inner.dropFirst().trimmingSpaces()
            switch inner.first {
            case "!", "=", "%": break
            case "#", "^", "$": open.append(Substring(name))
            case "/": if !open.isEmpty { open.removeLast() }
            default:
                if open.isEmpty {
                    let line = text[..<start.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                    return ("{{" + inner + "}}", line)
                }
            }
            rest = rest[end.upperBound...]
        }
        return nil
    }

    /// Rejects tags outside the blocks, and unescaped tags, which could let member data become HTML markup.
    static func validateBlocksOnly(_ text: String, file: String) throws(TemplateError) {
        if let misplaced = tagOutsideBlocks(in: text) {
            throw TemplateError(
                file: file, line: misplaced.line,
                reason: "\(misplaced.tag) is outside the {{$...}} blocks; put all content inside {{$subject}}, {{$preheader}}, {{$text}} or {{$html}}"
            )
        }
        for marker in ["{{{", "{{&"] {
            if let line = line(of: marker, in: text) {
                throw TemplateError(
                    file: file, line: line,
                    reason: "unescaped tag \(marker)...; write {{name}} (text parts are never HTML-escaped anyway)"
                )
            }
        }
    }

    /// Whether any tag applies a transform (`{{uppercased(name)}}`).
    static func usesTransforms(_ text: String) -> Bool {
        var rest = text[...]
        while let start = rest.range(of: "{{") {
            guard let end = rest[start.upperBound...].range(of: "}}") else { return false }
            let inner = rest[start.upperBound..<end.lowerBound]
            if inner.first != "!", inner.contains("(") { return true }
            rest = rest[end.upperBound...]
        }
        return false
    }

    /// 1-based number of the first line containing `needle`.
    static func line(of needle: String, in text: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
