import Foundation
import RelaisTestSupport
import Testing

@Suite("sysusers.d and tmpfiles.d", .blocking, .enabled(if: SystemdTool.canCreateUsersAndDirectories))
struct SysusersTmpfilesTests {
    @Test("systemd-sysusers creates relais, and systemd-tmpfiles its state directories")
    func createInScratchRoot() throws {
        let scratch = TemporaryDirectory("relais-root")
        defer { withExtendedLifetime(scratch) {} }
        let root = URL(fileURLWithPath: scratch.path)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)

        let sysusers = try SystemdTool.run(
            "systemd-sysusers", ["--root=\(root.path)", "-"],
            input: try Data(contentsOf: SystemdTool.shipped("relais.sysusers.conf")))
        #expect(sysusers.status == 0, "\(sysusers.text)")
        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        let user = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("relais:") })
        let fields = user.split(separator: ":", omittingEmptySubsequences: false)
        try #require(fields.count == 7)
        #expect(fields[5] == "/var/lib/relais")
        let uid = try #require(Int(fields[2]))
        #expect(uid > 0 && uid < 1000, "a system user")
        let groups = try String(contentsOf: root.appendingPathComponent("etc/group"), encoding: .utf8)
        let group = try #require(groups.split(separator: "\n").first { $0.hasPrefix("relais:") })
        let gid = try #require(Int(group.split(separator: ":", omittingEmptySubsequences: false)[2]))
        #expect(fields[3] == "\(gid)", "the user's primary group is relais")

        let tmpfiles = try SystemdTool.run(
            "systemd-tmpfiles", ["--root=\(root.path)", "--create", "-"],
            input: try Data(contentsOf: SystemdTool.shipped("relais.tmpfiles.conf")))
        #expect(tmpfiles.status == 0, "\(tmpfiles.text)")
        for path in ["var/lib/relais", "var/lib/relais/outbox"] {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: root.appendingPathComponent(path).path)
            #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == uid, "\(path)")
            #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.intValue == gid, "\(path)")
            // setgid, rwx for owner and group, nothing for others.
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o2770, "\(path)")
        }
    }
}
