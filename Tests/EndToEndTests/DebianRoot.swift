import Foundation
import RelaisTestSupport

/// A throwaway Debian root for `dpkg --root`, so a package test installs, upgrades and purges
/// for real without touching this machine.
///
/// Its dpkg database lists this machine's packages as installed (so `Depends` is checked against
/// them, as `dpkg -i` would); maintainer scripts run on this machine's tools with `DPKG_ROOT` set
/// (`--force-script-chrootless`), which is how Debian bootstraps a root without chroot. The root
/// starts as a minimal merged-/usr system: the user database with root alone, and empty folders
/// where ``run(_:environment:)`` mounts this machine's libraries.
final class DebianRoot: @unchecked Sendable {
    private let directory = TemporaryDirectory("relais-deb-root")
    /// The root's path.
    var path: String { directory.path }

    /// Folders of this machine that ``run(_:environment:)`` binds into the root: the shared
    /// libraries and the loader, the zone database, /proc and /dev.
    static let borrowed = ["usr/lib", "usr/lib64", "usr/share/zoneinfo", "proc", "dev"]

    init() throws {
        let files = FileManager.default
        for folder in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/log", "etc", "tmp"] + Self.borrowed {
            try files.createDirectory(atPath: file(folder), withIntermediateDirectories: true)
        }
        try files.createSymbolicLink(atPath: file("lib"), withDestinationPath: "usr/lib")
        try files.createSymbolicLink(atPath: file("lib64"), withDestinationPath: "usr/lib64")
        _ = directory.write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        _ = directory.write("etc/group", "root:x:0:\n")
        _ = directory.write("etc/shadow", "root:*:20000:0:99999:7:::\n")
        _ = directory.write("etc/gshadow", "root:*::\n")
        try files.copyItem(atPath: "/var/lib/dpkg/status", toPath: file("var/lib/dpkg/status"))
    }

    /// `root/relative`.
    func file(_ relative: String) -> String {
        (path as NSString).appendingPathComponent(relative)
    }

    /// `dpkg --root=ROOT --force-script-chrootless arguments…`.
    func dpkg(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/dpkg", ["--root=\(path)", "--force-script-chrootless", "--log=\(file("var/log/dpkg.log"))"] + arguments)
    }

    /// Runs `command` chrooted into the root, in a mount namespace of its own where
    /// ``borrowed`` folders of this machine are bound in (the mounts vanish with the process). Needs root.
    func run(_ command: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        let script = """
            set -e
            root=$1; shift
            for folder in \(Self.borrowed.joined(separator: " ")); do mount --bind "/$folder" "$root/$folder"; done
            exec chroot "$root" "$@"
            """
        var variables = Binaries.cleanEnvironment.merging(environment) { $1 }
        variables["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin"
        return try ProcessRunner.run(
            "/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", path] + command,
            environment: variables)
    }

    /// Every path under the root, relative to it (links not followed).
    func paths() -> Set<String> {
        var found: Set<String> = []
        guard let walk = FileManager.default.enumerator(atPath: path) else { return found }
        while let relative = walk.nextObject() as? String {
            found.insert(relative)
        }
        return found
    }
}
