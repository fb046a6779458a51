import Foundation
@testable import Relais
import Testing

@Suite("VERP return path")
struct ReturnPathTests {
    @Test("the token is the Message-ID's random part, the same on every retry")
    func tokenFromMessageID() throws {
        let path = try #require(ReturnPath("bounces+{token}@example.org"))
        #expect(path.address(messageId: "<0123456789abcdefFEDCBA9876543210.relais@example.org>") == "bounces+0123456789abcdeffedcba9876543210@example.org")
        #expect(ReturnPath.token(messageId: "<row-1.newsletter@x.example>") == "row1")
        #expect(path.address(messageId: "<...@x>") == nil)
    }

    @Test("a pattern without {token} in its local part, or not an address, is refused", arguments: [
        "bounces@example.org", "bounces@{token}.example.org", "bounces+{token}{token}@example.org", "{token}", "not an address {token}",
    ])
    func refused(_ pattern: String) {
        #expect(ReturnPath(pattern) == nil)
    }
}
