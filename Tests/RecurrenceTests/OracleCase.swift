import Foundation
import Recurrence
import RelaisTestSupport
import Testing

/// One differential case: a recurrence set and how many occurrences to compare.
struct OracleCase: Encodable, Sendable, CustomTestStringConvertible {
    let name: String
    let rule: String?
    let start: String
    let tz: String
    var rdates: [String] = []
    var exdates: [String] = []
    /// How many occurrences to compare (the first N of an unbounded rule; all of a bounded one).
    var limit = 400

    var testDescription: String { name }

    /// The set this case describes, built by the library under test.
    func recurrenceSet() throws -> RecurrenceSet {
        RecurrenceSet(
            start: try LocalDateTime(parsing: start),
            zone: try TimeZoneLookup.zone(named: tz),
            rule: try rule.map { try RecurrenceRule(parsing: $0) },
            rdates: try rdates.map { try LocalDateTime(parsing: $0) },
            exdates: try exdates.map { try LocalDateTime(parsing: $0) })
    }

    /// The library's first `limit` occurrences as UTC instants `YYYY-MM-DDTHH:MM:SSZ`.
    func expanded() throws -> [String] {
        try recurrenceSet().occurrences().prefix(limit).map { $0.start.formatted(.iso8601) }
    }
}

/// Runs `scripts/rrule-oracle.py` once for a batch of cases; answers are keyed by case name.
enum Oracle {
    /// The oracle's answer for every case of the suite, computed on first use in one process.
    static let answers: Result<[String: [String]], OracleFailure> = run(RFC5545Examples.cases + ZoneCases.cases)

    /// The oracle's UTC instants for `testCase`.
    static func answer(for testCase: OracleCase) throws -> [String] {
        let all = try answers.get()
        return try #require(all[testCase.name], "oracle gave no answer for \(testCase.name)")
    }

    /// A failure to run the oracle, with its standard error.
    struct OracleFailure: Error, CustomStringConvertible {
        let description: String
    }

    private static func run(_ cases: [OracleCase]) -> Result<[String: [String]], OracleFailure> {
        do {
            let result = try ProcessRunner.python("scripts/rrule-oracle.py", input: try JSONEncoder().encode(cases))
            guard result.status == 0 else {
                return .failure(OracleFailure(description: "rrule-oracle.py failed: \(result.stderr)"))
            }
            let lists = try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
            guard lists.count == cases.count else {
                return .failure(OracleFailure(description: "rrule-oracle.py answered \(lists.count) of \(cases.count) cases"))
            }
            var byName: [String: [String]] = [:]
            for (testCase, list) in zip(cases, lists) { byName[testCase.name] = list }
            return .success(byName)
        } catch {
            return .failure(OracleFailure(description: "could not run rrule-oracle.py: \(error)"))
        }
    }
}
