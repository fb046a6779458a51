import RelaisSettings
import RelaisSupport
import Foundation
import SMTP
import Synchronization

/// After an authentication or TLS error, the transport stops contacting the relay for a while:
/// retrying every queued message with a wrong password would only get the account locked.
public final class ConfigurationPause: Sendable {
    /// How long sending stops after a configuration error unless told otherwise: 5 minutes.
    public static let defaultDuration: TimeInterval = 300

    /// How long sending stops after a configuration error, in seconds.
    let duration: TimeInterval
    private let state = Mutex<(until: Date, failure: SMTPFailure)?>(nil)

    init(duration: TimeInterval) {
        self.duration = duration
    }

    /// The error to answer with instead of sending, while the pause lasts.
    func failure(now: Date) -> SMTPFailure? {
        state.withLock { state in
            guard let current = state, current.until > now else { return nil }
            return current.failure
        }
    }

    /// When the pause ends, if one is in effect.
    func until(now: Date) -> Date? {
        state.withLock { state in
            guard let current = state, current.until > now else { return nil }
            return current.until
        }
    }

    /// Starts (or extends) the pause after `outcome` if it is a configuration error; returns its
    /// end when a pause starts (nil when none was needed or one was already in effect).
    func note(_ outcome: SMTPOutcome, now: Date) -> Date? {
        guard case .configurationError(let failure) = outcome else { return nil }
        let until = now.addingTimeInterval(duration)
        return state.withLock { state in
            let wasPaused = state.map { $0.until > now } ?? false
            state = (until, failure)
            return wasPaused ? nil : until
        }
    }
}
