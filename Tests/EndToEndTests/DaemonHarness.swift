import Foundation
import RelaisTestSupport

/// A throwaway installation whose `relaisd` delivers by SMTP to an aiosmtpd test server on a
/// random loopback port: the sandbox, the server, and the polling the daemon tests share.
final class DaemonHarness: @unchecked Sendable {
    /// The test server; replaced by ``restartServer()`` (same port).
    private(set) var server: SMTPTestServer
    /// The relay's port, fixed for the harness's life.
    let port: Int
    /// Persistent SMTP connections the daemon may open: the in-flight bound of a crash.
    let connections: Int
    let sandbox: Sandbox

    /// Starts the server (or, with `relayDown`, only reserves its port: connections are refused
    /// until ``restartServer()``) and writes a config that delivers to it without TLS or AUTH,
    /// retrying after `retryFirst`, doubling up to `retryMaxDelay`. `serverArguments` go to
    /// scripts/smtp-test-server.py (`--fault …`).
    init(
        connections: Int = 4, rate: Int = 0, retryFirst: String = "1s", retryMaxDelay: String = "2s",
        relayDown: Bool = false, serverArguments: [String] = [], smtpExtra: [String] = [], retryExtra: [String] = [],
        deliveryExtra: [String] = [], extraYAML: String = "", senderExtra: [String] = []
    ) throws {
        server = try SMTPTestServer(serverArguments)
        port = server.port
        self.connections = connections
        if relayDown { server.stop() }
        sandbox = Sandbox(extraYAML: senderExtra.map { "  " + $0 + "\n" }.joined() + """
            delivery:
              transport: smtp
              smtp:
                url: smtp://127.0.0.1:\(port)
                tls: none
                connections: \(connections)
                rate: \(rate)
                timeout: 10s
            \(smtpExtra.map { "    " + $0 + "\n" }.joined())  retry:
                first: \(retryFirst)
                max_delay: \(retryMaxDelay)
            \(retryExtra.map { "    " + $0 + "\n" }.joined())\(deliveryExtra.map { "  " + $0 + "\n" }.joined())
            \(extraYAML)
            """)
    }

    /// SQLite's `PRAGMA integrity_check` of the database, read by Python's sqlite3: `ok` when sound.
    func integrityCheck() throws -> String {
        let result = try ProcessRunner.run("/usr/bin/python3", [
            "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])",
            sandbox.directory.file("var/relais.sqlite"),
        ])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + result.stderr
    }

    /// Starts a fresh test server on the same port (a relay coming back).
    func restartServer() throws {
        server.stop()
        server = try SMTPTestServer(["--port", String(port)])
    }

    // MARK: Members and queue

    /// Imports `count` members (`member<i>@example.org`, locales taken in turn) on `list`; returns their addresses.
    @discardableResult
    func addMembers(_ count: Int, list: String, locales: [String] = ["fr", "en", "es", "de"]) throws -> [String] {
        var csv = "email,name,locale,lists\n"
        var addresses: [String] = []
        for index in 0..<count {
            let address = "member\(index)@example.org"
            addresses.append(address)
            csv += "\(address),Member \(index),\(locales[index % locales.count]),\(list)\n"
        }
        let file = sandbox.directory.write("members.csv", csv)
        let result = try sandbox.ctl(["member", "import", file, "--create-lists"])
        guard result.status == 0 else { throw HarnessError("member import failed (\(result.status)): \(result.stderr)") }
        return addresses
    }

    /// `relaisctl announce TEMPLATE --list LIST --json`; returns how many messages it queued.
    @discardableResult
    func announce(_ template: String = "newsletter", list: String) throws -> Int {
        var data: [String] = []
        if template == "newsletter" {
            // A newsletter needs its content, in each language its readers have.
            for locale in ["fr", "en", "es", "de"] {
                let file = sandbox.directory.write("newsletter-\(locale).json", """
                    {"title": "Newsletter (\(locale))", "paragraphs": ["Text for \(locale) readers."]}
                    """)
                data += ["--data", "\(locale)=\(file)"]
            }
        }
        let result = try sandbox.ctl(["announce", template, "--list", list, "--json"] + data)
        guard result.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let messages = object["messages"] as? Int
        else { throw HarnessError("announce failed (\(result.status)): \(result.stdout) \(result.stderr)") }
        return messages
    }

