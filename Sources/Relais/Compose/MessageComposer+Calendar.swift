import Foundation
import ICalendar
import MIME
import Templates

/// The event of meetup messages: its texts in the message's language and its calendar file.
extension MessageComposer {
    /// The product identifier written in every calendar file.
    static let productID = "-//Relais//Relais Meetup Reminders//EN"

    /// The event part for one recipient, from the cache when another recipient reading the
    /// same language already needed it. The kind's manifest decides the calendar file: none,
    /// PUBLISH, or CANCEL. A cancelled occurrence is never published: a kind whose calendar
    /// announces it (a "New:" message, a reminder) is refused instead of contradicting itself.
    func calendarPart(
        _ event: CalendarInfo, recipientLocale: String, templateLocale: String, template: String, recipient: String,
        attach: Bool = true
    ) throws(CompositionError) -> CalendarCache.Entry {
        let method = attach ? catalog.manifest(of: template).calendar : .none
        if event.cancelled, method == .publish {
            throw CompositionError(
                template: template, recipient: recipient,
                reason: "the occurrence of \(event.start.formatted(.iso8601)) (\(event.uid)) was cancelled: a \(template) message would announce it",
                isPermanent: true)
        }
        let cancel = method == .cancel
        let key = CalendarCache.Key(
            event: event, recipientLocale: recipientLocale, templateLocale: templateLocale, attach: method != .none,
            cancel: cancel
        )
        return try calendars.entry(key) { () throws(CompositionError) -> CalendarCache.Entry in
            let title = localizedText(event.titles, recipientLocale: recipientLocale, templateLocale: templateLocale) ?? ""
            let description = localizedText(event.descriptions, recipientLocale: recipientLocale, templateLocale: templateLocale)
            let info = MessageContext.EventInfo(
                title: title, description: description, location: event.location, url: event.url,
                start: event.start, end: event.end, timeZone: event.timeZone
            )
            guard key.attach else { return CalendarCache.Entry(event: info, attachment: nil, text: nil) }
            let calendarEvent = CalendarEvent(
                uid: event.uid, sequence: event.sequence, dtstamp: event.stamp, start: event.start, end: event.end,
                timeZone: event.timeZone, summary: title, description: description, location: event.location, url: event.url,
                organizer: CalendarOrganizer(name: sender.fromName ?? sender.organization, email: sender.fromAddress.description),
                status: cancel ? .cancelled : .confirmed
            )
            let bytes: [UInt8]
            do throws(CalendarError) {
                bytes = try ICalendarWriter(productID: Self.productID).render(calendarEvent, method: cancel ? .cancel : .publish)
            } catch {
                throw CompositionError(template: template, recipient: recipient, reason: error.description)
            }
            return CalendarCache.Entry(
                event: info, attachment: CalendarAttachment(method: cancel ? .cancel : .publish, data: bytes),
                text: String(decoding: bytes, as: UTF8.self)
            )
        }
    }

    /// The text for a reader of `recipientLocale` served by the `templateLocale` file: her
    /// locale, its language, the template's language, then the default locale, then any text.
    func localizedText(_ texts: [String: String], recipientLocale: String, templateLocale: String) -> String? {
        guard !texts.isEmpty else { return nil }
        let chain = LocalizedText.fallbackChain(for: recipientLocale, defaultLocale: templateLocale)
        if let found = LocalizedText.pick(texts, for: recipientLocale, defaultLocale: templateLocale),
            chain.contains(LocaleTag(found.locale)?.description ?? found.locale)
        {
            return found.text
        }
        return LocalizedText.pick(texts, for: sender.defaultLocale, defaultLocale: sender.defaultLocale)?.text
    }
}
