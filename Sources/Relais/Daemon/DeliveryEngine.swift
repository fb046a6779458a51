import Foundation
import Logging
import ServiceLifecycle
import SMTP
import Store

/// The daemon's main loop: plan what is due, deliver it, record every outcome, then sleep
/// until the next due time or until another process commits (`relaisctl`), whichever is first.
///
/// On graceful shutdown it stops claiming, lets the messages in flight finish and be
/// recorded, gives back the leases of rows it had claimed but not started, and returns.
final class DeliveryEngine: Service, Sendable {
    let store: RelaisStore
    let runtime: RuntimeHolder
    let state: DaemonState
    let notifier: SystemdNotifier
    let logger: Logger
    let once: Bool
    /// Identifies this process's leases.
    let owner = "relaisd-\(getpid())-\(UInt32.random(in: .min ... .max))"

    /// How long a claimed row stays leased; only a dead worker lets it run out.
    static let lease: TimeInterval = 600
    /// How often the change monitor looks at `PRAGMA data_version` while idle.
    static let pollInterval: Duration = .milliseconds(500)
    /// The longest sleep, so the watermark and status stay fresh.
    static let maximumSleep: TimeInterval = 60

    init(store: RelaisStore, runtime: RuntimeHolder, state: DaemonState, notifier: SystemdNotifier, logger: Logger, once: Bool) {
        self.store = store
        self.runtime = runtime
        self.state = state
        self.notifier = notifier
        self.logger = logger
        self.once = once
    }

    func run() async throws {
        let store = self.store
        let released = try await Blocking.run { try store.releaseAllLeases() }
        if released > 0 {
            logger.warning("\(released) messages were in flight when relaisd last stopped; they are queued again (they may arrive twice)")
        }
        let monitor = try ChangeMonitor(store: store)
        let ledger = LedgerWriter(store: store, owner: owner)
        while !Self.stopping {
            let (runtime, ticket) = await self.runtime.checkOut()
            var failed = false
            do {
                try await Blocking.run { try self.plan(runtime: runtime) }
                await state.setActivity("sending")
                try await deliverDue(runtime: runtime, ledger: ledger)
            } catch {
                failed = true
                logger.error("\(error)")
            }
            await publishStatus(runtime: runtime)
            let wake = failed ? Date().addingTimeInterval(5) : await Blocking.run { self.nextWake(runtime: runtime) }
            await self.runtime.checkIn(ticket)
            if once { break }
            await state.setActivity("idle")
            // Read after this pass's own commits: only a later commit (relaisctl's) wakes us early.
            let seen = await Blocking.run { monitor.version() }
            await sleep(until: wake, monitor: monitor, seen: seen)
        }
        await state.setActivity("stopping")
        do {
            _ = try await Blocking.run { try self.store.releaseLeases(owner: self.owner) }
        } catch {
            logger.warning("cannot give back the leases of unstarted messages: \(error); they are queued again when the lease runs out")
        }
        notifier.stopping()
    }

    static var stopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// Queues the reminders and announcements due now, and gives up on messages deferred too long.
    private func plan(runtime: DaemonRuntime) throws {
        let now = Date()
        let configuration = runtime.configuration
        let identity = MessageIdentity(domain: configuration.sender.fromAddress.domain)
        _ = try ReminderScheduler(store: store, identity: identity, lateness: configuration.lateness.timeInterval, logger: logger).plan(now: now)
        let announced = try AnnouncementQueuer(identity: identity).queueDue(store: store, now: now)
        if announced > 0 { logger.info("queued \(announced) announcement messages") }
        let expired = try store.expireDeferred(olderThan: configuration.delivery.retryMaxAge.timeInterval, now: now)
        if expired > 0 { logger.warning("\(expired) deferred messages failed: older than delivery.retry.max_age") }
    }

    /// Claims and sends due rows in batches until none is due, the transport is throttled, or shutdown.
    private func deliverDue(runtime: DaemonRuntime, ledger: LedgerWriter) async throws {
        let connections = runtime.configuration.delivery.transport == .smtp ? runtime.configuration.delivery.smtp.connections : 4
        runtime.composer.startPass()
        while !Self.stopping {
            if let until = runtime.transport.throttledUntil, until > Date() {
                await state.setThrottled(until: until)
                return
            }
            await state.setThrottled(until: nil)
            let rows = try await store.claimAsync(owner: owner, limit: connections * 16, now: Date(), lease: Self.lease)
            if rows.isEmpty { return }
            let unstarted = await send(rows, connections: connections, runtime: runtime, ledger: ledger)
            if !unstarted.isEmpty {
                try await store.requeueAsync(ids: unstarted, owner: owner, at: runtime.transport.throttledUntil ?? Date())
            }
        }
    }

