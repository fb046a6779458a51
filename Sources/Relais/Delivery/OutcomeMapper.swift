import Foundation
import SMTP
import Store

/// Turns what a transport said about one queue row into what the queue records
/// (the row's new state, the attempt for the ledger, the next try).
public struct OutcomeMapper: Sendable {
    /// Backoff and give-up age for deferred messages.
    public let retry: RetryPolicy
    /// How long rows wait after a configuration error (authentication, TLS) before they are tried again.
    public let configurationPause: TimeInterval

    /// Creates a mapper; `configurationPause` defaults to 5 minutes.
    public init(retry: RetryPolicy, configurationPause: TimeInterval = 300) {
        self.retry = retry
        self.configurationPause = configurationPause
    }

    /// The result of one attempt at `row`.
    ///
    /// - sent → `sent`.
    /// - deferred → `deferred` until the next backoff, or `failed` ("gave up after …") once the row
    ///   is `retry.maxAge` past its due time.
    /// - throttled → `queued` again at `throttledUntil`, not counted against the recipient.
    /// - failed → `failed`; bounced → `failed`, and the member is marked bounced.
    /// - unknown → `unknown`, not retried on its own (it may have arrived; `queue retry` resends it).
    /// - configuration error → `queued` again in `configurationPause`, not counted.
    public func result(
        for row: QueueRecord, outcome: SMTPOutcome, startedAt: Date, finishedAt: Date, throttledUntil: Date?
    ) -> DeliveryResult {
        let reply = outcome.reply
        var result = DeliveryResult(
            queueId: row.id ?? 0, state: .sent, outcome: outcome.name, countsAsAttempt: true, nextAttemptAt: nil,
            replyCode: reply?.code, replyEnhanced: reply?.enhancedCode, replyText: reply?.text,
            reason: outcome.description, startedAt: startedAt, finishedAt: finishedAt)
        switch outcome {
        case .sent:
            result.reason = nil
        case .deferred:
            if retry.isExpired(dueAt: row.dueAt, now: finishedAt) {
                result.state = .failed
                result.reason = "gave up after \(ConfigDuration(seconds: Int(retry.maxAge))): \(outcome.description)"
            } else {
                result.state = .deferred
                result.nextAttemptAt = retry.nextAttempt(attempts: row.attempts + 1, now: finishedAt)
            }
        case .throttled:
            result.state = .queued
            result.countsAsAttempt = false
            result.nextAttemptAt = max(throttledUntil ?? finishedAt, finishedAt)
        case .failed:
            result.state = .failed
        case .bounced:
            result.state = .failed
            result.bounceMember = true
        case .unknown:
            result.state = .unknown
        case .configurationError:
            result.state = .queued
            result.countsAsAttempt = false
            result.nextAttemptAt = finishedAt.addingTimeInterval(configurationPause)
        }
        return result
    }
}
