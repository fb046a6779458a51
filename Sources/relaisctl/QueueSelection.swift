import ArgumentParser
import Relais
import Store

/// `ID… | --all [--state STATE]`, shared by hold, release, retry and cancel.
struct QueueSelection: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Queue ids.") var ids: [Int64] = []
    @Flag(help: "Every message (in --state, when given) the action applies to.") var all = false
    @Option(help: "With --all: only messages in this state.") var state: QueueState?

    func validate() throws {
        if all == !ids.isEmpty { throw ValidationError("give queue ids, or --all") }
        if state != nil && !all { throw ValidationError("--state goes with --all") }
    }

    func apply(_ action: QueueAction) async throws {
        let context = try await global.context()
        let change = try context.store.apply(action, ids: all ? nil : ids, state: state?.state)
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
    let state: QueueRecord.State

    init?(argument: String) {
        guard let state = QueueRecord.State(rawValue: argument) else { return nil }
        self.state = state
    }

    static var allValueStrings: [String] { QueueRecord.State.allCases.map(\.rawValue) }
}
