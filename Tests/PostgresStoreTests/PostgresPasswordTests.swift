import Foundation
import PostgresStore
import RelaisTestSupport
import Testing

@Suite("The store's password: file, systemd credential, or URL")
struct PostgresPasswordTests {
    let location: PostgresLocation
    let directory = TemporaryDirectory("relais-pg-password")

    init() throws {
        location = try PostgresLocation(url: "postgres://relais:from-url@db.example.org/relais")
    }

    @Test("a password file wins over the credential and the URL; one trailing newline is dropped")
    func fileFirst() throws {
        let file = directory.write("password", "from-file\n")
        let credentials = directory.path + "/credentials"
        directory.write("credentials/store-password", "from-credential")
        let password = try #require(try PostgresPassword.resolve(
            passwordFile: file, location: location, environment: ["CREDENTIALS_DIRECTORY": credentials]))
        #expect(password.source == .file(file))
        #expect(password == PostgresPassword("from-file", source: .file(file)))
    }

    @Test("the systemd credential store-password comes next, then the URL")
    func credentialThenURL() throws {
        let credentials = directory.path + "/credentials"
        directory.write("credentials/store-password", "from-credential\r\n")
        let fromCredential = try PostgresPassword.resolve(
            passwordFile: nil, location: location, environment: ["CREDENTIALS_DIRECTORY": credentials])
        #expect(fromCredential == PostgresPassword("from-credential", source: .credential(credentials + "/store-password")))
        let fromURL = try PostgresPassword.resolve(
            passwordFile: nil, location: location, environment: ["CREDENTIALS_DIRECTORY": directory.path + "/none"])
        #expect(fromURL?.source == .url)
        let none = try PostgresPassword.resolve(
            passwordFile: nil, location: try PostgresLocation(url: "postgres://relais@db.example.org/relais"), environment: [:])
        #expect(none == nil)
    }

    @Test("a missing or empty file is an error naming store.password_file and the path, not the content")
    func badFiles() throws {
        let missing = directory.path + "/missing"
        #expect(throws: PostgresStoreError(.configuration, key: "store.password_file", "\(missing) does not exist")) {
            try PostgresPassword.resolve(passwordFile: missing, location: location, environment: [:])
        }
        let empty = directory.write("empty", "\n")
        #expect(throws: PostgresStoreError(.configuration, key: "store.password_file", "\(empty) is empty")) {
            try PostgresPassword.resolve(passwordFile: empty, location: location, environment: [:])
        }
    }
}
