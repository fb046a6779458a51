import Foundation
import RelaisTestSupport
import Store
import Testing

/// Cancelling, moving or removing an event cancels the reminders already queued for it.
@Suite struct ReminderCancellationTests {
    let directory = TemporaryDirectory()
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func setUp() throws -> (RelaisStore, Int64) {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        let event = try store.insertEvent(Event(
            uid: "e@example.be", titles: ["fr": "Petit-déjeuner"], descriptions: [:], startLocal: "2026-03-03T08:30:00",
            timeZone: "Europe/Brussels", rule: "FREQ=MONTHLY;BYDAY=1TU", durationSeconds: 5400, lists: ["be"],
            reminders: ["1d"], template: "meetup-reminder", location: nil, url: nil, now: t0))
        let id = event.id
        _ = try store.enqueue([
            reminder("march", source: "event:\(id):20260303T083000", due: t0),
            reminder("april", source: "event:\(id):20260407T083000", due: t0),
        ])
        return (store, id)
    }

    func reminder(_ key: String, source: String, due: Date) -> QueueMessage {
        QueueMessage(
            idempotencyKey: key, kind: "reminder", source: source, memberId: nil, recipient: "\(key)@example.org",
            recipientName: key, locale: "fr", template: "meetup-reminder", payload: nil, dueAt: due, notAfter: nil,
            messageId: "<\(key)@relais.test>", now: t0)
    }

    func states(_ store: RelaisStore) throws -> [String: QueueMessage.State] {
        Dictionary(uniqueKeysWithValues: try store.queueRows().map { ($0.idempotencyKey, $0.state) })
    }

    @Test func cancellingOneOccurrenceCancelsOnlyItsReminders() throws {
        let (store, id) = try setUp()
        _ = try store.setException(eventId: id, occurrence: "2026-03-03T08:30:00", movedTo: nil, now: t0)
        #expect(try states(store) == ["march": .cancelled, "april": .queued])
        #expect(try store.queueRows(state: .cancelled).first?.reason == "the occurrence was cancelled")
    }

    @Test func movingAnOccurrenceCancelsTheRemindersForItsOldTime() throws {
        let (store, id) = try setUp()
        _ = try store.setException(eventId: id, occurrence: "2026-04-07T08:30:00", movedTo: "2026-04-08T08:30:00", now: t0)
        #expect(try states(store) == ["march": .queued, "april": .cancelled])
    }

    @Test func cancellingOrRemovingTheSeriesCancelsEverythingPendingButNotWhatWasSent() throws {
        let (store, id) = try setUp()
        let claimed = try store.claim(owner: "w", limit: 1, now: t0, lease: 60)
        try store.record([DeliveryResult(
            queueId: claimed[0].id, state: .sent, outcome: "sent", countsAsAttempt: true, nextAttemptAt: nil, replyCode: 250,
            replyEnhanced: nil, replyText: "ok", reason: nil, startedAt: t0, finishedAt: t0)], owner: "w")
        _ = try store.cancelEvent(id: id, now: t0)
        let after = try states(store)
        #expect(after.values.sorted { $0.rawValue < $1.rawValue } == [.cancelled, .sent])
        #expect(try store.removeEvent(id: id, now: t0))
    }
}
