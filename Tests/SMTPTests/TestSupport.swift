import Foundation
import SMTP

/// Builders shared by the SMTP tests.
enum TestMessages {
    /// A CRLF message with a UTF-8 body and a line starting with a dot (libcurl must dot-stuff it).
    static func message(_ number: Int, padding: Int = 0) -> [UInt8] {
        var text = "From: Relais <relais@example.org>\r\nTo: ana@example.org\r\nSubject: Rappel n\u{B0}\(number)\r\n"
        text += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        text += "Bonjour Ana, le petit-déjeuner a lieu mardi.\r\n.\r\n..a line with dots\r\n"
        if padding > 0 {
            let line = String(repeating: "x", count: 76) + "\r\n"
            text += String(repeating: line, count: padding / line.utf8.count + 1)
        }
        text += "Fin \(number)\r\n"
        return Array(text.utf8)
    }
}
