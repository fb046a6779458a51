import MIME
import Recurrence
import Store

/// An error that knows which sysexits(3) code the command line should end with.
public protocol SysexitsError: Error, CustomStringConvertible {
    /// 64 usage, 65 bad data, 66 no input, 69 unavailable, 75 temporary failure, 77 permission, 78 configuration.
    var exitCode: Int32 { get }
}

/// sysexits(3) codes used by Relais.
public enum Sysexits {
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let unavailable: Int32 = 69
    public static let software: Int32 = 70
    public static let cantCreate: Int32 = 73
    public static let ioError: Int32 = 74
    public static let tempFail: Int32 = 75
    public static let noPermission: Int32 = 77
    public static let config: Int32 = 78
}

extension ConfigurationError: SysexitsError {
    public var exitCode: Int32 { Sysexits.config }
}

extension StoreError: SysexitsError {
    public var exitCode: Int32 {
        switch kind {
        case .cannotOpen: Sysexits.cantCreate
        case .newerSchema: Sysexits.config
        case .notFound, .conflict: Sysexits.dataError
        case .database: Sysexits.tempFail
        }
    }
}

/// Bad input from the user: a malformed value, with the value and where it was.
public struct InputError: SysexitsError, Sendable {
    /// `members.csv:12` or the option name.
    public let location: String?
    /// One line: what is wrong.
    public let message: String
    public let exitCode: Int32

    public init(_ message: String, at location: String? = nil, exitCode: Int32 = Sysexits.dataError) {
        self.location = location
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String {
        location.map { "\($0): \(message)" } ?? message
    }
}

extension RecurrenceError: SysexitsError {
    public var exitCode: Int32 { Sysexits.dataError }
}

extension AddressError: SysexitsError {
    public var exitCode: Int32 { Sysexits.dataError }
}
