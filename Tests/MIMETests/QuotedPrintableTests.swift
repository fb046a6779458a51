import Foundation
import Testing
@testable import MIME

/// Quoted-printable: known answers from RFC 2045 §6.7 and structural checks with an
/// independent decoder written here.
@Suite("Quoted-printable")
struct QuotedPrintableTests {
    /// A minimal RFC 2045 decoder: `=XX` escapes, `=` CRLF soft breaks; throws on anything malformed.
    struct Malformed: Error {}
    static func decode(_ encoded: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        func hex(_ byte: UInt8) throws -> UInt8 {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x37
            default: throw Malformed()
            }
        }
        while index < encoded.count {
            let byte = encoded[index]
            if byte == UInt8(ascii: "=") {
                guard index + 2 < encoded.count || (index + 2 == encoded.count) else { throw Malformed() }
                if encoded[index + 1] == 0x0D {
                    guard encoded[index + 2] == 0x0A else { throw Malformed() }
                    index += 3
                    continue
                }
                output.append(try hex(encoded[index + 1]) << 4 | hex(encoded[index + 2]))
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// Lines of the encoded text, and structural rules every encoded output must follow.
    static func checkStructure(_ encoded: [UInt8], _ context: String) {
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "bare CR: \(context)")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF: \(context)")
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "line of \(line.utf8.count): \(context)")
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "trailing whitespace: \(context)")
            #expect(line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F || $0 == 0x09 }, "non-printable byte: \(context)")
            #expect(!line.hasPrefix("."), "line starts with a dot: \(context)")
            #expect(!line.hasPrefix("From "), "line starts with From: \(context)")
        }
    }

    @Test("Known answers", arguments: [
        ("a=b", "a=3Db"), ("é", "=C3=A9"), ("x \n", "x=20\r\n"), ("x\t", "x=09"), ("a b", "a b"),
        ("line1\nline2", "line1\r\nline2"), ("l1\r\nl2\rl3", "l1\r\nl2\r\nl3"), (".\n", "=2E\r\n"),
        ("From me", "=46rom me"), ("Fromage", "Fromage"), ("\u{0}", "=00"), ("€", "=E2=82=AC"),
    ])
    func knownAnswers(input: String, expected: String) {
        #expect(String(decoding: QuotedPrintable.encode(input), as: UTF8.self) == expected)
    }

    @Test("Soft breaks: 76-character lines, never splitting an escape")
    func softBreaks() {
        let encoded = QuotedPrintable.encode(String(repeating: "a", count: 200))
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        for count in 70...80 {
            let input = String(repeating: "a", count: count) + "é=é"
            let encoded = QuotedPrintable.encode(input)
            Self.checkStructure(encoded, "\(count)")
            #expect((try? Self.decode(encoded)) == Array(input.utf8))
        }
    }

    @Test("Round trip over generated texts", arguments: [7, 8, 9])
    func roundTrip(seed: UInt64) throws {
        var generator = Fixtures.Generator(state: seed)
        let pieces = Fixtures.pieces + ["\n", "\r\n", "\t", " \n", "\t\n", ".", "From ", "=", "\n.", "\nFrom "]
        for length in stride(from: 1, through: 600, by: 7) {
            var input = ""
            while input.count < length { input += pieces.randomElement(using: &generator)! }
            let encoded = QuotedPrintable.encode(input)
            Self.checkStructure(encoded, input.debugDescription)
            let normalized = input.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\n", with: "\r\n")
            #expect(try Self.decode(encoded) == Array(normalized.utf8), "\(input.debugDescription)")
        }
    }
}
