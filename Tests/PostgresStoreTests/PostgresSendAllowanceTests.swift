import Foundation
import Logging
import PostgresNIO
import PostgresStore
import StoreModel
import Synchronization
import Testing

/// The sending limits two daemons keep together in PostgreSQL: neither alone may spend the other's share.
@Suite("PostgreSQL shared sending limits", .postgresServer)
struct PostgresSendAllowanceTests {
    /// Two stores on two pools (two daemons), their migrated database, and a way to stop them.
    func twoDaemons() async throws -> (PostgresRelaisStore, PostgresRelaisStore, @Sendable () -> Void) {
        let connector = try connector(on: SharedPostgresServer.server)
        _ = try await connector.withConnection(logger: quietLogger) { try await PostgresMigrator().migrate($0, logger: quietLogger) }
        let clients = (0..<2).map { _ in PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: quietLogger) }
        let runs = clients.map { client in Task { await client.run() } }
        let stores = clients.map { PostgresRelaisStore(client: $0, location: connector.location, logger: quietLogger) }
        return (stores[0], stores[1], { runs.forEach { $0.cancel() } })
    }

    @Test("a per-hour cap of 10 grants 10 sends to two daemons together, then names the hour's end")
    func hourlyCapIsShared() async throws {
        let (first, second, stop) = try await twoDaemons()
        defer { stop() }
        let limits = SendLimits(relay: "smtp://relay.test:587", perSecond: 0, burst: 1, perHour: 10, perDay: nil)
        let allowances = [first, second].compactMap { $0.sendAllowance(limits) }
        #expect(allowances.count == 2)
        let answers = try await offThread {
            let results = Mutex<[TimeInterval?]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                for _ in 0..<8 {
                    let answer = allowances[worker % 2].take()
                    results.withLock { $0.append(answer) }
                }
            }
            return results.withLock { $0 }
        }
        #expect(answers.count == 32)
        #expect(answers.filter { $0 == nil }.count == 10)
        // Refused takes wait for the first grant to leave the hour: close to an hour.
        let waits = answers.compactMap { $0 }
        #expect(waits.allSatisfy { $0 > 3500 && $0 <= 3600 }, "\(waits)")
        // Another relay has its own limits.
        let other = SendLimits(relay: "smtp://other.test:587", perSecond: 0, burst: 1, perHour: 10, perDay: nil)
        #expect(try await offThread { first.sendAllowance(other)?.take() } == nil)
    }

    @Test("rate 20/s shared by two daemons: 21 grants take at least a second, whoever asks")
    func rateIsShared() async throws {
        let (first, second, stop) = try await twoDaemons()
        defer { stop() }
        let limits = SendLimits(relay: "smtp://relay.test:587", perSecond: 20, burst: 1, perHour: nil, perDay: nil)
        let allowances = [first, second].compactMap { $0.sendAllowance(limits) }
        let started = Date()
        let granted = try await offThread {
            let count = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                // Each daemon takes until the two together hold 21 grants, waiting as told.
                while count.load(ordering: .relaxed) < 21 {
                    if let wait = allowances[worker].take() {
                        Thread.sleep(forTimeInterval: wait)
                    } else {
                        count.add(1, ordering: .relaxed)
                    }
                }
            }
            return count.load(ordering: .relaxed)
        }
        // The bucket starts with one token and refills 20 a second: 21 grants need 20 refills.
        // One daemon alone with its own bucket per process would take half the time.
        #expect(granted >= 21)
        #expect(Date().timeIntervalSince(started) >= 0.95)
    }
}
