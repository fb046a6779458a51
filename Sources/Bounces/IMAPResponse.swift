/// The server's side of one command, as raw bytes, and the few answers the client reads from
/// it: SEARCH results, UIDVALIDITY, a FETCH's literal and flags.
struct IMAPResponse {
    /// One untagged or tagged line, with the literals it announced (`{N}`) in order.
    struct Line {
        var text: [UInt8]
        var literals: [[UInt8]]
    }

    let lines: [Line]

    /// Splits `bytes` into lines; a line ending in `{N}` is followed by N bytes of literal, then
    /// the rest of the line.
    init(bytes: [UInt8]) {
        var lines: [Line] = []
        var index = 0
        var current = Line(text: [], literals: [])
        while index < bytes.count {
            var end = index
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var piece = Array(bytes[index..<end])
            if piece.last == 0x0D { piece.removeLast() }
            index = min(end + 1, bytes.count)
            current.text += piece
            if let count = Self.literalLength(piece), index + count <= bytes.count {
                current.literals.append(Array(bytes[index..<index + count]))
                index += count
                continue
            }
            lines.append(current)
            current = Line(text: [], literals: [])
        }
        if !current.text.isEmpty { lines.append(current) }
        self.lines = lines
    }

    /// N when `line` ends with `{N}` (or `{N+}`).
    static func literalLength(_ line: [UInt8]) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.count - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private func text(_ line: Line) -> String { String(decoding: line.text, as: UTF8.self) }

    /// The numbers of every `* SEARCH` line.
    var searchResults: [UInt32] {
        lines.map(text).filter { $0.uppercased().hasPrefix("* SEARCH") }
            .flatMap { $0.dropFirst(8).split(separator: " ").compactMap { UInt32($0) } }
    }

    /// The words of every `* CAPABILITY` line, upper-cased.
    var capabilities: [String] {
        lines.map(text).filter { $0.uppercased().hasPrefix("* CAPABILITY ") }
            .flatMap { $0.dropFirst(13).split(separator: " ").map { $0.uppercased() } }
    }

    /// True when the answer has a `* LIST` line (the mailbox asked about exists).
    var listsMailbox: Bool {
        lines.map(text).contains { $0.uppercased().hasPrefix("* LIST ") }
    }

    /// The `[UIDVALIDITY n]` a SELECT announced.
    var uidValidity: UInt32? {
        for line in lines.map(text) {
            guard let range = line.range(of: "[UIDVALIDITY ", options: .caseInsensitive) else { continue }
            return UInt32(line[range.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    /// The text of the last tagged completion (`A004 NO …`), for error messages.
    var lastTaggedText: String? {
        lines.map(text).last { !$0.hasPrefix("*") && !$0.hasPrefix("+") && $0.contains(" ") }
    }

    /// The `* n FETCH` line about `uid`.
    private func fetchLine(uid: UInt32) -> Line? {
        lines.first { line in
            let upper = text(line).uppercased()
            return upper.hasPrefix("* ") && upper.contains(" FETCH (") && upper.contains("UID \(uid)")
                && Self.uid(in: upper) == uid
        }
    }

    static func uid(in upper: String) -> UInt32? {
        guard let range = upper.range(of: "UID ") else { return nil }
        return UInt32(upper[range.upperBound...].prefix { $0.isNumber })
    }

    /// The literal of `BODY[]` in the FETCH answer about `uid`.
    func fetchedBody(uid: UInt32) -> [UInt8]? {
        fetchLine(uid: uid)?.literals.first
    }

    /// The flags in the FETCH answer about `uid`.
    func flags(uid: UInt32) -> [String] {
        guard let line = fetchLine(uid: uid).map(text), let range = line.range(of: "FLAGS (", options: .caseInsensitive),
              let close = line[range.upperBound...].firstIndex(of: ")")
        else { return [] }
        return line[range.upperBound..<close].split(separator: " ").map(String.init)
    }
}
