extension String {
    /// Explicit bidirectional formatting characters: LRE, RLE, PDF, LRO, RLO (U+202A–U+202E),
    /// LRI, RLI, FSI, PDI (U+2066–U+2069).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// The text unchanged when it has no bidi formatting character; otherwise wrapped in an
    /// isolate (FSI … PDI, Unicode UAX #9), with a stray PDI dropped and the isolates it opens
    /// closed, so that a name such as "\u{202E}evil" cannot reverse the text around it — in
    /// the subject, the text part or the HTML part alike.
    func bidiIsolated() -> String {
        guard unicodeScalars.contains(where: Self.isBidiControl) else { return self }
        var out = String.UnicodeScalarView()
        out.append("\u{2068}")
        var openIsolates = 0
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x2066, 0x2067, 0x2068:
                openIsolates += 1
                out.append(scalar)
            case 0x2069:
                guard openIsolates > 0 else { continue }
                openIsolates -= 1
                out.append(scalar)
            default:
                out.append(scalar)
            }
        }
        // Each PDI closes the innermost open isolate (and the embeddings opened inside it); the last one is ours.
        for _ in 0...openIsolates { out.append("\u{2069}") }
        return String(out)
    }
}
