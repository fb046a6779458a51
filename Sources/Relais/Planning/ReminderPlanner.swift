import Foundation

/// The reminders due in a time window: pure planning, no I/O (the daemon turns them into queue rows).
public enum ReminderPlanner {
    /// Every reminder (event × occurrence × offset × member) whose due time lies in `[from, to)`.
    ///
    /// A member gets an event's reminders when she is subscribed to one of its lists (compared
    /// case-insensitively); pass only active members. Cancelled series and occurrences give
    /// nothing; a moved occurrence is reminded at its new time under a new key. A reminder is
    /// never due at or after its occurrence's start. Only occurrences starting in
    /// `[from, to + longest offset]` are expanded. Sorted by due time, then key.
    public static func reminders(
        events: [EventSchedule], members: [PlannerMember], from: Date, to: Date
    ) -> [PlannedReminder] {
        guard from < to else { return [] }
        let membersByList = index(members)
        var planned: [PlannedReminder] = []
        for event in events where !event.isCancelled && !event.offsets.isEmpty && !event.lists.isEmpty {
            let reach = event.offsets.map(\.maximumSeconds).max() ?? 0
            let horizon = to.addingTimeInterval(TimeInterval(reach))
            var due: [(occurrence: EventOccurrence, offset: ReminderOffset, at: Date)] = []
            for occurrence in event.occurrences(from: from) {
                if occurrence.start >= horizon { break }
                for offset in event.offsets {
                    let at = offset.dueDate(local: occurrence.local, start: occurrence.start, zone: event.zone)
                    if at >= from, at < to, at < occurrence.start { due.append((occurrence, offset, at)) }
                }
            }
            if due.isEmpty { continue }
            for member in recipients(of: event, membersByList: membersByList, members: members) {
                for item in due {
                    planned.append(PlannedReminder(
                        eventId: event.id, eventUID: event.uid, original: item.occurrence.original,
                        occurrenceLocal: item.occurrence.local, occurrenceStart: item.occurrence.start,
                        offset: item.offset, memberId: member.id, dueAt: item.at))
                }
            }
        }
        return planned.sorted { ($0.dueAt, $0.idempotencyKey) < ($1.dueAt, $1.idempotencyKey) }
    }

    /// Member positions by lower-cased list name.
    private static func index(_ members: [PlannerMember]) -> [String: [Int]] {
        var byList: [String: [Int]] = [:]
        for (position, member) in members.enumerated() {
            for list in Set(member.lists.map { $0.lowercased() }) { byList[list, default: []].append(position) }
        }
        return byList
    }

    /// The members on any of the event's lists, each once, in input order.
    private static func recipients(
        of event: EventSchedule, membersByList: [String: [Int]], members: [PlannerMember]
    ) -> [PlannerMember] {
        var positions = Set<Int>()
        for list in event.lists { positions.formUnion(membersByList[list] ?? []) }
        return positions.sorted().map { members[$0] }
    }
}
