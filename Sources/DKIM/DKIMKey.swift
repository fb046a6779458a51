import Crypto
import _CryptoExtras
import Foundation

/// A private signing key: RSA (1024 bits or more) or Ed25519, read from PEM or newly made.
///
/// Its description never shows key material.
public struct DKIMKey: Sendable, CustomStringConvertible {
    enum Backing: @unchecked Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
    }

    let backing: Backing

    /// The smallest RSA key accepted; receivers ignore smaller ones.
    public static let minimumRSABits = 1024
    /// The RSA size below which a key is accepted with a warning.
    public static let recommendedRSABits = 2048

    /// The key in `pem`: RSA as PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`), Ed25519 as PKCS#8.
    public init(pem: String) throws(DKIMError) {
        do {
            backing = .rsa(try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem))
            return
        } catch CryptoKitError.incorrectParameterSize {
            throw DKIMError("an RSA key of fewer than \(Self.minimumRSABits) bits (receivers ignore it)")
        } catch {}
        if let key = try? Curve25519.Signing.PrivateKey(pemRepresentation: pem) {
            backing = .ed25519(key)
            return
        }
        throw DKIMError("not a private key Relais can use (PEM: PKCS#8 or PKCS#1 RSA, or PKCS#8 Ed25519)")
    }

    /// A new key: RSA of `bits` bits, or Ed25519.
    public static func generate(_ algorithm: DKIMAlgorithm, bits: Int = 2048) throws(DKIMError) -> DKIMKey {
        switch algorithm {
        case .rsa:
            guard bits >= minimumRSABits else { throw DKIMError("an RSA key needs at least \(minimumRSABits) bits") }
            do {
                return DKIMKey(backing: .rsa(try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: bits))))
            } catch {
                throw DKIMError("could not make an RSA key of \(bits) bits")
            }
        case .ed25519:
            return DKIMKey(backing: .ed25519(Curve25519.Signing.PrivateKey()))
        }
    }

    init(backing: Backing) { self.backing = backing }

    /// Which algorithm the key signs with.
    public var algorithm: DKIMAlgorithm {
        if case .rsa = backing { return .rsa }
        return .ed25519
    }

    /// The RSA modulus size; nil for Ed25519.
    public var rsaBits: Int? {
        if case .rsa(let key) = backing { return key.keySizeInBits }
        return nil
    }

    /// The private key as PKCS#8 PEM, to write to a 0600 file.
    public var privatePEM: String {
        switch backing {
        case .rsa(let key): key.pkcs8PEMRepresentation
        case .ed25519(let key): key.pemRepresentation
        }
    }

    /// The `p=` value of the DNS record: the SubjectPublicKeyInfo (RSA) or the raw 32-byte key (Ed25519), base64.
    public var publicKeyBase64: String {
        switch backing {
        case .rsa(let key): key.publicKey.derRepresentation.base64EncodedString()
        case .ed25519(let key): key.publicKey.rawRepresentation.base64EncodedString()
        }
    }

    /// The TXT record value to publish: `v=DKIM1; k=rsa; p=…`.
    public var txtValue: String { "v=DKIM1; k=\(algorithm.keyType); p=\(publicKeyBase64)" }

    /// The zone-file line: `S._domainkey.D. IN TXT "v=DKIM1; k=rsa; p=…"`, the value split into
    /// quoted strings of at most 255 characters as DNS requires.
    public func dnsRecord(selector: String, domain: String) -> String {
        var chunks: [String] = []
        var rest = Substring(txtValue)
        while !rest.isEmpty {
            chunks.append("\"\(rest.prefix(255))\"")
            rest = rest.dropFirst(255)
        }
        return "\(selector)._domainkey.\(domain). IN TXT \(chunks.joined(separator: " "))"
    }

    /// The signature of `data` (already canonicalized): PKCS#1 v1.5 over SHA-256, or Ed25519 over SHA-256(data).
    /// Both are deterministic: the same data gives the same signature.
    func sign(_ data: [UInt8]) throws(DKIMError) -> [UInt8] {
        let digest = SHA256.hash(data: data)
        do {
            switch backing {
            case .rsa(let key):
                return [UInt8](try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation)
            case .ed25519(let key):
                return [UInt8](try key.signature(for: Data(digest)))
            }
        } catch {
            throw DKIMError("signing failed")
        }
    }

    /// `rsa-sha256 key (2048 bits)` or `ed25519-sha256 key`: never the key itself.
    public var description: String {
        rsaBits.map { "\(algorithm.tag) key (\($0) bits)" } ?? "\(algorithm.tag) key"
    }
}
