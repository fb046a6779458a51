import Foundation
import Templates

/// Renders 100,000 personalized meetup-reminder messages (subject, preheader, text and HTML)
/// across fr-BE, en, es-ES and de-DE on one thread, and prints messages per second.
func runTemplatesBench() {
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("templates")
    let catalog: TemplateCatalog
    do {
        catalog = try TemplateCatalog(directory: root, locales: ["fr", "en", "es", "de"], defaultLocale: "fr")
    } catch {
        print("templates bench: \(error)")
        return
    }
    let locales = ["fr-BE", "en", "es-ES", "de-DE"]
    let samples = locales.map { MessageContext.sample(locale: $0) }
    let count = 100_000
    let clock = ContinuousClock()
    var bytes = 0
    var failures = 0
    let base = samples[0].now
    let elapsed = clock.measure {
        for index in 0..<count {
            var context = samples[index % locales.count]
            context.recipient.name = "Member \(index)"
            context.recipient.email = "member\(index)@example.org"
            context.unsubscribeURL = "https://mompreneurs.example/u/\(index)"
            context.now = base.addingTimeInterval(Double(index) / 1000)
            do {
                let message = try catalog.render(kind: "meetup-reminder", locale: locales[index % locales.count], context: context)
                bytes += message.text.utf8.count + message.html.utf8.count
            } catch {
                failures += 1
            }
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(String(
        format: "templates: %d meetup-reminder renders (text+html, 4 locales) in %.3f s = %.0f msg/s on one core, %.1f KiB/msg, %d failures",
        count, seconds, Double(count) / seconds, Double(bytes) / Double(count) / 1024, failures
    ))

    // Worst case: every message has its own shared data, so each one is a full Mustache render.
    let uncached = 10_000
    let slow = clock.measure {
        for index in 0..<uncached {
            var context = samples[index % locales.count]
            context.data["batch"] = .int(index)
            _ = try? catalog.render(kind: "meetup-reminder", locale: locales[index % locales.count], context: context)
        }
    }
    let slowSeconds = Double(slow.components.seconds) + Double(slow.components.attoseconds) / 1e18
    print(String(
        format: "templates: %d full renders (nothing shared between messages) in %.3f s = %.0f msg/s on one core",
        uncached, slowSeconds, Double(uncached) / slowSeconds
    ))
}
