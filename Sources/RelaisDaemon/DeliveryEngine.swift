import Foundation
import Logging
import Relais
import SMTP
import ServiceLifecycle
import Store
import Synchronization
import Systemd

/// The daemon's main loop: plan what is due, deliver it, record every outcome, then sleep
/// until the next due time or until another process commits (`relaisctl`), whichever is first.
///
/// On graceful shutdown it stops claiming, lets the messages in flight finish and be
/// recorded, gives back the leases of rows it had claimed but not started, and returns.
final class DeliveryEngine: Service, Sendable {
    let store: any DaemonStore
    let runtime: RuntimeHolder
    let state: DaemonState
    let notifier: SystemdNotifier
    let logger: Logger
    let once: Bool
    /// Identifies this daemon instance's leases (and its heartbeat row).
    let owner: String
    /// Commits by other processes wake the idle loop.
    let monitor: any ChangeSignal
    /// Where the blocking store calls run.
    let executor: BlockingExecutor
    /// The last error a pass or a record met, so that each is logged once, not every retry.
    private let lastFailure = Mutex<String?>(nil)
    /// Set on graceful shutdown or cancellation, for the connections' threads, which cannot
    /// ask their task.
    private let stopRequested = Atomic<Bool>(false)

    /// How long a claimed row stays leased unless `RELAIS_LEASE` says otherwise; only a dead
    /// daemon lets it run out (with PostgreSQL, another daemon then takes the row over).
    static let defaultLease: TimeInterval = 600
    /// How long this engine's claims last.
    let lease: TimeInterval
    /// How often the change monitor looks at `PRAGMA data_version` while idle.
    static let pollInterval: Duration = .milliseconds(500)
    /// The longest sleep, so the watermark and status stay fresh.
    static let maximumSleep: TimeInterval = 60

    init(
        store: any DaemonStore, monitor: any ChangeSignal, owner: String, executor: BlockingExecutor, runtime: RuntimeHolder,
        state: DaemonState, notifier: SystemdNotifier, logger: Logger, once: Bool, lease: TimeInterval = defaultLease
    ) {
        self.lease = lease
        self.store = store
        self.owner = owner
        self.monitor = monitor
        self.executor = executor
        self.runtime = runtime
        self.state = state
        self.notifier = notifier
        self.logger = logger
        self.once = once
    }

