import DKIM
import Foundation
import MIME
@testable import Relais
import RelaisTestSupport
import Testing

/// Signed composition, checked by an independent verifier (dkimpy, `scripts/dkim-check.py`)
/// that reads the public keys from a DNS stub holding the records `DKIMKey` prints.
@Suite("DKIM signing in the composer", .blocking)
struct DKIMComposeTests {
    static let rsa = try! DKIMKey.generate(.rsa, bits: 2048)
    static let ed25519 = try! DKIMKey.generate(.ed25519)
    static let signers = [
        DKIMSigner(domain: "mompreneurs.example", selector: "rsa2026", key: rsa),
        DKIMSigner(domain: "mompreneurs.example", selector: "ed2026", key: ed25519),
    ]

    /// The DNS stub: name → TXT value, as `dkim keygen` prints them.
    static var records: [UInt8] {
        var map: [String: String] = [:]
        for signer in signers { map["\(signer.selector)._domainkey.\(signer.domain)"] = signer.key.txtValue }
        return Array(try! JSONSerialization.data(withJSONObject: map))
    }

    static func composer() throws -> MessageComposer {
        let plain = try ComposerFixture.composer()
        return MessageComposer(sender: plain.sender, catalog: plain.catalog, signers: signers)
    }

    static func verify(_ messages: [[UInt8]]) throws -> [(count: Int, verified: [Bool])] {
        let output = try PythonCheck.run("scripts/dkim-check.py", [records] + messages, fileExtension: "eml")
        let list = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
        return list.map { ($0["signatures"] as? Int ?? -1, $0["verified"] as? [Bool] ?? []) }
    }

    @Test("every kind × locale is signed with RSA and Ed25519, and dkimpy verifies both signatures")
    func everyKindAndLocaleVerifies() throws {
        let composer = try Self.composer()
        var messages: [[UInt8]] = []
        for kind in ComposerFixture.kinds {
            for (index, locale) in ComposerFixture.locales.enumerated() {
                messages.append(try composer.compose(ComposerFixture.request(kind, locale: locale, index: index)).bytes)
            }
        }
        let results = try Self.verify(messages)
        #expect(results.count == ComposerFixture.kinds.count * ComposerFixture.locales.count)
        for (index, result) in results.enumerated() {
            #expect(result.count == 2, "message \(index)")
            #expect(result.verified == [true, true], "message \(index)")
        }
    }

    @Test("the same request gives the same signed bytes; a stored copy re-sent later still verifies")
    func deterministicAndResendable() throws {
        let composer = try Self.composer()
        let request = ComposerFixture.request("newsletter", locale: "es-ES")
        let first = try composer.compose(request).bytes
        let again = try composer.compose(request).bytes
        #expect(first == again)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("DKIM-Signature: v=1; a=ed25519-sha256;"))
        #expect(text.contains("a=rsa-sha256"))
        #expect(text.contains("t=\(Int(request.date.timeIntervalSince1970))"))
        #expect(text.contains("h=from:from:to:subject:date:message-id"))
        #expect(text.contains("list-unsubscribe:list-unsubscribe-post") || !text.contains("List-Unsubscribe-Post"))
        #expect(!text.contains("Return-Path"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
        // The bytes stored with a deferred row are sent again as they are (no re-signing).
        #expect(try Self.verify([Data(first).map { $0 }]).first?.verified == [true, true])
    }

    @Test("a header added or changed after signing fails verification")
    func tamperingFails() throws {
        let composer = try Self.composer()
        let bytes = try composer.compose(ComposerFixture.request("meetup-reminder", locale: "fr-BE")).bytes
        let text = String(decoding: bytes, as: UTF8.self)
        let split = try #require(text.range(of: "\r\n\r\n"))
        let secondFrom = String(text[..<split.lowerBound]) + "\r\nFrom: Mallory <mallory@evil.example>" + String(text[split.lowerBound...])
        let topFrom = "From: Mallory <mallory@evil.example>\r\n" + text
        let subject = try #require(text.range(of: "\r\nSubject: "))
        let changedSubject = text.replacingCharacters(in: subject, with: "\r\nSubject: Re: ")
        let body = text.replacingOccurrences(of: "Ana", with: "Eve")
        let results = try Self.verify([bytes] + [secondFrom, topFrom, changedSubject, body].map { Array($0.utf8) })
        #expect(results[0].verified == [true, true])
        for result in results.dropFirst() { #expect(result.verified == [false, false]) }
    }
}
