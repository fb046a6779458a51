import CCurl
import Foundation
import Logging

/// One persistent SMTP connection: owns a libcurl easy handle, which keeps the connection open
/// between messages. Blocking; use it from one thread only. Not `Sendable`.
public final class SMTPConnection {
    /// The configuration the connection was opened with.
    public let configuration: SMTPConfiguration
    let handle: UnsafeMutableRawPointer
    let state: SMTPTransferState
    let errorBuffer: UnsafeMutablePointer<CChar>
    let logger: Logger
    /// Messages sent on the current server connection.
    public private(set) var messagesOnConnection = 0
    /// Server connections opened so far by this object.
    public private(set) var connectionsOpened = 0
    var forceFreshConnection = false

    /// Prepares a connection (nothing is opened until the first `send`); throws on an invalid configuration.
    public init(configuration: SMTPConfiguration, logger: Logger) throws(SMTPConfigurationError) {
        let url = try configuration.validatedCurlURL()
        CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw SMTPConfigurationError(key: "url", problem: "libcurl could not create a handle")
        }
        self.configuration = configuration
        self.handle = handle
        self.logger = logger
        self.state = SMTPTransferState(logger: logger)
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure(url: url)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Sends one message to one recipient and classifies the result. `message` is the exact
    /// CRLF-terminated RFC 5322 bytes; libcurl dot-stuffs it.
    public func send(from: String, to: String, message: [UInt8]) -> SMTPOutcome {
        if let bad = Self.invalidAddress(from, stage: .mail) ?? Self.invalidAddress(to, stage: .rcpt) {
            return .failed(bad)
        }
        var outcome = perform(from: from, to: to, message: message)
        if let failure = Self.silentDrop(outcome), failure.reply == nil, failure.stage == .mail || failure.stage == .greeting,
           lastTransferReusedConnection {
            // The pooled connection had died silently: try once on a new one.
            logger.debug("SMTP connection was closed by the server; reconnecting")
            forceFreshConnection = true
            outcome = perform(from: from, to: to, message: message)
        }
        return outcome
    }

    var lastTransferReusedConnection = false

    /// The failure of a transfer that may only have met a pooled connection the server closed.
    static func silentDrop(_ outcome: SMTPOutcome) -> SMTPFailure? {
        switch outcome {
        case .deferred(let failure), .relay(let failure): failure
        default: nil
        }
    }

    func perform(from: String, to: String, message: [UInt8]) -> SMTPOutcome {
        let limit = configuration.messagesPerConnection
        let lastOnConnection = limit > 0 && messagesOnConnection + 1 >= limit
        relais_easy_setopt_long(handle, CURLOPT_FRESH_CONNECT, forceFreshConnection ? 1 : 0)
        relais_easy_setopt_long(handle, CURLOPT_FORBID_REUSE, lastOnConnection ? 1 : 0)
        forceFreshConnection = false
        from.withCString { _ = relais_easy_setopt_string(handle, CURLOPT_MAIL_FROM, $0) }
        let recipients = to.withCString { curl_slist_append(nil, $0) }
        defer { curl_slist_free_all(recipients) }
        relais_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
        relais_easy_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count))
        errorBuffer[0] = 0

        let code = message.withUnsafeBytes { bytes -> CURLcode in
            state.begin(body: bytes)
            defer { state.body = UnsafeRawBufferPointer(start: nil, count: 0) }
            return curl_easy_perform(handle)
        }
        relais_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)

        var connects = 0
        relais_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        lastTransferReusedConnection = connects == 0
        if connects > 0 {
            connectionsOpened += connects
            messagesOnConnection = 0
        }
        var reply = state.lastReply
        if reply == nil, code != CURLE_OK {
            var responseCode = 0
            relais_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
            if responseCode >= 400 { reply = SMTPReply(code: responseCode, text: "", stage: state.stage) }
        }
        let outcome = SMTPOutcome.classify(
            curlCode: code, errorText: String(cString: errorBuffer), stage: state.stage,
            reply: reply, bodyHandedOver: state.bodyHandedOver)
        switch outcome {
        case .sent:
            messagesOnConnection = lastOnConnection ? 0 : messagesOnConnection + 1
        case .throttled, .unknown, .deferred, .relay:
            forceFreshConnection = true
            messagesOnConnection = 0
        default:
            messagesOnConnection = 0
        }
        return outcome
    }

    static func invalidAddress(_ address: String, stage: SMTPStage) -> SMTPReply? {
        guard address.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        let which = stage == .mail ? "sender" : "recipient"
        return SMTPReply(code: 553, enhancedCode: "5.1.3",
                         text: "\(which) address contains control characters (rejected before sending)", stage: stage)
    }
}
