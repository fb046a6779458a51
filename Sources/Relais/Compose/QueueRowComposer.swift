import DKIM
import Foundation
import Recurrence
import Store
import Synchronization
import Templates

/// Composes a queue row: finds what it is about (the announcement's data, or the event
/// occurrence of a reminder) and the member's unsubscribe token, then asks the
/// ``MessageComposer`` for the bytes.
///
/// The composition is deterministic: the Date header and the "now" of relative times are
/// the row's due time, so composing a row again gives the same bytes. Announcements, events
/// are looked up once per delivery pass (``startPass()``) and cached.
public final class QueueRowComposer: RowComposing {
    let composer: MessageComposer
    let store: any CompositionSource
    let defaultLocale: String
    private let cache = Mutex(Cache())

    private struct Cache {
        var announcements: [Int64: AnnouncementContent] = [:]
        var schedules: [Int64: EventSchedule] = [:]
        /// Decoded template data by announcement source and recipient locale.
        var values: [String: [String: TemplateValue]] = [:]
        /// Unsubscribe tokens read ahead by ``prepare(_:)`` for claimed rows, taken when used:
        /// it never holds more than the rows claimed and not yet composed.
        var tokens: [Int64: String] = [:]
        /// List ids by name, for the web endpoint's unsubscribe links.
        var listIds: [String: Int64] = [:]
    }

    /// A composer for the rows of `store`, with these templates, signing with `signers`.
    public init(sender: SenderSettings, catalog: TemplateCatalog, store: any CompositionSource, signers: [DKIMSigner] = []) {
        composer = MessageComposer(sender: sender, catalog: catalog, signers: signers)
        defaultLocale = sender.defaultLocale
        self.store = store
    }

    /// The bytes of `row`'s message.
    public func compose(_ row: QueueMessage) throws(CompositionError) -> [UInt8] {
        try compose(row, announcement: nil)
    }

    /// The bytes of `row`'s message, an announcement row whose announcement is `record`
    /// instead of the stored one (a preview of an announcement not made yet): the same path,
    /// so a preview is the bytes the daemon sends.
    public func compose(_ row: QueueMessage, announcement record: Announcement?) throws(CompositionError) -> [UInt8] {
        try message(row, announcement: record).bytes
    }

    /// `row`'s message with its rendered parts (what `preview` shows), composed as ``compose(_:announcement:)`` does.
    public func message(_ row: QueueMessage, announcement record: Announcement? = nil) throws(CompositionError) -> ComposedMessage {
        var listName: String?
        var event: CalendarInfo?
        var previous: CalendarInfo?
        var rsvp: (eventId: Int64, occurrence: String)?
        var data: [String: TemplateValue] = [:]
        switch row.kind {
        case "announcement":
            let announcement: AnnouncementContent
            if let record {
                announcement = try content(of: record, named: "the announcement", for: row)
            } else {
                announcement = try self.announcement(for: row)
            }
            if let stored = announcement.data {
                let key = row.source + "|" + row.locale
                if record == nil, let cached = cache.withLock({ $0.values[key] }) {
                    data = cached
                } else {
                    do {
                        data = try AnnouncementData.values(stored, locale: row.locale, defaultLocale: defaultLocale, source: row.source)
                    } catch {
                        throw Self.failure(row, permanent: true, error.description)
                    }
                    if record == nil { cache.withLock { [data] in $0.values[key] = data } }
                }
            }
            listName = announcement.list
            event = announcement.event
            previous = announcement.previous
            rsvp = announcement.rsvp
        case "reminder":
            guard let payload = ReminderPayload.decode(row.payload) else {
                throw Self.failure(row, permanent: true, "the reminder has no occurrence data")
            }
            let schedule = try schedule(payload.eventId, for: row)
            let original: LocalDateTime
            let local: LocalDateTime
            do {
                original = try LocalDateTime(parsing: payload.original)
                local = try LocalDateTime(parsing: payload.local)
            } catch {
                throw Self.failure(row, permanent: true, "the reminder's occurrence: \(error)")
            }
            let occurrence = EventOccurrence(
                original: original, local: local, start: payload.start,
                end: payload.start.addingTimeInterval(TimeInterval(schedule.duration)))
            event = CalendarInfo(schedule: schedule, occurrence: occurrence)
            listName = schedule.event.lists.first
            rsvp = (payload.eventId, original.description)
        default:
            break
        }
        var unsubscribeToken: String?
        if let memberId = row.memberId { unsubscribeToken = try token(memberId, for: row) }
        var request = CompositionRequest(
            messageId: row.messageId, date: row.dueAt, recipientName: row.recipientName, recipientEmail: row.recipient,
            locale: row.locale, unsubscribeToken: unsubscribeToken, template: row.template,
            kind: row.kind == MessageKind.test.rawValue ? .test : MessageKind(rawValue: row.kind) ?? .announcement, listName: listName, event: event, previous: previous, data: data, now: row.dueAt)
        request.memberId = row.memberId
        request.rsvp = rsvp
        if composer.sender.webBaseURL != nil || composer.sender.unsubscribeMailto != nil, let listName { request.listId = try listId(listName, for: row) }
        return try composer.compose(request)
    }

    /// What an announcement's rows share.
    struct AnnouncementContent: Sendable {
        var data: Data?
        var list: String?
        var event: CalendarInfo?
        var previous: CalendarInfo?
        /// The occurrence an RSVP link answers (event id, original local start).
        var rsvp: (eventId: Int64, occurrence: String)?
    }

