import Foundation
import Logging

extension SMTPPoolCore {
    /// A worker thread's body: serve jobs until the pool stops, then report the thread's end.
    func runWorker(index: Int, configuration: SMTPConfiguration) {
        var workerLogger = logger
        workerLogger[metadataKey: "relais.smtp.worker"] = "\(index)"
        serve(configuration: configuration, logger: workerLogger)
        // The connection has been released (QUIT sent) by now.
        threadEnded()
    }

    /// One connection, jobs until `nextJob()` says the pool stops.
    private func serve(configuration: SMTPConfiguration, logger: Logger) {
        let connection: SMTPConnection?
        let setupError: SMTPConfigurationError?
        do {
            connection = try SMTPConnection(configuration: configuration, logger: logger)
            setupError = nil
        } catch {
            connection = nil
            setupError = error
        }
        condition.lock()
        while let dispatch = nextJob() {
            condition.unlock()
            let job: Job
            switch dispatch {
            case .send(let next):
                guard takeShare(of: next) else {
                    condition.lock()
                    continue
                }
                job = next
            case .postpone(let held, let until, let reason):
                held.complete(.throttled(SMTPFailure(stage: .connect, message: "\(reason); not sent before \(until)")))
                condition.lock()
                continue
            }
            guard let envelope = job.prepare() else {
                // Nothing to send (the caller recorded why): the connection is free again; the
                // rate limiter's slot stays spent, which only errs on the slow side.
                condition.lock()
                inFlight -= 1
                condition.unlock()
                job.done()
                condition.lock()
                continue
            }
            let outcome: SMTPOutcome
            if let connection {
                outcome = connection.send(from: envelope.from, to: envelope.to, message: envelope.bytes)
            } else {
                outcome = .configurationError(SMTPFailure(stage: .connect, message: setupError?.description ?? "no connection"))
            }
            if logger.logLevel <= .debug {
                logger.debug("SMTP outcome", metadata: [
                    "relais.message.id": "\(envelope.id)", "relais.smtp.outcome": "\(outcome)",
                ])
            }
            condition.lock()
            note(outcome, envelope: envelope)
            condition.unlock()
            job.complete(outcome)
            condition.lock()
        }
        condition.unlock()
    }

    /// Waits for the share of the limits kept with other daemons, when there is one. Returns false
    /// after handing the job back (as ``postpone``'d jobs are) when the share is further away than
    /// ``limitHorizon``, or the pool is stopping.
    private func takeShare(of job: Job) -> Bool {
        guard let sharedLimit else { return true }
        while let wait = sharedLimit() {
            let until = Date().addingTimeInterval(wait)
            condition.lock()
            let stopping = phase == .stopping
            if wait > Self.limitHorizon || stopping { inFlight -= 1 }
            if wait > Self.limitHorizon { sharedLimitedUntil = until }
            condition.unlock()
            if stopping {
                job.complete(.throttled(SMTPFailure(stage: .connect, message: "not sent: stopping")))
                return false
            }
            if wait > Self.limitHorizon {
                job.complete(.throttled(SMTPFailure(
                    stage: .connect, message: "sending limit shared with the other daemons reached; not sent before \(until)")))
                return false
            }
            Thread.sleep(forTimeInterval: wait)
        }
        return true
    }
}
