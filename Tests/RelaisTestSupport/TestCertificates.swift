import Foundation

/// A throwaway CA and a server certificate for 127.0.0.1/localhost, made with `openssl` once per test run.
public struct TestCertificates: Sendable {
    /// The CA certificate (PEM) that signed both server certificates.
    public let caFile: String
    /// The server certificate for 127.0.0.1 and localhost.
    public let certFile: String
    /// Its private key.
    public let keyFile: String
    /// A certificate from the same CA for `mail.example.org` only (host-name mismatch on 127.0.0.1).
    public let otherHostCertFile: String
    /// The private key of the `mail.example.org` certificate.
    public let otherHostKeyFile: String

    /// The certificates of this test run, made on first use.
    public static let shared: TestCertificates = {
        do { return try make() } catch { fatalError("cannot create test certificates: \(error)") }
    }()

    /// Makes a new CA and certificates in a fresh temporary folder.
    public static func make() throws -> TestCertificates {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relais-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let ext = dir.appendingPathComponent("server.ext")
        try """
            subjectAltName=IP:127.0.0.1,DNS:localhost
            basicConstraints=CA:FALSE
            keyUsage=digitalSignature,keyEncipherment
            extendedKeyUsage=serverAuth

            """.write(to: ext, atomically: true, encoding: .utf8)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try openssl(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                     "-subj", "/CN=Relais Test CA", "-addext", "basicConstraints=critical,CA:TRUE",
                     "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: dir)
        try openssl(["req"] + ec + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: dir)
        try openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", "server.pem", "-days", "2", "-extfile", "server.ext"], in: dir)
        try "subjectAltName=DNS:mail.example.org\n".write(to: dir.appendingPathComponent("other.ext"), atomically: true, encoding: .utf8)
        try openssl(["req"] + ec + ["-keyout", "other.key", "-out", "other.csr", "-subj", "/CN=mail.example.org"], in: dir)
        try openssl(["x509", "-req", "-in", "other.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                     "-out", "other.pem", "-days", "2", "-extfile", "other.ext"], in: dir)
        return TestCertificates(caFile: dir.appendingPathComponent("ca.pem").path,
                                certFile: dir.appendingPathComponent("server.pem").path,
                                keyFile: dir.appendingPathComponent("server.key").path,
                                otherHostCertFile: dir.appendingPathComponent("other.pem").path,
                                otherHostKeyFile: dir.appendingPathComponent("other.key").path)
    }

    static func openssl(_ arguments: [String], in dir: URL) throws {
        let result = try ProcessRunner.run("/usr/bin/openssl", arguments, directory: dir.path)
        guard result.status == 0 else {
            throw SMTPTestServer.ServerError(message: "openssl \(arguments.first ?? "") failed: \(result.stderr)")
        }
    }

    /// Server arguments for STARTTLS with this certificate.
    public var serverArguments: [String] { ["--tls-cert", certFile, "--tls-key", keyFile] }
}
