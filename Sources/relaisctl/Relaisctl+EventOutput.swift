import Foundation
import Recurrence
import Relais
import Store

/// `event show` for people.
enum EventText {
    /// `answers`: the RSVP counts for the next occurrence, when known.
    static func print(_ schedule: EventSchedule, now: Date, answers: (yes: Int, no: Int)? = nil) {
        let event = schedule.event
        var rows: [(String, String)] = [("id", String(schedule.id)), ("uid", event.uid)]
        for (locale, title) in event.titles.sorted(by: { $0.key < $1.key }) { rows.append(("title[\(locale)]", title)) }
        rows.append(("start", "\(WallClockText.describe(schedule.recurrence.start.instant(in: schedule.zone), in: schedule.zone)) (\(event.timeZone))"))
        rows.append(("repeats", event.rule ?? "once"))
        rows.append(("duration", EventValidator.formatDuration(event.durationSeconds)))
        rows.append(("lists", event.lists.joined(separator: ", ")))
        rows.append(("reminders", event.reminders.isEmpty ? "none" : event.reminders.joined(separator: ", ")))
        rows.append(("template", event.template))
        if let location = event.location { rows.append(("location", location)) }
        if let url = event.url { rows.append(("url", url)) }
        for (locale, text) in event.descriptions.sorted(by: { $0.key < $1.key }) {
            rows.append(("description[\(locale)]", text.replacingOccurrences(of: "\n", with: "\n    ")))
        }
        rows.append(("status", event.cancelled ? "cancelled" : "active"))
        rows.append(("sequence", String(event.sequence)))
        for original in schedule.cancelledOccurrences.sorted() { rows.append(("cancelled", original.description)) }
        for move in schedule.movedOccurrences { rows.append(("moved", "\(move.original) -> \(move.local)")) }
        let next = schedule.occurrences(from: now).first { _ in true }
        rows.append(("next", next.map { WallClockText.describe($0.start, in: schedule.zone) } ?? "-"))
        if let answers { rows.append(("answers", "\(answers.yes) coming, \(answers.no) not coming (next occurrence; event attendees)")) }
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        for (label, value) in rows {
            Swift.print((label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + value)
        }
    }
}
