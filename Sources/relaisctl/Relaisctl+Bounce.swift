import ArgumentParser
import Foundation
import Logging
import Relais

/// `relaisctl bounce …` (also `bounces`, its first name)
struct BounceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounce",
        abstract: "Bounces, complaints and mailto unsubscribes: read the mailbox (bounces.imap.url), import saved mail, list what was learnt.",
        subcommands: [Fetch.self, Import.self, List.self],
        aliases: ["bounces"]
    )

    @OptionGroup var global: GlobalOptions

    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the bounce mailbox once, as relaisd does every bounces.poll_interval.",
            discussion: "A DSN with a 5.x.x status marks the member bounced; 4.x.x and delayed ones are counted (bounced after bounces.soft_limit within bounces.soft_window); a feedback report (complaint) unsubscribes her from everything; a mail to the mailto: unsubscribe address takes her off that list. Processed mail is flagged \\Seen and $RelaisProcessed, then moved to bounces.imap.processed_folder when it is set; anything else is left unread and unflagged for people. Prints one line: N bounced, M soft, K complaints, J unsubscribed, H left for humans (--json adds flagged_again and moved). Exit 78 for a configuration or TLS problem (a certificate that does not verify: set bounces.imap.ca_file for a private CA), 77 when the login is refused, 75 when the server cannot be reached."
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            var logger = Logger(label: "relais.bounces")
            logger.logLevel = .warning
            let stopAfter = ProcessInfo.processInfo.environment["RELAIS_TEST_KILL_AFTER_COMMITS"].flatMap(Int.init)
            let summary = try await global.withSession { session in
                let intake = BounceIntake(configuration: session.configuration, store: session.store, logger: logger)
                // On the session's thread: the IMAP session blocks in libcurl, the store's calls block too.
                return try await session.run { _ in
                    try intake.runOnce { commits in
                        // Test hook: die like kill -9 between a commit and its flag.
                        if let stopAfter, commits >= stopAfter { kill(getpid(), SIGKILL) }
                    }
                }
            }
            if global.json {
                try CLI.printJSON(summary)
            } else {
                global.say(summary.line)
            }
        }
    }
}
