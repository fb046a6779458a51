import RelaisSettings
import RelaisSupport
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
    /// Whether a message that may have arrived is sent again on its own, or held for an operator.
    public let unknownPolicy: DeliverySettings.UnknownPolicy
    /// How long such a message waits before it is sent again.
    public let unknownDelay: TimeInterval

    /// Creates a mapper; `configurationPause` defaults to 5 minutes, `unknownDelay` to 1 hour.
    public init(
        retry: RetryPolicy, configurationPause: TimeInterval = ConfigurationPause.defaultDuration,
        unknownPolicy: DeliverySettings.UnknownPolicy = .retry, unknownDelay: TimeInterval = 3600
    ) {
        self.retry = retry
        self.configurationPause = configurationPause
        self.unknownPolicy = unknownPolicy
        self.unknownDelay = unknownDelay
    }

    /// The mapper of `delivery.retry.*`.
    public init(settings: DeliverySettings) {
        self.init(
            retry: RetryPolicy(settings: settings), unknownPolicy: settings.unknownPolicy,
            unknownDelay: settings.unknownDelay.timeInterval)
    }

    /// The result of one attempt at `row`.
    ///
    /// - sent → `sent`.
    /// - deferred → `deferred` until the next backoff, or `failed` ("gave up after …") once the row
    ///   is `retry.maxAge` past its due time.
    /// - throttled or relay → `queued` again at `throttledUntil`, not counted against the recipient.
    /// - failed → `failed`; bounced → `failed`, and the member is marked bounced.
    /// - unknown (the connection was lost before the final reply) → `deferred` until `unknownDelay`
    ///   has passed, then sent again with the same bytes and Message-ID (receivers deduplicate);
    ///   with the `hold` policy, `unknown` until an operator decides.
    /// - configuration error → `queued` again in `configurationPause`, not counted.
    public func result(
        for row: Stored<QueueMessage>, outcome: SMTPOutcome, startedAt: Date, finishedAt: Date, throttledUntil: Date?
    ) -> DeliveryResult {
        let reply = outcome.reply
        var result = DeliveryResult(
            queueId: row.id, state: .sent, outcome: outcome.name, countsAsAttempt: true, nextAttemptAt: nil,
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
        case .throttled, .relay:
            result.state = .queued
            result.countsAsAttempt = false
            result.nextAttemptAt = max(throttledUntil ?? finishedAt, finishedAt)
        case .failed:
            result.state = .failed
        case .bounced:
            result.state = .failed
            result.bounceMember = true
        case .unknown:
            switch unknownPolicy {
            case .hold:
                result.state = .unknown
                result.reason = "\(outcome.description); held: it may have arrived (relaisctl queue retry or cancel)"
            case .retry:
                result.state = .deferred
                result.nextAttemptAt = finishedAt.addingTimeInterval(unknownDelay)
                result.reason = "\(outcome.description); sent again after \(ConfigDuration(seconds: Int(unknownDelay))) with the same Message-ID"
            }
        case .configurationError:
            result.state = .queued
            result.countsAsAttempt = false
            result.nextAttemptAt = finishedAt.addingTimeInterval(configurationPause)
        }
        return result
    }
}
