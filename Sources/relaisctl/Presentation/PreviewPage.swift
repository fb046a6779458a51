import Foundation
import Relais
import Templates

/// `index.html` of `relaisctl preview --all-locales`: every language side by side (subject,
/// preheader, the HTML part, the text part, the headers, the event in words).
///
/// Self-contained (no network) and safe to open: every value is HTML-escaped, the HTML part is
/// shown inline at its full height in a shadow root (see ``InlineMailHTML``), and the page's
/// Content-Security-Policy allows no script. The columns fit the window: four side by side on
/// a wide screen, one under the other on a phone; nothing scrolls sideways, and no part has a
/// scrollbar of its own.
public enum PreviewPage {
    /// One column: the configured locale and what it composed to.
    public struct Entry: Sendable {
        /// The configured locale, e.g. `fr`.
        public var locale: String
        /// The file written for it, e.g. `fr.eml`.
        public var file: String
        /// The calendar file written for it, e.g. `fr.ics`, when the message has a calendar.
        public var calendarFile: String?
        /// The composed message.
        public var message: ComposedMessage

        /// An entry.
        public init(locale: String, file: String, calendarFile: String? = nil, message: ComposedMessage) {
            self.locale = locale
            self.file = file
            self.calendarFile = calendarFile
            self.message = message
        }
    }

    /// The page's policy: styles and images only; no script, frame, form target or base URL.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; font-src data:; form-action 'none'; base-uri 'none'; frame-src 'none'"

    /// The page for `template`'s entries.
    public static func html(template: String, entries: [Entry]) -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(template)) — Relais preview</title>
            <style>
            body { margin: 0; padding: 16px; font: 14px/1.45 system-ui, sans-serif; background: #f3f1ee; color: #1f1f1f; }
            h1 { font-size: 20px; margin: 0 0 12px; }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: 16px; }
            .locale { background: #fff; border: 1px solid #ddd6cf; border-radius: 6px; padding: 12px; min-width: 0; overflow-wrap: anywhere; }
            .locale h2 { font-size: 15px; margin: 0 0 8px; color: #8a2b5a; }
            .subject { font-size: 16px; font-weight: bold; margin: 0 0 4px; }
            .preheader { color: #555; margin: 0 0 10px; }
            .when { margin: 0 0 10px; padding: 6px 8px; background: #f6ecf1; border-left: 3px solid #8a2b5a; }
            .html-part { border: 1px solid #ddd6cf; background: #fff; }
            pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; background: #f9f7f5; border: 1px solid #eee; padding: 8px; font-size: 12px; }
            h3 { font-size: 13px; margin: 12px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #666; }
            dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 8px; margin: 0; font-size: 13px; }
            dt { color: #666; }
            dd { margin: 0; min-width: 0; }
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
        let calendar = message.calendar.map(CalendarText.init)
        var html = """
            <section class="locale" lang="\(escape(message.locale))" id="locale-\(escape(entry.locale))">
            <h2>\(escape(entry.locale))\(escape(fallback)) · <a href="\(escape(entry.file))">\(escape(entry.file))</a></h2>
            <p class="subject">\(escape(message.subject))</p>
            <p class="preheader">\(escape(message.rendered.preheader ?? ""))</p>

            """
        if let when = calendar?.when(locale: message.locale) {
            let link = entry.calendarFile.map { " · <a href=\"\(escape($0))\">\(escape($0))</a>" } ?? ""
            html += "<p class=\"when\">\(escape(when))\(link)</p>\n"
        }
        html += """
            <div class="html-part" role="document" aria-label="HTML part, \(escape(entry.locale))">\(InlineMailHTML.shadowRoot(of: message.rendered.html))</div>
            <h3>Text part</h3>
            <pre>\(escape(message.rendered.text))</pre>
            <h3>Headers</h3>
            <pre>\(escape(MessageHeaders.headerBlock(of: Data(message.bytes))))</pre>

            """
        if let calendar {
            html += "<h3>Calendar event</h3>\n<dl>\n"
            for (name, value) in calendar.summary {
                html += "<dt>\(escape(name))</dt><dd>\(escape(value))</dd>\n"
            }
            html += "</dl>\n"
        }
        return html + "</section>\n"
    }

    /// `&`, `<`, `>`, `"` and `'` as character references (the templates' own escaping).
    static func escape(_ text: String) -> String {
        text.htmlEscaped()
    }
}
