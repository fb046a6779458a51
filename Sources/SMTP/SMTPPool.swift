import Foundation
import Logging

/// N persistent SMTP connections, each owned by a worker on its own thread (libcurl blocks),
/// fed by one queue, sharing the rate limits and the throttle pause.
public final class SMTPPool: Sendable {
    /// The configuration every connection uses.
    public let configuration: SMTPConfiguration
    /// Number of connections (worker threads).
    public let connections: Int
    let core: SMTPPoolCore

    /// Starts `connections` workers; throws if the configuration cannot work. `sharedLimit`, when
    /// given, is asked before each message for its share of limits kept with other senders (nil:
    /// taken; else the seconds to wait), after `rateLimiter`.
    public init(
        configuration: SMTPConfiguration,
        connections: Int,
        rateLimiter: RateLimiter = .unlimited,
        sharedLimit: (@Sendable () -> TimeInterval?)? = nil,
        throttle: ThrottlePolicy = ThrottlePolicy(),
        logger: Logger
    ) throws(SMTPConfigurationError) {
        _ = try configuration.validatedCurlURL()
        guard connections > 0 else {
            throw SMTPConfigurationError(key: "connections", problem: "must be at least 1, got \(connections)")
        }
        self.configuration = configuration
        self.connections = connections
        self.core = SMTPPoolCore(limiter: rateLimiter, sharedLimit: sharedLimit, throttle: throttle, workers: connections, logger: logger)
        for index in 0..<connections {
            let thread = Thread { [core, configuration] in
                core.runWorker(index: index, configuration: configuration)
            }
            thread.name = "relais-smtp-\(index)"
            thread.start()
        }
    }

    deinit {
        core.beginShutdown()
    }

    /// Sends one envelope on the next free connection, after the rate limits and any throttle pause.
    public func send(_ envelope: Envelope) async -> SMTPOutcome {
        await send(prepare: { envelope }, finish: { $0 }) ?? .deferred(SMTPFailure(stage: .connect, message: "not sent"))
    }

    /// Builds, sends and settles one message on a worker thread, in one trip: once a connection
    /// is free and the limits allow it, `prepare` builds the envelope on that connection's
    /// thread (nil: nothing to send), the message is sent, and `finish` receives the outcome on
    /// the same thread before the connection takes another message. So work that must happen
    /// between two messages of a connection (recording the outcome durably) happens there,
    /// without a round trip through the caller's executor. `finish` also receives the outcome
    /// of a message that was never sent (postponed by a pause or a limit, dropped at shutdown),
    /// without `prepare` having run. Returns `finish`'s value, or nil when `prepare` gave nothing.
    public func send<Result: Sendable>(
        prepare: @escaping @Sendable () -> Envelope?, finish: @escaping @Sendable (SMTPOutcome) -> Result
    ) async -> Result? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result?, Never>) in
            let settled = SettledValue<Result>()
            core.enqueue(SMTPPoolCore.Job(
                prepare: prepare,
                finish: { settled.value = finish($0) },
                done: { continuation.resume(returning: settled.value) }))
        }
    }

    /// Settles a message that will not be sent (`outcome` is known without the relay: a
    /// configuration pause) the way ``send(prepare:finish:)`` does: `finish` runs on a thread of
    /// the pool's, never the caller's, since it may block. Returns `finish`'s value.
    public func settle<Result: Sendable>(
        _ outcome: SMTPOutcome, finish: @escaping @Sendable (SMTPOutcome) -> Result
    ) async -> Result {
        await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
            let settled = SettledValue<Result>()
            core.complete(
                [SMTPPoolCore.Job(prepare: { nil }, finish: { settled.value = finish($0) }, done: { continuation.resume(returning: settled.value!) })],
                with: outcome)
        }
    }

    /// Until when the whole transport is paused because a server asked to slow down (nil if not paused).
    public var throttledUntil: Date? { core.throttledUntil(now: Date()) }

    /// Envelopes waiting for a connection.
    public var waiting: Int { core.waitingCount }

    /// Envelopes being sent right now.
    public var inFlight: Int { core.inFlightCount }

    /// Stops taking envelopes: those still waiting come back as deferred, those in flight finish;
    /// returns when every worker thread has ended.
    public func shutdown() async {
        await withCheckedContinuation { continuation in
            core.shutdown(whenDone: continuation)
        }
    }
}
