import Foundation
import StoreModel
import Testing

/// What only a shared store (PostgreSQL) promises: several daemons planning at the same moment,
/// each on a pool of its own, queue every message once.
extension QueueContractTests {
    /// Runs `body` once on each of `stores` at the same moment, each on a thread of its own; returns the results in order.
    static func atOnce<Store: Sendable, Result: Sendable>(
        _ stores: [Store], _ body: @escaping @Sendable (Store, Int) throws -> Result
    ) async throws -> [Result] {
        let start = DispatchSemaphore(value: 0)
        let results = try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    try await offPool {
                        start.wait()
                        return (index, try body(store, index))
                    }
                }
            }
            for _ in stores { start.signal() }
            var results: [(Int, Result)] = []
            for try await result in group { results.append(result) }
            return results
        }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }

    @Test("PostgreSQL: two daemons fanning out a 2,000-member announcement at once queue it once")
    func concurrentFanOut() async throws {
        try await Backend.withPostgresFixtures(2) { fixtures async throws in
            let t0 = t0
            try await fixtures[0].addMembers(count: 2000, list: "members")
            let id = try await fixtures[0].addAnnouncement(pending(["Members"], due: t0))
            let counts = try await Self.atOnce(fixtures.map(\.store)) { store, _ in
                try store.queueDueAnnouncements(now: t0, makeRow: Self.announcementRow)
            }
            #expect(counts.sorted() == [0, 2000])
            #expect(try await fixtures[1].queue.queueCounts() == [.queued: 2000])
            let keys = Set(try await fixtures[1].queue.queueRows().map(\.idempotencyKey))
            #expect(keys.count == 2000 && keys.allSatisfy { $0.hasPrefix("announcement:\(id):") })
            let announcement = try #require(try await offPool { try fixtures[1].store.announcement(id: id) })
            #expect(announcement.state == .queued && announcement.queuedCount == 2000)
        }
    }

    @Test("PostgreSQL: two planners from one watermark queue each reminder once and keep the later watermark")
    func concurrentPlanners() async throws {
        try await Backend.withPostgresFixtures(2) { fixtures async throws in
            let t0 = t0
            let stores = fixtures.map(\.store)
            for round in 0..<5 {
                let from = try await offPool { try stores[0].remindersPlannedUntil() } ?? t0
                // Both plan the same rows (one gives them in the reverse order) up to different instants.
                let rows = (0..<200).map { reminder("round\(round)-\($0)") }
                let inserted = try await Self.atOnce(stores) { store, index in
                    try store.enqueueReminders(
                        index == 0 ? rows : rows.reversed(), plannedUntil: from.addingTimeInterval(Double(100 + 100 * index)))
                }
                #expect(inserted.reduce(0, +) == 200)
                #expect(try await offPool { try stores[1].remindersPlannedUntil() } == from.addingTimeInterval(200))
            }
            #expect(try await fixtures[0].queue.queueRows().count == 1000)
        }
    }
}
