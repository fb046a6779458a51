import RelaisSettings
import RelaisSupport
import Bounces
import Foundation
import Logging
import StoreModel

/// One pass over the bounce mailbox: read what is not yet processed, classify it, record it
/// with the member change it causes (one transaction per message), then flag it processed.
///
/// Order matters for crashes: a message is flagged only after its record is committed, and a
/// message whose key is already recorded is only flagged, so a pass killed at any point loses
/// no classification and applies none twice. With `bounces.imap.processed_folder`, flagged
/// messages are then moved there (a flagged message a crash left behind moves at the next pass). Mail for people is never flagged and never
/// marked seen (it is read with `BODY.PEEK`); its mailbox position is recorded so it is not
/// read again. Blocking: run it on a thread of its own.
public struct BounceIntake: Sendable {
    /// The keyword that marks a processed message (with `\Seen`).
    public static let keyword = "$RelaisProcessed"

    let settings: BounceSettings
    let classifier: BounceClassifier
    let store: any InboundStore
    let logger: Logger

    /// An intake for `configuration`'s mailbox, recording into `store` (SQLite or PostgreSQL).
    public init(configuration: RelaisConfiguration, store: any InboundStore, logger: Logger) {
        settings = configuration.bounces
        classifier = BounceClassifier(
            returnPath: configuration.delivery.returnPath.flatMap { AddressPattern($0.pattern) },
            unsubscribe: configuration.sender.unsubscribeMailto.flatMap(AddressPattern.init))
        self.store = store
        self.logger = logger
    }

    /// Reads the mailbox once. `afterCommit` is called with the number of records committed so
    /// far, after each commit and before the message is flagged (tests stop the process there).
    public func runOnce(afterCommit: (Int) -> Void = { _ in }) throws(BounceIntakeError) -> IntakeSummary {
        let mailbox = settings.url ?? "(bounces.imap.url is not set)"
        let configuration: IMAPConfiguration
        do {
            guard let made = try settings.imapConfiguration() else {
                throw BounceIntakeError(mailbox: mailbox, reason: "bounces.imap.url and bounces.imap.user are not set", exitCode: Sysexits.config)
            }
            configuration = made
        } catch let error as BounceIntakeError {
            throw error
        } catch {
            throw BounceIntakeError(mailbox: mailbox, reason: "\(error)", exitCode: Sysexits.config)
        }
        var summary = IntakeSummary()
        var commits = 0
        do {
            let client = try IMAPClient(configuration: configuration, logger: logger)
            let (validity, uids) = try client.unprocessed(keyword: Self.keyword)
            let skip = try store.inboundPositionsLeftForPeople()
            for uid in uids {
                let position = validity.map { "\($0):\(uid)" }
                if let position, skip.contains(position) {
                    summary.leftForHumans += 1
                    continue
                }
                let bytes = try client.fetch(uid: uid)
                let report = self.report(classifier.classify(bytes), position: position, uid: uid)
                let (outcome, firstTime) = try store.recordInbound(
                    report, softLimit: settings.softLimit, softWindow: TimeInterval(settings.softWindow.seconds), now: Date())
                if firstTime {
                    commits += 1
                    afterCommit(commits)
                    count(outcome, into: &summary)
                } else if outcome.isProcessed {
                    summary.flaggedAgain += 1
                } else {
                    summary.leftForHumans += 1
                }
                if outcome.isProcessed { try client.markProcessed(uid: uid, keyword: Self.keyword) }
            }
            if let folder = settings.processedFolder {
                summary.moved = try moveProcessed(client, to: folder)
            }
        } catch let error as IMAPError {
            throw BounceIntakeError(mailbox: mailbox, error)
        } catch let error as StoreError {
            throw BounceIntakeError(mailbox: mailbox, reason: error.message, exitCode: error.exitCode)
        } catch {
            throw BounceIntakeError(mailbox: mailbox, reason: "\(error)", exitCode: Sysexits.software)
        }
        logger.info("bounce mailbox read: \(summary.line)", metadata: ["relais.bounces.flagged_again": "\(summary.flaggedAgain)"])
        return summary
    }

    /// Moves every message flagged processed that is still in the mailbox (this pass's, and
    /// any a pass killed between flag and move left) to `folder`; returns how many moved.
    /// Only flagged mail is moved, so mail for people stays where it is.
    func moveProcessed(_ client: IMAPClient, to folder: String) throws(IMAPError) -> Int {
        let uids = try client.flagged(keyword: Self.keyword)
        guard !uids.isEmpty else { return 0 }
        let capabilities = try client.capabilities()
        guard capabilities.contains("MOVE") || capabilities.contains("UIDPLUS") else {
            logger.info("the bounce mailbox's server has neither MOVE nor UIDPLUS: processed mail stays there, flagged")
            return 0
        }
        try client.ensureFolder(folder)
        let disposal = try client.move(uids: uids, to: folder, capabilities: capabilities)
        logger.info("\(uids.count) processed messages \(disposal.rawValue) to \(folder)")
        return uids.count
    }

    func count(_ outcome: InboundOutcome, into summary: inout IntakeSummary) {
        switch outcome {
        case .bounced: summary.bounced += 1
        case .counted: summary.soft += 1
        case .unsubscribed: summary.complaints += 1
        case .leftList: summary.unsubscribed += 1
        case .unmatched, .human: summary.leftForHumans += 1
        }
    }

    /// The store's view of a classified message.
    func report(_ mail: InboundMail, position: String?, uid: UInt32) -> InboundReport {
        report(mail, mailbox: position, fallbackKey: "imap:\(position ?? "?:\(uid)")")
    }

    /// The store's view of a classified message, keyed by its Message-ID, else `fallbackKey`.
    func report(_ mail: InboundMail, mailbox: String?, fallbackKey: String) -> InboundReport {
        let kind = InboundReport.Kind(rawValue: mail.kind.rawValue) ?? .human
        var report = InboundReport(key: mail.messageId ?? fallbackKey, mailbox: mailbox, kind: kind)
        if kind == .unsubscribe {
            for token in mail.tokens {
                guard let parsed = UnsubscribeMailto.parse(token: token) else { continue }
                report.tokens = [parsed.messageToken]
                report.listId = parsed.listId
                break
            }
        } else {
            report.tokens = mail.tokens
            report.originalMessageId = mail.originalMessageId
            report.recipient = mail.recipient
        }
        report.status = mail.status
        report.detail = mail.diagnostic
        return report
    }
}