    /// One `queue list --json` object.
    struct QueueRow: Decodable {
        var id: Int64
        var state: String
        var recipient: String
        var template: String
        var locale: String
        var attempts: Int
        var last_reply: String?
        var message_id: String
    }

    /// `relaisctl queue list [--state S] --json`.
    func queueRows(state: String? = nil) throws -> [QueueRow] {
        let result = try sandbox.ctl(["queue", "list", "--json"] + (state.map { ["--state", $0] } ?? []))
        guard result.status == 0 else { throw HarnessError("queue list failed (\(result.status)): \(result.stderr)") }
        return try JSONDecoder().decode([QueueRow].self, from: Data(result.stdout.utf8))
    }

    /// How many rows are in each state.
    func stateCounts() throws -> [String: Int] {
        try queueRows().reduce(into: [:]) { $0[$1.state, default: 0] += 1 }
    }

    /// The state counts as text, for failure messages (never throws).
    var queueSummary: String {
        (try? stateCounts()).map { "\($0)" } ?? "(queue list failed)"
    }

    /// `relaisctl queue show ID --json`, decoded as JSON.
    func queueEntry(_ id: Int64) throws -> [String: Any] {
        let result = try sandbox.ctl(["queue", "show", String(id), "--json"])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw HarnessError("queue show \(id) failed (\(result.status)): \(result.stderr)")
        }
        return object
    }

    // MARK: The daemon

    /// Starts `relaisd --config …` in the background.
    func startDaemon(environment: [String: String] = [:]) throws -> RunningProcess {
        try RunningProcess(
            Binaries.relaisd, ["--config", sandbox.config],
            environment: Binaries.cleanEnvironment.merging(environment) { $1 })
    }

    /// Runs `relaisd --once` to completion.
    func runOnce() throws -> ProcessResult {
        try sandbox.runDaemonOnce()
    }

    /// Sends `signal` and waits up to `timeout` (a safety net) for the exit; nil if it did not exit (then it is killed).
    static func stop(_ daemon: RunningProcess, signal: Int32, timeout: TimeInterval = 30) -> Int32? {
        kill(daemon.process.processIdentifier, signal)
        if waitUntil(timeout: timeout, { !daemon.process.isRunning }) { return daemon.wait() }
        daemon.stop(signal: SIGKILL)
        return nil
    }

    /// The daemon's last stderr lines, for failure messages.
    static func tail(_ daemon: RunningProcess, _ count: Int = 15) -> String {
        daemon.stderr.suffix(count).joined(separator: "\n")
    }

    // MARK: What the server received

    /// Messages the server accepted so far (counting files only: cheap enough to poll).
    func recordCount() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: server.recordDirectory.path)) ?? []
        return names.count(where: { $0.hasPrefix("message-") && $0.hasSuffix(".json") })
    }

    /// The recipient of every accepted message, in order of acceptance.
    func recordedRecipients() throws -> [String] {
        try server.records().flatMap(\.rcpt_tos)
    }

    /// One accepted message as Python's email parser and icalendar read it (scripts/mail-summary.py).
    struct MailSummary: Decodable {
        var rcpt: String
        var subject: String?
        var content_language: String?
        var message_id: String?
        var content_types: [String]
        var calendar_method: String?
        var calendar_dtstart: String?
        var calendar_summary: String?
        var calendar_organizer: String?
        var calendar_attendees: [String]?
    }

    /// Every accepted message, read by the independent oracle.
    func mailSummaries() throws -> [MailSummary] {
        let result = try ProcessRunner.python("scripts/mail-summary.py", [server.recordDirectory.path])
        guard result.status == 0 else { throw HarnessError("mail-summary.py failed: \(result.stderr)") }
        return try JSONDecoder().decode([MailSummary].self, from: Data(result.stdout.utf8))
    }

    /// The value of header `name` in a message's header block (unfolded), or nil.
    static func header(_ name: String, in bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(of: "\r\n\t", with: " ")
        for line in unfolded.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].caseInsensitiveCompare(name) == .orderedSame {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` (a safety net, not a timing assertion) passes.
@discardableResult
func waitUntil(timeout: TimeInterval = 60, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return try condition()
}

/// A harness step that could not be carried out (not an assertion about the daemon).
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
