import ArgumentParser
import Foundation
import Logging
import Relais

extension BounceCommand {
    /// `relaisctl bounce import FILE…`
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record bounces saved as files (.eml, or mbox), for relays whose bounces are forwarded elsewhere.",
            discussion: "Each file holds one RFC 5322 message, or is an mbox (it starts with a From line; >From lines are unescaped). Every message goes through the same classifier and the same record as bounce fetch, keyed by its Message-ID: importing a file twice changes nothing (mail for people is counted each time). Every file is read before anything is recorded: a file that does not exist or cannot be read exits 66, one that is not mail exits 65, with one line naming it and nothing recorded. Prints one line: N bounced, M soft, K complaints, J unsubscribed, H left for humans."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Message (.eml) or mbox files.", valueName: "file")) var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one .eml or mbox file") }
        }

        func run() async throws {
            var logger = Logger(label: "relais.bounces")
            logger.logLevel = .warning
            let files = files
            let summary = try await global.withSession { session in
                let intake = BounceIntake(configuration: session.configuration, store: session.store, logger: logger)
                return try await session.run { _ in try intake.importFiles(files) }
            }
            if global.json {
                try CLI.printJSON(summary)
            } else {
                global.say(summary.line)
            }
        }
    }
}
