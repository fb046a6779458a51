import ArgumentParser
import Foundation
import Logging
import Relais
import Store

/// `relaisctl send-test TEMPLATE --to ADDRESS [--locale LOCALE]`
struct SendTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Send one message right now, with sample data, through the configured transport.",
        discussion: "Composes TEMPLATE in LOCALE (default: sender.default_locale) with the templates' sample data and sends it to ADDRESS at once, outside the queue. Prints the server's reply (250 2.0.0 Ok: queued as …) or why it was not sent: TLS, authentication, connection refused, or which reply the server gave to which command. Exit codes: 0 sent, 65 bad address/template/locale, 69 rejected (failed or bounced), 75 temporary (deferred, throttled, unknown), 78 configuration (authentication, TLS, password file)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template kind, e.g. meetup-reminder or newsletter.") var template: String
    @Option(help: ArgumentHelp("The recipient's address.", valueName: "address")) var to: String
    @Option(help: ArgumentHelp("The language to send in, e.g. fr or es (default: sender.default_locale).", valueName: "locale")) var locale: String?
    @Flag(help: "Print the SMTP conversation (without the password) on stderr.") var verbose = false

    func run() async throws {
        let (envelope, outcome) = try await global.withSession { session in
            let test = TestSend(configuration: session.configuration)
            let envelope = try test.envelope(template: template, to: to, locale: locale)
            let verbose = verbose
            let logger = Logger(label: "relais.send-test") { label in
                verbose ? PriorityLogHandler(label: label, level: .trace) as any LogHandler : SwiftLogNoOpLogHandler()
            }
            // The ledger (per_hour, per_day) and, on PostgreSQL, the daemons' shared limits are
            // read on the store's thread; both backends keep the daemons' side of the store.
            let start = try await session.run { store in
                guard let daemonStore = store as? any DaemonStore else {
                    throw InputError("send-test needs the daemons' side of the store (the attempts ledger), which this store lacks", exitCode: Sysexits.unavailable)
                }
                return try test.start(store: daemonStore, logger: logger)
            }
            return (envelope, await test.send(envelope, start))
        }
        guard case .sent = outcome else {
            throw SendFailure(recipient: envelope.to, outcome: outcome)
        }
        print(outcome.replyLine ?? "sent")
    }
}
