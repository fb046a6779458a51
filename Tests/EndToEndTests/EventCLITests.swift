import Foundation
import RelaisTestSupport
import Testing

@Suite(.blocking) struct EventCLITests {
    /// A sandbox with members on the lists `be` and `partners`.
    func sandbox() throws -> Sandbox {
        let sandbox = Sandbox()
        for (email, list) in [("ana@example.es", "partners"), ("eve@example.be", "be")] {
            let added = try sandbox.ctl(["member", "add", email, "--name", "X", "--locale", "fr", "--list", list, "--create-lists"])
            #expect(added.status == 0, "\(added.stderr)")
        }
        return sandbox
    }

    func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func add(_ sandbox: Sandbox, _ extra: [String] = []) throws -> String {
        let result = try sandbox.ctl([
            "event", "add", "--title", "fr=Petit-déjeuner", "--title", "en=Breakfast", "--start", "2050-03-01T08:30",
            "--tz", "Europe/Brussels", "--rule", "FREQ=MONTHLY;BYDAY=1TU", "--duration", "90m", "--list", "be",
            "--remind", "7d", "--remind", "1d",
        ] + extra)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let id = result.stdout.trimmingCharacters(in: .newlines)
        #expect(Int(id) != nil, "add printed \(result.stdout)")
        return id
    }

    @Test func addListShowAndOccurrences() throws {
        let sandbox = try sandbox()
        let id = try add(sandbox, ["--location", "Café Belga", "--url", "https://example.be/dej", "--description", "fr=Ligne 1\nLigne 2"])

        let list = try #require(try json(sandbox.ctl(["event", "list", "--json"])) as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["id"] as? Int == Int(id))
        #expect(list.first?["rule"] as? String == "FREQ=MONTHLY;BYDAY=1TU")
        #expect(list.first?["next"] as? String == "2050-03-01T07:30:00Z")
        #expect(list.first?["reminders"] as? [String] == ["7d", "1d"])
        let table = try sandbox.ctl(["event", "list"])
        #expect(table.stdout.contains("Tue 2050-03-01 08:30 +01:00") && table.stdout.contains("Petit-déjeuner"))

        let show = try #require(try json(sandbox.ctl(["event", "show", id, "--json"])) as? [String: Any])
        #expect(show["titles"] as? [String: String] == ["fr": "Petit-déjeuner", "en": "Breakfast"])
        #expect(show["descriptions"] as? [String: String] == ["fr": "Ligne 1\nLigne 2"])
        #expect(show["location"] as? String == "Café Belga")
        #expect(show["duration"] as? String == "1h30m")
        #expect(show["sequence"] as? Int == 0)
        #expect((show["uid"] as? String)?.hasSuffix("@mompreneurs.example") == true)
        let text = try sandbox.ctl(["event", "show", id])
        #expect(text.status == 0 && text.stdout.contains("repeats:") && text.stdout.contains("FREQ=MONTHLY;BYDAY=1TU"))

        // March 1 (CET) and April 5 (CEST), 90 minutes long.
        let occurrences = try #require(try json(sandbox.ctl(["event", "occurrences", id, "--limit", "2", "--json"])) as? [[String: Any]])
        #expect(occurrences.map { $0["start"] as? String } == ["2050-03-01T07:30:00Z", "2050-04-05T06:30:00Z"])
        #expect(occurrences.map { $0["end"] as? String } == ["2050-03-01T09:00:00Z", "2050-04-05T08:00:00Z"])
        let reminders = try #require(occurrences.last?["reminders"] as? [[String: String]])
        #expect(reminders == [["offset": "7d", "due": "2050-03-29T06:30:00Z"], ["offset": "1d", "due": "2050-04-04T06:30:00Z"]])
        let lines = try sandbox.ctl(["event", "occurrences", id, "--limit", "2"]).stdout.split(separator: "\n")
        #expect(lines.first == "Tue 2050-03-01 08:30 +01:00")
        #expect(lines.contains { $0.contains("7d") && $0.contains("Tue 2050-02-22 08:30 +01:00") })
    }

