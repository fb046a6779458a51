import Foundation
import Logging
import Relais
import ServiceLifecycle
import Store

/// Reads the bounce mailbox every `bounces.imap.interval` (``BounceIntake``), with the
/// configuration in force (a reload that sets or clears `bounces.imap.url` takes effect at the
/// next pass). Each pass runs on a thread of its own: an IMAP session blocks in libcurl for as
/// long as the server takes, and must not hold the cooperative pool or the blocking executor.
/// A failed pass is logged and tried again at the next interval; nothing it recorded is lost.
struct BounceIntakeService: Service {
    let store: RelaisStore
    let runtime: RuntimeHolder
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let configuration = await runtime.current.configuration
            if configuration.bounces.isEnabled {
                let intake = BounceIntake(configuration: configuration, store: store, logger: logger)
                let result = await Self.onOwnThread { () -> Result<IntakeSummary, BounceIntakeError> in
                    Result { () throws(BounceIntakeError) -> IntakeSummary in try intake.runOnce() }
                }
                if case .failure(let error) = result {
                    logger.error("\(error.description)", metadata: ["relais.bounces.exit": "\(error.exitCode)"])
                }
            }
            let seconds = max(configuration.bounces.interval.seconds, 1)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
        }
    }

    /// Runs `work` on a new thread and resumes with its result.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.name = "relais.bounces"
            thread.start()
        }
    }
}
