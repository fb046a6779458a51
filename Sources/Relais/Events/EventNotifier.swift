import Foundation
import Recurrence
import Store
import Templates

/// Tells an event's lists about a change: queues a cancellation for every occurrence members
/// hold, or a change notice naming the old and the new time and place.
///
/// Which kinds are sent is configuration (``cancellationKind``, ``changeKind``); what they do
/// (audience, calendar method, headers) is their manifest's. The messages are announcements
/// about one occurrence, composed from its state when they are sent, so a notice never
/// contradicts its calendar part.
public struct EventNotifier: Sendable {
    /// The template kind sent when an occurrence is cancelled.
    public static let cancellationKind = "meetup-cancelled"
    /// The template kind sent when an occurrence's time or place changes.
    public static let changeKind = "meetup-changed"

    /// The store the notices are written to.
    public let store: any EventStore
    /// The templates (their manifests).
    public let catalog: TemplateCatalog
    /// Queues the notices.
    public let queuer: AnnouncementQueuer

    /// A notifier writing to `store`.
    public init(store: any EventStore, catalog: TemplateCatalog, queuer: AnnouncementQueuer) {
        self.store = store
        self.catalog = catalog
        self.queuer = queuer
    }

    /// What a notice queued.
    public struct Notice: Sendable, Hashable {
        /// The announcement's id.
        public var announcement: Int64
        /// The occurrence it is about (original local start).
        public var occurrence: String
        /// How many messages it queued.
        public var messages: Int
    }

    /// Withdraws the unsent messages about the cancelled occurrence (or any occurrence of a
    /// cancelled series) whose kind does not cancel: a "New:" message is never sent about a
    /// cancelled occurrence. Returns how many queue rows were cancelled.
    @discardableResult
    public func withdrawContradicted(eventId: Int64, occurrence: LocalDateTime?, now: Date = Date()) throws(StoreError) -> Int {
        let keeping = catalog.kinds.filter { catalog.manifest(of: $0).calendar == .cancel }
        return try store.withdrawAnnouncements(
            eventId: eventId, occurrence: occurrence?.description, keeping: keeping,
            reason: "the occurrence was cancelled", now: now)
    }

    /// Queues a cancellation about each occurrence `before` (the schedule before it was
    /// cancelled) loses that members may hold: the one given, or — for the whole series — every
    /// future occurrence they were sent a message about, and the next one.
    public func cancelled(before: EventSchedule, occurrence: LocalDateTime?, now: Date = Date()) throws -> [Notice] {
        try requireKind(Self.cancellationKind)
        var originals: [LocalDateTime] = []
        if let occurrence {
            // Cancelled twice, or already over: nothing new to tell.
            if let held = Self.occurrence(occurrence, of: before), held.end > now { originals = [occurrence] }
        } else {
            let notified = try store.notifiedOccurrences(eventId: before.id).compactMap { try? LocalDateTime(parsing: $0) }
            let future = Array(before.occurrences(from: now).prefix(366).map(\.original))
            originals = Array(Set(notified.filter(future.contains) + future.prefix(1))).sorted()
        }
        return try originals.map { original in
            try announce(Self.cancellationKind, before, original: original, previous: nil, now: now)
        }
    }

    /// Queues a change notice about occurrence `original` whose time or place changed from
    /// what `before` said; nothing when it did not change or is over.
    public func changed(before: EventSchedule, after: EventSchedule, original: LocalDateTime, now: Date = Date()) throws -> Notice? {
        guard let old = Self.occurrence(original, of: before), let new = Self.occurrence(original, of: after) else { return nil }
        guard new.end > now, old.start != new.start || old.end != new.end || before.event.location != after.event.location else { return nil }
        try requireKind(Self.changeKind)
        return try announce(Self.changeKind, after, original: original, previous: PreviousOccurrence(old, of: before), now: now)
    }

    /// Queues a change notice after `event update`: about the next occurrence after the change,
    /// when its time or place differs from the next one before it; nothing otherwise.
    public func updated(before: EventSchedule, after: EventSchedule, now: Date = Date()) throws -> Notice? {
        guard let old = before.occurrences(from: now).first(where: { _ in true }),
            let new = after.occurrences(from: now).first(where: { _ in true })
        else { return nil }
        guard old.start != new.start || old.end != new.end || before.event.location != after.event.location else { return nil }
        try requireKind(Self.changeKind)
        return try announce(Self.changeKind, after, original: new.original, previous: PreviousOccurrence(old, of: before), now: now)
    }

    /// The occurrence whose original start is `original`, where the schedule now puts it; nil
    /// when it is cancelled or not part of the schedule.
    static func occurrence(_ original: LocalDateTime, of schedule: EventSchedule) -> EventOccurrence? {
        guard !schedule.isCancelled, !schedule.cancelledOccurrences.contains(original) else { return nil }
        if let moved = schedule.movedOccurrences.first(where: { $0.original == original }) { return moved }
        guard let series = schedule.seriesOccurrence(at: original) else { return nil }
        return EventOccurrence(
            original: series.local, local: series.local, start: series.start,
            end: series.start.addingTimeInterval(TimeInterval(schedule.duration)))
    }

    private func announce(
        _ kind: String, _ schedule: EventSchedule, original: LocalDateTime, previous: PreviousOccurrence?, now: Date
    ) throws -> Notice {
        let record = try queuer.announce(
            template: kind, lists: schedule.event.lists, data: nil, at: now, store: store, now: now, eventId: schedule.id,
            occurrence: original.description, previous: previous?.encoded())
        return Notice(announcement: record.id, occurrence: original.description, messages: record.queuedCount)
    }

    private func requireKind(_ kind: String) throws(InputError) {
        guard catalog.kinds.contains(kind) else {
            throw InputError("no template \(kind) to tell the members (add templates/\(kind), or give --no-notify)")
        }
    }
}
