import RelaisSettings
import RelaisSupport
import Foundation
import Logging
import SMTP
import Store

/// Sends through the configured relay (`delivery.transport: smtp`) on an ``SMTPPool`` of
/// persistent connections, under the configured rate limits.
public struct SMTPTransport: MessageTransport {
    /// The connections, the limits and the throttle pause.
    public let pool: SMTPPool
    let pause: ConfigurationPause
    let logger: Logger

    /// Starts `delivery.smtp.connections` connections configured from `delivery.smtp.*`.
    ///
    /// The password is read from its file (or systemd credential) here. The per-hour and per-day
    /// caps start from the sends of the last 24 hours in `store`'s attempts ledger, so a restart
    /// does not reset them. After an authentication or TLS error the relay is left alone for
    /// `configurationPause` seconds (every send answers the same error at once). Throws a
    /// ``ConfigurationError`` naming the key at fault, or a `StoreError` when the ledger cannot be read.
    public init(
        configuration: RelaisConfiguration, store: (any DaemonStore)?, logger: Logger, configurationPause: TimeInterval = ConfigurationPause.defaultDuration, now: Date = Date()
    ) throws {
        let settings = configuration.delivery.smtp
        let smtp = try Self.smtpConfiguration(configuration)
        let limiter = try Self.rateLimiter(settings: settings, store: store, now: now)
        // Several daemons on one store keep the limits together; one daemon's limiter is enough alone.
        let limits = SendLimits(
            relay: settings.url, perSecond: settings.rate, burst: limiter.burst, perHour: settings.perHour, perDay: settings.perDay)
        var sharedLimit: (@Sendable () -> TimeInterval?)?
        if !limits.isUnlimited, let allowance = store?.sendAllowance(limits) {
            sharedLimit = { allowance.take() }
        }
        pause = ConfigurationPause(duration: configurationPause)
        self.logger = logger
        do {
            pool = try SMTPPool(
                configuration: smtp, connections: settings.connections, rateLimiter: limiter,
                sharedLimit: sharedLimit,
                throttle: ThrottlePolicy(initial: Double(settings.pause.seconds), cap: Double(settings.pauseMax.seconds)), logger: logger)
        } catch {
            throw Self.configurationError(error, path: configuration.path)
        }
    }

    /// The limits of `delivery.smtp.rate`, `per_hour` and `per_day`, counting the sends of the last
    /// 24 hours recorded in `store`'s attempts ledger (none without a store).
    public static func rateLimiter(settings: SMTPSettings, store: (any QueueStore)?, now: Date) throws(StoreError) -> RateLimiter {
        let recent = try store?.sentTimes(since: now.addingTimeInterval(-86_400)) ?? []
        let burst = max(1, Int(min(Double(settings.connections), settings.rate.rounded(.up))))
        return RateLimiter(perSecond: settings.rate, burst: burst, perHour: settings.perHour, perDay: settings.perDay, recentSends: recent)
    }

    /// Sends on the next free connection after the limits and any throttle pause; during a
    /// configuration pause, answers the configuration error without contacting the relay.
    public func send(_ envelope: Envelope) async -> SMTPOutcome {
        await send(prepare: { envelope }, finish: { $0 }) ?? .deferred(SMTPFailure(stage: .connect, message: "not sent"))
    }

    /// ``send(_:)`` in one trip to a connection's thread: `prepare` and `finish` run there
    /// (``SMTPPool/send(prepare:finish:)``).
    public func send<Result: Sendable>(
        prepare: @escaping @Sendable () -> Envelope?, finish: @escaping @Sendable (SMTPOutcome) -> Result
    ) async -> Result? {
        if let failure = pause.failure(now: Date()) {
            return await pool.settle(.configurationError(failure), finish: finish)
        }
        let pause = self.pause, logger = self.logger
        return await pool.send(prepare: prepare) { outcome in
            if let until = pause.note(outcome, now: Date()) {
                logger.error("SMTP sending paused until \(Timestamps.utc(until)): \(outcome); fix delivery.smtp.* (or the password file) and reload")
            }
            return finish(outcome)
        }
    }

    /// Until when the transport sends nothing: the relay asked to slow down, or a configuration
    /// error (authentication, TLS) paused it.
    public var throttledUntil: Date? {
        let now = Date()
        return [pool.throttledUntil, pause.until(now: now)].compactMap { $0 }.max()
    }

    /// Lets messages in flight finish and closes the connections.
    public func shutdown() async {
        await pool.shutdown()
    }
}
