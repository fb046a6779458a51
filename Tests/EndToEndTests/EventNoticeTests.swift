import Foundation
import RelaisTestSupport
import Testing

/// Cancelling, moving and adding events tells the members (issue 10, items 3 and 7), through
/// relaisctl and `relaisd --once` with the file transport.
@Suite(.blocking) struct EventNoticeTests {
    func sandboxWithMembers() throws -> Sandbox {
        let sandbox = Sandbox()
        let imported = try sandbox.ctl(["member", "import", Repository.path("config/members.sample.csv"), "--create-lists"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return sandbox
    }

    /// The messages in the outbox (then emptied), by file name.
    func takeOutbox(_ sandbox: Sandbox) throws -> [String] {
        let folder = sandbox.directory.file("var/outbox")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }.sorted()
        let messages = try names.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        for name in names { try FileManager.default.removeItem(atPath: folder + "/" + name) }
        return messages
    }

    /// The decoded text/calendar part of a message (it is sent in base64).
    static func calendar(_ message: String) -> String? {
        guard let part = message.range(of: "Content-Type: text/calendar") else { return nil }
        guard let body = message.range(of: "\r\n\r\n", range: part.upperBound..<message.endIndex) else { return nil }
        let lines = message[body.upperBound...].components(separatedBy: "\r\n").prefix { !$0.isEmpty && !$0.hasPrefix("--") }
        return Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
    }

    static func field(_ name: String, in calendar: String) -> [String] {
        calendar.components(separatedBy: "\r\n").filter { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    func addSeries(_ sandbox: Sandbox) throws -> String {
        let added = try sandbox.ctl([
            "event", "add", "--title", "fr=Petit-déjeuner", "--title", "en=Breakfast", "--title", "es=Desayuno", "--title", "de=Frühstück",
            "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels", "--rule", "FREQ=MONTHLY;BYDAY=1TU", "--list", "werein-partners",
            "--location", "Rue Haute 1",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        return added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func cancellingASeriesCancelsEveryOccurrenceMembersWereSent() throws {
        let sandbox = try sandboxWithMembers()
        let id = try addSeries(sandbox)
        for occurrence in ["2050-03-01T08:30", "2050-04-05T08:30", "2050-05-03T08:30"] {
            let announced = try sandbox.ctl(["announce", "meetup-announcement", "--event", id, "--occurrence", occurrence, "--fallback"])
            #expect(announced.status == 0, "\(announced.stderr)")
        }
        #expect(try sandbox.runDaemonOnce().status == 0)
        let announcements = try takeOutbox(sandbox)
        #expect(announcements.count == 27)  // 9 members of werein-partners × 3 occurrences
        let sent = Set(announcements.compactMap(Self.calendar).flatMap { Self.field("UID", in: $0) })
        let sentSequence = announcements.compactMap(Self.calendar).flatMap { Self.field("SEQUENCE", in: $0) }.compactMap(Int.init).max() ?? 0
        #expect(sent.count == 3)

        let cancelled = try sandbox.ctl(["event", "cancel", id])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("queued 27 cancellation messages"), "\(cancelled.stdout)")
        #expect(try sandbox.runDaemonOnce().status == 0)
        let cancellations = try takeOutbox(sandbox)
        #expect(cancellations.count == 27)
        var withdrawn = Set<String>()
        for message in cancellations {
            let calendar = try #require(Self.calendar(message))
            #expect(Self.field("METHOD", in: calendar) == ["CANCEL"])
            #expect(Self.field("STATUS", in: calendar) == ["CANCELLED"])
            #expect((Self.field("SEQUENCE", in: calendar).first.flatMap(Int.init) ?? 0) > sentSequence)
            withdrawn.formUnion(Self.field("UID", in: calendar))
        }
        #expect(withdrawn == sent)
    }

    @Test func aCancelledOccurrenceIsNeverAnnouncedAsNew() throws {
        let sandbox = try sandboxWithMembers()
        let id = try addSeries(sandbox)
        // Queued for later, then the occurrence is cancelled: the announcement is withdrawn.
        let later = try sandbox.ctl([
            "announce", "meetup-announcement", "--event", id, "--occurrence", "2050-04-05T08:30", "--fallback",
            "--at", "2049-12-01T09:00", "--tz", "Europe/Brussels",
        ])
        #expect(later.status == 0, "\(later.stderr)")
        let cancelled = try sandbox.ctl(["event", "cancel", id, "--occurrence", "2050-04-05T08:30"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(cancelled.stdout.contains("queued 9 cancellation messages (occurrence 2050-04-05T08:30)"), "\(cancelled.stdout)")
        let refused = try sandbox.ctl(["announce", "meetup-announcement", "--event", id, "--occurrence", "2050-04-05T08:30", "--fallback"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("is cancelled"), "\(refused.stderr)")
        #expect(try sandbox.runDaemonOnce().status == 0)
        let messages = try takeOutbox(sandbox)
        #expect(messages.count == 9)
        #expect(messages.allSatisfy { Self.calendar($0).map { Self.field("METHOD", in: $0) } == ["CANCEL"] })
        let status = try sandbox.ctl(["queue", "list", "--json"])
        #expect(!status.stdout.contains("\"state\" : \"queued\""), "\(status.stdout)")
    }

    @Test func movingAnOccurrenceTellsOldAndNewTimeInEachLanguage() throws {
        let sandbox = try sandboxWithMembers()
        let id = try addSeries(sandbox)
        let moved = try sandbox.ctl(["event", "move", id, "--occurrence", "2050-03-01T08:30", "--to", "2050-03-03T19:00"])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("queued 9 meetup-changed messages"), "\(moved.stdout)")
        #expect(try sandbox.runDaemonOnce().status == 0)
        let messages = try takeOutbox(sandbox)
        #expect(messages.count == 9)
        // The text part is quoted-printable: compare on the decoded text of the subject-free body.
        let expected: [String: (old: String, new: String)] = [
            "fr": ("1 mars 2050 à 8\u{A0}h\u{A0}30", "3 mars 2050 à 19\u{A0}h"),
            "en": ("1 March 2050 at 8:30", "3 March 2050 at 19:00"),
            "es": ("1 de marzo de 2050, 8:30", "3 de marzo de 2050, 19:00"),
            "de": ("1. März 2050, 8:30 Uhr", "3. März 2050, 19:00 Uhr"),
        ]
        var seen = Set<String>()
        for message in messages {
            let language = try #require(message.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Language: ") }?.dropFirst(18))
            let base = String(language.prefix(2))
            seen.insert(base)
            let text = Self.decodedText(message)
            let dates = try #require(expected[base], "\(language)")
            #expect(text.contains(dates.old) && text.contains(dates.new), "\(language): \(text)")
            let calendar = try #require(Self.calendar(message))
            #expect(Self.field("METHOD", in: calendar) == ["PUBLISH"])
        }
        #expect(seen.count >= 2, "several languages among the sample members: \(seen)")
    }

    @Test func remindersAlreadyDueWhenAnEventIsAddedAreDecided() throws {
        let sandbox = try sandboxWithMembers()
        #expect(try sandbox.runDaemonOnce().status == 0)  // the planner's watermark is now
        let start = Date().addingTimeInterval(2 * 3600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: start)
        let local = String(format: "%04d-%02d-%02dT%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
        // 3h before: due an hour ago, within schedule.lateness (6h); 1w before: far beyond it.
        let added = try sandbox.ctl([
            "event", "add", "--title", "en=Late breakfast", "--start", local, "--tz", "Europe/Brussels", "--list", "werein-partners",
            "--remind", "3h", "--remind", "1w",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("reminder 3h before") && added.stderr.contains("sent now to 9 members"), "\(added.stderr)")
        #expect(added.stderr.contains("reminder 1w before") && added.stderr.contains("skipped for 9 members"), "\(added.stderr)")
        #expect(try sandbox.runDaemonOnce().status == 0)
        #expect(try takeOutbox(sandbox).count == 9)
        func rows(_ state: String) throws -> [[String: Any]] {
            let listed = try sandbox.ctl(["queue", "list", "--state", state, "--json"])
            return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        }
        let skipped = try rows("skipped")
        #expect(skipped.count == 9)
        #expect(try rows("sent").count == 9)
    }

    /// The text/plain part, quoted-printable decoded (soft breaks joined).
    static func decodedText(_ message: String) -> String {
        guard let part = message.range(of: "Content-Type: text/plain"),
            let body = message.range(of: "\r\n\r\n", range: part.upperBound..<message.endIndex)
        else { return "" }
        let encoded = message[body.upperBound...].components(separatedBy: "\r\n--").first ?? ""
        var bytes: [UInt8] = []
        var iterator = Array(encoded.replacingOccurrences(of: "=\r\n", with: "").utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
