import DKIM
import Foundation
import Recurrence
import Relais
import Store
import Templates

/// `preview --member …`: her message composed by the daemon's own composer from the row the
/// daemon would queue, so that with the row's Message-ID and Date it is the bytes sent.
extension PreviewCommand {
    /// Her message composed as the daemon composes it, or nil when the preview needs sample
    /// data the daemon would not have (no member, a meetup kind without `--event`, a kind
    /// that needs data without `--data`): then the sample preview is shown.
    func composeAsSent(
        _ configuration: RelaisConfiguration, catalog: TemplateCatalog, inputs: PreviewInputs, store: any OperatorStore
    ) throws -> ComposedMessage? {
        guard var member = inputs.member, !allLocales else { return nil }
        if let locale { member.locale = locale }
        let manifest = catalog.manifest(of: template)
        let preview = MessagePreview(sender: configuration.sender)
        let messageId = self.messageId ?? preview.messageId(template: template, locale: member.locale)
        let date = try self.date.map { try Self.instant($0, zone: configuration.timeZone) }
        let built: PreviewRow
        if let announcement {
            guard let record = try store.announcement(id: announcement) else {
                throw InputError("unknown announcement \(announcement)")
            }
            guard record.template == template else {
                throw InputError("announcement \(announcement) is a \(record.template), not a \(template)")
            }
            built = .announcement(record, member: member, messageId: messageId, date: date)
        } else if let remind, let schedule = inputs.schedule, let occurrence = inputs.occurrence {
            built = .reminder(schedule, occurrence: occurrence, offset: try ReminderOffset(parsing: remind), member: member, messageId: messageId, date: date)
        } else {
            switch manifest.audience {
            case .member:
                built = .welcome(member: member, messageId: messageId, date: date ?? Date())
            case .eventLists:
                guard let schedule = inputs.schedule, let occurrence = inputs.occurrence else { return nil }
                let record = Announcement(
                    template: template, lists: schedule.event.lists, data: inputs.storedData, dueAt: date ?? Date(), now: Date(),
                    eventId: schedule.id, occurrence: occurrence.original.description)
                built = .announcement(draft: record, member: member, messageId: messageId)
            case .lists:
                guard inputs.storedData != nil || manifest.requiredData.isEmpty, let list = inputs.listName else { return nil }
                let record = Announcement(template: template, lists: [list], data: inputs.storedData, dueAt: date ?? Date(), now: Date())
                built = .announcement(draft: record, member: member, messageId: messageId)
            }
        }
        var row = built.row
        row.template = template
        row.locale = member.locale
        // The daemon signs with keys this user may not read (systemd credentials): then the
        // preview is the message before its DKIM-Signature lines, and says so.
        var signers: [DKIMSigner] = []
        if let dkim = configuration.sender.dkim {
            do { signers = try dkim.loadSigners() } catch {
                CLI.printError("note: cannot read the DKIM keys (\(error)): the preview lacks the DKIM-Signature the daemon adds")
            }
        }
        let composer = QueueRowComposer(sender: configuration.sender, catalog: catalog, store: store, signers: signers)
        return try composer.message(row, announcement: built.announcement)
    }

    /// `--occurrence`: an occurrence of the series, by its original local start (moved where it was moved).
    static func occurrence(_ text: String, of schedule: EventSchedule) throws -> EventOccurrence {
        let original = try LocalDateTime(parsing: text)
        guard let occurrence = schedule.seriesOccurrence(at: original) else {
            throw InputError("--occurrence \(original): not an occurrence of event \(schedule.id) (see: relaisctl event occurrences \(schedule.id))")
        }
        let moved = schedule.movedOccurrences.first { $0.original == original }
        let start = moved?.start ?? occurrence.start
        return EventOccurrence(
            original: original, local: moved?.local ?? original, start: start, end: start.addingTimeInterval(TimeInterval(schedule.duration)))
    }

    /// `--date`: a UTC instant (`…Z`, as `queue list --json` shows due times) or a local time in `zone` (else the system's).
    static func instant(_ text: String, zone: TimeZone?) throws -> Date {
        if text.hasSuffix("Z") {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) ?? fractional.date(from: text) else {
                throw InputError("--date \"\(text.visibleControlCharacters)\": expected 2026-03-03T07:30:00Z or a local time 2026-03-03T08:30")
            }
            return date
        }
        return try LocalDateTime(parsing: text).instant(in: zone ?? TimeZone.current)
    }
}
