import ArgumentParser
import DKIM
import Foundation
import Relais

/// `relaisctl dkim …`: make a signing key and check what DNS publishes.
struct DKIMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dkim",
        abstract: "Make a DKIM key and print its DNS record, or check a published record against the configured key.",
        subcommands: [Keygen.self, Check.self]
    )

    @OptionGroup var global: GlobalOptions

    /// `relaisctl dkim keygen --algorithm rsa|ed25519 --selector S --domain D --out FILE`.
    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new private key (mode 0600) and print the DNS TXT record to publish.",
            discussion: "Refuses to overwrite FILE. Point dkim.private_key_file (rsa) or dkim.ed25519_key_file at it, or install it as the systemd credential dkim-key / dkim-ed25519-key, and publish the printed record before relaisd signs with it."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: "rsa (2048 bits) or ed25519.") var algorithm: DKIMAlgorithm = .rsa
        @Option(help: "RSA key size in bits (at least 1024; 2048 or more recommended).") var bits: Int = 2048
        @Option(help: "The selector the record is published under.") var selector: String
        @Option(help: "The signing domain (the domain of sender.from or a parent of it).") var domain: String
        @Option(help: ArgumentHelp("Where to write the private key (PKCS#8 PEM).", valueName: "file")) var out: String

        func validate() throws {
            if bits < DKIMKey.minimumRSABits { throw ValidationError("--bits must be at least \(DKIMKey.minimumRSABits)") }
            if selector.isEmpty || selector.contains(where: { $0 == " " || $0 == "\"" || $0 == ";" }) {
                throw ValidationError("--selector must be a DNS label such as relais2026")
            }
        }

        func run() async throws {
            let key = try DKIMKey.generate(algorithm, bits: bits)
            // O_EXCL: never replace an existing key; 0600 from the start, so no moment is readable by others.
            let fd = open(out, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else {
                let reason = errno == EEXIST ? "it exists (remove it first to replace the key)" : String(cString: strerror(errno))
                throw InputError("cannot write \(out): \(reason)", exitCode: errno == EEXIST ? Sysexits.cantCreate : Sysexits.ioError)
            }
            let pem = Array((key.privatePEM + "\n").utf8)
            let written = pem.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fchmod(fd, 0o600)
            close(fd)
            guard written == pem.count else { throw InputError("cannot write \(out)", exitCode: Sysexits.ioError) }
            if global.json {
                struct Output: Encodable { let file, selector, domain, algorithm, name, txt: String }
                try CLI.printJSON(Output(
                    file: out, selector: selector, domain: domain, algorithm: key.algorithm.tag,
                    name: "\(selector)._domainkey.\(domain)", txt: key.txtValue))
            } else {
                print(key.dnsRecord(selector: selector, domain: domain))
            }
        }
    }

    /// `relaisctl dkim check --txt 'v=DKIM1; …'`: exit 0 when it publishes the configured key, 1 otherwise.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tell whether a TXT record value publishes the configured DKIM key (exit 0) or not (exit 1).",
            discussion: "Compares with the key of dkim.selector, or of dkim.ed25519_selector when the record is k=ed25519. Paste the value as DNS serves it (dig +short TXT S._domainkey.D): quoted pieces are joined."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The TXT record value: v=DKIM1; k=…; p=…", valueName: "value")) var txt: String

        func run() async throws {
            let configuration = try await global.configuration()
            guard let dkim = configuration.sender.dkim else {
                throw InputError("no DKIM key is configured (dkim.domain, dkim.selector)", exitCode: Sysexits.config)
            }
            let record: DKIMRecord
            do { record = try DKIMRecord(txt) } catch { throw InputError("not a DKIM record: \(error.reason)", at: "--txt") }
            let signers = try dkim.loadSigners(configurationPath: configuration.path)
            let candidates = signers.filter { $0.key.algorithm.keyType == record.keyType }
            if let match = candidates.first(where: { $0.key.matches(record) }) {
                global.say("matches the \(match.key.algorithm.tag) key of selector \(match.selector) (\(match.selector)._domainkey.\(match.domain))")
                return
            }
            let selectors = candidates.map(\.selector).joined(separator: ", ")
            print(candidates.isEmpty
                ? "does not match: no \(record.keyType) key is configured"
                : "does not match the \(record.keyType) key of selector \(selectors)")
            throw ExitCode(1)
        }
    }
}

extension DKIMAlgorithm: ExpressibleByArgument {}
