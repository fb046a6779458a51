import Foundation
import Logging

/// The pool's shared state; every field is read and written under `condition`'s lock.
final class SMTPPoolCore: @unchecked Sendable {
    /// One message for a worker: built on the worker (``prepare``), sent, then handed back with
    /// its outcome (``finish``) on the same thread, before the worker takes the next job.
    struct Job: Sendable {
        /// Builds the envelope; nil when there is nothing to send (the caller dealt with it).
        var prepare: @Sendable () -> Envelope?
        /// Takes the outcome (also that of a job never sent: postponed or dropped at shutdown).
        var finish: @Sendable (SMTPOutcome) -> Void
        /// Called once the job is over, after `finish` (or when `prepare` gave nothing).
        var done: @Sendable () -> Void

        func complete(_ outcome: SMTPOutcome) {
            finish(outcome)
            done()
        }
    }

    enum Phase { case running, stopping }

    let condition = NSCondition()
    let logger: Logger
    let throttle: ThrottlePolicy
    var phase = Phase.running
    var jobs: [Job] = []
    var jobsHead = 0
    var inFlight = 0
    var limiter: RateLimiter
    /// The share of the limits kept with other daemons (several on one PostgreSQL store): asked
    /// on the worker's thread, outside the lock, before each message; nil when it is taken, else
    /// the seconds to wait.
    let sharedLimit: (@Sendable () -> TimeInterval?)?
    /// The shared limits allow nothing before then (a cap the daemons together reached).
    var sharedLimitedUntil: Date?
    var pausedUntil: Date?
    var throttleLevel = 0
    var workersAlive: Int
    var shutdownWaiters: [CheckedContinuation<Void, Never>] = []

    init(
        limiter: RateLimiter, sharedLimit: (@Sendable () -> TimeInterval?)? = nil, throttle: ThrottlePolicy, workers: Int,
        logger: Logger
    ) {
        self.limiter = limiter
        self.sharedLimit = sharedLimit
        self.throttle = throttle
        self.workersAlive = workers
        self.logger = logger
    }

    func enqueue(_ job: Job) {
        condition.lock()
        guard phase == .running else {
            condition.unlock()
            complete([job], with: .deferred(SMTPFailure(stage: .connect, message: "SMTP transport is shutting down")))
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    var waitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count - jobsHead
    }

    var inFlightCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return inFlight
    }

    /// Until when nothing will be sent: a pause the server asked for, or a sending limit (per
    /// hour, per day) already reached; nil when a message could go out within ``limitHorizon``.
    func throttledUntil(now: Date) -> Date? {
        condition.lock()
        defer { condition.unlock() }
        let paused = pausedUntil.flatMap { $0 > now ? $0 : nil }
        let limited = limiter.nextAllowed(now: now).flatMap { $0.timeIntervalSince(now) > Self.limitHorizon ? $0 : nil }
        let shared = sharedLimitedUntil.flatMap { $0.timeIntervalSince(now) > Self.limitHorizon ? $0 : nil }
        return [paused, limited, shared].compactMap { $0 }.max()
    }

    /// A job that a pause or the limits hold back longer than this is handed back
    /// (``Dispatch/postpone(_:until:reason:)``) rather than kept waiting: per-second spacing
    /// waits, a per-hour cap or a relay pause does not (the queue row waits instead).
    static let limitHorizon: TimeInterval = 2

    /// What a worker does with the next job.
    enum Dispatch {
        /// Send it now.
        case send(Job)
        /// Hand it back unsent: a pause or a sending limit allows nothing before `until`.
        case postpone(Job, until: Date, reason: String)
    }

    func beginShutdown() {
        condition.lock()
        let dropped = takeWaitingJobs()
        phase = .stopping
        condition.broadcast()
        condition.unlock()
        complete(dropped, with: .deferred(SMTPFailure(stage: .connect, message: "SMTP transport is shutting down")))
    }

