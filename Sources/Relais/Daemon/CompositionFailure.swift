/// Why a row could not be composed, and whether it can ever be.
public struct CompositionFailure: Error, CustomStringConvertible, SysexitsError {
    /// The row can never be composed (its event or announcement was removed): cancel it.
    public var isPermanent: Bool
    public var description: String
    /// 65: the data behind the message is wrong.
    public var exitCode: Int32 { Sysexits.dataError }
}
