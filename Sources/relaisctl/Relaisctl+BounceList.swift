import ArgumentParser
import Foundation
import Relais
import Store

extension BounceCommand {
    /// `relaisctl bounce list [--limit N] [--json]`
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What the bounce intake learnt, newest first.",
            discussion: "One row per message read (bounce fetch, bounce import or relaisd): when, kind (hard, soft, complaint, unsubscribe, people), the member's address (a dash when none matched), the DSN status or feedback type, and the queue row it is about when known."
        )

        /// One record, for --json.
        struct RecordJSON: Encodable {
            var id: Int64
            var at: Date
            var kind: String
            var outcome: String
            var member: String?
            var status: String?
            var queueId: Int64?

            enum CodingKeys: String, CodingKey {
                case id, at, kind, outcome, member, status
                case queueId = "queue_id"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(id, forKey: .id)
                try container.encode(at, forKey: .at)
                try container.encode(kind, forKey: .kind)
                try container.encode(outcome, forKey: .outcome)
                try container.encode(member, forKey: .member)
                try container.encode(status, forKey: .status)
                try container.encode(queueId, forKey: .queueId)
            }
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: "At most this many records.") var limit: Int = 50

        func validate() throws {
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        /// `people` for mail left for people, else the stored kind.
        static func kindName(_ kind: InboundReport.Kind) -> String {
            kind == .human ? "people" : kind.rawValue
        }

        func run() async throws {
            let limit = limit
            let (records, configuration) = try await global.withSession { session in
                (try await session.run { store in try store.inboundRecords(limit: limit) }, session.configuration)
            }
            if global.json {
                try CLI.printJSON(records.map {
                    RecordJSON(
                        id: $0.id, at: $0.receivedAt, kind: Self.kindName($0.kind), outcome: $0.outcome.rawValue,
                        member: $0.email, status: $0.status, queueId: $0.queueId)
                })
                return
            }
            CLI.printTable(
                ["TIME", "KIND", "MEMBER", "STATUS", "QUEUE"],
                records.map {
                    [global.show($0.receivedAt, configuration), Self.kindName($0.kind), $0.email ?? "—",
                     $0.status ?? "—", $0.queueId.map(String.init) ?? "—"]
                })
        }
    }
}
