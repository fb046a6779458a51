import Foundation
import Store
import StoreModel

/// A SQLite database with a bit of everything, written through the store's own operations
/// (and the contract suite's queue helpers): what `store copy` is tested on.
///
/// Members on two lists and an empty list; a weekly event with a cancelled and a moved
/// occurrence, a cancelled event and a one-off with RSVPs; an announcement queued at once and
/// one pending about an occurrence (with its `previous` JSON); reminders queued with the
/// planner's watermark; queue rows sent (with their bytes), deferred, failed, throttled, held,
/// cancelled, still leased, still queued, each with its attempts; web answers (left a list,
/// language), bounce-mailbox records (hard, soft, human), a forgotten member (suppression and
/// the salt) and the heartbeat. Dates come both whole (`t0`) and with milliseconds (`Date()`).
enum StoreCopyFixture {
    static let t0 = QueueContractTests.t0

    /// Fills `store`, with `members` members (at least 12).
    static func fill(_ store: RelaisStore, members: Int = 40) throws {
        let helpers = QueueContractTests()
        let locales = ["fr", "en", "es", "de"]
        _ = try store.upsertMembers((0..<members).map { index in
            MemberInput(
                email: "member\(index)@example.org", name: "Member \(index) Ñandú", locale: locales[index % 4],
                lists: index % 3 == 0 ? ["news", "events"] : ["news"])
        })
        _ = try store.addList(named: "empty")
        let ids = try store.members(inList: "news").map(\.member.id).sorted()

        // Events: a series with exceptions, a cancelled one, a one-off members answered.
        let series = try store.insertEvent(Event(
            uid: "series@relais.test", titles: ["fr": "Atelier", "en": "Workshop"], descriptions: ["fr": "Chaque mardi, « café »"],
            startLocal: "2026-03-03T08:30:00", timeZone: "Europe/Brussels", rule: "FREQ=WEEKLY;COUNT=10", durationSeconds: 5400,
            lists: ["news"], reminders: ["1d", "2h"], template: "meetup-reminder", location: "Rue Haute 1", url: "https://example.org/e",
            now: t0))
        _ = try store.setException(eventId: series.id, occurrence: "2026-03-10T08:30:00", movedTo: nil, now: t0)
        _ = try store.setException(eventId: series.id, occurrence: "2026-03-17T08:30:00", movedTo: "2026-03-18T09:00:00")
        let gone = try store.insertEvent(Event(
            uid: "gone@relais.test", titles: ["fr": "Annulé"], descriptions: [:], startLocal: "2026-04-01T19:00:00",
            timeZone: "Europe/Brussels", rule: nil, durationSeconds: 3600, lists: ["events"], reminders: [], template: "meetup-reminder",
            location: nil, url: nil, now: t0))
        _ = try store.cancelEvent(id: gone.id)
        let oneOff = try store.insertEvent(Event(
            uid: "one-off@relais.test", titles: ["es": "Desayuno"], descriptions: [:], startLocal: "2026-05-05T08:00:00",
            timeZone: "Europe/Madrid", rule: nil, durationSeconds: 3600, lists: ["events"], reminders: ["1d"], template: "meetup-reminder",
            location: nil, url: nil, now: Date()))
        _ = try store.recordRSVP(memberId: ids[0], eventId: oneOff.id, occurrence: "2026-05-05T08:00:00", answer: .yes)
        _ = try store.recordRSVP(memberId: ids[3], eventId: oneOff.id, occurrence: "2026-05-05T08:00:00", answer: .no, now: t0)
        let declined = try store.insertEvent(Event(
            uid: "declined@relais.test", titles: ["fr": "Atelier"], descriptions: [:], startLocal: "2026-06-06T10:00:00",
            timeZone: "Europe/Brussels", rule: nil, durationSeconds: 3600, lists: ["events"], reminders: ["1d"],
            template: "meetup-reminder", location: nil, url: nil, now: t0))
        _ = try store.recordRSVP(memberId: ids[6], eventId: declined.id, occurrence: "2026-06-06T10:00:00", answer: .no)

        // Announcements: one queued at once, one pending about an occurrence that moved.
        @Sendable func row(_ announcement: Stored<Announcement>, _ member: Stored<Member>) -> QueueMessage {
            QueueMessage(
                idempotencyKey: "announcement:\(announcement.id):\(member.id)", kind: "announcement",
                source: "announcement:\(announcement.id)", memberId: member.id, recipient: member.email, recipientName: member.name,
                locale: member.locale, template: announcement.template, payload: nil, dueAt: announcement.dueAt, notAfter: nil,
                messageId: "<a\(announcement.id).\(member.id)@relais.test>", now: t0)
        }
        _ = try store.createAnnouncement(
            Announcement(template: "newsletter", lists: ["news"], data: Data(#"{"title": "Lettre", "paragraphs": ["Bonjour"]}"#.utf8), dueAt: t0, now: t0),
            now: t0, makeRow: row)
        _ = try store.createAnnouncement(
            Announcement(
                template: "meetup-changed", lists: ["events"], data: nil, dueAt: t0.addingTimeInterval(30 * 86_400), now: t0,
                eventId: series.id, occurrence: "2026-03-17T08:30:00",
                previous: Data(#"{"start": "2026-03-17T08:30:00", "location": "Rue Haute 1"}"#.utf8)),
            now: t0, makeRow: row)

        // Reminders, queued with the planner's watermark.
        _ = try store.enqueueReminders(
            ids.prefix(4).map { id in
                helpers.message(
                    "reminder-\(id)", due: t0.addingTimeInterval(-60), notAfter: t0.addingTimeInterval(86_400), memberId: id,
                    kind: "reminder", source: "event:\(series.id):20260303T083000")
            },
            plannedUntil: t0.addingTimeInterval(86_400))

        // The queue in every state, with attempts.
        let claimed = try store.claim(owner: "w1", limit: 14, now: t0, lease: 60).map(\.id)
        let body = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try store.record(
            claimed.prefix(5).map { helpers.result($0, .sent, outcome: "sent", body: body) }
                + claimed[5..<7].map { helpers.result($0, .deferred, outcome: "deferred", next: t0.addingTimeInterval(300)) }
                + [helpers.result(claimed[7], .failed, outcome: "failed", reason: "550 no such user")]
                + [helpers.result(claimed[8], .queued, outcome: "throttled", counts: false, next: t0.addingTimeInterval(30))],
            owner: "w1")
        try store.record([helpers.result(claimed[5], .deferred, outcome: "deferred", next: t0.addingTimeInterval(900))], owner: "w1")
        _ = try store.apply(.hold, ids: [claimed[9]])
        _ = try store.apply(.cancel, ids: [claimed[10]])
        // claimed[11...] stay `sending`, leased by w1; the rest of the queue stays queued.

        // Web answers, bounce-mailbox records, a forgotten member, the heartbeat.
        let news = try require(try store.listID(named: "news"), "list news")
        _ = try store.leaveList(memberId: ids[1], listId: news, source: .web)
        try store.setLanguage(memberId: ids[2], locale: "de", source: .cli, now: t0)
        var hard = InboundReport(key: "<dsn-1@example.org>", mailbox: "7:1", kind: .hard)
        hard.recipient = "member4@example.org"
        hard.status = "5.1.1"
        hard.detail = "550 5.1.1 unknown user"
        _ = try store.recordInbound(hard, softLimit: 3, softWindow: 86_400)
        var soft = InboundReport(key: "imap:7:2", mailbox: "7:2", kind: .soft)
        soft.recipient = "member5@example.org"
        _ = try store.recordInbound(soft, softLimit: 3, softWindow: 86_400, now: t0)
        _ = try store.recordInbound(InboundReport(key: "<people@example.org>", mailbox: "7:3", kind: .human), softLimit: 3, softWindow: 86_400)
        _ = try store.suppressionSalt()
        _ = try store.forgetMember(email: "member7@example.org", addressHash: String(repeating: "ab", count: 32))
        try store.beat(Heartbeat(instanceId: "relaisd-test", host: "test", pid: 4242, version: "test", startedAt: t0, beatAt: t0, activity: "idle", throttledUntil: nil))
    }
}

/// `#require` for a fixture, which is not a test.
private func require<T>(_ value: T?, _ what: String = "a value") throws -> T {
    guard let value else { throw StoreError(.notFound, "the fixture found no \(what)") }
    return value
}