    /// Sends `rows` with at most `connections` in flight; returns the ids it did not start
    /// (shutdown or throttling began).
    private func send(_ rows: [QueueRecord], connections: Int, runtime: DaemonRuntime, ledger: LedgerWriter) async -> [Int64] {
        await withTaskGroup(of: Void.self, returning: [Int64].self) { group in
            var index = 0
            var unstarted: [Int64] = []
            func mayStart() -> Bool {
                !Self.stopping && (runtime.transport.throttledUntil.map { $0 <= Date() } ?? true)
            }
            while index < rows.count && index < connections {
                let row = rows[index]
                index += 1
                group.addTask { await self.deliver(row, runtime: runtime, ledger: ledger) }
            }
            while await group.next() != nil {
                guard index < rows.count else { continue }
                if mayStart() {
                    let row = rows[index]
                    index += 1
                    group.addTask { await self.deliver(row, runtime: runtime, ledger: ledger) }
                } else {
                    unstarted.append(contentsOf: rows[index...].compactMap(\.id))
                    index = rows.count
                }
            }
            return unstarted
        }
    }

    /// Composes (once) and sends one row, then waits until its outcome is committed.
    private func deliver(_ row: QueueRecord, runtime: DaemonRuntime, ledger: LedgerWriter) async {
        let started = Date()
        var newBody: Data?
        let bytes: [UInt8]
        if let body = row.body {
            bytes = [UInt8](body)
        } else {
            do {
                bytes = try runtime.composer.compose(row)
                newBody = Data(bytes)
            } catch {
                await recordCompositionFailure(row, error, started: started, ledger: ledger)
                return
            }
        }
        let envelope = Envelope(
            id: row.messageId, from: runtime.configuration.sender.fromAddress.description, to: row.recipient, bytes: bytes)
        let outcome = await runtime.transport.send(envelope)
        var result = runtime.mapper.result(
            for: row, outcome: outcome, startedAt: started, finishedAt: Date(), throttledUntil: runtime.transport.throttledUntil)
        // The bytes are kept for a retry; a sent message needs none (it can be composed again,
        // deterministically, for `queue show`), which spares the database most of its writes.
        result.body = result.state == .sent ? nil : newBody
        do {
            try await ledger.record(result)
        } catch {
            logger.critical("cannot record the outcome of \(row.messageId) to \(row.recipient) (\(outcome.name)): \(error); it stays leased and will be retried")
            return
        }
        log(row: row, outcome: outcome)
    }

    private func recordCompositionFailure(_ row: QueueRecord, _ error: CompositionFailure, started: Date, ledger: LedgerWriter) async {
        let now = Date()
        let result = DeliveryResult(
            queueId: row.id ?? 0, state: error.isPermanent ? .cancelled : .queued, outcome: "compose",
            countsAsAttempt: false, nextAttemptAt: error.isPermanent ? nil : now.addingTimeInterval(300),
            replyCode: nil, replyEnhanced: nil, replyText: nil, reason: "cannot compose: \(error.description)",
            startedAt: started, finishedAt: now)
        logger.error("cannot compose \(row.messageId) to \(row.recipient): \(error.description)")
        do {
            try await ledger.record(result)
        } catch {
            logger.critical("cannot record the composition failure of \(row.messageId) to \(row.recipient): \(error); it stays leased and will be retried")
        }
    }

    private func log(row: QueueRecord, outcome: SMTPOutcome) {
        let metadata: Logger.Metadata = ["relais.queue.id": "\(row.id ?? 0)"]
        let line = "\(outcome.name) \(row.messageId) to \(row.recipient): \(outcome.reply?.line ?? outcome.description)"
        switch outcome {
        case .sent: logger.info("\(line)", metadata: metadata)
        case .deferred, .throttled, .unknown: logger.warning("\(line)", metadata: metadata)
        case .failed, .bounced: logger.error("\(line)", metadata: metadata)
        case .configurationError: logger.critical("\(line) — sending paused; fix the configuration and reload", metadata: metadata)
        }
    }

    /// The earliest of: the next due row, the next reminder, the end of throttling, the maximum sleep.
    private func nextWake(runtime: DaemonRuntime) -> Date {
        let now = Date()
        var wake = now.addingTimeInterval(Self.maximumSleep)
        if let due = try? store.nextDueTime() { wake = min(wake, due) }
        let identity = MessageIdentity(domain: runtime.configuration.sender.fromAddress.domain)
        if let reminder = try? ReminderScheduler(store: store, identity: identity, lateness: runtime.configuration.lateness.timeInterval, logger: logger).nextDue(after: now) {
            wake = min(wake, reminder)
        }
        if let announcement = try? store.pendingAnnouncements().first?.dueAt { wake = min(wake, announcement) }
        if let throttled = runtime.transport.throttledUntil { wake = max(wake, throttled) }
        return wake
    }

    /// Sleeps until `wake`, another process's commit, or shutdown.
    private func sleep(until wake: Date, monitor: ChangeMonitor, seen: Int) async {
        while !Self.stopping && Date() < wake {
            let remaining = wake.timeIntervalSinceNow
            let step = min(Self.pollInterval, .milliseconds(Int(max(remaining, 0.001) * 1000)))
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: step) }
            if monitor.version() != seen { return }
        }
    }

    private func publishStatus(runtime: DaemonRuntime) async {
        let store = self.store
        guard let counts = try? await Blocking.run({ try store.queueCounts() }) else { return }
        let summary = [QueueRecord.State.queued, .scheduled, .deferred, .held, .failed, .sent]
            .map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        var status = summary
        if let until = runtime.transport.throttledUntil, until > Date() { status += "; throttled until \(Timestamps.utc(until))" }
        notifier.status(status)
    }
}
