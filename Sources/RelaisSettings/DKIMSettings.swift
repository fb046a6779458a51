import RelaisSupport
import DKIM
import Foundation

/// Which keys sign messages (`dkim.*`): an RSA (or any) key under `dkim.selector`, an Ed25519
/// key under `dkim.ed25519_selector`, or both. The keys themselves are not part of the
/// configuration: they are read from their files when a composer is made (``loadSigners()``).
public struct DKIMSettings: Sendable {
    /// Where one key comes from.
    public struct KeySource: Sendable, Equatable {
        /// The selector it is published under.
        public var selector: String
        /// The key file: `dkim.private_key_file`, or the systemd credential's path.
        public var file: String
        /// The configuration key that names the file, or `CREDENTIALS_DIRECTORY` (for messages).
        public var key: String
    }

    /// `d=`: the From domain or a parent of it (`dkim.domain`).
    public var domain: String
    /// The key of `dkim.selector`.
    public var primary: KeySource?
    /// The key of `dkim.ed25519_selector`.
    public var ed25519: KeySource?

    /// The systemd credential names.
    public static let credential = "dkim-key"
    /// The systemd credential of the Ed25519 key.
    public static let ed25519Credential = "dkim-ed25519-key"

    /// True when `domain` is the From domain or a parent of it (relaxed DMARC alignment).
    public static func isAligned(domain: String, fromDomain: String) -> Bool {
        let signing = domain.lowercased(), from = fromDomain.lowercased()
        return from == signing || (signing.contains(".") && from.hasSuffix("." + signing))
    }

    /// One signer per configured key. Throws a ``ConfigurationError`` naming the key and the
    /// file, never the file's content.
    public func loadSigners(configurationPath: String = "relais.yaml") throws(ConfigurationError) -> [DKIMSigner] {
        var signers: [DKIMSigner] = []
        var problems: [ConfigurationProblem] = []
        for (source, expected) in [(primary, DKIMAlgorithm?.none), (ed25519, .ed25519)] {
            guard let source else { continue }
            switch Self.load(source, expected: expected) {
            case .success(let key): signers.append(DKIMSigner(domain: domain, selector: source.selector, key: key))
            case .failure(let problem): problems.append(problem)
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(path: configurationPath, problems: problems) }
        return signers
    }

    /// The key of `source`, or the problem that prevents it.
    static func load(_ source: KeySource, expected: DKIMAlgorithm?) -> Result<DKIMKey, ConfigurationProblem> {
        guard let data = FileManager.default.contents(atPath: source.file) else {
            return .failure(.init(key: source.key, value: source.file, expected: "a readable PEM private key file"))
        }
        do {
            let key = try DKIMKey(pem: String(decoding: data, as: UTF8.self))
            if let expected, key.algorithm != expected {
                return .failure(.init(key: source.key, value: source.file, expected: "an \(expected.rawValue) private key (it holds an \(key.algorithm.rawValue) key)"))
            }
            return .success(key)
        } catch {
            return .failure(.init(key: source.key, value: source.file, expected: "a PEM private key: \(error.reason)"))
        }
    }
}