    func run() async throws {
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await work()
        } onCancelOrGracefulShutdown: {
            self.stopRequested.store(true, ordering: .relaxed)
        }
    }

    private func work() async throws {
        let store = self.store
        // A shared store (PostgreSQL) leaves other daemons' leases alone: a dead daemon's run out.
        if !store.isShared {
            let released = try await executor.run { try store.releaseAllLeases(now: Date()) }
            if released > 0 {
                logger.warning("\(released) messages were claimed when relaisd last stopped; they are queued again (those that were being sent, at most one per connection, may arrive twice)")
            }
        }
        let monitor = self.monitor
        let ledger = LedgerWriter(store: store, owner: owner, executor: executor)
        while !Self.stopping {
            let (runtime, ticket) = await self.runtime.checkOut()
            var failed = false
            var replaced = false
            do {
                try await executor.run { try self.plan(runtime: runtime) }
                await state.setActivity("sending")
                replaced = try await deliverDue(runtime: runtime, ticket: ticket, ledger: ledger)
                await recovered()
            } catch {
                failed = true
                await failing("\(error)", level: .error, problem: "cannot work on the database: \(error)")
            }
            await publishStatus(runtime: runtime)
            let wake = failed ? Date().addingTimeInterval(5) : await executor.run { self.nextWake(runtime: runtime) }
            await self.runtime.checkIn(ticket)
            if once { break }
            if replaced { continue }
            await state.setActivity("idle")
            // Read after this pass's own commits: only a later commit (relaisctl's) wakes us early.
            let seen = await executor.run { monitor.version() }
            await sleep(until: wake, monitor: monitor, seen: seen)
        }
        await state.setActivity("stopping")
        do {
            _ = try await executor.run { try self.store.releaseLeases(owner: self.owner, now: Date()) }
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

    /// Until when nothing may be sent: the transport is throttled or paused, or the relay-wide
    /// breaker tripped.
    private func pausedUntil(_ runtime: DaemonRuntime, now: Date) -> Date? {
        [runtime.transport.throttledUntil, runtime.breaker.pausedUntil(now: now)].compactMap { $0 }.filter { $0 > now }.max()
    }

    /// Claims and sends due rows until none is due, sending is paused, a reload replaced
    /// `runtime` (returns true: the next pass uses the new one), or shutdown.
    ///
    /// One pipeline, no barrier between batches: up to `connections` messages are in flight, and
    /// the next rows are claimed while the last ones of the previous claim are still being sent.
    /// Rows claimed but not started are given back when the pass ends early; rows an operator
    /// held or cancelled after they were claimed are dropped before they start (checked at most
    /// once a second).
    private func deliverDue(runtime: DaemonRuntime, ticket: Int, ledger: LedgerWriter) async throws -> Bool {
        let smtp = runtime.configuration.delivery.transport == .smtp
        let connections = smtp ? runtime.configuration.delivery.smtp.connections : 4
        let claimSize = connections * 16
        // SMTP: half the connections' outcomes share a commit when they come within the ledger's linger.
        let gathering = smtp ? max(1, connections / 2) : 1
        runtime.composer.startPass()
        if pausedUntil(runtime, now: Date()) == nil && lastFailure.withLock({ $0 }) == nil { await state.setProblem(nil) }
        let store = self.store, owner = self.owner
        var claimed: [Stored<QueueMessage>] = []
        var next = 0
        var exhausted = false
        var failure: (any Error)?
        var lastRevocationCheck = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            while true {
                let mayStart = !Self.stopping && self.runtime.isCurrent(ticket) && pausedUntil(runtime, now: Date()) == nil
                if mayStart && !exhausted && claimed.count - next < connections {
                    do {
                        let composer = runtime.composer
                        let rows = try await executor.run {
                            let rows = try store.claim(owner: owner, limit: claimSize, now: Date(), lease: self.lease)
                            composer.prepare(rows.map(\.value))
                            return rows
                        }
                        if rows.isEmpty { exhausted = true }
                        claimed.removeFirst(next)
                        next = 0
                        claimed += rows
                    } catch {
                        failure = error
                        exhausted = true
                    }
                }
                if mayStart && inFlight < connections && next < claimed.count {
                    if ContinuousClock.now - lastRevocationCheck > .seconds(1) {
                        lastRevocationCheck = ContinuousClock.now
                        let waiting = claimed[next...].map(\.id)
                        if let revoked = try? await executor.run({ try store.revokedClaims(ids: waiting, owner: owner) }), !revoked.isEmpty {
                            claimed = Array(claimed[..<next]) + claimed[next...].filter { !revoked.contains($0.id) }
                        }
                        continue
                    }
                    let row = claimed[next]
                    next += 1
                    inFlight += 1
                    group.addTask { await self.deliver(row, runtime: runtime, ledger: ledger, gathering: gathering) }
                    continue
                }
                if inFlight == 0 { break }
                await group.next()
                inFlight -= 1
            }
        }
        if next < claimed.count {
            let unstarted = claimed[next...].map(\.id)
            let until = pausedUntil(runtime, now: Date())
            let reason = until.map { "waiting: sending is paused until \(Timestamps.utc($0)) (the relay is unavailable or asked to slow down)" }
            try await executor.run { try store.requeue(ids: unstarted, owner: owner, at: until ?? Date(), reason: reason) }
        }
        if let until = pausedUntil(runtime, now: Date()) {
            await state.setThrottled(until: until)
            if let reason = runtime.breaker.pauseReason(now: Date()) {
                await state.setProblem("paused until \(Timestamps.utc(until)): the relay refuses every recipient alike (\(reason))")
            }
        } else {
            await state.setThrottled(until: nil)
        }
        if let failure { throw failure }
        return !self.runtime.isCurrent(ticket)
    }

    /// Composes (once) and sends one row, and records its outcome on the connection's thread
    /// before that connection sends anything else (``MessageTransport/send(prepare:finish:)``):
    /// one trip to the SMTP thread per message, none to the ledger's; the commit waits for up to
    /// `gathering` outcomes (``LedgerWriter/commit(_:gathering:)``).
    private func deliver(_ row: Stored<QueueMessage>, runtime: DaemonRuntime, ledger: LedgerWriter, gathering: Int) async {
        let started = Date()
        var newBody: [UInt8]?
        let bytes: [UInt8]
        if let body = row.body {
            bytes = [UInt8](body)
        } else {
            do {
                bytes = try runtime.composer.compose(row.value)
                newBody = bytes
            } catch {
                await recordCompositionFailure(row, error, started: started, ledger: ledger)
                return
            }
        }
        let envelope = Envelope(
            id: row.messageId, from: runtime.configuration.envelopeSender(messageId: row.messageId), to: row.recipient, bytes: bytes)
        let keep = newBody
        let outcome = await runtime.transport.send(
            prepare: { envelope },
            finish: { outcome -> SMTPOutcome? in
                var result = runtime.mapper.result(
                    for: row, outcome: outcome, startedAt: started, finishedAt: Date(), throttledUntil: runtime.transport.throttledUntil)
                // The bytes are kept for a retry; a sent message needs none (it can be composed again,
                // deterministically, for `queue show`), which spares the database most of its writes.
                result.body = result.state == .sent ? nil : keep.map { Data($0) }
                guard self.recordDurably(result, row: row, outcome: outcome.name, ledger: ledger, gathering: gathering) else { return nil }
                self.log(row: row, outcome: outcome)
                return outcome
            })
        guard let outcome, let recorded = outcome else { return }
        await checkRelayWide(row: row, outcome: recorded, runtime: runtime)
    }

    /// Records `result`, retrying while the database refuses it (disk full, a lock held too
    /// long): the outcome stays in memory and the connection that sent it sends nothing else
    /// meanwhile (this blocks its thread), so at most one unrecorded message per connection
    /// exists at any time. Claims fail too while the database cannot write, so sending stops;
    /// it resumes by itself once the write goes through. Returns false only when shutdown came
    /// first (the row stays leased; the next start queues it again).
    private func recordDurably(
        _ result: DeliveryResult, row: Stored<QueueMessage>, outcome: String, ledger: LedgerWriter, gathering: Int
    ) -> Bool {
        var delay = 0.1
        while true {
            do {
                try ledger.commit(result, gathering: gathering)
                state.progress.note()
                return true
            } catch {
                let message = "cannot record that \(row.messageId) to \(row.recipient) was \(outcome): \(error); the outcome is kept and recorded as soon as the database accepts writes; nothing more is sent until then"
                let problem = "cannot write to the database: \(error)"
                Task { await self.failing(message, level: .critical, problem: problem) }
                if stopRequested.load(ordering: .relaxed) { return false }
                // A deliberate wait, not a stall: a restart now would send this message again.
                state.progress.note()
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 2)
            }
        }
    }

    /// Logs `message` once while the same trouble lasts, and shows it in `status` and STATUS=.
    private func failing(_ message: String, level: Logger.Level, problem: String) async {
        let first = lastFailure.withLock { last in
            defer { last = problem }
            return last != problem
        }
        if first {
            logger.log(level: level, "\(message)")
            await state.setProblem(problem)
            notifier.status("paused: \(problem)")
        }
    }

    /// Ends a failure episode: says so once.
    private func recovered() async {
        let was = lastFailure.withLock { last in
            defer { last = nil }
            return last
        }
        if was != nil {
            logger.notice("the database accepts writes again; sending resumes")
            await state.setProblem(nil)
        }
    }

    /// After a committed refusal: when the relay gave the same one to several recipients in a
    /// row, put their rows back (no member charged, none marked bounced) and pause.
    private func checkRelayWide(row: Stored<QueueMessage>, outcome: SMTPOutcome, runtime: DaemonRuntime) async {
        let verdict = runtime.breaker.observe(id: row.id, recipient: row.recipient, outcome: outcome, now: Date())
        guard case .relayWide(let ids, let until, let reply, let tripped) = verdict else { return }
        let reason = "put back: the relay gave the same refusal to \(runtime.breaker.threshold) recipients in a row (\(reply)); not charged to the recipient"
        let store = self.store
        do {
            _ = try await executor.run { try store.reopen(ids: ids, at: until, reason: reason, now: Date()) }
        } catch {
            logger.error("cannot put back \(ids.count) messages refused relay-wide: \(error); relaisctl queue retry --state failed --since … does it by hand")
        }
        if tripped {
            logger.critical("""
                the relay refuses every recipient alike (\(reply)): sending paused until \(Timestamps.utc(until)); \
                \(ids.count) messages put back, no member charged. Check sender.from and the relay account.
                """)
            await state.setProblem("paused until \(Timestamps.utc(until)): the relay refuses every recipient alike (\(reply))")
        }
    }

    /// Records that `row` could not be composed (cancelled when permanent, queued again in
    /// 5 minutes otherwise).
    private func recordCompositionFailure(_ row: Stored<QueueMessage>, _ error: CompositionError, started: Date, ledger: LedgerWriter) async {
        let now = Date()
        let result = DeliveryResult(
            queueId: row.id, state: error.isPermanent ? .cancelled : .queued, outcome: "compose",
            countsAsAttempt: false, nextAttemptAt: error.isPermanent ? nil : now.addingTimeInterval(300),
            replyCode: nil, replyEnhanced: nil, replyText: nil, reason: error.description,
            startedAt: started, finishedAt: now)
        logger.error("\(error.description) (\(row.messageId))")
        do {
            try await ledger.record(result)
        } catch {
            logger.critical("cannot record the composition failure of \(row.messageId) to \(row.recipient): \(error); it stays leased and will be retried")
        }
    }

    private func log(row: Stored<QueueMessage>, outcome: SMTPOutcome) {
        let metadata: Logger.Metadata = ["relais.queue.id": "\(row.id)"]
        let line = "\(outcome.name) \(row.messageId) to \(row.recipient): \(outcome.reply?.line ?? outcome.description)"
        switch outcome {
        case .sent: logger.info("\(line)", metadata: metadata)
        // The transport logs the pause once; each message it holds back is not news.
        case .throttled, .relay: logger.debug("\(line)", metadata: metadata)
        case .deferred, .unknown: logger.warning("\(line)", metadata: metadata)
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
        if let paused = pausedUntil(runtime, now: now) { wake = max(wake, paused) }
        return wake
    }

    /// Sleeps until `wake`, another process's commit, or shutdown.
    private func sleep(until wake: Date, monitor: any ChangeSignal, seen: Int) async {
        while !Self.stopping && Date() < wake {
            let remaining = wake.timeIntervalSinceNow
            let step = min(Self.pollInterval, .milliseconds(Int(max(remaining, 0.001) * 1000)))
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: step) }
            state.progress.note()
            if monitor.version() != seen { return }
        }
    }

    private func publishStatus(runtime: DaemonRuntime) async {
        let store = self.store
        guard let counts = try? await executor.run({ try store.queueCounts() }) else { return }
        let summary = [QueueMessage.State.queued, .scheduled, .deferred, .held, .failed, .sent]
            .map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        var status = summary
        let waiting = counts[.unknown] ?? 0
        if waiting > 0 { status += ", \(waiting) unknown (waiting on an operator)" }
        if let problem = await state.currentProblem() {
            status += "; \(problem)"
        } else if let until = pausedUntil(runtime, now: Date()) {
            status += "; throttled until \(Timestamps.utc(until))"
        }
        notifier.status(status)
    }
}
