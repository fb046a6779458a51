import ArgumentParser
import Foundation
import Relais

/// `relaisctl member …`
struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member",
        abstract: "Add, import, list and remove members.",
        subcommands: [Add.self, Import.self, List.self, Show.self, Remove.self, Unsubscribe.self, Reactivate.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member, or update her name, locale and lists.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String
        @Option(help: "Her name, as it appears in greetings.") var name: String
        @Option(help: "Her language: one of sender.locales or a regional variant (fr-BE).") var locale: String
        @Option(name: .customLong("list"), help: "A list to subscribe her to (repeatable).") var lists: [String] = []

        func run() async throws {
            let context = try await global.context()
            CLI.run {
                let input = try context.memberValidator.validate(email: email, name: name, locale: locale, lists: lists)
                _ = try context.store.upsertMembers([input])
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import members from a CSV file with the header email,name,locale,lists.",
            discussion: "Lists are separated by ';'. The file is UTF-8 (a BOM is fine); quoted fields may contain commas. Invalid rows are listed with their line numbers and nothing is imported, unless --skip-invalid is given. Re-importing updates members; it never duplicates them, and never re-subscribes someone who unsubscribed."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Import the valid rows and list the invalid ones.") var skipInvalid = false
        @Flag(help: "Print the summary as JSON.") var json = false

        func run() async throws {
            let context = try await global.context()
            let showProgress = CLI.stderrIsTerminal
            let report = CLI.run {
                try MemberImporter(validator: context.memberValidator, store: context.store).importFile(
                    file, skipInvalid: skipInvalid,
                    progress: showProgress ? { done, total in
                        if total >= 1000 { CLI.printErrorInline("\rchecking \(done)/\(total) rows") }
                    } : nil)
            }
            if showProgress { CLI.printErrorInline("\r\u{1B}[K") }
            for row in report.invalidRows { CLI.printError("relaisctl: \(row)") }
            if report.aborted {
                CLI.printError("relaisctl: \(report.invalidRows.count) invalid row(s); nothing imported (fix them, or use --skip-invalid)")
                throw ExitCode(Sysexits.dataError)
            }
            if json {
                CLI.printJSON(ImportSummaryJSON(report))
            } else if showProgress {
                CLI.printError("added \(report.summary.added), updated \(report.summary.updated), unchanged \(report.summary.unchanged), skipped \(report.invalidRows.count)")
            }
            if !report.invalidRows.isEmpty { throw ExitCode(Sysexits.dataError) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List members, or those of one list.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only members subscribed to this list.") var list: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let context = try await global.context()
            let members = CLI.run { try context.store.members(inList: list) }
            if json {
                CLI.printJSON(members.map(MemberJSON.init))
            } else if !members.isEmpty {
                CLI.printTable(
                    ["EMAIL", "NAME", "LOCALE", "STATUS", "LISTS"],
                    members.map { [$0.member.email, $0.member.name, $0.member.locale, $0.member.status.rawValue, $0.lists.joined(separator: ",")] })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one member.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let context = try await global.context()
            let found = CLI.run { try context.store.member(email: email) }
            guard let listing = found else { CLI.fail(InputError("no member with address \(email)")) }
            if json {
                CLI.printJSON(MemberJSON(listing))
                return
            }
            let member = listing.member
            print("email:        \(member.email)")
            print("name:         \(member.name)")
            print("locale:       \(member.locale)")
            print("status:       \(member.status.rawValue)")
            print("lists:        \(listing.lists.joined(separator: ", "))")
            if !listing.unsubscribedLists.isEmpty { print("unsubscribed: \(listing.unsubscribedLists.joined(separator: ", "))") }
            if let reply = member.bounceReply { print("bounce:       \(reply)") }
            print("added:        \(Timestamps.utc(member.createdAt))")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a member and her subscriptions.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String

        func run() async throws {
            let context = try await global.context()
            let removed = CLI.run { try context.store.removeMember(email: email) }
            if !removed { CLI.fail(InputError("no member with address \(email)")) }
        }
    }

    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop mailing a member: from one list, or from everything.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String
        @Option(help: "Only this list.") var list: String?

        func run() async throws {
            let context = try await global.context()
            CLI.run { try context.store.unsubscribe(email: email, list: list) }
        }
    }

    struct Reactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mail bounced members again: one address, or every member that bounced since a time.",
            discussion: "The undo of a relay's bad minute: members marked bounced by replies that were the relay's fault. Prints one line per member made active again.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String?
        @Option(help: ArgumentHelp(
            "Every member that bounced since then: a duration ago (2h) or a time (2026-11-30T10:00, local).",
            valueName: "when")) var bouncedSince: SinceArgument?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if (email == nil) == (bouncedSince == nil) { throw ValidationError("give an email address, or --bounced-since") }
        }

        func run() async throws {
            let context = try await global.context()
            let emails = CLI.run { try context.store.reactivate(email: email, bouncedSince: bouncedSince?.date) }
            if json {
                CLI.printJSON(["reactivated": emails])
            } else {
                print("reactivated \(emails.count) member\(emails.count == 1 ? "" : "s")\(emails.isEmpty ? "" : ": " + emails.joined(separator: ", "))")
            }
        }
    }
}
