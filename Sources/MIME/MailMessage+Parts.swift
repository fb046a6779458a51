/// Fixed MIME part headers and delimiters.
extension MailMessage {
    static let crlf: [UInt8] = [0x0D, 0x0A]
    static let mimeVersion: [UInt8] = Array("MIME-Version: 1.0\r\n".utf8)
    static let oneClick: [UInt8] = Array("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n".utf8)
    static let textPlainHeaders: [UInt8] = Array(
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
    static let textHTMLHeaders: [UInt8] = Array(
        "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
    static let base64Header: [UInt8] = Array("Content-Transfer-Encoding: base64\r\n\r\n".utf8)

    /// `Content-Type: multipart/...; boundary="..."` followed by CRLF.
    static func multipartHeader(_ writer: inout HeaderWriter, _ type: String, _ boundary: String) {
        writer.beginField("Content-Type")
        writer.appendToken(type.utf8, spaced: true)
        writer.appendToken(("boundary=\"" + boundary + "\"").utf8, spaced: true)
        writer.endField()
    }

    /// `--boundary` CRLF, preceded by CRLF when it follows a part body.
    ///
    /// The CRLF before `--` belongs to the delimiter (RFC 2046 §5.1.1), so a body that ends
    /// with a line break keeps it. After a header block, a close delimiter or a base64 body
    /// (which ends with CRLF) the preceding CRLF is already there.
    static func delimiter(_ bytes: inout [UInt8], _ boundary: String, afterText: Bool) {
        if afterText { bytes.append(contentsOf: crlf) }
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(contentsOf: boundary.utf8)
        bytes.append(contentsOf: crlf)
    }

    /// The close delimiter `--boundary--` CRLF.
    static func closeDelimiter(_ bytes: inout [UInt8], _ boundary: String, afterText: Bool) {
        if afterText { bytes.append(contentsOf: crlf) }
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(contentsOf: boundary.utf8)
        bytes.append(UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "-"))
        bytes.append(contentsOf: crlf)
    }

    /// Appends a body quoted-printable encoded.
    static func appendQuotedPrintable(_ text: String, to bytes: inout [UInt8]) {
        QuotedPrintable.append(text, to: &bytes)
    }
}
