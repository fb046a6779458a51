import Foundation
import SMTP
import Testing

/// Reply parsing, outcome classification and configuration checks, without a server.
struct SMTPReplyTests {
    @Test func parsesMultiLineReplyWithEnhancedCode() throws {
        let reply = try #require(SMTPReply(lines: ["550-5.1.1 The email account does not exist.",
                                                   "550 5.1.1 Please try again."], stage: .rcpt))
        #expect(reply.code == 550)
        #expect(reply.enhancedCode == "5.1.1")
        #expect(reply.text == "The email account does not exist. / Please try again.")
    }

    @Test func ignoresEnhancedCodeOfAnotherClass() throws {
        let reply = try #require(SMTPReply(lines: ["451 5.1.1 odd"], stage: .rcpt))
        #expect(reply.enhancedCode == nil)
        #expect(reply.text == "5.1.1 odd")
        #expect(SMTPReply(lines: ["hello"], stage: .greeting) == nil)
    }

    @Test(arguments: [
        ("421 4.7.0 Try again later", SMTPStage.mail, "throttled"),
        ("454 4.7.0 Too many login attempts", .auth, "throttled"),
        ("451 4.7.1 Rate limit exceeded, slow down", .rcpt, "throttled"),
        ("450 4.2.1 Too many messages for this mailbox", .rcpt, "throttled"),
        ("452 4.3.1 Insufficient system storage", .mail, "relay"),
        ("452 4.3.1 Insufficient system storage", .rcpt, "deferred"),
        // Refusals of the sender or before any recipient are the relay's, never the recipient's.
        ("550 5.1.1 <bonjour@example.org>: Sender address rejected: User unknown", .mail, "relay"),
        ("550 5.1.1 <bonjour@example.org>: Sender address rejected: User unknown", .rcpt, "relay"),
        ("550 Sender address does not exist", .mail, "relay"),
        ("554 5.7.1 Access denied", .greeting, "relay"),
        ("550 5.7.1 Relaying denied", .ehlo, "relay"),
        // Sending quotas pause the transport whatever their class; a full mailbox is the recipient's.
        ("550 5.4.5 Daily user sending quota exceeded", .rcpt, "throttled"),
        ("550 5.4.5 Daily user sending quota exceeded", .mail, "throttled"),
        ("554 5.7.0 Too many messages sent, try again later", .endOfData, "throttled"),
        ("552 5.2.2 Mailbox full, quota exceeded", .rcpt, "failed"),
        ("452 4.2.2 Mailbox full", .rcpt, "deferred"),
        ("451 4.7.1 Greylisted, please retry", .rcpt, "deferred"),
        ("550 5.1.1 No such user", .rcpt, "bounced"),
        ("550 5.1.10 Recipient not found", .rcpt, "bounced"),
        ("552 5.2.1 Mailbox disabled", .rcpt, "bounced"),
        ("550 User unknown", .rcpt, "bounced"),
        ("550 no such user here", .rcpt, "bounced"),
        ("550 Requested action not taken", .rcpt, "failed"),
        ("554 5.7.1 Message rejected as spam", .endOfData, "failed"),
        ("535 5.7.8 Authentication credentials invalid", .auth, "configuration"),
        ("534 5.7.9 Application-specific password required", .auth, "configuration"),
        ("530 5.7.0 Authentication required", .mail, "configuration"),
    ])
    func classifiesReplies(line: String, stage: SMTPStage, expected: String) throws {
        let reply = try #require(SMTPReply(lines: [line], stage: stage))
        #expect(SMTPOutcome.classify(reply: reply).name == expected)
    }

    @Test func descriptionsNameStageAndReply() throws {
        let reply = try #require(SMTPReply(lines: ["450 4.2.1 Mailbox busy"], stage: .rcpt))
        let text = SMTPOutcome.classify(reply: reply).description
        #expect(text.contains("rcpt") && text.contains("450 4.2.1 Mailbox busy"))
        #expect(!text.contains("\n"))
    }

    @Test func configurationValidation() throws {
        func url(_ string: String, helo: String? = "relais.test") throws -> String {
            try SMTPConfiguration(url: URL(string: string)!, helo: helo).validatedCurlURL()
        }
        #expect(try url("smtp://mail.example.org:2525") == "smtp://mail.example.org:2525/relais.test")
        #expect(try url("smtps://mail.example.org") == "smtps://mail.example.org:465/relais.test")
        #expect(try url("smtp://mail.example.org") == "smtp://mail.example.org:587/relais.test")
        #expect(throws: SMTPConfigurationError.self) { try url("http://mail.example.org") }
        #expect(throws: SMTPConfigurationError.self) { try url("smtp://user:pw@mail.example.org") }
        #expect(throws: SMTPConfigurationError.self) { try url("smtp://mail.example.org/helo") }
        #expect(throws: SMTPConfigurationError.self) { try url("smtp://mail.example.org", helo: "bad name") }
        let missingCA = SMTPConfiguration(url: URL(string: "smtp://h")!, caFile: "/nonexistent/ca.pem")
        #expect(throws: SMTPConfigurationError.self) { try missingCA.validatedCurlURL() }
    }

    @Test func configurationDescriptionHidesPassword() {
        let config = SMTPConfiguration(url: URL(string: "smtp://h:25")!, username: "u", password: "s3cr3t")
        #expect(!config.description.contains("s3cr3t"))
        #expect(!String(reflecting: config).contains("s3cr3t"))
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.contains("s3cr3t"))
    }
}
