import Foundation

/// Merges a set's RRULE instances and RDATEs, converts them to instants, drops EXDATEs, and
/// hands them out in ascending instant order without duplicates.
///
/// Wall-clock order and instant order differ only around a spring gap (a skipped 02:30 moves
/// to 03:30 and may land after 03:00), so instances wait in a small buffer until no later
/// wall-clock time can start before them.
public struct OccurrenceIterator: IteratorProtocol {
    /// Wall-clock and instant seconds of a converted instance.
    private typealias Instance = (local: Int64, utc: Int64)

    /// Any wall-clock time L starts at or after L - `reach` (no UTC offset exceeds 16 hours).
    private static let reach: Int64 = 16 * 3600

    private var expander: RuleExpander?
    private var peekedRule: Int64?
    private var rdates: [Int64]
    private var rdateIndex = 0
    private let start: Int64
    private let excluded: Set<Int64>
    private let until: Int64?
    private let from: Int64
    private var converter: ZoneConverter
    private var pending: [Instance] = []
    private var latestLocal: Int64 = .min
    private var sourceDone = false

    /// An iterator over `set`, skipping to `from` when given.
    init(set: RecurrenceSet, from date: Date?) {
        start = set.start.localSeconds
        converter = ZoneConverter(zone: set.zone)
        from = date.map { Int64($0.timeIntervalSince1970.rounded(.up)) } ?? .min
        if let rule = set.rule {
            var expander = RuleExpander(plan: ExpansionPlan(rule: rule, start: set.start))
            if date != nil, rule.count == nil { expander.skip(toLocal: from - Self.reach) }
            self.expander = expander
            if case .utc(let time) = rule.until { until = time.localSeconds } else { until = nil }
        } else {
            until = nil
        }
        var rdates = Set(set.rdates.map(\.localSeconds))
        if set.rule == nil { rdates.insert(start) }
        let floor = from == .min ? Int64.min : from - Self.reach
        self.rdates = rdates.filter { $0 >= floor }.sorted()
        var converter = self.converter
        excluded = Set(set.exdates.map { converter.utcSeconds(forLocal: $0.localSeconds) })
    }

    /// The next occurrence in ascending instant order, or nil at the end.
    public mutating func next() -> Occurrence? {
        while true {
            if let first = pending.first, sourceDone || first.utc < latestLocal - Self.reach {
                pending.removeFirst()
                return Occurrence(local: LocalDateTime(localSeconds: first.local),
                                  start: Date(timeIntervalSince1970: Double(first.utc)))
            }
            if sourceDone { return nil }
            guard let (local, fromRule) = nextLocal() else {
                sourceDone = true
                continue
            }
            latestLocal = local
            let utc = converter.utcSeconds(forLocal: local)
            if utc < from { continue }
            if fromRule, let until, local != start, utc > until { continue }
            if !excluded.isEmpty && excluded.contains(utc) { continue }
            insert((local, utc))
        }
    }

    /// Adds an instance to `pending`, kept sorted by instant; an instant already there keeps
    /// the later wall-clock label (the one that exists, for a spring-gap duplicate).
    private mutating func insert(_ instance: Instance) {
        var i = pending.endIndex
        while i > pending.startIndex && pending[i - 1].utc > instance.utc { i -= 1 }
        if i > pending.startIndex && pending[i - 1].utc == instance.utc {
            pending[i - 1].local = max(pending[i - 1].local, instance.local)
        } else {
            pending.insert(instance, at: i)
        }
    }

    /// The next wall-clock instance from the rule or the RDATEs (merged, deduplicated), and
    /// whether it came from the rule.
    private mutating func nextLocal() -> (Int64, Bool)? {
        if peekedRule == nil, expander != nil {
            peekedRule = expander!.next()
            if peekedRule == nil { expander = nil }
        }
        let rdate = rdateIndex < rdates.count ? rdates[rdateIndex] : nil
        switch (peekedRule, rdate) {
        case (nil, nil): return nil
        case (let r?, nil):
            peekedRule = nil
            return (r, true)
        case (nil, let d?):
            rdateIndex += 1
            return (d, false)
        case (let r?, let d?):
            if d < r {
                rdateIndex += 1
                return (d, false)
            }
            if d == r { rdateIndex += 1 }
            peekedRule = nil
            return (r, d != r)
        }
    }
}
