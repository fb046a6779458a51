import Foundation
import Logging
import Relais
import ServiceLifecycle
import Store

/// Reads the bounce mailbox every `bounces.poll_interval` (``BounceIntake``), with the
/// configuration in force. A reload wakes it: one that sets `bounces.imap.url` or changes the
/// interval starts a pass at once, one that clears it stops the reading after the pass in
/// flight (when the intake is off, the service only waits for the next reload). Each start
/// and stop is logged once. Each pass runs on a thread of its own: an IMAP session blocks in
/// libcurl for as long as the server takes, and must not hold the cooperative pool or the
/// blocking executor. A failed pass is logged and tried again at the next interval; nothing
/// it recorded is lost. The store is SQLite or PostgreSQL alike; its calls block this same thread.
struct BounceIntakeService: Service {
    let store: any InboundStore
    let runtime: RuntimeHolder
    let logger: Logger

    func run() async throws {
        var reading: String?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // The generation first: a reload after this line wakes the wait below.
            let generation = runtime.reloads.generation
            let configuration = await runtime.current.configuration
            let bounces = configuration.bounces
            let seconds = max(bounces.interval.seconds, 1)
            let described = bounces.url.map { "\($0) every \(bounces.interval)" }
            if described != reading {
                if let described {
                    logger.notice("reading the bounce mailbox \(described)")
                } else {
                    logger.notice("bounces.imap.url is not set: the bounce mailbox is no longer read")
                }
                reading = described
            }
            if bounces.isEnabled {
                let intake = BounceIntake(configuration: configuration, store: store, logger: logger)
                let result = await Self.onOwnThread { () -> Result<IntakeSummary, BounceIntakeError> in
                    Result { () throws(BounceIntakeError) -> IntakeSummary in try intake.runOnce() }
                }
                if case .failure(let error) = result {
                    logger.error("\(error.description)", metadata: ["relais.bounces.exit": "\(error.exitCode)"])
                }
            }
            await pause(seconds: bounces.isEnabled ? seconds : nil, after: generation)
        }
    }

    /// Waits `seconds` (forever when nil), or until a reload after `generation`, or until shutdown.
    func pause(seconds: Int?, after generation: Int) async {
        let reloads = runtime.reloads
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await reloads.wait(after: generation) }
                if let seconds { group.addTask { try? await Task.sleep(for: .seconds(seconds)) } }
                await group.next()
                group.cancelAll()
            }
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
