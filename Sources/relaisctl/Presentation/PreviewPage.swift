import Foundation
import Relais
import Templates

/// `index.html` of `relaisctl preview --all-locales`: every language side by side (subject,
/// preheader, the HTML rendering in a sandboxed frame, the text part, the headers, the event).
///
/// Self-contained (no network), and safe to open: every value is HTML-escaped and the
/// message HTML runs in an `<iframe sandbox srcdoc>` (no scripts, no access to the page).
public enum PreviewPage {
    /// One column: the configured locale and what it composed to.
    public struct Entry: Sendable {
        /// The configured locale, e.g. `fr`.
        public var locale: String
        /// The file written for it, e.g. `fr.eml`.
        public var file: String
        /// The composed message.
        public var message: ComposedMessage

        /// An entry.
        public init(locale: String, file: String, message: ComposedMessage) {
            self.locale = locale
            self.file = file
            self.message = message
        }
    }

    /// The page for `template`'s entries.
    public static func html(template: String, entries: [Entry]) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(template)) — Relais preview</title>
            <style>
            body { margin: 0; padding: 16px; font: 14px/1.45 system-ui, sans-serif; background: #f3f1ee; color: #1f1f1f; }
            h1 { font-size: 20px; margin: 0 0 12px; }
            .grid { display: grid; grid-template-columns: repeat(\(max(entries.count, 1)), minmax(340px, 1fr)); gap: 16px; overflow-x: auto; }
            .locale { background: #fff; border: 1px solid #ddd6cf; border-radius: 6px; padding: 12px; min-width: 0; }
            .locale h2 { font-size: 15px; margin: 0 0 8px; color: #8a2b5a; }
            .subject { font-size: 16px; font-weight: bold; margin: 0 0 4px; }
            .preheader { color: #555; margin: 0 0 10px; }
            iframe { width: 100%; height: 560px; border: 1px solid #ddd6cf; background: #fff; }
            pre { white-space: pre-wrap; word-break: break-word; background: #f9f7f5; border: 1px solid #eee; padding: 8px; font-size: 12px; }
            h3 { font-size: 13px; margin: 12px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #666; }
            dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; font-size: 13px; }
            dt { color: #666; }
            dd { margin: 0; }
            </style>
            </head>
            <body>
            <h1>\(escape(template)): \(entries.count) language\(entries.count == 1 ? "" : "s")</h1>
            <div class="grid">

            """
        for entry in entries {
            page += column(entry)
        }
        page += "</div>\n</body>\n</html>\n"
        return page
    }

    /// One language's column.
    static func column(_ entry: Entry) -> String {
        let message = entry.message
        let fallback = message.locale == entry.locale ? "" : " (uses the \(message.locale) file)"
        var html = """
            <section class="locale" lang="\(escape(message.locale))" id="locale-\(escape(entry.locale))">
            <h2>\(escape(entry.locale))\(escape(fallback)) · <a href="\(escape(entry.file))">\(escape(entry.file))</a></h2>
            <p class="subject">\(escape(message.subject))</p>
            <p class="preheader">\(escape(message.rendered.preheader ?? ""))</p>
            <iframe sandbox="" title="HTML part, \(escape(entry.locale))" srcdoc="\(escape(message.rendered.html))"></iframe>
            <h3>Text part</h3>
            <pre>\(escape(message.rendered.text))</pre>
            <h3>Headers</h3>
            <pre>\(escape(MessageHeaders.headerBlock(of: Data(message.bytes))))</pre>

            """
        if let calendar = message.calendar {
            html += "<h3>Calendar event</h3>\n<dl>\n"
            for (name, value) in calendarSummary(calendar) {
                html += "<dt>\(escape(name))</dt><dd>\(escape(value))</dd>\n"
            }
            html += "</dl>\n"
        }
        return html + "</section>\n"
    }

    /// The calendar's main properties (method, summary, start, end, location…), unfolded and unescaped.
    public static func calendarSummary(_ calendar: String) -> [(String, String)] {
        let wanted = ["METHOD", "SUMMARY", "DTSTART", "DTEND", "LOCATION", "DESCRIPTION", "URL", "ORGANIZER", "UID", "SEQUENCE", "STATUS"]
        var found: [String: String] = [:]
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
        var inEvent = false
        for line in unfolded.components(separatedBy: "\r\n") {
            if line == "BEGIN:VEVENT" { inEvent = true }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let head = String(line[..<colon])
            let name = String(head.split(separator: ";").first ?? "")
            guard wanted.contains(name), inEvent || name == "METHOD", found[name] == nil else { continue }
            let parameters = head.dropFirst(name.count)
            let value = unescape(String(line[line.index(after: colon)...]))
            found[name] = parameters.isEmpty ? value : value + " (" + parameters.dropFirst() + ")"
        }
        return wanted.compactMap { name in found[name].map { (name, $0) } }
    }

    /// RFC 5545 TEXT unescaping.
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `&`, `<`, `>`, `"` and `'` as character references (the templates' own escaping).
    static func escape(_ text: String) -> String {
        text.htmlEscaped()
    }
}
