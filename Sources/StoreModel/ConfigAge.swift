import Foundation

/// Renders an age for reasons (`5d`, `4h`, `90s`): the text every backend puts in
/// "gave up: still deferred 5d after it was due", so the reasons match whichever store wrote them.
public enum ConfigAge {
    /// The largest whole unit of `seconds`: days, hours, minutes, else seconds.
    public static func describe(_ seconds: TimeInterval) -> String {
        let value = Int(seconds)
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60)] where value >= size && value % size == 0 {
            return "\(value / size)\(unit)"
        }
        return "\(value)s"
    }
}
