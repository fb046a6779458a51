import Templates

/// A template that does not load or render is bad data (65), named by file and line.
extension TemplateError: SysexitsError {
    /// 65: bad data.
    public var exitCode: Int32 { Sysexits.dataError }
}
