import DKIM
import Foundation
import Testing

@Suite("DKIM signer")
struct DKIMTests {
    @Test("relaxed header canonicalization (RFC 6376 §3.4.6 example)")
    func relaxedHeader() {
        #expect(Canonicalization.relaxedHeader(Array("A: X".utf8)) == Array("a:X".utf8))
        #expect(Canonicalization.relaxedHeader(Array("B : Y\t\r\n\tZ  ".utf8)) == Array("b:Y Z".utf8))
    }

    @Test("relaxed body canonicalization (RFC 6376 §3.4.6 example), and an empty body")
    func relaxedBody() {
        let body = Array(" C \r\nD \t E\r\n\r\n\r\n".utf8)
        #expect(Canonicalization.relaxedBody(body[...]) == Array(" C\r\nD E\r\n".utf8))
        #expect(Canonicalization.relaxedBody([][...]).isEmpty)
    }

    @Test("both algorithms sign deterministically; From is listed twice")
    func deterministic() throws {
        let message = Array("From: a@example.org\r\nTo: b@example.net\r\nSubject: hi\r\nDate: Tue, 3 Mar 2026 08:30:00 +0000\r\n\r\nbody\r\n".utf8)
        for algorithm in DKIMAlgorithm.allCases {
            let key = try DKIMKey.generate(algorithm, bits: 1024)
            let signer = DKIMSigner(domain: "example.org", selector: "s", key: key)
            let one = try signer.signatureField(for: message, time: 1_772_523_000)
            let two = try signer.signatureField(for: message, time: 1_772_523_000)
            #expect(one == two)
            #expect(String(decoding: one, as: UTF8.self).contains("h=from:from:to:subject:date;"))
        }
    }

    @Test("PEM round trip, RSA sizes, and records: a key matches its own record only")
    func keys() throws {
        let rsa = try DKIMKey.generate(.rsa, bits: 1024)
        #expect(rsa.rsaBits == 1024)
        let reread = try DKIMKey(pem: rsa.privatePEM)
        #expect(reread.publicKeyBase64 == rsa.publicKeyBase64)
        let ed = try DKIMKey.generate(.ed25519)
        #expect(try DKIMKey(pem: ed.privatePEM).publicKeyBase64 == ed.publicKeyBase64)
        #expect(rsa.matches(try DKIMRecord(rsa.dnsRecord(selector: "s", domain: "example.org"))))
        #expect(!rsa.matches(try DKIMRecord(ed.txtValue)))
        #expect(!ed.matches(try DKIMRecord(try DKIMKey.generate(.ed25519).txtValue)))
        #expect(throws: DKIMError.self) { try DKIMKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") }
        #expect(!rsa.description.contains("PRIVATE"))
    }
}
