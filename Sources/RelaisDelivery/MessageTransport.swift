import RelaisSettings
import RelaisSupport
import Foundation
import SMTP

/// How composed messages leave Relais: an SMTP relay or a folder of `.eml` files.
///
/// A transport never throws while sending: every failure is an ``SMTPOutcome`` the queue acts on
/// (deferred, throttled, failed, bounced, unknown, configuration error).
public protocol MessageTransport: Sendable {
    /// Sends one message to one recipient and says what happened.
    func send(_ envelope: Envelope) async -> SMTPOutcome

    /// Builds, sends and settles one message: `prepare` builds the envelope (nil: nothing to
    /// send), `finish` takes the outcome and must be done before the connection that sent it
    /// sends anything else. A transport with threads of its own (SMTP) runs both there, in one
    /// trip; `finish` may also get the outcome of a message never sent (paused, shutting
    /// down), without `prepare` having run. Returns `finish`'s value, or nil when `prepare` gave nothing.
    func send<Result: Sendable>(
        prepare: @escaping @Sendable () -> Envelope?, finish: @escaping @Sendable (SMTPOutcome) -> Result
    ) async -> Result?

    /// Until when the whole transport is paused because the server asked to slow down (nil if it is not).
    var throttledUntil: Date? { get }

    /// Stops taking messages; returns when those in flight have finished.
    func shutdown() async
}

extension MessageTransport {
    /// Prepares on the caller's executor, sends with ``send(_:)``, then finishes.
    public func send<Result: Sendable>(
        prepare: @escaping @Sendable () -> Envelope?, finish: @escaping @Sendable (SMTPOutcome) -> Result
    ) async -> Result? {
        guard let envelope = prepare() else { return nil }
        return finish(await send(envelope))
    }
}
