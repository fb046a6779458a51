import Testing
import Bounces

/// Splitting what `bounce import` is given into messages.
@Suite struct MailboxFileTests {
    func text(_ messages: [[UInt8]]) -> [String] { messages.map { String(decoding: $0, as: UTF8.self) } }

    @Test func anEmlIsOneMessage() throws {
        let message = "Message-ID: <a@x>\r\nSubject: hi\r\n\r\nFrom here on\r\n"
        #expect(text(try MailboxFile.messages(Array(message.utf8))) == [message])
    }

    @Test func anMboxIsSplitOnFromLinesAndUnescaped() throws {
        let mbox = "From a@x Sat Mar  8 09:00:00 2026\nSubject: one\n\n>From the heart\n>>From deeper\n\nFrom b@x Sat Mar  8 09:01:00 2026\nSubject: two\n\nbody\n"
        #expect(text(try MailboxFile.messages(Array(mbox.utf8))) == [
            "Subject: one\n\nFrom the heart\n>From deeper\n",
            "Subject: two\n\nbody",
        ])
    }

    @Test func nothingOrNoHeaderIsRefused() {
        #expect(throws: MailboxFile.Problem.empty) { try MailboxFile.messages(Array(" \n\n".utf8)) }
        #expect(throws: MailboxFile.Problem.notAMessage(index: 1)) { try MailboxFile.messages(Array("just notes\n".utf8)) }
        #expect(throws: MailboxFile.Problem.notAMessage(index: 2)) {
            try MailboxFile.messages(Array("From a\nSubject: one\n\nx\nFrom b\nnot a header\n".utf8))
        }
    }
}