    private func announcement(for row: QueueMessage) throws(CompositionError) -> AnnouncementContent {
        guard let id = Int64(row.source.split(separator: ":").last ?? "") else {
            throw Self.failure(row, permanent: true, "the row names no announcement (source \(row.source))")
        }
        if let cached = cache.withLock({ $0.announcements[id] }) { return cached }
        let found: Stored<Announcement>?
        do { found = try store.announcement(id: id) } catch {
            throw Self.failure(row, permanent: false, error.description)
        }
        guard let record = found else { throw Self.failure(row, permanent: true, "announcement \(id) was removed") }
        let entry = try content(of: record.value, named: "announcement \(id)", for: row)
        cache.withLock { $0.announcements[id] = entry }
        return entry
    }

    /// What the rows of announcement `record` share: its data, list, occurrence and change;
    /// `name` says which announcement in an error.
    private func content(of record: Announcement, named name: String, for row: QueueMessage) throws(CompositionError) -> AnnouncementContent {
        var event: CalendarInfo?
        var rsvp: (eventId: Int64, occurrence: String)?
        if let eventId = record.eventId, let text = record.occurrence {
            let schedule = try schedule(eventId, for: row)
            guard let original = try? LocalDateTime(parsing: text), let occurrence = schedule.seriesOccurrence(at: original) else {
                throw Self.failure(row, permanent: true, "\(name): \(text) is no longer an occurrence of event \(eventId)")
            }
            let moved = schedule.movedOccurrences.first { $0.original == original }
            let start = moved?.start ?? occurrence.start
            event = CalendarInfo(schedule: schedule, occurrence: EventOccurrence(
                original: original, local: moved?.local ?? original, start: start,
                end: start.addingTimeInterval(TimeInterval(schedule.duration))))
            rsvp = (eventId, original.description)
        } else if record.eventId == nil, record.occurrence != nil {
            throw Self.failure(row, permanent: true, "\(name): its event was removed")
        }
        let previous = event.flatMap { PreviousOccurrence.decode(record.previous)?.calendarInfo(current: $0) }
        return AnnouncementContent(data: record.data, list: record.lists.first, event: event, previous: previous, rsvp: rsvp)
    }

    private func schedule(_ id: Int64, for row: QueueMessage) throws(CompositionError) -> EventSchedule {
        if let cached = cache.withLock({ $0.schedules[id] }) { return cached }
        let stored: StoredEvent?
        do { stored = try store.event(id: id) } catch {
            throw Self.failure(row, permanent: false, error.description)
        }
        guard let stored else { throw Self.failure(row, permanent: true, "event \(id) was removed") }
        let schedule: EventSchedule
        do { schedule = try EventSchedule(stored) } catch {
            throw Self.failure(row, permanent: true, error.description)
        }
        cache.withLock { $0.schedules[id] = schedule }
        return schedule
    }

    /// The id of the list named `name` (nil when it was removed); cached for the pass.
    private func listId(_ name: String, for row: QueueMessage) throws(CompositionError) -> Int64? {
        if let cached = cache.withLock({ $0.listIds[name] }) { return cached }
        let found: Int64?
        do { found = try store.listID(named: name) } catch {
            throw Self.failure(row, permanent: false, error.description)
        }
        if let found { cache.withLock { $0.listIds[name] = found } }
        return found
    }

    /// The member's unsubscribe token; nil when the member was removed. A database error is a
    /// temporary failure: composing without the token would store a message without its
    /// unsubscribe link for good. Read for each row, not cached: each member appears once per
    /// announcement, so a cache would only grow (by 100,000 entries for a large one).
    private func token(_ memberId: Int64, for row: QueueMessage) throws(CompositionError) -> String? {
        if let known = cache.withLock({ $0.tokens.removeValue(forKey: memberId) }) { return known }
        do {
            return try store.unsubscribeToken(memberId: memberId)
        } catch {
            throw Self.failure(row, permanent: false, error.description)
        }
    }

    /// The error for `row`: permanent when the row can never be composed (its event or
    /// announcement was removed), temporary when the database could not be read.
    static func failure(_ row: QueueMessage, permanent: Bool, _ reason: String) -> CompositionError {
        CompositionError(template: row.template, recipient: row.recipient, reason: reason, isPermanent: permanent)
    }

    /// Reads ahead, in a few queries, what composing `rows` needs from the database: their
    /// members' unsubscribe tokens, their announcements and events. The daemon calls it on its
    /// blocking executor right after a claim, so ``compose(_:)`` (on Swift's cooperative pool)
    /// seldom touches SQLite. Failures are left for `compose` to meet and report.
    public func prepare(_ rows: [QueueMessage]) {
        let members = Array(Set(rows.compactMap(\.memberId)))
        if let tokens = try? store.unsubscribeTokens(memberIds: members) {
            cache.withLock { cache in cache.tokens.merge(tokens) { _, new in new } }
        }
        for row in rows {
            switch row.kind {
            case "announcement":
                _ = try? announcement(for: row)
            case "reminder":
                if let payload = ReminderPayload.decode(row.payload) { _ = try? schedule(payload.eventId, for: row) }
            default:
                break
            }
        }
    }

    /// Clears the event and announcement caches: each delivery pass reads them afresh.
    public func startPass() {
        cache.withLock { $0 = Cache() }
    }
}
