import Foundation
import Relais
import SMTP
import Store
import Testing

/// RetryPolicy and OutcomeMapper: what the queue is told after each kind of outcome.
@Suite struct DeliveryTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    /// The documented numbers (README, delivery.retry.*): 5 min, doubling, capped at 4 h, give up after 5 days.
    func policy(random: Double = 0.5) -> RetryPolicy {
        RetryPolicy(first: 5 * 60, maxDelay: 4 * 3600, maxAge: 5 * 86_400, random: { random })
    }

    func row(attempts: Int = 0, due: Date? = nil) -> Stored<QueueMessage> {
        var row = QueueMessage(
            idempotencyKey: "k", kind: "announcement", source: "announcement:1", memberId: 7, recipient: "ana@example.org",
            recipientName: "Ana", locale: "es", template: "newsletter", payload: nil, dueAt: due ?? t0, notAfter: nil,
            messageId: "<m@relais.test>", now: due ?? t0)
        row.attempts = attempts
        return Stored(id: 42, row)
    }

    @Test func retryDoublesFromFiveMinutesAndCapsAtFourHours() {
        let minutes = (1...9).map { policy().nextAttempt(attempts: $0, now: t0).timeIntervalSince(t0) / 60 }
        #expect(minutes == [5, 10, 20, 40, 80, 160, 240, 240, 240])
        // A huge attempt count does not overflow.
        #expect(policy().nextAttempt(attempts: 10_000, now: t0).timeIntervalSince(t0) == 4 * 3600)
    }

    @Test func jitterStaysWithinTenPercent() {
        let low = policy(random: 0).nextAttempt(attempts: 3, now: t0).timeIntervalSince(t0)
        let high = policy(random: 0.999_999).nextAttempt(attempts: 3, now: t0).timeIntervalSince(t0)
        #expect(abs(low - 20 * 60 * 0.9) < 0.001)
        #expect(high < 20 * 60 * 1.1 && high > 20 * 60 * 1.099)
        let real = RetryPolicy(first: 300, maxDelay: 14_400, maxAge: 432_000)
        for attempts in 1...8 {
            let delay = real.nextAttempt(attempts: attempts, now: t0).timeIntervalSince(t0)
            let base = real.baseDelay(attempts: attempts)
            #expect(delay >= base * 0.9 && delay <= base * 1.1)
        }
    }

    @Test func expiresFiveDaysAfterTheDueTime() {
        #expect(!policy().isExpired(dueAt: t0, now: t0.addingTimeInterval(5 * 86_400 - 1)))
        #expect(policy().isExpired(dueAt: t0, now: t0.addingTimeInterval(5 * 86_400)))
    }

    func map(_ outcome: SMTPOutcome, row: Stored<QueueMessage>? = nil, throttledUntil: Date? = nil, finished: Date? = nil) -> DeliveryResult {
        OutcomeMapper(retry: policy()).result(
            for: row ?? self.row(), outcome: outcome, startedAt: t0, finishedAt: finished ?? t0.addingTimeInterval(2),
            throttledUntil: throttledUntil)
    }

    @Test func sentCopiesTheReplyAndHasNoReason() {
        let result = map(.sent(SMTPReply(code: 250, enhancedCode: "2.0.0", text: "Ok: queued as ABC", stage: .endOfData)))
        #expect(result.queueId == 42 && result.state == .sent && result.outcome == "sent" && result.countsAsAttempt)
        #expect(result.replyCode == 250 && result.replyEnhanced == "2.0.0" && result.replyText == "Ok: queued as ABC")
        #expect(result.reason == nil && result.nextAttemptAt == nil && !result.bounceMember)
        #expect(result.startedAt == t0 && result.finishedAt == t0.addingTimeInterval(2))
    }

    @Test func deferredRetriesAtTheNextBackoff() {
        let reply = SMTPReply(code: 452, enhancedCode: "4.2.2", text: "Mailbox full", stage: .rcpt)
        let result = map(.deferred(SMTPFailure(stage: .rcpt, reply: reply, message: "temporary failure")), row: row(attempts: 2))
        #expect(result.state == .deferred && result.outcome == "deferred" && result.countsAsAttempt)
        // The third counted attempt failed: next try 20 minutes after it finished.
        #expect(result.nextAttemptAt == t0.addingTimeInterval(2 + 20 * 60))
        #expect(result.replyCode == 452 && result.replyEnhanced == "4.2.2" && result.replyText == "Mailbox full")
        #expect(result.reason?.contains("452 4.2.2 Mailbox full") == true && result.reason?.contains("rcpt") == true)
    }

    @Test func deferredPastTheMaximumAgeFails() {
        let failure = SMTPFailure(stage: .connect, curlCode: 7, message: "Could not connect to server")
        let result = map(.deferred(failure), row: row(attempts: 30), finished: t0.addingTimeInterval(5 * 86_400 + 60))
        #expect(result.state == .failed && result.outcome == "deferred" && result.countsAsAttempt)
        #expect(result.reason?.hasPrefix("gave up after 5d") == true)
        #expect(result.reason?.contains("Could not connect to server") == true)
        #expect(result.nextAttemptAt == nil && result.replyCode == nil)
    }

    @Test func throttledWaitsForThePauseWithoutCounting() {
        let reply = SMTPReply(code: 454, enhancedCode: "4.7.0", text: "Too many login attempts", stage: .auth)
        let until = t0.addingTimeInterval(95)
        let result = map(.throttled(SMTPFailure(stage: .auth, reply: reply, message: "server asks to slow down")), throttledUntil: until)
        #expect(result.state == .queued && result.outcome == "throttled" && !result.countsAsAttempt)
        #expect(result.nextAttemptAt == until)
        #expect(result.replyCode == 454 && result.replyText == "Too many login attempts")
        // Without a pause in effect any more, it is due again at once rather than in the past.
        let noPause = map(.throttled(SMTPFailure(stage: .mail, reply: reply, message: "x")), throttledUntil: nil)
        #expect(noPause.nextAttemptAt == t0.addingTimeInterval(2))
    }

    @Test func failedAndBouncedAreFinalAndOnlyBounceMarksTheMember() {
        let rejected = SMTPReply(code: 554, enhancedCode: "5.7.1", text: "Message rejected as spam", stage: .endOfData)
        let failed = map(.failed(rejected))
        #expect(failed.state == .failed && failed.outcome == "failed" && failed.countsAsAttempt && !failed.bounceMember)
        #expect(failed.reason?.contains("554 5.7.1 Message rejected as spam") == true)
        #expect(failed.replyEnhanced == "5.7.1")

        let noUser = SMTPReply(code: 550, enhancedCode: "5.1.1", text: "No such user", stage: .rcpt)
        let bounced = map(.bounced(noUser))
        #expect(bounced.state == .failed && bounced.outcome == "bounced" && bounced.countsAsAttempt && bounced.bounceMember)
        #expect(bounced.replyCode == 550 && bounced.replyEnhanced == "5.1.1" && bounced.replyText == "No such user")
        #expect(bounced.nextAttemptAt == nil)
    }

    @Test func unknownIsSentAgainAfterTheDelayWithTheSameMessage() {
        let failure = SMTPFailure(stage: .endOfData, curlCode: 28, message: "connection lost after the whole message was sent")
        let result = map(.unknown(failure))
        #expect(result.state == .deferred && result.outcome == "unknown" && result.countsAsAttempt)
        #expect(result.nextAttemptAt == t0.addingTimeInterval(2 + 3600))
        #expect(result.reason?.contains("may have been delivered") == true)
        #expect(result.reason?.contains("same Message-ID") == true)
    }

    @Test func unknownIsHeldForAnOperatorWhenConfigured() {
        let failure = SMTPFailure(stage: .endOfData, curlCode: 28, message: "connection lost after the whole message was sent")
        let row = self.row()
        let result = OutcomeMapper(retry: policy(), unknownPolicy: .hold).result(
            for: row, outcome: .unknown(failure), startedAt: t0, finishedAt: t0.addingTimeInterval(2), throttledUntil: nil)
        #expect(result.state == .unknown && result.nextAttemptAt == nil)
        #expect(result.reason?.contains("queue retry") == true)
    }

    @Test func relayFaultsAreNotChargedToTheRecipient() {
        let reply = SMTPReply(code: 550, enhancedCode: "5.1.1", text: "<bonjour@example.org>: Sender address rejected", stage: .mail)
        let pauseEnd = t0.addingTimeInterval(60)
        let result = OutcomeMapper(retry: policy()).result(
            for: row(), outcome: .relay(SMTPFailure(stage: .mail, reply: reply, message: "refused")), startedAt: t0,
            finishedAt: t0.addingTimeInterval(2), throttledUntil: pauseEnd)
        #expect(result.state == .queued && !result.countsAsAttempt && !result.bounceMember)
        #expect(result.nextAttemptAt == pauseEnd)
    }

    @Test func configurationErrorPausesFiveMinutesWithoutCounting() {
        let reply = SMTPReply(code: 535, enhancedCode: "5.7.8", text: "Authentication credentials invalid", stage: .auth)
        let result = map(.configurationError(SMTPFailure(stage: .auth, reply: reply, message: "AUTH rejected: check username and password")))
        #expect(result.state == .queued && result.outcome == "configuration" && !result.countsAsAttempt)
        #expect(result.nextAttemptAt == t0.addingTimeInterval(2 + 300))
        #expect(result.replyCode == 535 && result.replyEnhanced == "5.7.8")
        #expect(result.reason?.contains("AUTH") == true)
    }

    @Test func everyOutcomeNameIsOneTheLedgerKnows() {
        let reply = SMTPReply(code: 250, text: "ok", stage: .endOfData)
        let failure = SMTPFailure(stage: .mail, message: "x")
        let outcomes: [SMTPOutcome] = [.sent(reply), .deferred(failure), .throttled(failure), .failed(reply), .bounced(reply), .unknown(failure), .configurationError(failure), .relay(failure)]
        #expect(outcomes.map { map($0).outcome } == ["sent", "deferred", "throttled", "failed", "bounced", "unknown", "configuration", "relay"])
    }
}