    @Test func cancelMoveUpdateAndRemove() throws {
        let sandbox = try sandbox()
        let id = try add(sandbox)
        #expect(try sandbox.ctl(["event", "cancel", id, "--occurrence", "2050-04-05T08:30"]).status == 0)
        let move = try sandbox.ctl(["event", "move", id, "--occurrence", "2050-05-03T08:30", "--to", "2050-05-10T19:00"])
        #expect(move.status == 0 && move.stdout.hasPrefix("moved the occurrence 2050-05-03T08:30 of event \(id) to 2050-05-10T19:00\n") && move.stderr.isEmpty)
        var occurrences = try #require(try json(sandbox.ctl(["event", "occurrences", id, "--limit", "3", "--json"])) as? [[String: Any]])
        #expect(occurrences.map { $0["local"] as? String } == ["2050-03-01T08:30:00", "2050-05-10T19:00:00", "2050-06-07T08:30:00"])
        #expect(occurrences[1]["original"] as? String == "2050-05-03T08:30:00")
        #expect(occurrences[1]["moved"] as? Bool == true)

        let notOne = try sandbox.ctl(["event", "cancel", id, "--occurrence", "2050-04-06T08:30"])
        #expect(notOne.status == 65)
        #expect(notOne.stderr.split(separator: "\n").count == 1 && notOne.stderr.contains("not an occurrence"))

        let update = try sandbox.ctl(["event", "update", id, "--title", "en=Networking breakfast", "--list", "partners", "--remind", "2h"])
        #expect(update.status == 0 && update.stdout == "updated event \(id) (sequence 3)\n", "\(update.stderr)")
        var show = try #require(try json(sandbox.ctl(["event", "show", id, "--json"])) as? [String: Any])
        #expect(show["titles"] as? [String: String] == ["fr": "Petit-déjeuner", "en": "Networking breakfast"])
        #expect(show["lists"] as? [String] == ["partners"])
        #expect(show["reminders"] as? [String] == ["2h"])
        #expect(show["sequence"] as? Int == 3)
        #expect((show["exceptions"] as? [Any])?.count == 2)

        // A new rule drops the exceptions that are no longer occurrences.
        #expect(try sandbox.ctl(["event", "update", id, "--rule", "FREQ=MONTHLY;BYDAY=2TU"]).status == 0)
        show = try #require(try json(sandbox.ctl(["event", "show", id, "--json"])) as? [String: Any])
        #expect((show["exceptions"] as? [Any])?.isEmpty == true)
        #expect(show["sequence"] as? Int == 4)

        #expect(try sandbox.ctl(["event", "cancel", id]).status == 0)
        show = try #require(try json(sandbox.ctl(["event", "show", id, "--json"])) as? [String: Any])
        #expect(show["cancelled"] as? Bool == true && show["sequence"] as? Int == 5)
        occurrences = try #require(try json(sandbox.ctl(["event", "occurrences", id, "--json"])) as? [[String: Any]])
        #expect(occurrences.isEmpty)

        #expect(try sandbox.ctl(["event", "remove", id]).status == 0)
        let gone = try sandbox.ctl(["event", "show", id])
        #expect(gone.status == 65 && gone.stderr == "relaisctl: no event with id \(id)\n")
    }

