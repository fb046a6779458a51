import MIME
import Recurrence
import Store

/// An error that knows which sysexits(3) code the command line should end with.
public protocol SysexitsError: Error, CustomStringConvertible {
    /// 64 usage, 65 bad data, 66 no input, 69 unavailable, 75 temporary failure, 77 permission, 78 configuration.
    var exitCode: Int32 { get }
}

extension StoreError: SysexitsError {
    public var exitCode: Int32 {
        switch kind {
        case .cannotOpen: Sysexits.cantCreate
        case .newerSchema, .notRelais: Sysexits.config
        case .permissionDenied: Sysexits.noPermission
        case .notFound, .conflict: Sysexits.dataError
        case .database: Sysexits.tempFail
        }
    }
}

extension RecurrenceError: SysexitsError {
    public var exitCode: Int32 { Sysexits.dataError }
}

extension AddressError: SysexitsError {
    public var exitCode: Int32 { Sysexits.dataError }
}
