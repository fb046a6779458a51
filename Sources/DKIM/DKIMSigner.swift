import Crypto
import Foundation

/// Signs messages for one domain and selector with one key (RFC 6376, relaxed/relaxed).
///
/// Pure and deterministic: the same message, key and time give the same signature bytes.
public struct DKIMSigner: Sendable {
    /// The signing domain, `d=`.
    public let domain: String
    /// The selector, `s=`: the key is published at `<selector>._domainkey.<domain>`.
    public let selector: String
    /// The private key.
    public let key: DKIMKey

    /// The header fields signed when present, in this order. `from` comes twice so that a
    /// second From added anywhere breaks the signature.
    public static let signedHeaders = [
        "from", "from", "to", "subject", "date", "message-id", "mime-version", "content-type", "content-language",
        "list-id", "list-unsubscribe", "list-unsubscribe-post", "auto-submitted", "precedence", "reply-to",
    ]

    /// A signer for `domain` with the key published under `selector`.
    public init(domain: String, selector: String, key: DKIMKey) {
        self.domain = domain
        self.selector = selector
        self.key = key
    }

    /// The `DKIM-Signature:` field for `message` (CRLF lines), folded, ending with CRLF, to put
    /// in front of the message. `time` is `t=` (seconds since 1970; the message's Date).
    public func signatureField(for message: [UInt8], time: Int) throws(DKIMError) -> [UInt8] {
        let (fields, body) = Canonicalization.split(message)
        let bodyHash = Data(SHA256.hash(data: Canonicalization.relaxedBody(body))).base64EncodedString()

        // Header selection (§5.4.2): each listed name takes the last instance not yet taken.
        var taken: [String: Int] = [:]
        var names: [String] = []
        var signedBytes: [UInt8] = []
        let present = Set(fields.map(\.lowercasedName))
        for name in Self.signedHeaders where present.contains(name) {
            names.append(name)
            let instances = fields.filter { $0.lowercasedName == name }
            let used = taken[name, default: 0]
            taken[name] = used + 1
            guard used < instances.count else { continue }  // over-signed: contributes nothing
            signedBytes += Canonicalization.relaxedHeader(instances[instances.count - 1 - used].raw) + [0x0D, 0x0A]
        }

        var tags = [
            "v=1", "a=\(key.algorithm.tag)", "c=relaxed/relaxed", "d=\(domain)", "s=\(selector)", "t=\(time)",
            "h=" + names.joined(separator: ":"), "bh=" + bodyHash,
        ]
        tags.append("b=")
        let unsigned = Self.fold(name: "DKIM-Signature", tags: tags)
        signedBytes += Canonicalization.relaxedHeader(unsigned)
        let signature = try key.sign(signedBytes).base64()
        return unsigned + Self.foldBase64(signature, column: Self.lastLineLength(unsigned)) + [0x0D, 0x0A]
    }

    /// `message` with a DKIM-Signature from each signer in front (the last signer's first).
    public static func sign(_ message: [UInt8], with signers: [DKIMSigner], time: Int) throws(DKIMError) -> [UInt8] {
        var fields: [UInt8] = []
        for signer in signers { fields = try signer.signatureField(for: message, time: time) + fields }
        return fields + message
    }

    /// `Name: tag; tag; …` folded before a tag (or inside a long h=/bh=) so lines stay under 78 characters.
    static func fold(name: String, tags: [String]) -> [UInt8] {
        var out = Array("\(name):".utf8)
        var column = out.count
        for (index, tag) in tags.enumerated() {
            let piece = tag + (index == tags.count - 1 ? "" : ";")
            if column + 1 + piece.utf8.count > 76 {
                out += [0x0D, 0x0A, 0x09]
                column = 1
            } else {
                out.append(0x20)
                column += 1
            }
            // A piece still too long (h=, bh=) breaks at its colons or every 60 characters.
            var rest = Substring(piece)
            while column + rest.utf8.count > 76 {
                let room = 76 - column
                var cut = rest.index(rest.startIndex, offsetBy: max(room, 1))
                if piece.hasPrefix("h="), let colon = rest[..<cut].lastIndex(of: ":") { cut = colon }
                out += Array(rest[..<cut].utf8) + [0x0D, 0x0A, 0x09]
                column = 1
                rest = rest[cut...]
            }
            out += Array(rest.utf8)
            column += rest.utf8.count
        }
        return out
    }

    /// The signature, continued on new lines of at most 76 characters.
    static func foldBase64(_ text: String, column start: Int) -> [UInt8] {
        var out: [UInt8] = []
        var column = start
        for byte in text.utf8 {
            if column >= 76 {
                out += [0x0D, 0x0A, 0x09]
                column = 1
            }
            out.append(byte)
            column += 1
        }
        return out
    }

    static func lastLineLength(_ bytes: [UInt8]) -> Int {
        bytes.count - ((bytes.lastIndex(of: 0x0A)).map { $0 + 1 } ?? 0)
    }
}

extension [UInt8] {
    func base64() -> String { Data(self).base64EncodedString() }
}
