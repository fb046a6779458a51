import CCurl

extension SMTPOutcome {
    /// Classifies a server reply received at `reply.stage`, by what it says and where it came.
    ///
    /// - 2xx/3xx: sent.
    /// - 421, 454, and replies asking to slow down or naming a sending quota or rate (4.7.x with
    ///   limit words, X.4.5, "too many", "sending quota"…), whatever their class: throttled.
    /// - AUTH refused (5xx at AUTH, 530 anywhere): a configuration error.
    /// - Any other error before a recipient was named (greeting, EHLO, STARTTLS, AUTH 4xx, MAIL
    ///   FROM), or a refusal that names the sender: the relay's problem, never the recipient's.
    /// - 4xx at RCPT, DATA or end of data: deferred.
    /// - 5xx at RCPT, DATA or end of data: bounced when it says the mailbox does not exist,
    ///   otherwise failed.
    public static func classify(reply: SMTPReply) -> SMTPOutcome {
        let text = reply.text.lowercased()
        let enhanced = reply.enhancedCode ?? ""
        if reply.code < 400 { return .sent(reply) }
        if reply.code == 421 || reply.code == 454 || asksToSlowDown(enhanced: enhanced, text: text) {
            return .throttled(SMTPFailure(stage: reply.stage, reply: reply, message: "server asks to slow down"))
        }
        if reply.code >= 500 && reply.stage == .auth {
            return .configurationError(SMTPFailure(
                stage: .auth, reply: reply, message: "AUTH rejected: check username and password"))
        }
        if reply.code == 530 {
            return .configurationError(SMTPFailure(
                stage: reply.stage, reply: reply, message: "server requires authentication or TLS first"))
        }
        if !namesRecipient(reply.stage) || text.contains("sender") {
            let message = reply.code >= 500
                ? "the relay refused the transaction, not the recipient: check sender.from and the relay's account"
                : "the relay is temporarily unavailable"
            return .relay(SMTPFailure(stage: reply.stage, reply: reply, message: message))
        }
        if reply.code < 500 {
            return .deferred(SMTPFailure(stage: reply.stage, reply: reply, message: "temporary failure"))
        }
        if meansNoSuchMailbox(code: reply.code, enhanced: enhanced, text: text) {
            return .bounced(reply)
        }
        return .failed(reply)
    }

    /// True for the stages whose replies concern the recipient: RCPT, DATA and the end of data.
    static func namesRecipient(_ stage: SMTPStage) -> Bool {
        stage == .rcpt || stage == .data || stage == .endOfData
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
        case CURLE_SEND_ERROR where stage == .data || stage == .endOfData:
            // The end-of-data mark did not leave whole: the server cannot have accepted the message.
            return .deferred(SMTPFailure(
                stage: .data, reply: reply, curlCode: raw, message: "connection lost while sending the message: \(curlText)"))
        default:
            if bodyHandedOver && (stage == .data || stage == .endOfData) {
                return .unknown(SMTPFailure(
                    stage: .endOfData, reply: reply, curlCode: raw,
                    message: "connection lost after the whole message was sent, before the final reply: \(curlText)"))
            }
            if !namesRecipient(stage) {
                return .relay(SMTPFailure(stage: stage, reply: reply, curlCode: raw, message: "relay unreachable: \(curlText)"))
            }
            return .deferred(failure(curlText))
        }
    }

    /// Replies that mean "you send too much, too fast": a rate or sending quota, whatever the
    /// reply's class. A full mailbox (X.2.2, "over quota") is the recipient's, not one of them.
    static func asksToSlowDown(enhanced: String, text: String) -> Bool {
        if enhanced.hasSuffix(".2.2") { return false }
        if enhanced.hasSuffix(".4.5") { return true }
        if mentionsRateLimit(text) { return true }
        return enhanced.hasPrefix("4.7.") && mentionsLimit(text)
    }

    static func mentionsRateLimit(_ text: String) -> Bool {
        ["too many", "rate limit", "ratelimit", "rate-limit", "throttl", "slow down", "try again later",
         "sending quota", "sending limit", "send limit", "exceeded the rate"]
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
