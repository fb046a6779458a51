/// An RFC 4180 CSV reader for member files: UTF-8 (a leading BOM is skipped), comma-separated,
/// fields optionally in double quotes with `""` for a quote, CRLF or LF line ends.
///
/// Each record carries the line it starts on, so errors can say `members.csv:12`.
struct CSVParser {
    /// One row of fields and the 1-based line it started on.
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    /// Why the text is not CSV.
    struct SyntaxError: Error, Equatable {
        var line: Int
        var reason: String
    }

    /// Splits `text` into records; blank lines are skipped.
    static func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var fieldWasQuoted = false
        var index = scalars.startIndex

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }

        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.endIndex, scalars[index] == "\"" {
                        field.append("\"")
                        index = scalars.index(after: index)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw SyntaxError(line: line, reason: "a quote inside an unquoted field (quote the whole field and double the quote)")
                }
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                endField()
            case "\r":
                if index < scalars.endIndex, scalars[index] == "\n" { continue }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted {
                    throw SyntaxError(line: line, reason: "text after a closing quote")
                }
                field.append(scalar)
            }
        }
        if inQuotes { throw SyntaxError(line: recordLine, reason: "a quoted field is not closed") }
        endRecord()
        return records
    }
}
