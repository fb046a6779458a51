import Foundation

/// Deriving a VTIMEZONE from Foundation's time zone data.
extension VTimeZone {
    /// A UTC-offset change: its instant and the offsets around it.
    struct Transition {
        var instant: Date
        var offsetFrom: Int
        var offsetTo: Int
        var isDaylight: Bool
        var name: String?
        /// Wall-clock time of the onset in `offsetFrom`, as RFC 5545 writes it.
        var local: DateTimeValue { DateTimeValue(instant, offset: offsetFrom) }
    }

    /// The VTIMEZONE of `timeZone` valid for the local year of `date` and the years before and after.
    init(_ timeZone: TimeZone, around date: Date) {
        identifier = timeZone.identifier
        let names = ZoneAbbreviations(identifier: timeZone.identifier)
        let year = DateTimeValue(date, offset: timeZone.secondsFromGMT(for: date)).year
        let transitions = Self.transitions(of: timeZone, fromYear: year - 1, toYear: year + 1, names: names)
        if transitions.isEmpty {
            let offset = timeZone.secondsFromGMT(for: date)
            observances = [
                Observance(
                    isDaylight: false, start: DateTimeValue(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0),
                    offsetFrom: offset, offsetTo: offset, name: Self.name(timeZone, names, at: date), rule: nil,
                    additionalStarts: [])
            ]
        } else if let yearly = Self.yearlyObservances(transitions, fromYear: year - 1, toYear: year + 1) {
            observances = yearly
        } else {
            observances = Self.listedObservances(transitions)
        }
    }

    /// Offset changes from 1 January of `fromYear` to 31 December of `toYear` (UTC bounds, a day of margin).
    static func transitions(of timeZone: TimeZone, fromYear: Int, toYear: Int, names: ZoneAbbreviations? = nil) -> [Transition] {
        let start = Date(timeIntervalSince1970: Double(DateTimeValue.days(year: fromYear, month: 1, day: 1) - 1) * 86_400)
        let end = Date(timeIntervalSince1970: Double(DateTimeValue.days(year: toYear + 1, month: 1, day: 1) + 1) * 86_400)
        var result: [Transition] = []
        var cursor = start
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < end, result.count < 64 {
            let from = timeZone.secondsFromGMT(for: next.addingTimeInterval(-1))
            let to = timeZone.secondsFromGMT(for: next)
            if from != to {
                result.append(
                    Transition(
                        instant: next, offsetFrom: from, offsetTo: to,
                        isDaylight: timeZone.isDaylightSavingTime(for: next), name: name(timeZone, names, at: next)))
            }
            cursor = next
        }
        return result
    }

    /// The tz database's abbreviation at `date` (CET, CEST), Foundation's when the zone has no readable TZif file.
    static func name(_ timeZone: TimeZone, _ names: ZoneAbbreviations?, at date: Date) -> String? {
        names?.name(offset: timeZone.secondsFromGMT(for: date), isDaylight: timeZone.isDaylightSavingTime(for: date))
            ?? timeZone.abbreviation(for: date)
    }

    /// Two observances with RRULEs, when each kind of transition happens once a year on a
    /// rule that predicts every year of the range; nil otherwise.
    static func yearlyObservances(_ transitions: [Transition], fromYear: Int, toYear: Int) -> [Observance]? {
        let years = toYear - fromYear + 1
        let groups = Dictionary(grouping: transitions) { $0.isDaylight }
        guard groups.count == 2 else { return nil }
        var result: [Observance] = []
        for (_, group) in groups {
            guard group.count == years,
                Set(group.map(\.offsetFrom)).count == 1, Set(group.map(\.offsetTo)).count == 1
            else { return nil }
            let first = group[0].local
            let length = DateTimeValue.daysInMonth(first.year, first.month)
            var candidates: [Int] = []
            if first.day + 7 > length { candidates.append(-1) }
            candidates.append((first.day - 1) / 7 + 1)
            let rule = candidates.lazy.map { YearlyRule(month: first.month, ordinal: $0, weekday: first.weekday) }
                .first { rule in
                    group.allSatisfy { transition in
                        let local = transition.local
                        return local.month == rule.month && local.day == rule.day(in: local.year)
                            && (local.hour, local.minute, local.second) == (first.hour, first.minute, first.second)
                    }
                }
            guard let rule else { return nil }
            result.append(
                Observance(
                    isDaylight: group[0].isDaylight, start: first, offsetFrom: group[0].offsetFrom,
                    offsetTo: group[0].offsetTo, name: group[0].name, rule: rule, additionalStarts: []))
        }
        return result.sorted { $0.start < $1.start }
    }

    /// One observance per distinct (kind, offsets, name), listing its onsets with RDATE.
    static func listedObservances(_ transitions: [Transition]) -> [Observance] {
        var result: [Observance] = []
        for transition in transitions {
            if let index = result.firstIndex(where: {
                $0.isDaylight == transition.isDaylight && $0.offsetFrom == transition.offsetFrom
                    && $0.offsetTo == transition.offsetTo && $0.name == transition.name
            }) {
                result[index].additionalStarts.append(transition.local)
            } else {
                result.append(
                    Observance(
                        isDaylight: transition.isDaylight, start: transition.local, offsetFrom: transition.offsetFrom,
                        offsetTo: transition.offsetTo, name: transition.name, rule: nil, additionalStarts: []))
            }
        }
        return result
    }
}
