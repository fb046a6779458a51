/// One SMTP server reply: code, optional RFC 3463 enhanced code, text, and the stage it answered.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// Three-digit reply code (250, 451, 550...).
    public var code: Int
    /// Enhanced status code such as `5.1.1`, when the server gave one.
    public var enhancedCode: String?
    /// Reply text without code and enhanced code; lines of a multi-line reply joined by " / ".
    public var text: String
    /// The stage the reply answered.
    public var stage: SMTPStage

    /// Creates a reply.
    public init(code: Int, enhancedCode: String? = nil, text: String, stage: SMTPStage) {
        self.code = code
        self.enhancedCode = enhancedCode
        self.text = text
        self.stage = stage
    }

    /// `421 4.7.0 Try later (at RCPT)`-style one line.
    public var description: String {
        "\(line) (at \(stage.rawValue))"
    }

    /// The reply as the server wrote it, on one line: `250 2.0.0 Ok: queued as 4F2A`.
    public var line: String {
        ([String(code)] + [enhancedCode, text.isEmpty ? nil : text].compactMap { $0 }).joined(separator: " ")
    }

    /// Parses a reply's lines (`250-first`, `250 last`) into a reply at `stage`; nil if no code.
    public init?(lines: [String], stage: SMTPStage) {
        guard let first = lines.first, let code = Self.code(of: first) else { return nil }
        var enhanced: String?
        var texts: [String] = []
        for line in lines {
            var rest = Substring(line.dropFirst(min(4, line.count)))
            if let candidate = Self.enhancedCode(prefixOf: rest, class: code / 100) {
                if enhanced == nil { enhanced = candidate }
                rest = rest.dropFirst(candidate.count).drop(while: { $0 == " " })
            }
            let trimmed = rest.trimmingSpaces()
            if !trimmed.isEmpty { texts.append(trimmed) }
        }
        self.init(code: code, enhancedCode: enhanced, text: texts.joined(separator: " / "), stage: stage)
    }

    /// The reply code at the start of a server line, if any.
    static func code(of line: String) -> Int? {
        let bytes = Array(line.utf8.prefix(4))
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if bytes.count == 4 && bytes[3] != UInt8(ascii: " ") && bytes[3] != UInt8(ascii: "-") { return nil }
        return Int(bytes[0] - 0x30) * 100 + Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
    }

    /// An enhanced status code `c.s.d` at the start of `text` whose class matches the reply's.
    static func enhancedCode(prefixOf text: Substring, class replyClass: Int) -> String? {
        let token = text.prefix(while: { $0 != " " })
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              Int(parts[0]) == replyClass
        else { return nil }
        return String(token)
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
