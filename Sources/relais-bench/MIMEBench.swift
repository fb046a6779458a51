import Foundation
import ICalendar
import MIME

/// Composes 100,000 personalized ~4 KB messages (text + HTML + calendar, non-ASCII subject
/// and names) on one core and prints messages per second and peak RSS.
func runMIMEBench() {
    let count = 100_000
    let names = ["Amélie Dubois-Lefèvre", "Ana Núñez", "Jürgen Weiß", "Zoë O'Brien", "Łucja Kowalska", "Chloé 🎉 Martin"]
    let sender = try! Mailbox(address: "rencontres@relais.example.org", displayName: "Réseau Femmes Entrepreneures")
    let paragraph = "Nous vous attendons au petit-déjeuner de réseautage, mardi à 8 h 30, à la Maison des Associations. "
    let text = String(repeating: paragraph + "\n", count: 6)
    let html = "<html><body>" + String(repeating: "<p>" + paragraph + "</p>\n", count: 7) + "</body></html>\n"
    let zone = TimeZone(identifier: "Europe/Brussels")!
    let start = Date(timeIntervalSince1970: 1_775_028_600)  // 2026-04-01 07:30 UTC
    let event = CalendarEvent(
        uid: "occurrence-42@relais.example.org", sequence: 1, dtstamp: start.addingTimeInterval(-86_400 * 7),
        start: start, end: start.addingTimeInterval(7200), timeZone: zone,
        summary: "Petit-déjeuner de réseautage — avril", description: paragraph, location: "Maison des Associations, Bruxelles",
        url: "https://relais.example.org/e/42", organizer: CalendarOrganizer(name: "Réseau", email: "rencontres@relais.example.org"))
    let writer = ICalendarWriter()

    // Calendar rendering alone (done once per occurrence in Relais, not per recipient).
    let calendarClock = ContinuousClock()
    var ics: [UInt8] = []
    let calendarTime = calendarClock.measure {
        for _ in 0..<10_000 { ics = try! writer.render(event) }
    }
    let calendar = CalendarAttachment(method: .publish, data: ics)

    var totalBytes = 0
    let clock = ContinuousClock()
    let cpuStart = threadCPUSeconds()
    let elapsed = clock.measure {
        for index in 0..<count {
            let name = names[index % names.count]
            let recipient = try! Mailbox(address: "member\(index)@example.net", displayName: name)
            let message = MailMessage(
                from: sender, to: [recipient], subject: "Rappel : petit-déjeuner du 1er avril — \(name)",
                date: start.addingTimeInterval(-86_400), messageID: try! MessageID(seed: "row-\(index)", domain: "relais.example.org"),
                language: "fr-BE", listID: ListID(name: "Petits-déjeuners", id: "breakfast.relais.example.org"),
                listUnsubscribe: ListUnsubscribe(uris: ["https://relais.example.org/u/\(index)"], oneClick: true),
                text: text, html: html, calendar: calendar)
            totalBytes += try! message.render().count
        }
    }
    let cpuSeconds = threadCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let calendarSeconds = Double(calendarTime.components.seconds) + Double(calendarTime.components.attoseconds) / 1e18
    print("MIME: \(count) messages, average \(totalBytes / count) bytes, \(String(format: "%.2f", seconds)) s")
    print("MIME: \(Int(Double(count) / seconds)) messages/s on one core (\(String(format: "%.2f", seconds / Double(count) * 1e6)) µs each, wall clock)")
    print("MIME: \(Int(Double(count) / cpuSeconds)) messages/s of thread CPU time (\(String(format: "%.2f", cpuSeconds / Double(count) * 1e6)) µs each)")
    print("ICalendar: \(ics.count) bytes, \(String(format: "%.2f", calendarSeconds / 10_000 * 1e6)) µs per render")
    print("peak RSS: \(peakRSS())")
}

/// CPU time used by the calling thread (unaffected by other processes sharing the cores).
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

