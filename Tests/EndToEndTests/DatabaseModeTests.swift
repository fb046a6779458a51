import Foundation
import RelaisTestSupport
import Testing

/// File permissions are the access control: the database is group-writable whatever the umask.
@Suite(.blocking) struct DatabaseModeTests {
    @Test func databaseIsCreated0660UnderAStrictUmask() throws {
        let sandbox = Sandbox()
        let result = try ProcessRunner.run(
            "/bin/sh", ["-c", "umask 077 && exec \"$0\" member list --config \"$1\"", Binaries.relaisctl, sandbox.config],
            environment: Binaries.cleanEnvironment)
        #expect(result.status == 0, "\(result.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: sandbox.directory.file("var/relais.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o660, "mode \(String(mode ?? 0, radix: 8))")
    }
}
