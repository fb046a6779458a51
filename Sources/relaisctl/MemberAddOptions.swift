import ArgumentParser
import Foundation
import Relais
import Store

/// `--create-lists` and `--welcome`, shared by `member add` and `member import`.
struct MemberAddOptions: ParsableArguments {
    @Flag(help: "Create the lists named that do not exist yet (without it, an unknown list is refused and nothing is written).")
    var createLists = false

    @Flag(help: "Queue the welcome message to each member who is new (never to one who was already there, never twice).")
    var welcome = false

    /// The welcome row maker when `--welcome` was given (after checking the template exists), else nil.
    func welcome(_ configuration: RelaisConfiguration) throws -> (@Sendable (Stored<Member>) -> QueueMessage)? {
        guard welcome else { return nil }
        try TemplateNames.check(WelcomeMessage.template, in: configuration.templatesDirectory)
        let message = WelcomeMessage(identity: MessageIdentity(domain: configuration.sender.fromAddress.domain))
        let now = Date()
        return { member in message.row(for: member, now: now) }
    }
}
