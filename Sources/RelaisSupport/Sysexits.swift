/// sysexits(3) codes used by Relais.
public enum Sysexits {
    /// The command was used incorrectly.
    public static let usage: Int32 = 64
    /// The input data was incorrect.
    public static let dataError: Int32 = 65
    /// An input file did not exist or was not readable.
    public static let noInput: Int32 = 66
    /// A service is unavailable (the message was refused for good).
    public static let unavailable: Int32 = 69
    /// An internal software error.
    public static let software: Int32 = 70
    /// A file could not be created.
    public static let cantCreate: Int32 = 73
    /// An error while reading or writing a file.
    public static let ioError: Int32 = 74
    /// A temporary failure; trying again later may work.
    public static let tempFail: Int32 = 75
    /// Not enough permission.
    public static let noPermission: Int32 = 77
    /// Something is wrong in the configuration.
    public static let config: Int32 = 78
}
