import Foundation

/// Reads the header block of stored message bytes, for `queue show`.
public enum MessageHeaders {
    /// The header lines (unfolded lines kept as they are), up to the first empty line.
    public static func headerBlock(of message: Data) -> String {
        let bytes = [UInt8](message)
        var end = bytes.count
        for index in 0..<max(0, bytes.count - 3) where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            end = index
            break
        }
        return String(decoding: bytes[0..<end], as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
