import Foundation

/// Polls `condition` until it holds or `timeout` (a safety net, not a timing assertion) has
/// passed; returns whether it held. Between two looks the task sleeps, so it holds no thread of
/// the cooperative pool: the work it waits for — another task of the test, a server thread —
/// gets the pool, even on two cores.
public func eventually(
    timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(5),
    _ condition: () throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: interval)
    }
    return try condition()
}
