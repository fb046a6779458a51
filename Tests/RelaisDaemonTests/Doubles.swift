import Foundation
import Relais
import SMTP
import Store
import Synchronization

/// A transport double at the `MessageTransport` seam: answers each recipient from a script
/// (a list of outcomes consumed in order; `sent` once it runs out) and records what it was given.
final class ScriptedTransport: MessageTransport {
    private let state = Mutex<(script: [String: [SMTPOutcome]], sent: [String], shutdowns: Int)>(([:], [], 0))

    init(script: [String: [SMTPOutcome]] = [:]) {
        state.withLock { $0.script = script }
    }

    func send(_ envelope: Envelope) async -> SMTPOutcome {
        state.withLock { state in
            state.sent.append(envelope.to)
            if var answers = state.script[envelope.to], !answers.isEmpty {
                let answer = answers.removeFirst()
                state.script[envelope.to] = answers
                return answer
            }
            return .sent(SMTPReply(code: 250, enhancedCode: "2.0.0", text: "OK", stage: .endOfData))
        }
    }

    var throttledUntil: Date? { nil }

    func shutdown() async {
        state.withLock { $0.shutdowns += 1 }
    }

    /// Recipients in the order they were sent to.
    var recipients: [String] { state.withLock { $0.sent } }
    /// How many times the transport was shut down.
    var shutdowns: Int { state.withLock { $0.shutdowns } }
}

/// A composer double: fixed bytes naming the row, no templates involved.
struct FixedComposer: RowComposing {
    func compose(_ row: QueueMessage) throws(CompositionError) -> [UInt8] {
        Array("Message-ID: \(row.messageId)\r\nTo: \(row.recipient)\r\n\r\nhello\r\n".utf8)
    }

    func startPass() {}
}
