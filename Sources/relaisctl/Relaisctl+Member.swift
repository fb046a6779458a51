import ArgumentParser
import Foundation
import Relais
import Store

/// `relaisctl member …`
struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member",
        abstract: "Add, import, list and remove members.",
        discussion: "A member's lists must exist (see relaisctl list add) unless --create-lists is given. --welcome queues the welcome message to members who are new, once per address, ever.",
        subcommands: [Add.self, Import.self, List.self, Show.self, Remove.self, Unsubscribe.self, Reactivate.self, Export.self, Forget.self]
    )

    @OptionGroup var global: GlobalOptions

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member, or update her name, locale and lists.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String
        @Option(help: "Her name, as it appears in greetings.") var name: String
        @Option(help: "Her language: one of sender.locales or a regional variant (fr-BE).") var locale: String
        @Option(name: .customLong("list"), help: "A list to subscribe her to (repeatable); it must exist.") var lists: [String] = []
        @OptionGroup var adding: MemberAddOptions

        func run() async throws {
            try await global.withSession { session in
                let input = try session.memberValidator.validate(email: email, name: name, locale: locale, lists: lists)
                let createLists = adding.createLists
                let welcome = try adding.welcome(session.configuration)
                let summary = try await session.run { store in
                    if let refusal = try MemberSuppression(store: store).refusal(input.email) { throw InputError(refusal) }
                    return try store.upsertMembers([input], createLists: createLists, now: Date(), welcome: welcome)
                }
                say(summary, input)
            }
        }

        private func say(_ summary: MemberUpsertSummary, _ input: MemberInput) {
            let what = summary.added > 0 ? "added" : summary.updated > 0 ? "updated" : "unchanged:"
            let lists = input.lists.isEmpty ? "" : " (lists: \(input.lists.joined(separator: ", ")))"
            global.say("\(what) member \(input.email)\(lists)\(summary.welcomed > 0 ? ", welcome queued" : "")")
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
        @OptionGroup var adding: MemberAddOptions

        func run() async throws {
            let report = try await global.withSession { session in
                let importer = MemberImporter(validator: session.memberValidator, store: session.store)
                let file = file, skipInvalid = skipInvalid, createLists = adding.createLists
                let welcome = try adding.welcome(session.configuration)
                return try await session.run { _ in
                    try importer.importFile(
                        file, skipInvalid: skipInvalid, createLists: createLists, welcome: welcome,
                        progress: CLI.stderrIsTerminal ? { done, total in
                            if total >= 1000 { CLI.printErrorInline("\rchecking \(done)/\(total) rows") }
                        } : nil)
                }
            }
            try show(report)
        }

        private func show(_ report: MemberImporter.Report) throws {
            let showProgress = CLI.stderrIsTerminal
            if showProgress { CLI.printErrorInline("\r\u{1B}[K") }
            for row in report.invalidRows { CLI.printError("relaisctl: \(row)") }
            for line in report.suppressed { CLI.printError("relaisctl: \(line)") }
            if report.aborted {
                CLI.printError("relaisctl: \(report.invalidRows.count) invalid row(s); nothing imported (fix them, or use --skip-invalid)")
                throw ExitCode(Sysexits.dataError)
            }
            if global.json {
                try CLI.printJSON(ImportSummaryJSON(report))
            } else {
                let summary = report.summary
                let total = summary.added + summary.updated + summary.unchanged
                var line = "imported \(total) member\(total == 1 ? "" : "s"): \(summary.added) added, \(summary.updated) updated, \(summary.unchanged) unchanged"
                if !report.invalidRows.isEmpty { line += ", \(report.invalidRows.count) invalid row\(report.invalidRows.count == 1 ? "" : "s") skipped" }
                if !report.suppressed.isEmpty { line += ", \(report.suppressed.count) forgotten address\(report.suppressed.count == 1 ? "" : "es") left out" }
                if summary.welcomed > 0 { line += "; \(summary.welcomed) welcome message\(summary.welcomed == 1 ? "" : "s") queued" }
                global.say(line)
            }
            if !report.invalidRows.isEmpty { throw ExitCode(Sysexits.dataError) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List members, or those of one list.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only members subscribed to this list.") var list: String?

        func run() async throws {
            let list = list
            let members = try await global.withSession { session in try await session.run { store in try store.members(inList: list) } }
            if global.json {
                try CLI.printJSON(members.map(MemberJSON.init))
            } else {
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

        func run() async throws {
            let email = email
            try await global.withSession { session in
                let (listing, changes) = try await session.run { store in
                    guard let found = try store.member(email: email) else { throw InputError("no member with address \(email)") }
                    return (found, try store.memberChanges(email: found.member.email))
                }
                try show(listing, changes: changes, configuration: session.configuration)
            }
        }

        private func show(_ listing: MemberListing, changes: [MemberChange], configuration: RelaisConfiguration) throws {
            if global.json {
                try CLI.printJSON(MemberJSON(listing))
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
            print("added:        \(global.show(member.createdAt, configuration))")
            for change in changes {
                let what = [change.change.rawValue, change.list, change.detail].compactMap { $0 }.joined(separator: " ")
                print("changed:      \(global.show(change.at, configuration))  \(what)  (\(change.source.rawValue))")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a member and her subscriptions.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String

        func run() async throws {
            let email = email
            let removed = try await global.withSession { session in
                try await session.run { store in try store.removeMember(email: email, now: Date()) }
            }
            if !removed { throw InputError("no member with address \(email)") }
            global.say("removed member \(email)")
        }
    }

    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop mailing a member: from one list, or from everything.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Her email address.") var email: String
        @Option(help: "Only this list.") var list: String?

        func run() async throws {
            let email = email, list = list
            try await global.withSession { session in
                try await session.run { store in try store.unsubscribe(email: email, list: list, now: Date()) }
            }
            global.say(list.map { "unsubscribed \(email) from list \($0)" } ?? "unsubscribed \(email) from every list")
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

        func validate() throws {
            if (email == nil) == (bouncedSince == nil) { throw ValidationError("give an email address, or --bounced-since") }
        }

        func run() async throws {
            let email = email, since = bouncedSince?.date
            let emails = try await global.withSession { session in
                try await session.run { store in try store.reactivate(email: email, bouncedSince: since, now: Date()) }
            }
            if global.json {
                try CLI.printJSON(["reactivated": emails])
            } else {
                global.say("reactivated \(emails.count) member\(emails.count == 1 ? "" : "s")\(emails.isEmpty ? "" : ": " + emails.joined(separator: ", "))")
            }
        }
    }
}
