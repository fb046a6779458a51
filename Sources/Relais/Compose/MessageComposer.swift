import DKIM
import Foundation
import MIME
import Templates

/// Turns template × locale × data × recipient into the exact MIME bytes to send.
///
/// Deterministic: the same request always gives the same bytes (MIME boundaries come from
/// the Message-ID, the calendar's DTSTAMP is the Date), so a retry or a second
/// composition of a queue row sends the same message. Cheap per recipient: the template
/// catalog caches what recipients share, and the calendar of an occurrence is written once
/// per language, not once per recipient.
public struct MessageComposer: Sendable {
    /// Who messages come from.
    public let sender: SenderSettings
    /// The templates.
    public let catalog: TemplateCatalog
    let from: Mailbox
    let replyTo: Mailbox?
    let templateSender: MessageContext.Sender
    /// `sender.unsubscribeURL` split at each `{token}`; nil when unsubscribe links are off.
    let unsubscribePieces: [String]?
    let calendars: CalendarCache
    /// The DKIM signers; each adds a DKIM-Signature in front of every message.
    public let signers: [DKIMSigner]

    /// A composer for `sender`'s messages from `catalog`'s templates, signed by `signers` (none: unsigned).
    public init(sender: SenderSettings, catalog: TemplateCatalog, signers: [DKIMSigner] = []) {
        self.sender = sender
        self.catalog = catalog
        self.signers = signers
        from = Mailbox(sender.fromAddress, displayName: sender.fromName)
        replyTo = sender.replyTo.map { Mailbox($0) }
        templateSender = MessageContext.Sender(
            organization: sender.organization, fromAddress: sender.fromAddress.description, wording: sender.wording)
        unsubscribePieces = sender.unsubscribeURL.map { $0.components(separatedBy: "{token}") }
        calendars = CalendarCache()
    }

    /// `Auto-Submitted: auto-generated` (RFC 3834) on every message, `Precedence: bulk` on bulk kinds.
    static func automaticHeaders(bulk: Bool) -> [MailHeader] {
        // Both names and values are constants the builder accepts.
        var headers = [try! MailHeader("Auto-Submitted", "auto-generated")]
        if bulk { headers.append(try! MailHeader("Precedence", "bulk")) }
        return headers
    }

    /// The language a message to a reader of `locale` is written in, given its (possibly
    /// per-language) data: hers when the template and the data have it, else the default locale.
    public func language(template: String, locale: String, data: [String: TemplateValue]) -> MessageLanguage {
        MessageLanguage.decide(
            memberLocale: locale, templateLocales: catalog.locales(of: template),
            dataLocales: AnnouncementData.perLocale(data).map { Set($0.keys) }, defaultLocale: sender.defaultLocale
        )
    }

    /// The message for `request`: rendered in one language (the recipient's, or the default
    /// locale's when hers is missing; see ``MessageLanguage``), MIME-encoded, with the calendar and
    /// headers the kind's manifest declares.
    public func compose(_ request: CompositionRequest) throws(CompositionError) -> ComposedMessage {
        func failure(_ reason: String) -> CompositionError {
            CompositionError(template: request.template, recipient: request.recipientEmail, reason: reason)
        }
        let locale = language(template: request.template, locale: request.locale, data: request.data).locale
        let data = AnnouncementData.perLocale(request.data).map { MessageLanguage.pick($0, for: locale) ?? [:] } ?? request.data
        guard let templateLocale = catalog.resolvedLocale(kind: request.template, locale: locale) else {
            guard catalog.kinds.contains(request.template) else {
                throw failure("no template '\(request.template)' (known: \(catalog.kinds.joined(separator: ", ")))")
            }
            throw failure("no file for locale '\(locale)' nor for the default locale '\(sender.defaultLocale)'")
        }
        let recipient: Mailbox
        let messageID: MessageID
        do {
            recipient = try Mailbox(address: request.recipientEmail, displayName: request.recipientName.isEmpty ? nil : request.recipientName)
        } catch {
            throw failure(error.description)
        }
        do {
            messageID = try MessageID(request.messageId)
        } catch {
            throw failure(error.description)
        }

        let manifest = catalog.manifest(of: request.template)
        var part: CalendarCache.Entry?
        if var event = request.event {
            // DTSTAMP is when the message is composed to be sent: its Date (fixed per row).
            event.stamp = request.date
            part = try calendarPart(
                event, recipientLocale: locale, templateLocale: templateLocale, template: request.template,
                recipient: request.recipientEmail
            )
        }
        var previous: MessageContext.EventInfo?
        if let before = request.previous {
            previous = try calendarPart(
                before, recipientLocale: locale, templateLocale: templateLocale, template: request.template,
                recipient: request.recipientEmail, attach: false
            ).event
        }
        let listHeaders = manifest.listHeaders && request.kind != .test
        let unsubscribeURL = listHeaders ? (webUnsubscribeURL(request) ?? unsubscribeURL(token: request.unsubscribeToken)) : nil
        var context = MessageContext(
            recipient: .init(name: request.recipientName, email: request.recipientEmail, locale: locale),
            sender: templateSender, event: part?.event, now: request.now, data: data,
            unsubscribeURL: unsubscribeURL
        )
        context.previous = previous
        if request.kind != .test, let base = sender.webBaseURL, let memberId = request.memberId, let token = request.unsubscribeToken,
           !token.isEmpty {
            let links = MemberLinks(base: base)
            context.preferencesURL = links.preferences(memberId: memberId, token: token)
            context.rsvpURL = request.rsvp.map { links.rsvp(memberId: memberId, token: token, eventId: $0.eventId, occurrence: $0.occurrence) }
        }
        let rendered: RenderedMessage
        do {
            rendered = try catalog.render(kind: request.template, locale: locale, context: context)
        } catch {
            throw failure(error.description)
        }

        var listUnsubscribe: ListUnsubscribe?
        let unsubscribeURIs = [unsubscribeURL, listHeaders ? unsubscribeMailto(request) : nil].compactMap { $0 }
        if !unsubscribeURIs.isEmpty {
            listUnsubscribe = ListUnsubscribe(uris: unsubscribeURIs, oneClick: unsubscribeURL?.lowercased().hasPrefix("https:") == true)
        }
        let message = MailMessage(
            from: from, to: [recipient], replyTo: replyTo, subject: rendered.subject, date: request.date,
            messageID: messageID, language: rendered.locale, listID: listHeaders ? listID(request.listName) : nil,
            listUnsubscribe: listUnsubscribe, extraHeaders: Self.automaticHeaders(bulk: manifest.bulk && request.kind != .test),
            text: rendered.text, html: rendered.html, calendar: part?.attachment
        )
        var bytes: [UInt8]
        do {
            bytes = try message.render()
        } catch {
            throw failure(error.description)
        }
        if !signers.isEmpty {
            // t= is the Date header, so the signed bytes stay a function of the row.
            do {
                bytes = try DKIMSigner.sign(bytes, with: signers, time: Int(request.date.timeIntervalSince1970.rounded(.down)))
            } catch {
                throw failure("DKIM: \(error.reason)")
            }
        }
        return ComposedMessage(
            bytes: bytes, subject: rendered.subject, locale: rendered.locale, rendered: rendered, calendar: part?.text
        )
    }
}
