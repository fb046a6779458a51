import Foundation
import Mustache

/// The localized message templates of a `templates/` directory, parsed once, rendered per recipient.
///
/// Layout: `<kind>/<locale>.mustache` (one file per message kind and language),
/// `_common/<locale>.mustache` (phrases shared by every message in a language, such as the footer),
/// `_layout/html.mustache` and `_layout/text.mustache` (the frame around every message).
/// The file format is described in `templates/README.md`.
public struct TemplateCatalog: Sendable {
    /// One kind × locale file, compiled into its four parts.
    struct Compiled: Sendable {
        /// Canonical locale of the file, e.g. "fr".
        var locale: String
        /// Display path, e.g. "templates/welcome/fr.mustache".
        var file: String
        /// The file's text, for locating names in problems.
        var source: String
        var subject: MustacheTemplate
        var preheader: MustacheTemplate
        var text: MustacheTemplate
        var html: MustacheTemplate
        /// False when the file (or its common phrases) applies a transform, which could alter
        /// a recipient value: such files always take the full render.
        var stampable: Bool
    }

    let library: MustacheLibrary
    /// kind → canonical locale → compiled template.
    let compiled: [String: [String: Compiled]]
    /// kind → what its `manifest.json` declares (kinds without one are absent).
    let manifests: [String: KindManifest]
    /// Kind directories found, including those whose files all failed to parse.
    let kindNames: [String]
    let configuredLocales: [String]
    let defaultLocale: String
    /// The templates directory as shown in messages (its last path component).
    let displayRoot: String
    /// Locales that have a `_common/<locale>.mustache` file.
    let commonLocales: Set<String>
    /// Block names defined by the layouts and the common files (for spotting misspelt blocks).
    let knownBlocks: Set<String>
    /// Problems met while loading leniently (always empty after the throwing initializer).
    let loadProblems: [TemplateProblem]
    let cache: FormattedEventCache
    let stamps: MessageStampCache
    let resolver: LocaleResolver

    /// Loads and parses every template under `directory`; throws the first problem found
    /// (a parse error names the file and line).
    /// - Parameters:
    ///   - locales: the locales the installation promises (checked by `check`), e.g. ["fr", "en", "es", "de"].
    ///   - defaultLocale: the last step of every fallback chain, e.g. "fr".
    public init(directory: URL, locales: [String], defaultLocale: String) throws(TemplateError) {
        var problems: [TemplateProblem] = []
        try self.init(directory: directory, locales: locales, defaultLocale: defaultLocale, lenient: false, problems: &problems)
    }

    /// The message kinds (folder names), sorted.
    public var kinds: [String] { kindNames }

    /// Which template file serves `locale` for `kind`: the first of the member's locale, its
    /// language and the default locale that has a file (e.g. "fr" for "fr-BE"); nil if none.
    public func resolvedLocale(kind: String, locale: String) -> String? {
        guard let files = compiled[kind] else { return nil }
        return resolver.chain(locale).first { files[$0] != nil }
    }

    /// Renders `kind` for a recipient whose locale is `locale`: subject, preheader, text and HTML.
    public func render(kind: String, locale: String, context: MessageContext) throws(TemplateError) -> RenderedMessage {
        guard let files = compiled[kind] else {
            throw TemplateError(file: "\(displayRoot)/\(kind)", reason: "no template kind '\(kind)' (known: \(kinds.joined(separator: ", ")))")
        }
        guard let resolved = resolvedLocale(kind: kind, locale: locale), let template = files[resolved] else {
            throw TemplateError(
                file: "\(displayRoot)/\(kind)",
                reason: "no file for locale '\(locale)' nor for the default locale '\(defaultLocale)'"
            )
        }
        let formatting = resolver.formattingIdentifier(member: locale, template: resolved)
        let values = [
            Self.singleLine(context.recipient.name).bidiIsolated(), Self.singleLine(context.recipient.email),
            Self.singleLine(context.unsubscribeURL ?? ""), Self.singleLine(context.preferencesURL ?? ""),
            Self.singleLine(context.rsvpURL ?? ""),
        ]
        if template.stampable, !values[0].isEmpty, !values[1].isEmpty {
            var key = MessageStampCache.Key(
                kind: kind, templateLocale: resolved, formattingLocale: formatting, recipientLocale: context.recipient.locale,
                sender: context.sender, event: context.event,
                minute: Int64((context.now.timeIntervalSinceReferenceDate / 60).rounded(.down)),
                data: context.data, hasUnsubscribeURL: !values[2].isEmpty
            )
            key.hasPreferencesURL = !values[3].isEmpty
            key.hasRSVPURL = !values[4].isEmpty
            let stamp: MessageStamp?
            if let cached = stamps.stamp(for: key) {
                stamp = cached
            } else {
                stamp = makeStamp(template, context: context, formatting: formatting, key: key)
                stamps.store(stamp, for: key)
            }
            if let stamp { return stamp.message(values: values) }
        }
        return renderFully(template, context: context, formatting: formatting)
    }

    /// Renders every part of `template` through Mustache for this one context.
    func renderFully(_ template: Compiled, context: MessageContext, formatting: String) -> RenderedMessage {
        let root = RenderContext.root(
            for: context, templateLocale: template.locale, formattingLocale: formatting, cache: cache
        )
        return render(template, object: root)
    }

    /// Renders `template` with markers in place of the recipient's values; nil if they do not survive.
    func makeStamp(_ template: Compiled, context: MessageContext, formatting: String, key: MessageStampCache.Key) -> MessageStamp? {
        var shared = context
        shared.recipient.name = MessageStamp.marker(MessageStamp.Field.name.rawValue)
        shared.recipient.email = MessageStamp.marker(MessageStamp.Field.email.rawValue)
        shared.unsubscribeURL = key.hasUnsubscribeURL ? MessageStamp.marker(MessageStamp.Field.unsubscribeURL.rawValue) : nil
        shared.preferencesURL = key.hasPreferencesURL ? MessageStamp.marker(MessageStamp.Field.preferencesURL.rawValue) : nil
        shared.rsvpURL = key.hasRSVPURL ? MessageStamp.marker(MessageStamp.Field.rsvpURL.rawValue) : nil
        let rendered = renderFully(template, context: shared, formatting: formatting)
        guard let subject = MessageStamp.segments(rendered.subject), let text = MessageStamp.segments(rendered.text),
            let html = MessageStamp.segments(rendered.html)
        else { return nil }
        var preheader: [MessageStamp.Segment]?
        if let rendered = rendered.preheader {
            guard let segments = MessageStamp.segments(rendered) else { return nil }
            preheader = segments
        }
        return MessageStamp(subject: subject, preheader: preheader, text: text, html: html, locale: rendered.locale)
    }

    /// Renders the four parts of one compiled file with an already built context object.
    func render(_ template: Compiled, object: Any) -> RenderedMessage {
        let subject = Self.singleLine(template.subject.render(object, library: library))
        let preheader = Self.singleLine(template.preheader.render(object, library: library))
        let text = Self.tidyText(template.text.render(object, library: library))
        let html = template.html.render(object, library: library)
        return RenderedMessage(
            subject: subject, preheader: preheader.isEmpty ? nil : preheader, text: text, html: html,
            locale: template.locale
        )
    }
}
