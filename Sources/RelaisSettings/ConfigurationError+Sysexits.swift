import RelaisSupport

extension ConfigurationError: SysexitsError {
    /// A configuration error ends a command with 78 (EX_CONFIG).
    public var exitCode: Int32 { Sysexits.config }
}
