import RelaisSettings
import RelaisSupport
import Foundation
import SMTP
import Synchronization

/// Notices when the same permanent refusal hits several different recipients in a row: then the
/// relay (a sender it refuses, a quota it words as a 5xx) is at fault, not the recipients.
///
/// Outcomes are observed after they are committed. When the streak reaches ``threshold`` the
/// breaker trips: the rows of the streak are to be put back (``Verdict/relayWide(reopen:until:reply:tripped:)``),
/// sending pauses with backoff, and later results carrying the same reply are put back too,
/// until a message is accepted again. Other outcomes (deferrals, throttling) neither extend
/// nor break a streak.
public final class RelayBreaker: Sendable {
    /// What to do with one committed outcome.
    public enum Verdict: Equatable, Sendable {
        /// Leave it as recorded: the recipient's own outcome.
        case charged
        /// Put these rows back, due at `until`; `tripped` is true for the outcome that tripped
        /// the breaker (log it), false for a straggler of the same refusal.
        case relayWide(reopen: [Int64], until: Date, reply: String, tripped: Bool)
    }

    private struct State {
        var signature: String?
        var streak: [(id: Int64, recipient: String)] = []
        var tripped: (signature: String, until: Date, reply: String)?
        var level = 0
    }

    /// Identical refusals to this many different recipients in a row trip the breaker.
    public let threshold: Int
    private let pause: ThrottlePolicy
    private let random: @Sendable () -> Double
    private let state = Mutex(State())

    /// A breaker that trips after `threshold` identical refusals and pauses per `pause`.
    public init(threshold: Int, pause: ThrottlePolicy, random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.threshold = max(2, threshold)
        self.pause = pause
        self.random = random
    }

    /// Until when sending is paused after a trip, if it is.
    public func pausedUntil(now: Date) -> Date? {
        state.withLock { $0.tripped.flatMap { $0.until > now ? $0.until : nil } }
    }

    /// The refusal that tripped the breaker, while its pause lasts.
    public func pauseReason(now: Date) -> String? {
        state.withLock { $0.tripped.flatMap { $0.until > now ? $0.reply : nil } }
    }

    /// Observes the committed outcome of row `id` to `recipient`.
    public func observe(id: Int64, recipient: String, outcome: SMTPOutcome, now: Date) -> Verdict {
        state.withLock { state in
            switch outcome {
            case .sent:
                state = State()
                return .charged
            case .failed(let reply), .bounced(let reply):
                let signature = Self.signature(reply)
                if let tripped = state.tripped, tripped.signature == signature {
                    return .relayWide(reopen: [id], until: max(tripped.until, now), reply: tripped.reply, tripped: false)
                }
                if state.signature == signature {
                    if !state.streak.contains(where: { $0.recipient == recipient }) { state.streak.append((id, recipient)) }
                } else {
                    state.signature = signature
                    state.streak = [(id, recipient)]
                }
                guard state.streak.count >= threshold else { return .charged }
                let until = now.addingTimeInterval(pause.pause(level: state.level, jitter: random()))
                state.level += 1
                state.tripped = (signature, until, reply.line)
                let ids = state.streak.map(\.id)
                state.signature = nil
                state.streak = []
                return .relayWide(reopen: ids, until: until, reply: reply.line, tripped: true)
            default:
                return .charged
            }
        }
    }

    /// The reply with what varies per recipient taken out: addresses, numbers, case.
    static func signature(_ reply: SMTPReply) -> String {
        var text = ""
        var inBrackets = false
        for character in reply.text.lowercased() {
            if character == "<" { inBrackets = true; text.append("<"); continue }
            if character == ">" { inBrackets = false; text.append(">"); continue }
            if inBrackets { continue }
            if character.isNumber {
                if text.last != "#" { text.append("#") }
            } else {
                text.append(character)
            }
        }
        let words = text.split(separator: " ").map { $0.contains("@") ? "@" : String($0) }
        return "\(reply.code) \(reply.enhancedCode ?? "") \(words.joined(separator: " "))"
    }
}
