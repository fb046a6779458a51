import CCurl
import Foundation
import Logging

/// One IMAP session on the bounce mailbox: owns a libcurl easy handle, which keeps the
/// connection open between commands. Blocking; use it from one thread only. Not `Sendable`.
///
/// Every command is sent with `CURLOPT_CUSTOMREQUEST` on the mailbox URL (libcurl logs in and
/// selects the mailbox first). libcurl hands only the first line of a custom command's answer
/// to the write callback, so the client reads the whole answer, literals included, from the
/// debug callback's incoming lines (``IMAPResponse``).
public final class IMAPClient {
    /// The configuration the client was made with.
    public let configuration: IMAPConfiguration
    let handle: UnsafeMutableRawPointer
    let state = IMAPTransferState()
    let errorBuffer: UnsafeMutablePointer<CChar>
    let logger: Logger
    let url: String

    /// Prepares a session (nothing is opened until the first command); throws on an invalid configuration.
    public init(configuration: IMAPConfiguration, logger: Logger) throws(IMAPError) {
        url = try configuration.validatedCurlURL()
        guard IMAPClient.curlInitialized else { throw IMAPError(.configuration, "libcurl could not be initialized") }
        guard let handle = curl_easy_init() else { throw IMAPError(.configuration, "libcurl could not create a handle") }
        self.configuration = configuration
        self.handle = handle
        self.logger = logger
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Process-wide libcurl initialisation, done once before the first handle (never undone).
    static let curlInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// The UIDs of the messages in the mailbox that do not carry `keyword`, with the mailbox's
    /// UIDVALIDITY (from the SELECT of a fresh connection).
    public func unprocessed(keyword: String) throws(IMAPError) -> (uidValidity: UInt32?, uids: [UInt32]) {
        let response = try run("UID SEARCH UNKEYWORD \(keyword)", fresh: true)
        return (response.uidValidity, response.searchResults)
    }

    /// The whole message with `uid`, read with `BODY.PEEK[]` so its `\Seen` flag is not changed.
    public func fetch(uid: UInt32) throws(IMAPError) -> [UInt8] {
        let response = try run("UID FETCH \(uid) (UID BODY.PEEK[])", fresh: false)
        guard let body = response.fetchedBody(uid: uid) else {
            throw IMAPError(.protocolError, "UID FETCH \(uid) returned no message (was it expunged?)")
        }
        return body
    }

    /// Marks message `uid` processed: `\Seen` and `keyword`.
    public func markProcessed(uid: UInt32, keyword: String) throws(IMAPError) {
        _ = try run("UID STORE \(uid) +FLAGS.SILENT (\\Seen \(keyword))", fresh: false)
    }

    /// The flags of message `uid` (for tests and diagnostics), without the session's `\Recent`.
    public func flags(uid: UInt32) throws(IMAPError) -> [String] {
        try run("UID FETCH \(uid) (UID FLAGS)", fresh: false).flags(uid: uid).filter { $0.lowercased() != "\\recent" }
    }

    func run(_ command: String, fresh: Bool) throws(IMAPError) -> IMAPResponse {
        state.received.removeAll(keepingCapacity: true)
        errorBuffer[0] = 0
        relais_easy_setopt_long(handle, CURLOPT_FRESH_CONNECT, fresh ? 1 : 0)
        relais_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, command)
        let code = curl_easy_perform(handle)
        let response = IMAPResponse(bytes: state.received)
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let server = response.lastTaggedText.map { " (server: \($0))" } ?? ""
            if let tls = Self.tlsProblem(code, text) { throw IMAPError(.tls, tls) }
            let kind: IMAPError.Kind = switch code {
            case CURLE_LOGIN_DENIED: .authentication
            case CURLE_QUOTE_ERROR, CURLE_WEIRD_SERVER_REPLY, CURLE_REMOTE_ACCESS_DENIED: .protocolError
            default: .unavailable
            }
            throw IMAPError(kind, "\(Self.verb(command)) on \(configuration.url.absoluteString): \(text)\(server)")
        }
        return response
    }

    /// One line for a TLS failure, worded as the SMTP client words its own; nil for other codes.
    static func tlsProblem(_ code: CURLcode, _ text: String) -> String? {
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION:
            "server certificate rejected: not trusted or not issued for this host name (\(text)); set ca_file for a private CA"
        case CURLE_USE_SSL_FAILED:
            "TLS is required but the server did not offer STARTTLS (\(text)); use tls: opportunistic only for a trusted network"
        case CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_CIPHER, CURLE_SSL_CRL_BADFILE:
            "TLS failed: \(text)"
        default:
            nil
        }
    }

    /// The command's first two words (`UID FETCH`), for messages that need not repeat UIDs.
    static func verb(_ command: String) -> String {
        command.split(separator: " ").prefix(2).joined(separator: " ")
    }
}
