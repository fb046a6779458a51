import PostgresStore
import RelaisSupport

extension PostgresStoreError: SysexitsError {
    /// 78 configuration or TLS, 69 unreachable, 77 login refused, 65 a migration, a newer
    /// schema or a row refused, 73 a copy's target not empty, 70 a copy's two ends disagree,
    /// 75 any other statement that failed.
    public var exitCode: Int32 {
        switch kind {
        case .configuration, .tls: Sysexits.config
        case .unavailable: Sysexits.unavailable
        case .authentication: Sysexits.noPermission
        case .migration, .schemaTooNew, .rejected: Sysexits.dataError
        case .notEmpty: Sysexits.cantCreate
        case .mismatch: Sysexits.software
        default: Sysexits.tempFail
        }
    }
}
