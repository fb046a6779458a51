import Foundation

/// A message's HTML part made fit to show inline in the preview page, at its full height.
///
/// The part goes into a declarative shadow root (`<template shadowrootmode="open">`), so its
/// styles and the page's stay apart, and no frame with a scrollbar of its own is needed. What
/// could act instead of being shown is removed: scripts, frames, embedded objects, `<base>`,
/// `<meta>` and `<link>`, event-handler attributes and `javascript:` URLs. The page's
/// Content-Security-Policy (no script at all) stays the guarantee behind this clean-up.
enum InlineMailHTML {
    /// The shadow-root markup for `html` (a whole document, as the layout writes it).
    static func shadowRoot(of html: String) -> String {
        let styles = matches(of: "<style\\b[^>]*>[\\s\\S]*?</style\\s*>", in: html).joined(separator: "\n")
        var body = html
        var bodyStyle = ""
        if let open = firstMatch(of: "<body\\b[^>]*>", in: html) {
            let tag = String(html[open])
            if let style = firstMatch(of: "\\bstyle\\s*=\\s*\"[^\"]*\"", in: tag) { bodyStyle = String(tag[style]) }
            body = String(html[open.upperBound...])
            if let close = body.range(of: "</body", options: [.caseInsensitive, .backwards]) { body = String(body[..<close.lowerBound]) }
        }
        return "<template shadowrootmode=\"open\">\(sanitized(styles))<div class=\"mail-body\" \(bodyStyle)>\(sanitized(body))</div></template>"
    }

    /// `markup` without what could run, load or escape the shadow root.
    static func sanitized(_ markup: String) -> String {
        var text = markup
        let elements = "script|iframe|frame|frameset|object|embed|applet|noscript"
        text = replace("<(\(elements))\\b[\\s\\S]*?</\\1\\s*>", in: text, with: "")
        text = replace("</?(\(elements)|base|meta|link|template|html|head|body)\\b[^>]*>", in: text, with: "")
        text = replace("(<[^>]*?\\s)on[a-z]+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)", in: text, with: "$1", repeatedly: true)
        text = replace("(href|src|action|formaction)\\s*=\\s*([\"']?)\\s*javascript:", in: text, with: "$1=$2about:blank#")
        return text
    }

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are literals of this file: a failure is a programming error.
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    private static func replace(_ pattern: String, in text: String, with template: String, repeatedly: Bool = false) -> String {
        let expression = regex(pattern)
        var result = text
        repeat {
            let next = expression.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
            if next == result { break }
            result = next
        } while repeatedly
        return result
    }

    private static func firstMatch(of pattern: String, in text: String) -> Range<String.Index>? {
        regex(pattern).firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).flatMap { Range($0.range, in: text) }
    }

    private static func matches(of pattern: String, in text: String) -> [String] {
        regex(pattern).matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}
