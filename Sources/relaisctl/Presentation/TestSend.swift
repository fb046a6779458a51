import Foundation
import Relais
import Logging
import MIME
import SMTP
import Store
import Templates

/// `relaisctl send-test`: one message composed right now with the templates' sample data, sent at
/// once through the configured transport, outside the queue.
public struct TestSend: Sendable {
    /// The configuration whose sender, templates and transport are used.
    public let configuration: RelaisConfiguration

    /// A test sender for `configuration`.
    public init(configuration: RelaisConfiguration) {
        self.configuration = configuration
    }

    /// The envelope of `template` in `locale` (default: `sender.default_locale`) to `address`,
    /// with sample data, a fresh Message-ID and `now` as its date.
    ///
    /// Errors are bad data (65): an invalid address, an unsupported locale, an unknown template,
    /// a template that does not load or render.
    public func envelope(template: String, to address: String, locale: String?, now: Date = Date()) throws -> Envelope {
        let sender = configuration.sender
        let recipient = try EmailAddress(address.trimmingCharacters(in: .whitespaces))
        let tag = try MemberValidator(locales: sender.locales).validateLocale(locale ?? sender.defaultLocale)
        try TemplateNames.check(template, in: configuration.templatesDirectory)
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: configuration.templatesDirectory), locales: sender.locales,
            defaultLocale: sender.defaultLocale)
        let sample = MessageContext.sample(locale: tag)
        var request = MessagePreview(sender: sender).request(
            template: template, locale: tag,
            recipient: .init(name: sample.recipient.name, email: recipient.description, locale: tag, unsubscribeToken: nil))
        request.messageId = MessageIdentity(domain: sender.fromAddress.domain).make()
        request.date = now
        request.kind = .test
        request.listName = nil
        let composed = try MessageComposer(sender: sender, catalog: catalog).compose(request)
        return Envelope(id: "send-test", from: sender.fromAddress.description, to: recipient.description, bytes: composed.bytes)
    }

    /// How a test send starts: a transport of one connection to send through, or the outcome
    /// already known (a cap used up).
    public enum Start: Sendable {
        /// Send through this transport, then shut it down.
        case transport(any MessageTransport)
        /// Nothing to send: this is what happened.
        case refused(SMTPOutcome)
    }

    /// Builds the configured transport on one connection, reading `store`'s attempts ledger for
    /// the limits: when `delivery.smtp.per_hour` or `per_day` is already used up, the start is
    /// `throttled`, naming when sending is allowed again. On a shared store (PostgreSQL) the
    /// message takes its share of the daemons' limits, as theirs do. Call it on the store's
    /// thread: the store's calls block. Throws a ``ConfigurationError`` when the transport cannot
    /// be built (an unreadable password file).
    public func start(store: (any DaemonStore)?, logger: Logger, now: Date = Date()) throws -> Start {
        var configuration = configuration
        configuration.delivery.smtp.connections = 1
        if configuration.delivery.transport == .smtp {
            let limiter = try SMTPTransport.rateLimiter(settings: configuration.delivery.smtp, store: store, now: now)
            if let allowed = limiter.nextAllowed(now: now), allowed.timeIntervalSince(now) > 1 {
                return .refused(.throttled(SMTPFailure(
                    stage: .connect,
                    message: "delivery.smtp.per_hour/per_day limit reached; the next message may go at \(Timestamps.utc(allowed))")))
            }
        }
        return .transport(try TransportFactory.make(configuration: configuration, store: store, logger: logger))
    }

    /// Sends `envelope` as `start` says and says what happened.
    public func send(_ envelope: Envelope, _ start: Start) async -> SMTPOutcome {
        switch start {
        case .refused(let outcome):
            return outcome
        case .transport(let transport):
            let outcome = await transport.send(envelope)
            await transport.shutdown()
            return outcome
        }
    }
}
