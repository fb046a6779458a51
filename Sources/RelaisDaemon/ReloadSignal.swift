import Synchronization

/// Wakes the services that wait for a reload (``RuntimeHolder/replace(with:)`` fires it), so
/// a setting that decides when they run next, such as `bounces.poll_interval`, takes effect at
/// once instead of after the wait the old settings asked for.
final class ReloadSignal: Sendable {
    private struct State {
        var generation = 0
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// How many reloads there have been; read it before the configuration, then wait after it.
    var generation: Int { state.withLock { $0.generation } }

    /// Counts a reload and wakes everyone waiting.
    func fire() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generation += 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Returns once there has been a reload after `generation` (at once if there already was),
    /// or when the task is cancelled.
    func wait(after generation: Int) async {
        let id = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
