import Foundation
import RelaisTestSupport
import Testing

/// Event reminders through the running daemon, read back by Python's email parser and icalendar.
@Suite(.blocking, .serialized) struct DaemonReminderTests {
    static let titles = ["fr": "Petit-déjeuner d’essai", "en": "Trial breakfast", "es": "Desayuno de prueba", "de": "Probefrühstück"]

    @Test(.timeLimit(.minutes(2)))
    func reminderReachesEveryMemberOnceInHerLanguageWithTheCalendar() throws {
        let harness = try DaemonHarness()
        let locales = ["fr", "en", "es", "de"]
        let members = try harness.addMembers(4, list: "be", locales: locales)
        let localeOf = Dictionary(uniqueKeysWithValues: zip(members, locales))

        // Starts in 65 s with a 1-minute reminder: the reminder falls due about 5 s from now.
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 65).rounded(.up))
        let zone = "Europe/Brussels"
        let added = try harness.sandbox.ctl(
            ["event", "add", "--start", Self.local(start, zone: zone), "--tz", zone, "--duration", "90m",
             "--list", "be", "--remind", "1m", "--location", "Rue Haute 1, Bruxelles"]
                + Self.titles.sorted { $0.key < $1.key }.flatMap { ["--title", "\($0.key)=\($0.value)"] })
        try #require(added.status == 0, "event add: \(added.stderr)")

        let daemon = try harness.startDaemon()
        let arrived = waitUntil(timeout: 90) { harness.recordCount() >= 4 }
        try #require(arrived, "the server got \(harness.recordCount()) of 4 reminders; relaisd said:\n\(DaemonHarness.tail(daemon))")
        let recorded = try waitUntil(timeout: 20) { try harness.queueRows().allSatisfy { $0.state == "sent" } }
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0)
        #expect(recorded, "queue: \(harness.queueSummary)")

        let summaries = try harness.mailSummaries()
        #expect(summaries.count == 4, "exactly one reminder each: \(summaries.map(\.rcpt))")
        #expect(Set(summaries.map(\.rcpt)) == Set(members))
        for summary in summaries {
            let locale = try #require(localeOf[summary.rcpt])
            let title = try #require(Self.titles[locale])
            #expect(summary.content_language == locale, "\(summary.rcpt)")
            let subject = summary.subject ?? ""
            #expect(subject.hasPrefix(try Self.subjectPrefix(locale)), "\(locale) subject: \(subject)")
            #expect(subject.contains(title), "\(locale) subject: \(subject)")
            #expect(summary.content_types.contains("text/calendar"), "\(summary.rcpt): \(summary.content_types)")
            #expect(summary.content_types.contains("text/plain") && summary.content_types.contains("text/html"))
            #expect(summary.calendar_dtstart == Self.utc(start), "\(summary.rcpt) DTSTART")
        }

        // The queue agrees: one sent reminder per member, in her locale, with the Message-ID the server saw.
        let rows = try harness.queueRows()
        #expect(rows.count == 4)
        for row in rows {
            #expect(row.state == "sent")
            #expect(row.template == "meetup-reminder")
            #expect(row.locale == localeOf[row.recipient])
            let seen = summaries.first { $0.rcpt == row.recipient }
            #expect(seen?.message_id == row.message_id, "\(row.recipient)")
            // One log line per outcome: `<6>sent <message-id> to <recipient>: 250 …`.
            let logged = daemon.stderr.filter { $0.hasPrefix("<6>sent \(row.message_id) to \(row.recipient): 250") }
            #expect(logged.count == 1, "log lines for \(row.recipient): \(logged)")
        }
    }

    /// The subject's fixed words before the first variable, from the shipped template (`Rappel :`, `Reminder:`…).
    static func subjectPrefix(_ locale: String) throws -> String {
        let template = try String(contentsOfFile: Repository.path("templates/meetup-reminder/\(locale).mustache"), encoding: .utf8)
        guard let open = template.range(of: "{{$subject}}"),
              let variable = template.range(of: "{{", range: open.upperBound..<template.endIndex)
        else { throw HarnessError("no subject in meetup-reminder/\(locale).mustache") }
        return String(template[open.upperBound..<variable.lowerBound]).trimmingCharacters(in: .whitespaces)
    }

    /// `YYYY-MM-DDTHH:MM:SS` wall-clock time of `date` in `zone`.
    static func local(_ date: Date, zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: date)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func utc(_ date: Date) -> String {
        local(date, zone: "UTC") + "Z"
    }
}
