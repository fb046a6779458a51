/// The version of Relais, shown by `--version` and recorded in the heartbeat.
public enum RelaisVersion {
    public static let current = "0.1.0"
}
