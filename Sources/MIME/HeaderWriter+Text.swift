/// Unstructured text (Subject) and phrases (display names): plain, quoted or RFC 2047 encoded.
extension HeaderWriter {
    /// Copies `text` into `scratch`, turning each run of CR/LF into one space and other
    /// control characters into a space, so data can never start a new header line.
    /// With `collapsingSpaces`, leading and trailing spaces are dropped and runs of spaces
    /// become one (for display names, where decoders do the same).
    mutating func loadSanitized(_ text: String, collapsingSpaces: Bool = false) {
        scratch.removeAll(keepingCapacity: true)
        var previousWasBreak = false
        for byte in text.utf8 {
            if byte == 0x0D || byte == 0x0A {
                if !previousWasBreak { appendSanitized(UInt8(ascii: " "), collapsingSpaces) }
                previousWasBreak = true
                continue
            }
            previousWasBreak = false
            appendSanitized(byte < 0x20 || byte == 0x7F ? UInt8(ascii: " ") : byte, collapsingSpaces)
        }
        if collapsingSpaces, scratch.last == UInt8(ascii: " ") { scratch.removeLast() }
    }

    @inline(__always)
    private mutating func appendSanitized(_ byte: UInt8, _ collapsingSpaces: Bool) {
        if collapsingSpaces, byte == UInt8(ascii: " "), scratch.last == nil || scratch.last == UInt8(ascii: " ") { return }
        scratch.append(byte)
    }

    /// Appends an unstructured value (`Subject`, extra headers): plain ASCII words folded at
    /// spaces when that is lossless, otherwise RFC 2047 encoded words for the whole value.
    mutating func appendUnstructured(_ text: String) {
        loadSanitized(text)
        guard Self.isPlainText(scratch, firstWordRoom: Self.lineLimit - column) else {
            appendEncodedWords()
            return
        }
        var start = 0
        let count = scratch.count
        while start < count {
            var end = start
            while end < count, scratch[end] != UInt8(ascii: " ") { end += 1 }
            appendToken(scratch[start..<end], spaced: true)
            start = end + 1
        }
    }

    /// Appends a display name: a quoted string when it is printable ASCII, else plain atoms
    /// for the words that are ASCII `atext` and encoded words for runs of the other words
    /// (`=?UTF-8?Q?Am=C3=A9lie?= Dubois`). Whitespace next to an atom is kept by every
    /// decoder, so only a run too long for one encoded word is split between words.
    /// Leading, trailing and repeated spaces are dropped (decoders such as Python's collapse
    /// whitespace in phrases, so they could not survive anyway).
    mutating func appendPhrase(_ text: String) {
        loadSanitized(text, collapsingSpaces: true)
        guard Self.isQuotable(scratch) else {
            appendMixedPhrase()
            return
        }
        word.removeAll(keepingCapacity: true)
        word.append(UInt8(ascii: "\""))
        for byte in scratch {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { word.append(UInt8(ascii: "\\")) }
            word.append(byte)
        }
        word.append(UInt8(ascii: "\""))
        appendWord(spaced: true)
    }

    /// Plain atoms and encoded-word runs, for a sanitized phrase in `scratch` (single spaces).
    mutating func appendMixedPhrase() {
        let count = scratch.count
        var start = 0
        var runStart: Int?  // first byte of the current run of words to encode
        var runEnd = 0
        while start < count {
            var end = start
            while end < count, scratch[end] != UInt8(ascii: " ") { end += 1 }
            if isAtom(start..<end) {
                if let first = runStart {
                    appendEncodedWords(first..<runEnd)
                    runStart = nil
                }
                appendToken(scratch[start..<end], spaced: true)
            } else {
                if runStart == nil { runStart = start }
                runEnd = end
            }
            start = end + 1
        }
        if let first = runStart { appendEncodedWords(first..<runEnd) }
    }

    /// Whether `scratch[range]` is an RFC 5322 atom (ASCII `atext`) that cannot be mistaken for an encoded word.
    func isAtom(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.count <= (atFieldStart ? min(70, Self.lineLimit - column) : 70) else { return false }
        var previous: UInt8 = 0
        for index in range {
            let byte = scratch[index]
            guard MessageID.isAtext(byte) else { return false }
            if byte == UInt8(ascii: "?"), previous == UInt8(ascii: "=") { return false }
            previous = byte
        }
        return true
    }

    /// Printable ASCII words separated by single spaces, no `=?`, each word short enough to
    /// fold (the first one fitting in `firstWordRoom`, the rest in a continuation line).
    static func isPlainText(_ value: [UInt8], firstWordRoom: Int) -> Bool {
        guard let first = value.first, let last = value.last else { return true }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") { return false }
        var previous: UInt8 = 0
        var wordLength = 0
        var limit = min(70, firstWordRoom)
        for byte in value {
            if byte < 0x20 || byte > 0x7E { return false }
            if byte == UInt8(ascii: " ") {
                if previous == UInt8(ascii: " ") { return false }
                wordLength = 0
                limit = 70
            } else {
                wordLength += 1
                if wordLength > limit { return false }
                if byte == UInt8(ascii: "?"), previous == UInt8(ascii: "=") { return false }
            }
            previous = byte
        }
        return true
    }

    /// Printable ASCII without `=?` (which some decoders decode even inside quotes), short enough for one line.
    static func isQuotable(_ value: [UInt8]) -> Bool {
        guard !value.isEmpty, value.count <= 64 else { return false }
        var previous: UInt8 = 0
        for byte in value {
            if byte < 0x20 || byte > 0x7E { return false }
            if byte == UInt8(ascii: "?"), previous == UInt8(ascii: "=") { return false }
            previous = byte
        }
        return true
    }
}
