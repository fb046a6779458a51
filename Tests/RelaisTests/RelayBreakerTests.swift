import Foundation
@testable import Relais
@testable import RelaisDelivery
import SMTP
import Testing

/// The relay-wide breaker: one refusal repeated across recipients is the relay's, not theirs.
@Suite struct RelayBreakerTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let breaker = RelayBreaker(threshold: 3, pause: ThrottlePolicy(initial: 60, cap: 600), random: { 1 })

    func refusal(_ address: String, _ text: String = "Requested action not taken: mailbox unavailable (quota 1234)") -> SMTPOutcome {
        .failed(SMTPReply(code: 550, enhancedCode: "5.7.1", text: "<\(address)>: \(text)", stage: .rcpt))
    }

    @Test func sameRefusalForDifferentRecipientsTripsAndPutsTheStreakBack() {
        #expect(breaker.observe(id: 1, recipient: "a@x.org", outcome: refusal("a@x.org"), now: t0) == .charged)
        #expect(breaker.observe(id: 2, recipient: "b@x.org", outcome: refusal("b@x.org"), now: t0) == .charged)
        let verdict = breaker.observe(id: 3, recipient: "c@x.org", outcome: refusal("c@x.org"), now: t0)
        guard case .relayWide(let ids, let until, _, let tripped) = verdict else {
            Issue.record("expected a trip, got \(verdict)")
            return
        }
        #expect(ids == [1, 2, 3] && tripped)
        #expect(until == t0.addingTimeInterval(60))
        #expect(breaker.pausedUntil(now: t0) == until)
        // A straggler of the same refusal is put back too, without a second trip.
        let late = breaker.observe(id: 4, recipient: "d@x.org", outcome: refusal("d@x.org"), now: t0.addingTimeInterval(1))
        #expect(late == .relayWide(reopen: [4], until: until, reply: "550 5.7.1 <c@x.org>: Requested action not taken: mailbox unavailable (quota 1234)", tripped: false))
        #expect(breaker.pausedUntil(now: until) == nil)
    }

    @Test func aSendBetweenRefusalsBreaksTheStreak() {
        let sent = SMTPOutcome.sent(SMTPReply(code: 250, text: "ok", stage: .endOfData))
        _ = breaker.observe(id: 1, recipient: "a@x.org", outcome: refusal("a@x.org"), now: t0)
        _ = breaker.observe(id: 2, recipient: "b@x.org", outcome: refusal("b@x.org"), now: t0)
        #expect(breaker.observe(id: 3, recipient: "e@x.org", outcome: sent, now: t0) == .charged)
        #expect(breaker.observe(id: 4, recipient: "c@x.org", outcome: refusal("c@x.org"), now: t0) == .charged)
        #expect(breaker.pausedUntil(now: t0) == nil)
    }

    @Test func differentRefusalsAndTheSameRecipientDoNotTrip() {
        _ = breaker.observe(id: 1, recipient: "a@x.org", outcome: refusal("a@x.org"), now: t0)
        _ = breaker.observe(id: 2, recipient: "a@x.org", outcome: refusal("a@x.org"), now: t0)
        _ = breaker.observe(id: 3, recipient: "b@x.org", outcome: refusal("b@x.org", "Message rejected as spam"), now: t0)
        #expect(breaker.observe(id: 4, recipient: "c@x.org", outcome: refusal("c@x.org"), now: t0) == .charged)
        // Deferrals neither extend nor break a streak.
        let deferred = SMTPOutcome.deferred(SMTPFailure(stage: .rcpt, message: "greylisted"))
        #expect(breaker.observe(id: 5, recipient: "d@x.org", outcome: deferred, now: t0) == .charged)
        #expect(breaker.observe(id: 6, recipient: "e@x.org", outcome: refusal("e@x.org", "Message rejected as spam"), now: t0) == .charged)
        #expect(breaker.pausedUntil(now: t0) == nil)
    }

    @Test func signatureIgnoresAddressesAndNumbersOnly() {
        let one = SMTPReply(code: 550, enhancedCode: "5.1.1", text: "<ana@x.org>: user unknown in table 12", stage: .rcpt)
        let two = SMTPReply(code: 550, enhancedCode: "5.1.1", text: "<ben@y.org>: User unknown in table 7", stage: .rcpt)
        let other = SMTPReply(code: 550, enhancedCode: "5.1.2", text: "<ben@y.org>: User unknown in table 7", stage: .rcpt)
        #expect(RelayBreaker.signature(one) == RelayBreaker.signature(two))
        #expect(RelayBreaker.signature(one) != RelayBreaker.signature(other))
    }
}
