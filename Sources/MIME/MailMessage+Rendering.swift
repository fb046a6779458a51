/// Building the message bytes.
///
/// Structure (the one Google Calendar and most mailers send, which every client shows well):
///
///     multipart/mixed                       only when a calendar is attached
///       multipart/alternative
///         text/plain; charset=UTF-8         quoted-printable
///         text/html; charset=UTF-8          quoted-printable (last: the preferred part)
///         text/calendar; method=...         base64 (the inline invitation clients act on)
///       application/ics; name=invite.ics    base64, Content-Disposition: attachment
///
/// Without a calendar the top level is the multipart/alternative; without HTML either, a
/// single text/plain part.
extension MailMessage {
    /// The complete message: header fields, a blank line and the MIME body, CRLF line ends.
    public func render() throws(MIMEError) -> [UInt8] {
        try validate()
        // One allocation: headers, the QP worst case (3 bytes per input byte, which the
        // encoder reserves before it writes) and the pre-encoded calendar twice.
        let textBytes = text.utf8.count + (html?.utf8.count ?? 0)
        let estimate = 2_048 + textBytes * 3 + textBytes / 20 + (calendar?.encoded.count ?? 0) * 2
        var writer = HeaderWriter(capacity: estimate)
        writeHeaders(&writer)

        let hash = StableHash.hex(StableHash.fnv1a64(messageID.value.utf8))
        let alternative = "=_rl-alt-" + hash
        let mixed = "=_rl-mix-" + hash
        let hasAlternative = html != nil || calendar != nil

        if calendar != nil {
            Self.multipartHeader(&writer, "multipart/mixed;", mixed)
            writer.bytes.append(contentsOf: Self.crlf)
            Self.delimiter(&writer.bytes, mixed, afterText: false)
            Self.multipartHeader(&writer, "multipart/alternative;", alternative)
            writer.bytes.append(contentsOf: Self.crlf)
        } else if hasAlternative {
            Self.multipartHeader(&writer, "multipart/alternative;", alternative)
            writer.bytes.append(contentsOf: Self.crlf)
        }
        if hasAlternative { Self.delimiter(&writer.bytes, alternative, afterText: false) }
        writer.bytes.append(contentsOf: Self.textPlainHeaders)
        Self.appendQuotedPrintable(text, to: &writer.bytes)
        if let html {
            Self.delimiter(&writer.bytes, alternative, afterText: true)
            writer.bytes.append(contentsOf: Self.textHTMLHeaders)
            Self.appendQuotedPrintable(html, to: &writer.bytes)
        }
        if let calendar {
            Self.delimiter(&writer.bytes, alternative, afterText: true)
            writer.bytes.append(contentsOf: "Content-Type: text/calendar; charset=UTF-8; method=\(calendar.method.rawValue)\r\n".utf8)
            writer.bytes.append(contentsOf: Self.base64Header)
            writer.bytes.append(contentsOf: calendar.encoded)
            Self.closeDelimiter(&writer.bytes, alternative, afterText: false)
            Self.delimiter(&writer.bytes, mixed, afterText: false)
            writer.bytes.append(contentsOf: "Content-Type: application/ics; name=\"\(calendar.filename)\"\r\n".utf8)
            writer.bytes.append(contentsOf: "Content-Disposition: attachment; filename=\"\(calendar.filename)\"\r\n".utf8)
            writer.bytes.append(contentsOf: Self.base64Header)
            writer.bytes.append(contentsOf: calendar.encoded)
            Self.closeDelimiter(&writer.bytes, mixed, afterText: false)
        } else if hasAlternative {
            Self.closeDelimiter(&writer.bytes, alternative, afterText: true)
        } else if writer.bytes.last != 0x0A {
            writer.bytes.append(contentsOf: Self.crlf)  // a single-part body still ends with a line break
        }
        return writer.bytes
    }

    /// The header fields, in the usual order, up to (not including) the Content-Type.
    func writeHeaders(_ writer: inout HeaderWriter) {
        writer.beginField("Date")
        RFC5322Date.append(date, to: &writer.bytes)
        writer.endField()
        writer.mailboxField("From", [from])
        if let replyTo { writer.mailboxField("Reply-To", [replyTo]) }
        writer.mailboxField("To", to)
        writer.beginField("Subject")
        writer.appendUnstructured(subject)
        writer.endField()
        writer.field("Message-ID", messageID.value)
        writer.bytes.append(contentsOf: Self.mimeVersion)
        if let language { writer.field("Content-Language", language) }
        if let listID {
            writer.beginField("List-Id")
            if let name = listID.name, name.utf8.contains(where: { $0 != 0x20 }) { writer.appendPhrase(name) }
            writer.appendToken(("<" + listID.id + ">").utf8, spaced: true)
            writer.endField()
        }
        if let listUnsubscribe {
            writer.beginField("List-Unsubscribe")
            for (index, uri) in listUnsubscribe.uris.enumerated() {
                if index > 0 { writer.appendToken(CollectionOfOne(UInt8(ascii: ",")), spaced: false) }
                writer.appendToken(("<" + uri + ">").utf8, spaced: true)
            }
            writer.endField()
            if listUnsubscribe.oneClick { writer.bytes.append(contentsOf: Self.oneClick) }
        }
        for header in extraHeaders {
            writer.beginField(header.name.rawValue)
            writer.appendUnstructured(header.value)
            writer.endField()
        }
    }

    func validate() throws(MIMEError) {
        guard !to.isEmpty else { throw MIMEError("To", "", "a message needs at least one recipient") }
        if let language, !Self.isLanguageTag(language) {
            throw MIMEError("Content-Language", language, "expected a BCP 47 tag such as fr-BE")
        }
        try listID?.validate()
        try listUnsubscribe?.validate()
        try calendar?.validate()
    }

    /// `[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*`.
    static func isLanguageTag(_ tag: String) -> Bool {
        let subtags = tag.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        for (index, subtag) in subtags.enumerated() {
            guard (1...8).contains(subtag.count) else { return false }
            for byte in subtag {
                let letter = (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                let digit = (0x30...0x39).contains(byte)
                guard letter || (digit && index > 0) else { return false }
            }
        }
        return true
    }
}
