import ArgumentParser
import Foundation
import Recurrence
import Relais
import Store

extension EventCommand {
    /// `relaisctl event attendees EVENT [--occurrence WHEN] [--json]`
    struct Attendees: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Who answered \"I'll come\" or \"I can't come\", with counts by language.",
            discussion: "Members answer on the RSVP page their meetup messages link to (web.base_url). Without --occurrence, every occurrence's answers.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64
        @Option(help: ArgumentHelp("Only this occurrence: its original local start, YYYY-MM-DDTHH:MM.", valueName: "local")) var occurrence: String?

        /// One answer, for --json.
        struct AnswerJSON: Encodable {
            var occurrence: String
            var email: String
            var name: String
            var locale: String
            var answer: String
            var answered_at: String
        }

        func run() async throws {
            try await global.withSession { session in try await attendees(session) }
        }

        private func attendees(_ session: StoreSession) async throws {
            let configuration = session.configuration, id = id, occurrence = occurrence
            let answers = try await session.run { store in
                let schedule = try EventCatalog(configuration: configuration, store: store).schedule(id: id)
                var original: String?
                if let occurrence {
                    guard let local = try? LocalDateTime(parsing: occurrence), schedule.seriesOccurrence(at: local) != nil else {
                        throw InputError("\(occurrence) is not an occurrence of event \(id)")
                    }
                    original = local.description
                }
                return try store.rsvpAnswers(eventId: id, occurrence: original)
            }
            if global.json {
                try CLI.printJSON(answers.map {
                    AnswerJSON(
                        occurrence: $0.occurrence, email: $0.email, name: $0.name, locale: $0.locale, answer: $0.answer.rawValue,
                        answered_at: Timestamps.utc($0.answeredAt))
                })
                return
            }
            if answers.isEmpty {
                print("no answers yet")
                return
            }
            CLI.printTable(
                ["OCCURRENCE", "ANSWER", "EMAIL", "NAME", "LOCALE", "ANSWERED"],
                answers.map { [$0.occurrence, $0.answer.rawValue, $0.email, $0.name, $0.locale, global.show($0.answeredAt, configuration)] })
            for answer in RSVPAnswer.Answer.allCases {
                let group = answers.filter { $0.answer == answer }
                let byLanguage = Dictionary(grouping: group) { String($0.locale.prefix { $0 != "-" }) }
                    .sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.count)" }.joined(separator: ", ")
                print("\(answer.rawValue): \(group.count)\(byLanguage.isEmpty ? "" : " (\(byLanguage))")")
            }
        }
    }
}
