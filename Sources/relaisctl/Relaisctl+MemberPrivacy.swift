import ArgumentParser
import Foundation
import Relais

extension MemberCommand {
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print everything held about a member as JSON (GDPR art. 15).",
            discussion: "Her member row, lists and their changes, RSVPs, every queue row and attempt (with the relay's replies) and what the bounce mailbox said about her, table by table.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String

        func run() async throws {
            let email = email
            let found = try await global.withSession { session in
                try await session.run { store in try store.exportMember(email: email) }
            }
            guard let export = found else { throw InputError("no member with address \(email)") }
            try CLI.printJSON(export)
        }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a member: her name, address and history (GDPR art. 17).",
            discussion: "In one transaction: messages still waiting for her are cancelled; her member row, lists, history and RSVPs are deleted; the sent-message ledger keeps its rows without her address or name. Only a keyed hash of her address is kept, so a later member add or import leaves her out and says why.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String

        func run() async throws {
            let email = email
            let cancelled = try await global.withSession { session in
                try await session.run { store in try MemberSuppression(store: store).forget(email: email) }
            }
            if global.json {
                try CLI.printJSON(["forgotten": 1, "cancelled": cancelled])
            } else {
                global.say("forgot \(email)\(cancelled > 0 ? "; \(cancelled) queued message\(cancelled == 1 ? "" : "s") cancelled" : ""); her address is kept only as a hash, so it cannot be added again")
            }
        }
    }
}
