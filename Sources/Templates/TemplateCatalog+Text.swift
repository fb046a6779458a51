extension TemplateCatalog {
    /// Folds a rendered subject or preheader to one line: every run of whitespace, line break or
    /// control character becomes one space, so no value can start a new header line.
    static func singleLine(_ string: String) -> String {
        if isSingleLine(string) { return string }
        var out = ""
        out.reserveCapacity(string.utf8.count)
        var pendingSpace = false
        for scalar in string.unicodeScalars {
            if isSpaceLike(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True when `singleLine` would return the string unchanged: no leading, trailing or double
    /// space, no other space-like character.
    static func isSingleLine(_ string: String) -> Bool {
        var previousSpace = true
        for scalar in string.unicodeScalars {
            if scalar == " " {
                if previousSpace { return false }
                previousSpace = true
            } else if isSpaceLike(scalar) {
                return false
            } else {
                previousSpace = false
            }
        }
        return !previousSpace || string.isEmpty
    }

    /// Unicode White_Space characters, C0 and C1 controls, DEL and the BOM.
    @inline(__always)
    static func isSpaceLike(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value <= 0x20 || value == 0x7F }
        switch value {
        case 0x80...0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }

    /// Trims blank lines at both ends, trailing spaces on each line (except the
    /// signature separator "-- "), keeps at most one empty line
    /// in a row, and ends with a single newline.
    static func tidyText(_ string: String) -> String {
        var lines: [Substring] = []
        var blankRun = 0
        for raw in string.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            while line != "-- ", let last = line.last, last == " " || last == "\t" || last == "\r" { line = line.dropLast() }
            if line.isEmpty {
                blankRun += 1
                if blankRun > 1 || lines.isEmpty { continue }
            } else {
                blankRun = 0
            }
            lines.append(line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
