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

    /// Starts `connections` workers; throws if the configuration cannot work.
    public init(
        configuration: SMTPConfiguration,
        connections: Int,
        rateLimiter: RateLimiter = .unlimited,
        throttle: ThrottlePolicy = ThrottlePolicy(),
        logger: Logger
    ) throws(SMTPConfigurationError) {
        _ = try configuration.validatedCurlURL()
        guard connections > 0 else {
            throw SMTPConfigurationError(key: "connections", problem: "must be at least 1, got \(connections)")
        }
        self.configuration = configuration
        self.connections = connections
        self.core = SMTPPoolCore(limiter: rateLimiter, throttle: throttle, workers: connections, logger: logger)
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
        await withCheckedContinuation { continuation in
            core.enqueue(SMTPPoolCore.Job(envelope: envelope, continuation: continuation))
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
