import CCurl

extension SMTPConnection {
    /// Sets the options that stay the same for every message on this handle.
    func configure(url: String) throws(SMTPConfigurationError) {
        let config = configuration
        var failures: [String] = []
        func check(_ code: CURLcode, _ option: String) {
            if code != CURLE_OK { failures.append("\(option): \(String(cString: curl_easy_strerror(code)))") }
        }
        check(relais_easy_setopt_string(handle, CURLOPT_URL, url), "url")
        check(relais_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"), "protocols")
        let useSSL: curl_usessl = switch config.tls {
        case .required: CURLUSESSL_ALL
        case .opportunistic: CURLUSESSL_TRY
        case .none: CURLUSESSL_NONE
        }
        check(relais_easy_setopt_long(handle, CURLOPT_USE_SSL, Int(useSSL.rawValue)), "tls")
        check(relais_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), "verify peer")
        check(relais_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), "verify host")
        if let caFile = config.caFile {
            check(relais_easy_setopt_string(handle, CURLOPT_CAINFO, caFile), "caFile")
        }
        if let username = config.username, let password = config.password {
            check(relais_easy_setopt_string(handle, CURLOPT_USERNAME, username), "username")
            check(relais_easy_setopt_string(handle, CURLOPT_PASSWORD, password), "password")
            let options = switch config.authMechanism {
            case .automatic: "AUTH=PLAIN;AUTH=LOGIN"
            case .plain: "AUTH=PLAIN"
            case .login: "AUTH=LOGIN"
            }
            check(relais_easy_setopt_string(handle, CURLOPT_LOGIN_OPTIONS, options), "auth mechanism")
            check(relais_easy_setopt_long(handle, CURLOPT_SASL_IR, 1), "SASL initial response")
        }
        check(relais_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(config.connectTimeout * 1000)), "connect timeout")
        check(relais_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(config.timeout * 1000)), "timeout")
        // Reply timeout of libcurl's SMTP state machine (default 120 s), which CURLOPT_TIMEOUT does not cap
        // while waiting for the reply to the end of data.
        check(relais_easy_setopt_long(handle, CURLOPT_SERVER_RESPONSE_TIMEOUT, Int(config.timeout.rounded(.up))), "reply timeout")
        check(relais_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "nosignal")
        check(relais_easy_setopt_long(handle, CURLOPT_TCP_NODELAY, 1), "nodelay")
        check(relais_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1), "keepalive")
        check(relais_easy_setopt_long(handle, CURLOPT_MAXCONNECTS, 1), "max connects")
        check(relais_easy_setopt_long(handle, CURLOPT_UPLOAD, 1), "upload")
        check(relais_easy_setopt_long(handle, CURLOPT_UPLOAD_BUFFERSIZE, 64 * 1024), "upload buffer")
        check(relais_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer")
        let context = Unmanaged.passUnretained(state).toOpaque()
        check(relais_easy_setopt_read_callback(handle, CURLOPT_READFUNCTION, SMTPCallbacks.read), "read function")
        check(relais_easy_setopt_pointer(handle, CURLOPT_READDATA, context), "read data")
        check(relais_easy_setopt_debug_callback(handle, CURLOPT_DEBUGFUNCTION, SMTPCallbacks.debug), "debug function")
        check(relais_easy_setopt_pointer(handle, CURLOPT_DEBUGDATA, context), "debug data")
        check(relais_easy_setopt_long(handle, CURLOPT_VERBOSE, 1), "verbose")
        if !failures.isEmpty {
            throw SMTPConfigurationError(key: "url", problem: "libcurl refused options: \(failures.joined(separator: "; "))")
        }
    }
}
