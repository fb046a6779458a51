import ArgumentParser
import Relais
import Store

/// `ID… | --all [--state STATE]`, shared by hold, release, retry and cancel.
struct QueueSelection: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Queue ids.") var ids: [Int64] = []
    @Flag(help: "Every message (in --state, when given) the action applies to.") var all = false
    @Option(help: "With --all: only messages in this state.") var state: QueueState?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if all == !ids.isEmpty { throw ValidationError("give queue ids, or --all") }
        if state != nil && !all { throw ValidationError("--state goes with --all") }
    }

    func apply(_ action: QueueAction) async throws {
        let context = try await global.context()
        let change = CLI.run { try context.store.apply(action, ids: all ? nil : ids, state: state?.state) }
        if json {
            CLI.printJSON(["changed": change.changed.map(String.init), "refused": change.refused])
        }
        for line in change.refused { CLI.printError("relaisctl: \(line)") }
        if !change.refused.isEmpty { throw ExitCode(Sysexits.dataError) }
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
