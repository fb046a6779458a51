import Bounces
import RelaisTestSupport
import Testing

/// The classifier on realistic DSN, ARF, mailto and human mail.
struct BounceClassifierTests {
    let classifier = BounceClassifier(
        returnPath: AddressPattern("bounces+{token}@mompreneurs.example"),
        unsubscribe: AddressPattern("unsubscribe+{token}@mompreneurs.example"))

    @Test func aFailedFiveStatusIsHard() {
        let mail = classifier.classify(BounceFixtures.dsn(
            returnPath: "bounces+abc123@mompreneurs.example", recipient: "ana@example.net", originalMessageId: "<abc123.relais@mompreneurs.example>"))
        #expect(mail.kind == .hard)
        #expect(mail.tokens == ["abc123"])
        #expect(mail.status == "5.1.1")
        #expect(mail.recipient == "ana@example.net")
        #expect(mail.originalMessageId == "<abc123.relais@mompreneurs.example>")
        #expect(mail.diagnostic?.contains("User unknown") == true)
        #expect(mail.messageId != nil)
    }

    @Test(arguments: [("failed", "4.2.2"), ("delayed", "4.4.7")])
    func aTemporaryStatusIsSoft(action: String, status: String) {
        let mail = classifier.classify(BounceFixtures.dsn(
            returnPath: "bounces+abc123@mompreneurs.example", recipient: "ana@example.net", originalMessageId: "<x@y>",
            action: action, status: status, diagnostic: "452 4.2.2 Mailbox full"))
        #expect(mail.kind == .soft)
        #expect(mail.status == status)
    }

    @Test func aSuccessNotificationIsLeftForPeople() {
        let mail = classifier.classify(BounceFixtures.dsn(
            returnPath: "bounces+abc123@mompreneurs.example", recipient: "ana@example.net", originalMessageId: "<x@y>",
            action: "delivered", status: "2.0.0"))
        #expect(mail.kind == .human)
    }

    @Test func anARFReportIsAComplaint() {
        let mail = classifier.classify(BounceFixtures.complaint(
            to: "bounces+def456@mompreneurs.example", recipient: "ana@example.net", originalMessageId: "<def456.relais@mompreneurs.example>"))
        #expect(mail.kind == .complaint)
        #expect(mail.status == "abuse")
        #expect(mail.tokens == ["def456"])
        #expect(mail.recipient == "ana@example.net")
        #expect(mail.originalMessageId == "<def456.relais@mompreneurs.example>")
    }

    @Test func aMailToTheUnsubscribeAddressUnsubscribes() {
        let mail = classifier.classify(BounceFixtures.unsubscribe(to: "unsubscribe+abc-7@mompreneurs.example", from: "ana@example.net"))
        #expect(mail.kind == .unsubscribe)
        #expect(mail.tokens == ["abc-7"])
    }

    @Test func anAutomaticReplyToTheUnsubscribeAddressIsLeftForPeople() {
        var bytes = BounceFixtures.unsubscribe(to: "unsubscribe+abc-7@mompreneurs.example", from: "ana@example.net")
        bytes = Array("Auto-Submitted: auto-replied\r\n".utf8) + bytes
        #expect(classifier.classify(bytes).kind == .human)
    }

    @Test func aReplyIsLeftForPeople() {
        #expect(classifier.classify(BounceFixtures.humanReply(from: "ana@example.net")).kind == .human)
        // And so is a DSN-looking mail without a report part.
        let bare = Array("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n".utf8)
        #expect(classifier.classify(bare).kind == .human)
    }

    @Test func patternsFindTheirToken() {
        let pattern = AddressPattern("bounces+{token}@Example.org")
        #expect(pattern?.token(in: "Bounces <BOUNCES+AbC@example.org>") == "abc")
        #expect(pattern?.token(in: "bounces+@example.org") == nil)
        #expect(pattern?.token(in: "bounces+abc@example.net") == nil)
        #expect(AddressPattern("bounces@example.org") == nil)
    }
}
