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
}
