import Logging

/// Per-connection state the libcurl callbacks read and write during one transfer.
///
/// Owned by one `SMTPConnection`; only touched on the thread that runs `curl_easy_perform`.
/// Server lines are kept as bytes in reused buffers; the reply is parsed once, after the transfer.
final class SMTPTransferState {
    /// Body of the message being sent (valid only during `curl_easy_perform`).
    var body: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    /// Bytes of `body` already handed to libcurl.
    var offset = 0
    /// Stage of the transaction, from the last command libcurl sent.
    var stage: SMTPStage = .connect
    /// True once the read callback has handed the whole body to libcurl.
    var bodyHandedOver = false
    /// True once libcurl sent QUIT: later replies close an old connection and are not this message's.
    var quitting = false
    /// Lines (LF-separated) of the reply being received.
    var pendingReply: [UInt8] = []
    /// Lines (LF-separated) of the last complete reply, and the stage it answered.
    var lastReplyBytes: [UInt8] = []
    var lastReplyStage: SMTPStage?
    /// Whether protocol lines are logged (trace level).
    let traceEnabled: Bool
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
        self.traceEnabled = logger.logLevel <= .trace
        pendingReply.reserveCapacity(1024)
        lastReplyBytes.reserveCapacity(1024)
    }

    /// Resets the per-transfer state before a send.
    func begin(body: UnsafeRawBufferPointer) {
        self.body = body
        offset = 0
        bodyHandedOver = false
        quitting = false
        stage = .connect
        pendingReply.removeAll(keepingCapacity: true)
        lastReplyBytes.removeAll(keepingCapacity: true)
        lastReplyStage = nil
    }

    /// The last complete server reply in this transfer.
    var lastReply: SMTPReply? {
        guard let lastReplyStage else { return nil }
        let lines = lastReplyBytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
        return SMTPReply(lines: lines, stage: lastReplyStage)
    }

    /// Copies the next part of the body into libcurl's buffer; returns 0 at the end.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let remaining = body.count - offset
        guard remaining > 0, let base = body.baseAddress else {
            bodyHandedOver = true
            return 0
        }
        let count = min(capacity, remaining)
        UnsafeMutableRawPointer(buffer).copyMemory(from: base + offset, byteCount: count)
        offset += count
        if offset == body.count {
            bodyHandedOver = true
            stage = .endOfData
        }
        return count
    }

    /// A new TCP connection was opened during this transfer.
    func connected() {
        quitting = false
        stage = .connect
        pendingReply.removeAll(keepingCapacity: true)
    }

    /// Records one server line without its line end (`CURLINFO_HEADER_IN`).
    func serverLine(_ line: UnsafeRawBufferPointer) {
        if stage == .connect { stage = .greeting }
        if traceEnabled {
            logger.trace("S: \(String(decoding: line, as: UTF8.self))", metadata: ["relais.smtp.stage": "\(stage.rawValue)"])
        }
        guard !quitting, line.count >= 3, line[0] >= 0x30, line[0] <= 0x39 else { return }
        if !pendingReply.isEmpty { pendingReply.append(UInt8(ascii: "\n")) }
        pendingReply.append(contentsOf: line)
        if line.count < 4 || line[3] != UInt8(ascii: "-") {
            swap(&pendingReply, &lastReplyBytes)
            pendingReply.removeAll(keepingCapacity: true)
            lastReplyStage = stage
        }
    }

    /// Records one command line libcurl sent (`CURLINFO_HEADER_OUT`); AUTH data is never logged.
    func clientLine(_ line: UnsafeRawBufferPointer) {
        var verb: UInt32 = 0
        if line.count >= 4 {
            for index in 0..<4 { verb = verb << 8 | UInt32(line[index] & 0xDF) }  // ASCII upper case
        }
        switch verb {
        case Verb.ehlo, Verb.helo: stage = .ehlo
        case Verb.star: stage = .starttls
        case Verb.auth: stage = .auth
        case Verb.mail: stage = .mail
        case Verb.rcpt: stage = .rcpt
        case Verb.data: stage = .data
        case Verb.quit: quitting = true
        default: break
        }
        guard traceEnabled else { return }
        let text = String(decoding: line, as: UTF8.self)
        if verb == Verb.auth {
            let mechanism = text.split(separator: " ").dropFirst().first.map(String.init) ?? ""
            logger.trace("C: AUTH \(mechanism) [credentials hidden]")
        } else if stage == .auth && verb != Verb.quit {
            logger.trace("C: [AUTH data hidden]")
        } else {
            logger.trace("C: \(text)")
        }
    }

}

/// The first four letters of SMTP commands, packed big-endian, to recognise a command without a String.
enum Verb {
    static let ehlo = pack("EHLO"), helo = pack("HELO"), star = pack("STAR"), auth = pack("AUTH")
    static let mail = pack("MAIL"), rcpt = pack("RCPT"), data = pack("DATA"), quit = pack("QUIT")

    static func pack(_ text: StaticString) -> UInt32 {
        text.withUTF8Buffer { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }
}
