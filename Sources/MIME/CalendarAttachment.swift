/// An iCalendar object sent with a message, both inline (text/calendar) and as an `.ics` attachment.
public struct CalendarAttachment: Sendable, Hashable {
    /// The iTIP method declared on the text/calendar part; must match the object's METHOD.
    public enum Method: String, Sendable, Hashable {
        /// An announcement (`METHOD:PUBLISH`).
        case publish = "PUBLISH"
        /// A cancellation (`METHOD:CANCEL`).
        case cancel = "CANCEL"
    }

    /// The method declared on the text/calendar part.
    public var method: Method
    /// The complete iCalendar bytes (CRLF line ends), sent base64-encoded as is.
    public var data: [UInt8] {
        didSet { encoded = Self.encode(data) }
    }
    /// `data` in base64 lines, computed once and shared by every message that carries it.
    private(set) var encoded: [UInt8]
    /// The attachment's file name: letters, digits, `.`, `-`, `_`; default `invite.ics`.
    public var filename: String

    /// A calendar attachment.
    public init(method: Method, data: [UInt8], filename: String = "invite.ics") {
        self.method = method
        self.data = data
        self.filename = filename
        self.encoded = Self.encode(data)
    }

    static func encode(_ data: [UInt8]) -> [UInt8] {
        var lines: [UInt8] = []
        Base64.appendLines(data, to: &lines)
        return lines
    }

    func validate() throws(MIMEError) {
        guard !data.isEmpty else { throw MIMEError("calendar", "", "the iCalendar data is empty") }
        let ok = !filename.isEmpty && filename.utf8.count <= 60 && filename.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                return true
            default:
                return false
            }
        }
        guard ok else {
            throw MIMEError("calendar file name", filename, "use 1–60 ASCII letters, digits, dots, hyphens or underscores")
        }
    }
}
