import Foundation
import Hummingbird
import Recurrence
import Relais
import StoreModel

/// `/r/<key>/<event>/<occurrence>`: GET shows the choice; POST records it (until the occurrence starts).
extension WebEndpoint {
    /// The occurrence a link names (its event, original local start, start instant), or 404.
    func occurrence(_ context: some RequestContext) async throws -> (schedule: EventSchedule, original: String, start: Date) {
        guard let eventText = context.parameters.get("event"), let eventId = Int64(eventText),
              let occurrenceText = context.parameters.get("occurrence")?.removingPercentEncoding,
              let local = try? LocalDateTime(parsing: occurrenceText)
        else { throw HTTPError(.notFound) }
        guard let stored = try await blocking({ try $0.event(id: eventId) }), let schedule = try? EventSchedule(stored),
              !schedule.isCancelled, let occurrence = schedule.seriesOccurrence(at: local)
        else { throw HTTPError(.notFound) }
        let moved = schedule.movedOccurrences.first { $0.original == local }
        return (schedule, local.description, moved?.start ?? occurrence.start)
    }

    func rsvpPage(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let member = try await member(context)
        let found = try await occurrence(context)
        let eventId = found.schedule.event.id
        let answers = try await blocking { try $0.rsvpAnswers(eventId: eventId, occurrence: found.original) }
        let current = answers.first { $0.memberId == member.id }?.answer
        var values = values(member, found, context)
        values["yes"] = current == .yes
        values["no"] = current == .no
        return pages.response("rsvp", locale: member.locale, values: values)
    }

    func answerRSVP(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let member = try await member(context)
        let found = try await occurrence(context)
        let form = try await form(request)
        guard let answer = form.value("answer").flatMap(RSVPAnswer.Answer.init(rawValue:)) else { throw HTTPError(.badRequest) }
        var values = values(member, found, context)
        guard Date() < found.start else {
            values["tooLate"] = true
            return pages.response("answered", status: .conflict, locale: member.locale, values: values)
        }
        let eventId = found.schedule.event.id
        _ = try await blocking { try $0.recordRSVP(memberId: member.id, eventId: eventId, occurrence: found.original, answer: answer, now: Date()) }
        values["yes"] = answer == .yes
        values["no"] = answer == .no
        return pages.response("answered", locale: member.locale, values: values)
    }

    private func values(
        _ member: WebMember, _ found: (schedule: EventSchedule, original: String, start: Date), _ context: some RequestContext
    ) -> [String: Any] {
        let titles = found.schedule.event.titles
        let language = String(member.locale.prefix { $0 != "-" })
        let title = titles[member.locale] ?? titles[language] ?? titles.values.sorted().first ?? ""
        var style = Date.FormatStyle(date: .complete, time: .shortened)
        style.locale = Locale(identifier: member.locale)
        style.timeZone = found.schedule.zone
        return [
            "name": member.name, "title": title, "when": found.start.formatted(style),
            "location": found.schedule.event.location ?? "", "preferencesURL": preferencesURL(member, context),
        ]
    }
}
