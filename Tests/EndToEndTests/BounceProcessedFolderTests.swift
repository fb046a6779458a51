import Foundation
import RelaisTestSupport
import Testing

/// `bounces.imap.processed_folder` against a real Dovecot: processed reports leave INBOX for
/// the folder (created when missing) once recorded, with `UID MOVE`, or `UID COPY` + `UID
/// EXPUNGE` on a server that only has UIDPLUS, or stay flagged on one that has neither; mail
/// for people never moves.
@Suite(.blocking, .serialized, .enabled(if: DovecotServer.isInstalled, "dovecot-imapd is not installed (scripts/install-deps.sh test)"))
struct BounceProcessedFolderTests {
    static let folder = "Relais/Processed"

    /// Capabilities Dovecot 2.3 announces after login, without MOVE (and without UIDPLUS when asked).
    static func olderServer(uidplus: Bool) -> String {
        "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT THREAD=REFERENCES LITERAL+ NAMESPACE" + (uidplus ? " UIDPLUS" : "")
    }

    struct Mailbox {
        let imap: DovecotServer
        let sandbox: Sandbox
        let dsn: String
        let complaint: String
        let reply: String
    }

    /// Ana and Bea as members; a hard DSN about Ana, a complaint about Bea and a reply in INBOX.
    func mailbox(capabilities: String? = nil) throws -> Mailbox {
        let imap = try DovecotServer(capabilities: capabilities)
        let sandbox = Sandbox(extraYAML: """
            bounces:
              imap:
                url: \(imap.url)
                tls: none
                user: \(imap.user)
                password_file: imap-password
                processed_folder: \(Self.folder)
            """)
        sandbox.directory.write("imap-password", imap.password + "\n")
        chmod(sandbox.directory.file("imap-password"), 0o600)
        for (email, name) in [("ana@example.org", "Ana"), ("bea@example.org", "Bea")] {
            let add = try sandbox.ctl(["member", "add", email, "--name", name, "--locale", "fr"])
            try #require(add.status == 0, "\(add.stderr)")
        }
        let dsn = try imap.deliver(BounceFixtures.dsn(
            returnPath: "bounces@mompreneurs.example", recipient: "ana@example.org", originalMessageId: "<a@mompreneurs.example>"))
        let complaint = try imap.deliver(BounceFixtures.complaint(
            to: "bounces@mompreneurs.example", recipient: "bea@example.org", originalMessageId: "<b@mompreneurs.example>"))
        let reply = try imap.deliver(BounceFixtures.humanReply(from: "ana@example.org"))
        return Mailbox(imap: imap, sandbox: sandbox, dsn: dsn, complaint: complaint, reply: reply)
    }

    func fetch(_ mailbox: Mailbox) throws -> [String: Any] {
        let result = try mailbox.sandbox.ctl(["bounces", "fetch", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    @Test(.timeLimit(.minutes(1)))
    func processedMailIsMovedAndTheReplyStays() throws {
        let mailbox = try mailbox()
        #expect(mailbox.imap.messages(inFolder: Self.folder).isEmpty)
        let first = try fetch(mailbox)
        #expect(first["bounced"] as? Int == 1 && first["complaints"] as? Int == 1 && first["moved"] as? Int == 2, "\(first)")
        #expect(mailbox.imap.inboxMessages == [mailbox.reply], "INBOX: \(mailbox.imap.inboxMessages)")
        #expect(mailbox.imap.maildirFlags(mailbox.reply) == "", "the reply stays unread and unflagged")
        #expect(mailbox.imap.messages(inFolder: Self.folder).count == 2, "\(mailbox.imap.messages(inFolder: Self.folder))")
        // Again: nothing to move, the folder exists already, nothing counted twice.
        let second = try fetch(mailbox)
        #expect(second["moved"] as? Int == 0 && second["bounced"] as? Int == 0 && second["left_for_humans"] as? Int == 1, "\(second)")
        #expect(mailbox.imap.messages(inFolder: Self.folder).count == 2)
        #expect(mailbox.imap.inboxMessages == [mailbox.reply])
    }

    @Test(.timeLimit(.minutes(1)))
    func aServerWithUIDPLUSButNoMOVECopiesAndExpungesOnlyThose() throws {
        let mailbox = try mailbox(capabilities: Self.olderServer(uidplus: true))
        let first = try fetch(mailbox)
        #expect(first["moved"] as? Int == 2, "\(first)")
        #expect(mailbox.imap.inboxMessages == [mailbox.reply], "INBOX: \(mailbox.imap.inboxMessages)")
        #expect(mailbox.imap.messages(inFolder: Self.folder).count == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func aServerWithNeitherLeavesThemFlagged() throws {
        let mailbox = try mailbox(capabilities: Self.olderServer(uidplus: false))
        let first = try fetch(mailbox)
        #expect(first["moved"] as? Int == 0 && first["bounced"] as? Int == 1, "\(first)")
        #expect(Set(mailbox.imap.inboxMessages) == [mailbox.dsn, mailbox.complaint, mailbox.reply])
        let letter = try #require(mailbox.imap.keywordLetter("$RelaisProcessed"))
        #expect(mailbox.imap.maildirFlags(mailbox.dsn)?.contains(letter) == true)
        #expect(mailbox.imap.messages(inFolder: Self.folder).isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func messagesFlaggedButNotMovedMoveAtTheNextPass() throws {
        // What a pass killed between the flag and the move leaves: processed mail flagged in
        // INBOX. Here made by a pass without the folder set; the next pass with it moves them.
        let mailbox = try mailbox()
        let yaml = try String(contentsOfFile: mailbox.sandbox.config, encoding: .utf8)
        let line = "    processed_folder: \(Self.folder)\n"
        try #require(yaml.contains(line))
        mailbox.sandbox.directory.write("relais.yaml", yaml.replacingOccurrences(of: line, with: ""))
        let flagged = try fetch(mailbox)
        #expect(flagged["bounced"] as? Int == 1 && flagged["moved"] as? Int == 0, "\(flagged)")
        #expect(mailbox.imap.inboxMessages.count == 3)
        mailbox.sandbox.directory.write("relais.yaml", yaml)
        let moved = try fetch(mailbox)
        #expect(moved["bounced"] as? Int == 0 && moved["complaints"] as? Int == 0 && moved["moved"] as? Int == 2, "\(moved)")
        #expect(mailbox.imap.inboxMessages == [mailbox.reply], "INBOX: \(mailbox.imap.inboxMessages)")
        #expect(mailbox.imap.messages(inFolder: Self.folder).count == 2)
    }

    @Test func theFolderMustBeAPlainNameOtherThanTheMailbox() throws {
        for (folder, expected) in [
            ("INBOX", "a folder other than the mailbox bounces.imap.url reads"),
            ("\"Trash\"", "a folder name of ASCII letters, digits, spaces and / . _ - (such as Relais/Processed)"),
        ] {
            let sandbox = Sandbox(extraYAML: """
                bounces:
                  imap:
                    url: imaps://mail.example.org/INBOX
                    user: bounces
                    password_file: imap-password
                    processed_folder: '\(folder)'
                """)
            sandbox.directory.write("imap-password", "pw\n")
            chmod(sandbox.directory.file("imap-password"), 0o600)
            let result = try sandbox.ctl(["config", "check"])
            #expect(result.status == 78, "\(folder): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("bounces.imap.processed_folder"), "\(result.stderr)")
            #expect(result.stderr.contains(expected), "\(result.stderr)")
        }
    }
}
