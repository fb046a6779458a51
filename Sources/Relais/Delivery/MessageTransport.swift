import Foundation
import SMTP

/// How composed messages leave Relais: an SMTP relay or a folder of `.eml` files.
///
/// A transport never throws while sending: every failure is an ``SMTPOutcome`` the queue acts on
/// (deferred, throttled, failed, bounced, unknown, configuration error).
public protocol MessageTransport: Sendable {
    /// Sends one message to one recipient and says what happened.
    func send(_ envelope: Envelope) async -> SMTPOutcome

    /// Until when the whole transport is paused because the server asked to slow down (nil if it is not).
    var throttledUntil: Date? { get }

    /// Stops taking messages; returns when those in flight have finished.
    func shutdown() async
}