    @Test(arguments: [
        (["--rule", "FREQ=FORTNIGHTLY"], "FREQ=FORTNIGHTLY"),
        (["--rule", "FREQ=MONTHLY;BYDAY=1XX"], "BYDAY=1XX"),
        (["--tz", "Europe/Bruxelles"], "Europe/Bruxelles"),
        (["--start", "2050-02-30T08:30"], "2050-02-30T08:30"),
        (["--title", "it=Colazione"], "\"it\""),
        (["--title", "fr=Petit\r\nBcc: x@example.org"], "control characters"),
        (["--location", "Café\nBcc: x"], "control characters"),
        (["--duration", "90"], "\"90\""),
        (["--remind", "7x"], "\"7x\""),
        (["--list", "nobody"], "\"nobody\""),
        (["--url", "javascript:alert(1)"], "javascript:alert(1)"),
    ])
    func badValuesExit65WithOneLine(_ override: [String], _ named: String) throws {
        let sandbox = try sandbox()
        var arguments = ["event", "add", "--title", "fr=Petit-déjeuner", "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels", "--list", "be"]
        if let index = arguments.firstIndex(of: override[0]) {
            arguments[index + 1] = override[1]
        } else {
            arguments += override
        }
        let result = try sandbox.ctl(arguments)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("relaisctl: ") && result.stderr.contains(named), "\(result.stderr)")
        #expect((try json(sandbox.ctl(["event", "list", "--json"])) as? [Any])?.isEmpty == true)
    }

    @Test func rruleExpandAgreesWithTheDateutilOracle() throws {
        let cases: [(rule: String, start: String, tz: String, extra: [String], limit: Int)] = [
            ("FREQ=MONTHLY;BYDAY=1TU", "2026-01-06T08:30", "Europe/Brussels", [], 14),
            ("FREQ=WEEKLY;BYDAY=TH;COUNT=6", "2026-03-12T02:30", "Europe/Berlin", ["--exdate", "2026-04-02T02:30"], 10),
            ("FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31T19:00", "America/New_York", ["--rdate", "2026-03-08T02:30"], 8),
            ("FREQ=YEARLY;BYMONTH=4,10;BYDAY=1SU;BYHOUR=2;BYMINUTE=30", "2026-04-05T02:30", "Australia/Sydney", [], 6),
        ]
        var oracleInput: [[String: Any]] = []
        var ours: [[String]] = []
        for item in cases {
            let result = try Binaries.ctl(["rrule", "expand", "--rule", item.rule, "--start", item.start, "--tz", item.tz, "--limit", String(item.limit), "--json"] + item.extra)
            #expect(result.status == 0, "\(result.stderr)")
            ours.append(try #require(try json(result) as? [String]))
            var entry: [String: Any] = ["rule": item.rule, "start": item.start, "tz": item.tz, "limit": item.limit]
            if item.extra.first == "--exdate" { entry["exdates"] = [item.extra[1]] }
            if item.extra.first == "--rdate" { entry["rdates"] = [item.extra[1]] }
            oracleInput.append(entry)
        }
        let oracle = try ProcessRunner.python("scripts/rrule-oracle.py", input: try JSONSerialization.data(withJSONObject: oracleInput))
        try #require(oracle.status == 0, "\(oracle.stderr)")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(oracle.stdout.utf8)) as? [[String]])
        #expect(ours == expected)
        #expect(ours[1].count == 5)
    }

    @Test func rruleExpandTextShowsWeekdayLocalTimeAndOffset() throws {
        let result = try Binaries.ctl(["rrule", "expand", "--rule", "FREQ=WEEKLY", "--start", "2026-03-24T19:00", "--tz", "Europe/Brussels", "--limit", "2"])
        #expect(result.status == 0)
        #expect(result.stdout == "Tue 2026-03-24 19:00 +01:00\nTue 2026-03-31 19:00 +02:00\n")
        let gap = try Binaries.ctl(["rrule", "expand", "--rule", "FREQ=DAILY", "--start", "2026-03-28T02:30", "--tz", "Europe/Brussels", "--limit", "3"])
        #expect(gap.stdout == "Sat 2026-03-28 02:30 +01:00\nSun 2026-03-29 03:30 +02:00\nMon 2026-03-30 02:30 +02:00\n")
        let defaultLimit = try Binaries.ctl(["rrule", "expand", "--rule", "FREQ=DAILY", "--start", "2026-03-28T08:00", "--tz", "UTC"])
        #expect(defaultLimit.stdout.split(separator: "\n").count == 10)
    }

    @Test(arguments: [
        ("FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY"),
        ("FREQ=MONTHLY;BYDAY=1XX", "BYDAY=1XX"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20260401T000000Z", "UNTIL"),
        ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS"),
    ])
    func malformedRuleExits65WithOneLineNamingThePart(_ rule: String, _ part: String) throws {
        let result = try Binaries.ctl(["rrule", "expand", "--rule", rule, "--start", "2026-03-03T08:30", "--tz", "Europe/Brussels"])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains(part), "\(result.stderr)")
    }
}
