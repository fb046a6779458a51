import Foundation
import RelaisDaemon
import Testing

/// The watchdog's view of progress, on the monotonic clock.
@Suite struct ProgressMeterTests {
    @Test func stalledOnlyAfterTheLimitWithoutProgress() async throws {
        let meter = ProgressMeter(stallLimit: .milliseconds(200))
        #expect(meter.isMakingProgress())
        let clock = ContinuousClock()
        let start = clock.now
        // Keep noting progress for longer than the limit: never stalled.
        while clock.now - start < .milliseconds(500) {
            meter.note()
            #expect(meter.isMakingProgress())
            try await Task.sleep(for: .milliseconds(20))
        }
        // Stop noting: stalled once the limit has passed (polled, not timed).
        meter.note()
        let stopped = clock.now
        while meter.isMakingProgress() {
            #expect(clock.now - stopped < .seconds(10), "still 'making progress' long after the limit")
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(clock.now - stopped >= .milliseconds(200))
    }
}
