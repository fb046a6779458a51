import ArgumentParser
import Foundation
import Relais
import Store

/// `ID… | --all [--state STATE]`, shared by hold, release, retry and cancel.
struct QueueSelection: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Queue ids.") var ids: [Int64] = []
    @Flag(help: "Every message (in --state, when given) the action applies to.") var all = false
    @Option(help: "Only messages in this state (implies --all).") var state: QueueState?
    @Option(help: ArgumentHelp(
        "Only messages last changed since then (implies --all): a duration ago (2h) or a time (2026-11-30T10:00, local).",
        valueName: "when")) var since: SinceArgument?

    /// Every message matching the filters: `--all`, or a filter without ids.
    var selectsAll: Bool { all || (ids.isEmpty && (state != nil || since != nil)) }

    func validate() throws {
        if selectsAll == !ids.isEmpty { throw ValidationError("give queue ids, or --all (or --state / --since)") }
        if (state != nil || since != nil) && !ids.isEmpty { throw ValidationError("--state and --since select messages: give them without ids") }
    }

    func apply(_ action: QueueAction) async throws {
        let ids = selectsAll ? nil : ids, state = state?.state, since = since?.date
        let change = try await global.withSession { session in
            try await session.run { store in try store.apply(action, ids: ids, state: state, since: since, now: Date()) }
        }
        if global.json {
            try CLI.printJSON(QueueChangeJSON(changed: change.changed, refused: change.refused))
        } else {
            let count = change.changed.count
            global.say("\(action.pastTense) \(count) message\(count == 1 ? "" : "s")")
        }
        for line in change.refused { CLI.printError("relaisctl: \(line)") }
        if !change.refused.isEmpty { throw ExitCode(Sysexits.dataError) }
    }
}

/// `queue hold|release|retry|cancel --json`: the ids changed (numbers) and one line per id refused.
struct QueueChangeJSON: Encodable {
    var changed: [Int64]
    var refused: [String]
}

extension QueueAction {
    /// `held`, `released`, `retried`, `cancelled`: the verb of the feedback line.
    var pastTense: String {
        switch self {
        case .hold: "held"
        case .release: "released"
        case .retry: "retried"
        case .cancel: "cancelled"
        }
    }
}

/// A queue state as an argument.
struct QueueState: ExpressibleByArgument {
    let state: QueueMessage.State

    init?(argument: String) {
        guard let state = QueueMessage.State(rawValue: argument) else { return nil }
        self.state = state
    }

    static var allValueStrings: [String] { QueueMessage.State.allCases.map(\.rawValue) }
}
