import Foundation

/// Builds the tree of values a template sees from a `MessageContext`. The names here are the
/// template vocabulary documented in templates/README.md.
enum RenderContext {
    /// The root object for one render.
    /// - Parameters:
    ///   - templateLocale: locale of the template file in use (for `{{lang}}`).
    ///   - formattingLocale: ICU identifier dates and numbers are formatted in.
    static func root(
        for context: MessageContext, templateLocale: String, formattingLocale: String, cache: FormattedEventCache
    ) -> [String: Any] {
        var root: [String: Any] = [
            "lang": templateLocale,
            "recipient": [
                "name": TemplateCatalog.singleLine(context.recipient.name).bidiIsolated(),
                "email": TemplateCatalog.singleLine(context.recipient.email),
                "locale": context.recipient.locale,
            ] as [String: Any],
            "sender": [
                "organization": context.sender.organization,
                "email": context.sender.fromAddress,
            ] as [String: Any],
            "wording": [
                "neutral": context.sender.wording != "feminine",
                "feminine": context.sender.wording == "feminine",
            ] as [String: Any],
        ]
        if let event = context.event {
            root["event"] = eventNode(event, now: context.now, formattingLocale: formattingLocale, cache: cache)
        }
        if let previous = context.previous {
            root["previous"] = eventNode(previous, now: context.now, formattingLocale: formattingLocale, cache: cache)
        }
        if !context.data.isEmpty {
            root["data"] = convert(.object(context.data), formattingLocale: formattingLocale)
        }
        if let url = context.unsubscribeURL.map(TemplateCatalog.singleLine), !url.isEmpty {
            root["unsubscribeURL"] = url
        }
        if let url = context.preferencesURL.map(TemplateCatalog.singleLine), !url.isEmpty {
            root["preferencesURL"] = url
        }
        if let url = context.rsvpURL.map(TemplateCatalog.singleLine), !url.isEmpty {
            root["rsvpURL"] = url
        }
        return root
    }

    /// The `event` object: given fields plus the formatted ones.
    static func eventNode(
        _ event: MessageContext.EventInfo, now: Date, formattingLocale: String, cache: FormattedEventCache
    ) -> [String: Any] {
        let formatted = cache.formatted(event, now: now, localeIdentifier: formattingLocale)
        var node: [String: Any] = [
            "title": event.title.bidiIsolated(),
            "date": formatted.date,
            "time": formatted.time,
            "endDate": formatted.endDate,
            "endTime": formatted.endTime,
            "dateTime": formatted.dateTime,
            "duration": formatted.duration,
            "relative": formatted.relative,
            "days": CountValue(formatted.daysUntil, localeIdentifier: formattingLocale),
            "timeZone": event.timeZone.identifier,
        ]
        if let value = event.description, !value.isEmpty { node["description"] = value.bidiIsolated() }
        if let value = event.location, !value.isEmpty { node["location"] = value.bidiIsolated() }
        if let value = event.url, !value.isEmpty { node["url"] = value }
        return node
    }

    /// A `TemplateValue` as Mustache sees it; `null` becomes nil (the key is absent).
    static func convert(_ value: TemplateValue, formattingLocale: String) -> Any? {
        switch value {
        case .string(let string): string.bidiIsolated()
        case .int(let int): CountValue(int, localeIdentifier: formattingLocale)
        case .double(let double): double.formatted(.number.locale(Locale(identifier: formattingLocale)))
        case .bool(let bool): bool
        case .array(let array): array.compactMap { convert($0, formattingLocale: formattingLocale) }
        case .object(let object):
            object.reduce(into: [String: Any]()) { result, entry in
                if let converted = convert(entry.value, formattingLocale: formattingLocale) {
                    result[entry.key] = converted
                }
            }
        case .null: nil
        }
    }
}
