import RelaisSettings
import RelaisSupport
import Foundation
import SMTP

extension FileTransport {
    /// `<Message-ID without angle brackets>.eml`, from the message's own `Message-ID:` header, else
    /// from the envelope id; characters that cannot be in a file name become `_`.
    public static func fileName(for envelope: Envelope) -> String {
        let identifier = messageID(in: envelope.bytes) ?? envelope.id
        var name = String(String.UnicodeScalarView(identifier.unicodeScalars.prefix(200).map { scalar in
            let allowed = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || "._-+=@$%&!#~".unicodeScalars.contains(scalar)
            return allowed ? scalar : "_"
        }))
        if name.isEmpty { name = "message" }
        if name.hasPrefix(".") { name = "_" + name.dropFirst() }
        return name + ".eml"
    }

    /// The `Message-ID:` header's value without angle brackets, if the header block has one.
    public static func messageID(in bytes: [UInt8]) -> String? {
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            let atEnd = index == bytes.count
            if atEnd || bytes[index] == 0x0A {
                var line = bytes[lineStart..<index]
                if line.last == 0x0D { line = line.dropLast() }
                if line.isEmpty { return nil }  // end of the header block
                if let value = headerValue(line, named: "message-id") {
                    // A folded value continues on lines starting with white space.
                    var full = value
                    var next = index + 1
                    while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 {
                        var end = next
                        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                        var continuation = bytes[next..<end]
                        if continuation.last == 0x0D { continuation = continuation.dropLast() }
                        full += String(decoding: continuation, as: UTF8.self)
                        next = end + 1
                    }
                    let trimmed = full.trimmingCharacters(in: .whitespaces)
                    let bare = trimmed.hasPrefix("<") && trimmed.hasSuffix(">") ? String(trimmed.dropFirst().dropLast()) : trimmed
                    return bare.isEmpty ? nil : bare
                }
                if atEnd { return nil }
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    static func headerValue(_ line: ArraySlice<UInt8>, named name: String) -> String? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let field = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
        guard field.lowercased() == name else { return nil }
        return String(decoding: line[(colon + 1)...], as: UTF8.self)
    }
}