    /// Completes `jobs` with `outcome` without sending them, on a thread of their own and never
    /// on the caller's: a job's `finish` may block (the daemon commits the outcome to the
    /// database there, waiting out a locked database), and the caller may be on Swift's
    /// cooperative pool (an async `send` or `shutdown`). The thread counts as a worker, so
    /// `shutdown` returns only once these outcomes are settled too.
    func complete(_ jobs: [Job], with outcome: SMTPOutcome) {
        guard !jobs.isEmpty else { return }
        condition.lock()
        workersAlive += 1
        condition.unlock()
        let thread = Thread { [self] in
            Thread.current.name = "relais-settle"  // set from inside: on Linux a name set before start() is lost
            for job in jobs { job.complete(outcome) }
            threadEnded()
        }
        thread.start()
    }

    /// A worker (or a ``complete(_:with:)`` thread) is done: the last one wakes `shutdown`.
    func threadEnded() {
        condition.lock()
        workersAlive -= 1
        let waiters = workersAlive == 0 ? shutdownWaiters : []
        if workersAlive == 0 { shutdownWaiters.removeAll() }
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    func shutdown(whenDone continuation: CheckedContinuation<Void, Never>) {
        beginShutdown()
        condition.lock()
        if workersAlive == 0 {
            condition.unlock()
            continuation.resume()
            return
        }
        shutdownWaiters.append(continuation)
        condition.unlock()
    }

    /// Removes and returns the jobs not yet started (lock held).
    func takeWaitingJobs() -> [Job] {
        let waiting = Array(jobs[jobsHead...])
        jobs.removeAll()
        jobsHead = 0
        return waiting
    }

    /// Waits (lock held) until a job may be sent now, or must be handed back; nil when the pool stops.
    func nextJob() -> Dispatch? {
        while true {
            if jobsHead == jobs.count {
                if phase == .stopping { return nil }
                condition.wait()
                continue
            }
            let now = Date()
            if let until = pausedUntil, until > now {
                if until.timeIntervalSince(now) > Self.limitHorizon {
                    return .postpone(popJob(), until: until, reason: "the transport is paused after a relay problem")
                }
                _ = condition.wait(until: until)
                continue
            }
            if let until = sharedLimitedUntil, until.timeIntervalSince(now) > Self.limitHorizon {
                return .postpone(popJob(), until: until, reason: "sending limit reached by the daemons together (delivery.smtp.per_hour / per_day)")
            }
            if let next = limiter.nextAllowed(now: now) {
                if next.timeIntervalSince(now) > Self.limitHorizon {
                    return .postpone(popJob(), until: next, reason: "sending limit reached (delivery.smtp.per_hour / per_day)")
                }
                _ = condition.wait(until: next)
                continue
            }
            limiter.record(now: now)
            inFlight += 1
            return .send(popJob())
        }
    }

    /// Takes the first waiting job (lock held; one must be waiting).
    private func popJob() -> Job {
        let job = jobs[jobsHead]
        jobsHead += 1
        if jobsHead > 256 && jobsHead * 2 > jobs.count {
            jobs.removeFirst(jobsHead)
            jobsHead = 0
        }
        return job
    }

    /// Updates the throttle state after an outcome (lock held).
    func note(_ outcome: SMTPOutcome, envelope: Envelope?) {
        inFlight -= 1
        switch outcome {
        case .throttled(let failure), .relay(let failure):
            let now = Date()
            guard pausedUntil.map({ $0 <= now }) ?? true else { return }
            let pause = throttle.pause(level: throttleLevel, jitter: Double.random(in: 0...1))
            throttleLevel += 1
            pausedUntil = now.addingTimeInterval(pause)
            let metadata: Logger.Metadata = [
                "relais.smtp.pause_seconds": "\(Int(pause))", "relais.smtp.reply": "\(failure)",
                "relais.message.id": "\(envelope?.id ?? "-")",
            ]
            // One line per pause, whatever the number of connections and messages that meet it.
            if case .relay = outcome {
                logger.error("SMTP relay problem, not the recipients': pausing the transport for \(Int(pause)) s: \(failure)", metadata: metadata)
            } else {
                logger.warning("SMTP server asks to slow down; pausing the transport for \(Int(pause)) s", metadata: metadata)
            }
        case .sent:
            throttleLevel = 0
        default:
            break
        }
    }
}
