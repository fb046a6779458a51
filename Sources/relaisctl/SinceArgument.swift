import ArgumentParser
import Foundation
import Relais

/// A point in the past for `--since`: a duration ago (`90m`, `2h`, `1d`), an instant with its
/// offset (`2026-11-30T10:00:00Z`, `…+01:00`), or a local date and time (`2026-11-30T10:00`,
/// in this machine's time zone).
struct SinceArgument: ExpressibleByArgument {
    let date: Date

    init?(argument: String) {
        if let ago = ConfigDuration(parsing: argument), ago.seconds > 0 {
            date = Date().addingTimeInterval(-ago.timeInterval)
            return
        }
        let withOffset = ISO8601DateFormatter()
        if let instant = withOffset.date(from: argument) {
            date = instant
            return
        }
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            let local = DateFormatter()
            local.locale = Locale(identifier: "en_US_POSIX")
            local.timeZone = .current
            local.dateFormat = format
            if let instant = local.date(from: argument) {
                date = instant
                return
            }
        }
        return nil
    }

    static var defaultValueDescription: String { "a duration ago (2h) or a time (2026-11-30T10:00, local)" }
}
