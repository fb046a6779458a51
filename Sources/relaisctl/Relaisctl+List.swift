import ArgumentParser
import Foundation
import Relais
import Store

/// `relaisctl list …`: mailing lists as things of their own.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Add, show, rename and remove mailing lists (relaisctl lists: every list with its member counts).",
        discussion: "member add --list and member import refuse a list that does not exist unless --create-lists is given, so a typo cannot start a new list.",
        subcommands: [List.self, Add.self, Show.self, Rename.self, Remove.self],
        defaultSubcommand: List.self,
        aliases: ["lists"]
    )

    @OptionGroup var global: GlobalOptions

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the lists with their member counts.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let lists = try await global.withSession { session in try await session.run { store in try store.lists() } }
            if global.json {
                try CLI.printJSON(lists.map { ListJSON($0) })
                return
            }
            CLI.printTable(
                ["NAME", "MEMBERS", "LEFT", "EVENTS"],
                lists.map { [$0.name, String($0.subscribed), String($0.unsubscribed), $0.events.map(String.init).joined(separator: ",")] })
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a list.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its name: letters, digits, '.', '_' or '-'.") var name: String

        func run() async throws {
            let name = name
            try MemberValidator.validateListName(name)
            _ = try await global.withSession { session in
                try await session.run { store in try store.addList(named: name, now: Date()) }
            }
            global.say("added list \(name)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a list: its members, who left, the events that use it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The list's name.") var name: String

        func run() async throws {
            let name = name
            try await global.withSession { session in
                let (list, members) = try await session.run { store in
                    guard let list = try store.list(named: name) else { throw InputError("no list named \"\(name)\" (see relaisctl list list)") }
                    return (list, try store.members(inList: list.name))
                }
                try show(list, members: members, configuration: session.configuration)
            }
        }

        private func show(_ list: ListSummary, members: [MemberListing], configuration: RelaisConfiguration) throws {
            if global.json {
                try CLI.printJSON(ListJSON(list, members: members.map(\.member.email)))
                return
            }
            print("name:         \(list.name)")
            print("members:      \(list.subscribed)")
            print("left:         \(list.unsubscribed)")
            print("events:       \(list.events.isEmpty ? "none" : list.events.map(String.init).joined(separator: ", "))")
            if !list.pendingAnnouncements.isEmpty {
                print("announcements: \(list.pendingAnnouncements.map(String.init).joined(separator: ", ")) (pending)")
            }
            print("created:      \(global.show(list.createdAt, configuration))")
            for member in members { print("  \(member.member.email)") }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a list; its members, events and pending announcements follow.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The list's name.") var name: String
        @Argument(help: "Its new name.") var newName: String

        func run() async throws {
            let name = name, newName = newName
            try await global.withSession { session in
                try MemberValidator.validateListName(newName)
                try await session.run { store in try store.renameList(name, to: newName) }
            }
            global.say("renamed list \(name) to \(newName)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a list and its subscriptions (the members stay); refused while an event or a pending announcement uses it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The list's name.") var name: String

        func run() async throws {
            let name = name
            let subscriptions = try await global.withSession { session in
                try await session.run { store in try store.removeList(named: name) }
            }
            global.say("removed list \(name) (\(subscriptions) subscription\(subscriptions == 1 ? "" : "s"))")
        }
    }
}

/// `list list --json` and `list show --json` objects.
struct ListJSON: Encodable {
    var id: Int64
    var name: String
    var members: Int
    var left: Int
    var events: [Int64]
    var pending_announcements: [Int64]
    var created_at: Date
    var addresses: [String]?

    init(_ list: ListSummary, members addresses: [String]? = nil) {
        id = list.id
        name = list.name
        members = list.subscribed
        left = list.unsubscribed
        events = list.events
        pending_announcements = list.pendingAnnouncements
        created_at = list.createdAt
        self.addresses = addresses
    }
}
