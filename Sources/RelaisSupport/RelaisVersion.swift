/// The version of Relais, shown by `--version` and recorded in the heartbeat.
public enum RelaisVersion {
    /// This build's version.
    public static let current = "0.1.0"
}
