import Foundation
import RelaisTestSupport
import Testing

@Suite(.blocking) struct DaemonLifecycleTests {
    @Test func startsLogsTheDatabaseAndExitsCleanlyOnSIGTERM() throws {
        let sandbox = Sandbox()
        let daemon = try RunningProcess(Binaries.relaisd, ["--config", sandbox.config], environment: Binaries.cleanEnvironment)
        let started = daemon.waitForLine { $0.contains("started") }
        #expect(started?.hasPrefix("<6>") == true)
        #expect(started?.contains(sandbox.directory.file("var/relais.sqlite")) == true)
        #expect(daemon.stop(signal: SIGTERM) == 0)
    }

    @Test func badConfigurationExits78() throws {
        let sandbox = Sandbox(extraYAML: "delivery:\n  transport: pigeon")
        let result = try ProcessRunner.run(Binaries.relaisd, ["--config", sandbox.config], environment: Binaries.cleanEnvironment)
        #expect(result.status == 78)
        #expect(result.stderr.contains("delivery.transport"))
    }
}
