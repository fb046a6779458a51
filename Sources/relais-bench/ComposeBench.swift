import Foundation
import MIME
import Relais
import Templates

/// Composes 100,000 personalized messages (template render + MIME, calendar on reminders)
/// through `MessageComposer` on one thread: meetup-reminder and newsletter alternately, in
/// fr-BE, en, es-ES and de-DE, each to a distinct member. Messages are counted and dropped
/// (streamed), so memory stays flat; prints messages per second and peak RSS. Run from the
/// package root (it reads config/relais.yaml and templates/).
func runComposeBench() async {
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let sender: SenderSettings
    let catalog: TemplateCatalog
    do {
        // The shipped configuration's sender (From, Reply-To, unsubscribe URL, four locales).
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("RELAIS_") }
        sender = try await ConfigurationLoader.load(path: root.appendingPathComponent("config/relais.yaml").path, environment: environment).sender
        catalog = try TemplateCatalog(
            directory: root.appendingPathComponent("templates"), locales: sender.locales, defaultLocale: sender.defaultLocale
        )
    } catch {
        print("compose bench: \(error)")
        return
    }
    let composer = MessageComposer(sender: sender, catalog: catalog)
    let locales = ["fr-BE", "en", "es-ES", "de-DE"]
    let data = locales.map { MessageContext.sample(locale: $0).data }
    let names = ["Amélie Dubois-Lefèvre", "Ana Núñez García", "Jürgen Weiß", "Zoë O'Brien", "Sophie Lambert", "Chloé Martin"]
    let start = Date(timeIntervalSince1970: 1_772_523_000)  // 2026-03-03 08:30 in Brussels
    let event = CalendarInfo(
        uid: "event-7-20260303T083000@mompreneurs.example", sequence: 1, stamp: Date(timeIntervalSince1970: 1_772_000_000),
        titles: ["fr": "Petit-déjeuner réseautage", "en": "Networking breakfast", "es": "Desayuno de networking", "de": "Netzwerk-Frühstück"],
        descriptions: ["fr": "Café, croissants et présentations.", "en": "Coffee, croissants and introductions."],
        location: "Maison des Associations, Rue du Marché 12, 1000 Bruxelles", url: "https://mompreneurs.example/agenda/7",
        start: start, end: start.addingTimeInterval(5400), timeZone: TimeZone(identifier: "Europe/Brussels")!
    )
    let due = start.addingTimeInterval(-86_400)
    let count = 100_000
    var bytes = 0
    var failures = 0
    var calendars = 0
    let clock = ContinuousClock()
    let cpuStart = threadCPUSeconds()  // the loop never suspends: it stays on this thread
    let elapsed = clock.measure {
        for index in 0..<count {
            let reminder = index % 2 == 0
            let localeIndex = (index / 2) % locales.count
            let request = CompositionRequest(
                messageId: "<\(String(index, radix: 16)).relais@mompreneurs.example>", date: due,
                recipientName: "\(names[index % names.count]) \(index)", recipientEmail: "member\(index)@example.net",
                locale: locales[localeIndex], unsubscribeToken: String(UInt64(index) &* 0x9E37_79B9_7F4A_7C15, radix: 16),
                template: reminder ? "meetup-reminder" : "newsletter", kind: reminder ? .reminder : .announcement,
                listName: "members", event: reminder ? event : nil, data: reminder ? [:] : data[localeIndex], now: due
            )
            do {
                let message = try composer.compose(request)
                bytes += message.bytes.count
                if message.calendar != nil { calendars += 1 }
            } catch {
                failures += 1
            }
        }
    }
    let cpuSeconds = threadCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(String(
        format: "compose: %d messages (meetup-reminder with calendar + newsletter, 4 locales) in %.3f s = %.0f msg/s on one core (wall clock)",
        count, seconds, Double(count) / seconds
    ))
    print(String(format: "compose: %.0f msg/s of thread CPU time (%.2f µs each)", Double(count) / cpuSeconds, cpuSeconds / Double(count) * 1e6))
    print(String(
        format: "compose: %.1f KiB/msg average, %d with a calendar, %d failures, peak RSS %@",
        Double(bytes) / Double(count) / 1024, calendars, failures, peakRSS()
    ))

    // Uncached: a fresh composer for every message, so every render, date format and calendar
    // is done from scratch (what the first message of each kind × locale × event costs).
    let uncachedCount = 5_000
    let uncached = clock.measure {
        for index in 0..<uncachedCount {
            let reminder = index % 2 == 0
            let localeIndex = (index / 2) % locales.count
            let fresh = MessageComposer(sender: sender, catalog: catalog)
            let request = CompositionRequest(
                messageId: "<u\(String(index, radix: 16)).relais@mompreneurs.example>", date: due,
                recipientName: "\(names[index % names.count]) \(index)", recipientEmail: "member\(index)@example.net",
                locale: locales[localeIndex], unsubscribeToken: String(UInt64(index) &* 0x9E37_79B9_7F4A_7C15, radix: 16),
                template: reminder ? "meetup-reminder" : "newsletter", kind: reminder ? .reminder : .announcement,
                listName: "members", event: reminder ? event : nil, data: reminder ? [:] : data[localeIndex], now: due
            )
            _ = try? fresh.compose(request)
        }
    }
    let uncachedSeconds = Double(uncached.components.seconds) + Double(uncached.components.attoseconds) / 1e18
    print(String(
        format: "compose uncached (a fresh composer per message): %d messages in %.3f s = %.0f msg/s on one core",
        uncachedCount, uncachedSeconds, Double(uncachedCount) / uncachedSeconds
    ))
}
