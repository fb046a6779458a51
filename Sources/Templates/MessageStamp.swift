/// A message rendered once for everything recipients share (template, locale, event, data,
/// sender, minute), with markers where each recipient's own values go.
///
/// Rendering a Mustache template costs far more than pasting three strings, so a batch of
/// 100,000 reminders renders each (template, locale, event) once and then only fills in
/// names, addresses and unsubscribe links. The result is identical to a full render (tests
/// compare both); templates that transform a recipient value (`{{uppercased(recipient.name)}}`)
/// or recipients with an empty name or address take the full render instead.
struct MessageStamp: Sendable {
    enum Segment: Sendable {
        case literal(String)
        case field(Int)
    }

    /// The per-recipient values, in marker order.
    enum Field: Int, CaseIterable {
        case name, email, unsubscribeURL, preferencesURL, rsvpURL
    }

    var subject: [Segment]
    var preheader: [Segment]?
    var text: [Segment]
    var html: [Segment]
    var locale: String

    /// The marker rendered in place of field `index`: private-use characters that no escaping,
    /// trimming or case change touches.
    static func marker(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    /// Splits a rendered part at the markers; nil if a marker was altered (the template
    /// transformed a value), so that the caller falls back to a full render.
    static func segments(_ rendered: String) -> [Segment]? {
        var segments: [Segment] = []
        var rest = rendered[...]
        while let open = rest.firstIndex(of: "\u{E000}") {
            if open > rest.startIndex { segments.append(.literal(String(rest[..<open]))) }
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\u{E001}"),
                let index = Int(rest[afterOpen..<close]), Field(rawValue: index) != nil
            else { return nil }
            segments.append(.field(index))
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("\u{E001}") { return nil }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        return segments
    }

    /// The message for one recipient: `values` in `Field` order, already single-line.
    func message(values: [String]) -> RenderedMessage {
        let escaped = values.map { $0.htmlEscaped() }
        return RenderedMessage(
            subject: Self.join(subject, values), preheader: preheader.map { Self.join($0, values) },
            text: Self.join(text, values), html: Self.join(html, escaped), locale: locale
        )
    }

    static func join(_ segments: [Segment], _ values: [String]) -> String {
        var out = ""
        var capacity = 0
        for segment in segments {
            switch segment {
            case .literal(let text): capacity += text.utf8.count
            case .field(let index): capacity += values[index].utf8.count
            }
        }
        out.reserveCapacity(capacity)
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .field(let index): out += values[index]
            }
        }
        return out
    }
}
