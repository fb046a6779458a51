import Foundation
import Synchronization

/// Realistic mail for the bounce mailbox: DSNs (RFC 3464, as Postfix writes them), an ARF
/// complaint (RFC 5965, as a mailbox provider's feedback loop sends it), a `mailto:`
/// unsubscribe and a person's reply. CRLF line ends.
public enum BounceFixtures {
    static let counter = Mutex(0)

    static func nextId(_ host: String) -> String {
        let n = counter.withLock { value -> Int in value += 1; return value }
        return "<\(n).\(UUID().uuidString.prefix(8))@\(host)>"
    }

    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    /// A non-delivery report sent to `returnPath` about the message `originalMessageId` to
    /// `recipient`: `action` failed or delayed, `status` such as 5.1.1 or 4.2.2.
    public static func dsn(
        returnPath: String, recipient: String, originalMessageId: String, action: String = "failed", status: String = "5.1.1",
        diagnostic: String = "550 5.1.1 <user@example.net>: Recipient address rejected: User unknown in virtual mailbox table"
    ) -> [UInt8] {
        let boundary = "8A1C23E0B5.1741420800/mx.example.net"
        return crlf("""
            Return-Path: <>
            Delivered-To: \(returnPath)
            Received: by mx.example.net (Postfix) id 8A1C23E0B5; Sat,  8 Mar 2026 09:00:00 +0100 (CET)
            Date: Sat,  8 Mar 2026 09:00:00 +0100 (CET)
            From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
            Subject: Undelivered Mail Returned to Sender
            To: \(returnPath)
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="\(boundary)"
            Content-Transfer-Encoding: 8bit
            Message-Id: \(nextId("mx.example.net"))

            This is a MIME-encapsulated message.

            --\(boundary)
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mx.example.net.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            --\(boundary)
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net
            X-Postfix-Queue-ID: 8A1C23E0B5
            Arrival-Date: Sat,  8 Mar 2026 08:59:58 +0100 (CET)

            Final-Recipient: rfc822; \(recipient)
            Original-Recipient: rfc822;\(recipient)
            Action: \(action)
            Status: \(status)
            Remote-MTA: dns; mail.example.net
            Diagnostic-Code: smtp; \(diagnostic)

            --\(boundary)
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            From: Mompreneurs Belgique <bonjour@mompreneurs.example>
            To: \(recipient)
            Subject: Newsletter
            Message-ID: \(originalMessageId)

            --\(boundary)--

            """)
    }

    /// An ARF abuse report about the message `originalMessageId` to `recipient`, sent to `to`.
    public static func complaint(to: String, recipient: String, originalMessageId: String) -> [UInt8] {
        let boundary = "part1_13d.2e68ed54_arf"
        return crlf("""
            From: <staff@hotmail.example>
            Date: Sat, 8 Mar 2026 10:00:00 +0100
            Subject: FW: Newsletter
            To: <\(to)>
            MIME-Version: 1.0
            Message-ID: \(nextId("hotmail.example"))
            Content-Type: multipart/report; report-type=feedback-report;
                 boundary="\(boundary)"

            --\(boundary)
            Content-Type: text/plain; charset="US-ASCII"
            Content-Transfer-Encoding: 7bit

            This is an email abuse report for an email message received from IP 192.0.2.1 on Sat, 8 Mar 2026 09:00:00 +0100.

            --\(boundary)
            Content-Type: message/feedback-report

            Feedback-Type: abuse
            User-Agent: SomeGenerator/1.0
            Version: 1
            Original-Mail-From: <\(to)>
            Original-Rcpt-To: <\(recipient)>
            Arrival-Date: Sat, 8 Mar 2026 09:00:00 +0100
            Reported-Domain: mompreneurs.example
            Source-IP: 192.0.2.1

            --\(boundary)
            Content-Type: message/rfc822
            Content-Disposition: inline

            From: Mompreneurs Belgique <bonjour@mompreneurs.example>
            To: \(recipient)
            Subject: Newsletter
            Message-ID: \(originalMessageId)
            Date: Sat, 8 Mar 2026 08:59:00 +0100

            Text for en readers.

            --\(boundary)--

            """)
    }

    /// What a mail program sends when a member uses the `mailto:` link of List-Unsubscribe.
    public static func unsubscribe(to: String, from: String) -> [UInt8] {
        crlf("""
            From: <\(from)>
            To: <\(to)>
            Subject: unsubscribe
            Date: Sat, 8 Mar 2026 11:00:00 +0100
            Message-ID: \(nextId("example.org"))
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            unsubscribe

            """)
    }

    /// A person answering the newsletter (to the From address, which forwards to the same mailbox).
    public static func humanReply(from: String, to: String = "bonjour@mompreneurs.example") -> [UInt8] {
        crlf("""
            From: Ana <\(from)>
            To: Mompreneurs Belgique <\(to)>
            Subject: Re: Newsletter
            Date: Sat, 8 Mar 2026 12:00:00 +0100
            Message-ID: \(nextId("example.org"))
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            Merci ! Je serai là mardi.

            """)
    }
}
