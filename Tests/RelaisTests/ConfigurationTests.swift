import Foundation
import Relais
import RelaisTestSupport
import Testing

@Suite struct ConfigurationTests {
    let directory = TemporaryDirectory()

    static let valid = """
        store:
          path: var/relais.sqlite
        templates:
          directory: templates
        sender:
          from: "Mompreneurs Belgique <bonjour@mompreneurs.example>"
          organization: Mompreneurs Belgique
          default_locale: fr
          locales: [fr, en, es, de]
        delivery:
          transport: file
          file:
            directory: var/outbox
        """

    func write(_ yaml: String) -> String {
        for folder in ["var/outbox", "templates"] {
            try? FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        return directory.write("relais.yaml", yaml)
    }

    func problems(_ yaml: String, environment: [String: String] = [:]) async -> [String] {
        let path = write(yaml)
        do {
            let configuration = try await ConfigurationLoader.load(path: path, environment: environment)
            return configuration.environmentProblems().map(\.description)
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func validFileLoadsWithDefaultsAndRelativePaths() async throws {
        let configuration = try await ConfigurationLoader.load(path: write(Self.valid), environment: [:])
        #expect(configuration.storePath == directory.file("var/relais.sqlite"))
        #expect(configuration.sender.fromName == "Mompreneurs Belgique")
        #expect(configuration.sender.fromAddress.description == "bonjour@mompreneurs.example")
        #expect(configuration.sender.locales == ["fr", "en", "es", "de"])
        #expect(configuration.delivery.transport == .file)
        #expect(configuration.delivery.smtp.tls == .required)
        #expect(configuration.delivery.smtp.connections == 4)
        #expect(configuration.delivery.retryFirst.seconds == 300)
        #expect(configuration.delivery.retryMaxDelay.seconds == 4 * 3600)
        #expect(configuration.delivery.retryMaxAge.seconds == 5 * 86400)
        #expect(configuration.environmentProblems().isEmpty)
    }

    @Test func environmentOverridesEveryKindOfKey() async throws {
        let configuration = try await ConfigurationLoader.load(path: write(Self.valid), environment: [
            "RELAIS_STORE_PATH": "/tmp/other.sqlite",
            "RELAIS_DELIVERY_SMTP_URL": "smtps://mail.example.org:465",
            "RELAIS_DELIVERY_SMTP_CONNECTIONS": "8",
            "RELAIS_DELIVERY_RETRY_FIRST": "90s",
            "RELAIS_SENDER_LOCALES": "fr,de",
            "RELAIS_SENDER_DEFAULT_LOCALE": "de",
        ])
        #expect(configuration.storePath == "/tmp/other.sqlite")
        #expect(configuration.delivery.smtp.url == "smtps://mail.example.org:465")
        #expect(configuration.delivery.smtp.connections == 8)
        #expect(configuration.delivery.retryFirst.seconds == 90)
        #expect(configuration.sender.locales == ["fr", "de"])
    }

    @Test func defaultPathFollowsFlagThenEnvironment() {
        #expect(ConfigurationLoader.resolvePath(explicit: "/a.yaml", environment: ["RELAIS_CONFIG": "/b.yaml"]) == "/a.yaml")
        #expect(ConfigurationLoader.resolvePath(explicit: nil, environment: ["RELAIS_CONFIG": "/b.yaml"]) == "/b.yaml")
        #expect(ConfigurationLoader.resolvePath(explicit: nil, environment: [:]) == "/etc/relais/relais.yaml")
    }

    @Test(arguments: [
        ("delivery:\n  transport: pigeon", "delivery.transport: \"pigeon\": expected one of file, smtp"),
        ("delivery:\n  smtp:\n    tls: maybe", "delivery.smtp.tls: \"maybe\": expected one of required, opportunistic, none"),
        ("delivery:\n  smtp:\n    url: http://mail.example.org", "delivery.smtp.url: \"http://mail.example.org\": expected smtp://host:port or smtps://host:port"),
        ("delivery:\n  smtp:\n    connections: zero", "delivery.smtp.connections: \"zero\": expected an integer ≥ 1"),
        ("delivery:\n  smtp:\n    rate: fast", "delivery.smtp.rate: \"fast\": expected messages per second"),
        ("delivery:\n  smtp:\n    per_hour: -1", "delivery.smtp.per_hour: \"-1\": expected an integer ≥ 0"),
        ("delivery:\n  smtp:\n    timeout: 10 minutes", "delivery.smtp.timeout: \"10 minutes\": expected a duration such as 90s, 5m, 4h or 5d"),
        ("delivery:\n  retry:\n    first: soon", "delivery.retry.first: \"soon\": expected a duration"),
        ("delivery:\n  retry:\n    max_delay: 1m", "delivery.retry.max_delay: \"1m\": expected a duration at least delivery.retry.first"),
        ("delivery:\n  retry:\n    max_age: 5y", "delivery.retry.max_age: \"5y\": expected a duration"),
        ("schedule:\n  lateness: x", "schedule.lateness: \"x\": expected a duration"),
        ("log:\n  level: loud", "log.level: \"loud\": expected one of trace"),
        ("delivery:\n  smpt:\n    url: smtp://x", "delivery.smpt: expected a known key"),
        ("delivery:\n  smtp:\n    password: hunter2", "delivery.smtp.password: expected no secret here"),
        ("delivery:\n  smtp:\n    helo: my host", "delivery.smtp.helo: \"my host\": expected a host name"),
    ])
    func eachBadValueIsNamed(_ extra: String, _ expected: String) async {
        let merged = Self.merge(Self.valid, extra)
        let lines = await problems(merged)
        #expect(lines.contains { $0.contains(expected) }, "got: \(lines)")
        #expect(!lines.joined().contains("hunter2"))
    }

    @Test(arguments: [
        ("sender:\n  from: not-an-address", "sender.from: \"not-an-address\": expected a mailbox such as"),
        ("sender:\n  locales: [fr, klingon-language]", "sender.locales: \"klingon-language\": expected language codes"),
        ("sender:\n  default_locale: it", "sender.default_locale: \"it\": expected one of sender.locales (fr, en, es, de)"),
        ("sender:\n  unsubscribe_url: https://x.example/u", "sender.unsubscribe_url: \"https://x.example/u\": expected a URL containing {token}"),
        ("sender:\n  unsubscribe_url: ftp://x.example/{token}", "expected an https:// (or http://) URL"),
        ("sender:\n  reply_to: nobody", "sender.reply_to: \"nobody\": expected an email address"),
        ("sender:\n  locales: fr", "sender.locales: \"fr\": expected a list"),
    ])
    func senderProblems(_ extra: String, _ expected: String) async {
        let lines = await problems(Self.merge(Self.valid, extra))
        #expect(lines.contains { $0.contains(expected) }, "got: \(lines)")
    }

    @Test func missingRequiredKeysAreListedTogether() async {
        let lines = await problems("store:\n  path: x.sqlite\n")
        #expect(lines.contains { $0.contains("sender.from: expected a value (this key is required)") })
        #expect(lines.contains { $0.contains("sender.organization: expected a value (this key is required)") })
    }

    @Test func problemsNameTheFileLineOrTheVariable() async {
        let lines = await problems(Self.merge(Self.valid, "delivery:\n  transport: pigeon"))
        #expect(lines.contains { $0.hasPrefix("relais.yaml:") && $0.contains("delivery.transport") })
        let fromEnvironment = await problems(Self.valid, environment: ["RELAIS_DELIVERY_TRANSPORT": "carrier"])
        #expect(fromEnvironment.contains("RELAIS_DELIVERY_TRANSPORT: delivery.transport: \"carrier\": expected one of file, smtp"))
    }

    @Test func yamlSyntaxErrorNamesTheFileAndLine() async {
        let lines = await problems("store:\n  path: [unclosed\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("relais.yaml") == true && lines.first?.contains("valid YAML") == true)
        #expect(lines.first?.contains("line") == true || lines.first?.contains(":2") == true || lines.first?.contains("3") == true)
    }

    @Test func missingFileIsOneLine() async {
        do {
            _ = try await ConfigurationLoader.load(path: directory.file("nope.yaml"), environment: [:])
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description.contains("nope.yaml"))
            #expect(error.problems.count == 1)
        }
    }

    @Test func fileSystemChecks() async throws {
        let yaml = Self.merge(Self.valid, """
            templates:
              directory: no-such-templates
            delivery:
              transport: smtp
              smtp:
                username: relais
                password_file: secrets/missing
                ca_file: no-ca.pem
            """)
        let lines = await problems(yaml)
        #expect(lines.contains { $0.contains("templates.directory") && $0.contains("expected an existing directory") })
        #expect(lines.contains { $0.contains("delivery.smtp.password_file") && $0.contains("secrets/missing") && $0.contains("readable") })
        #expect(lines.contains { $0.contains("delivery.smtp.ca_file") && $0.contains("no-ca.pem") })
    }

    @Test func passwordComesFromCredentialsDirectoryAndIsNeverInTheConfiguration() async throws {
        let credentials = TemporaryDirectory()
        credentials.write("smtp-password", "s3cr3t-ü\n")
        let yaml = Self.merge(Self.valid, "delivery:\n  smtp:\n    username: relais")
        let configuration = try await ConfigurationLoader.load(path: write(yaml), environment: ["CREDENTIALS_DIRECTORY": credentials.path])
        #expect(try configuration.delivery.smtp.readPassword() == "s3cr3t-ü")
        #expect(!String(describing: configuration).contains("s3cr3t"))
    }

    @Test func usernameWithoutAnyPasswordSourceIsReported() async {
        let yaml = Self.merge(Self.valid, "delivery:\n  transport: smtp\n  smtp:\n    username: relais")
        let lines = await problems(yaml)
        #expect(lines.contains { $0.contains("delivery.smtp.password_file") && $0.contains("since delivery.smtp.username is set") })
    }

    /// Adds `extra` (YAML) to `base`, merging second-level mappings so keys are not duplicated.
    static func merge(_ base: String, _ extra: String) -> String {
        var sections: [(String, [String])] = []
        func add(_ text: String) {
            var current: Int?
            for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
                if !line.hasPrefix(" ") {
                    let key = line
                    if let index = sections.firstIndex(where: { $0.0 == key }) { current = index } else {
                        sections.append((key, []))
                        current = sections.count - 1
                    }
                } else if let current {
                    let indented = line
                    let name = indented.trimmingCharacters(in: .whitespaces).split(separator: ":").first.map(String.init) ?? ""
                    let depth = indented.prefix { $0 == " " }.count
                    if depth == 2, let existing = sections[current].1.firstIndex(where: { $0.hasPrefix("  \(name):") }) {
                        let value = indented.trimmingCharacters(in: .whitespaces).dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
                        if value.isEmpty {
                            continue
                        }
                        sections[current].1[existing] = indented
                    } else {
                        sections[current].1.append(indented)
                    }
                }
            }
        }
        add(base)
        add(extra)
        return sections.map { ([$0.0] + $0.1).joined(separator: "\n") }.joined(separator: "\n") + "\n"
    }
}
