import CCurl

extension SMTPOutcome {
    /// Classifies a server error reply (4xx or 5xx) received at `reply.stage`.
    public static func classify(reply: SMTPReply) -> SMTPOutcome {
        let text = reply.text.lowercased()
        let enhanced = reply.enhancedCode ?? ""
        switch reply.code {
        case 200..<400:
            return .sent(reply)
        case 421, 454:
            return .throttled(SMTPFailure(stage: reply.stage, reply: reply, message: "server asks to slow down"))
        case 400..<500:
            if mentionsRateLimit(text) || (enhanced.hasPrefix("4.7.") && mentionsLimit(text)) {
                return .throttled(SMTPFailure(stage: reply.stage, reply: reply, message: "server asks to slow down"))
            }
            return .deferred(SMTPFailure(stage: reply.stage, reply: reply, message: "temporary failure"))
        default:
            if reply.stage == .auth && [504, 530, 534, 535, 538].contains(reply.code) {
                return .configurationError(SMTPFailure(
                    stage: .auth, reply: reply, message: "AUTH rejected: check username and password"))
            }
            if reply.code == 530 {
                return .configurationError(SMTPFailure(
                    stage: reply.stage, reply: reply, message: "server requires authentication or TLS first"))
            }
            if reply.stage != .auth && meansNoSuchMailbox(code: reply.code, enhanced: enhanced, text: text) {
                return .bounced(reply)
            }
            return .failed(reply)
        }
    }

    /// Classifies a transaction that libcurl ended with `code`, given what was seen of it.
    static func classify(
        curlCode code: CURLcode, errorText: String, stage: SMTPStage, reply: SMTPReply?, bodyHandedOver: Bool
    ) -> SMTPOutcome {
        if code == CURLE_OK {
            return .sent(reply ?? SMTPReply(code: 250, text: "", stage: .endOfData))
        }
        if let reply, reply.code >= 400 {
            return classify(reply: reply)
        }
        let raw = Int(code.rawValue)
        let reply = reply.flatMap { $0.code >= 400 ? $0 : nil }  // a 250 or 354 before a network error is noise
        let curlText = errorText.isEmpty ? String(cString: curl_easy_strerror(code)) : errorText
        func failure(_ message: String) -> SMTPFailure {
            SMTPFailure(stage: stage, reply: reply, curlCode: raw, message: message)
        }
        switch code {
        case CURLE_USE_SSL_FAILED:
            return .configurationError(failure(
                "TLS is required but the server did not offer STARTTLS (\(curlText)); use tls: opportunistic only for a trusted network"))
        case CURLE_PEER_FAILED_VERIFICATION:
            return .configurationError(failure(
                "server certificate rejected: not trusted or not issued for this host name (\(curlText)); set ca_file for a private CA"))
        case CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND,
             CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .configurationError(failure("TLS failed: \(curlText)"))
        case CURLE_LOGIN_DENIED, CURLE_AUTH_ERROR:
            return .configurationError(SMTPFailure(
                stage: .auth, reply: reply, curlCode: raw, message: "AUTH failed: \(curlText)"))
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_NOT_BUILT_IN, CURLE_FAILED_INIT:
            return .configurationError(failure(curlText))
        default:
            if bodyHandedOver && (stage == .data || stage == .endOfData) {
                return .unknown(SMTPFailure(
                    stage: .endOfData, reply: reply, curlCode: raw,
                    message: "connection lost after the whole message was sent, before the final reply: \(curlText)"))
            }
            return .deferred(failure(curlText))
        }
    }

    static func mentionsRateLimit(_ text: String) -> Bool {
        ["too many", "rate limit", "ratelimit", "rate-limit", "throttl", "slow down", "try again later"]
            .contains { text.contains($0) }
    }

    static func mentionsLimit(_ text: String) -> Bool {
        ["rate", "limit", "quota", "exceeded", "too many"].contains { text.contains($0) }
    }

    static func meansNoSuchMailbox(code: Int, enhanced: String, text: String) -> Bool {
        if ["5.1.1", "5.1.10", "5.1.6", "5.2.1"].contains(enhanced) { return true }
        guard enhanced.isEmpty, [550, 551, 553].contains(code) else { return false }
        return ["no such user", "user unknown", "unknown user", "no such mailbox",
                "mailbox not found", "mailbox disabled", "does not exist", "recipient not found"]
            .contains { text.contains($0) }
    }
}
