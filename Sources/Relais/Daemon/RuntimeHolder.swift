/// The runtime in force, swapped by a reload.
actor RuntimeHolder {
    private(set) var current: DaemonRuntime

    init(_ runtime: DaemonRuntime) {
        current = runtime
    }

    /// Installs `runtime`; the previous transport finishes what it has in flight, then closes.
    func replace(with runtime: DaemonRuntime) async {
        let old = current
        current = runtime
        await old.transport.shutdown()
    }
}
