import CCurl

extension IMAPClient {
    /// Sets the options that stay the same for every command on this handle.
    func configure() throws(IMAPError) {
        let config = configuration
        var failures: [String] = []
        func check(_ code: CURLcode, _ option: String) {
            if code != CURLE_OK { failures.append("\(option): \(String(cString: curl_easy_strerror(code)))") }
        }
        check(relais_easy_setopt_string(handle, CURLOPT_URL, url), "url")
        check(relais_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "imap,imaps"), "protocols")
        let useSSL: curl_usessl = switch config.tls {
        case .required: CURLUSESSL_ALL
        case .opportunistic: CURLUSESSL_TRY
        case .none: CURLUSESSL_NONE
        }
        check(relais_easy_setopt_long(handle, CURLOPT_USE_SSL, Int(useSSL.rawValue)), "tls")
        check(relais_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), "verify peer")
        check(relais_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), "verify host")
        if let caFile = config.caFile { check(relais_easy_setopt_string(handle, CURLOPT_CAINFO, caFile), "ca file") }
        check(relais_easy_setopt_string(handle, CURLOPT_USERNAME, config.username), "username")
        check(relais_easy_setopt_string(handle, CURLOPT_PASSWORD, config.password), "password")
        check(relais_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(config.connectTimeout * 1000)), "connect timeout")
        check(relais_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(config.timeout * 1000)), "timeout")
        check(relais_easy_setopt_long(handle, CURLOPT_SERVER_RESPONSE_TIMEOUT, Int(config.timeout.rounded(.up))), "reply timeout")
        check(relais_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "nosignal")
        check(relais_easy_setopt_long(handle, CURLOPT_MAXCONNECTS, 1), "max connects")
        check(relais_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer")
        let context = Unmanaged.passUnretained(state).toOpaque()
        check(relais_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, IMAPCallbacks.discard), "write function")
        check(relais_easy_setopt_debug_callback(handle, CURLOPT_DEBUGFUNCTION, IMAPCallbacks.debug), "debug function")
        check(relais_easy_setopt_pointer(handle, CURLOPT_DEBUGDATA, context), "debug data")
        check(relais_easy_setopt_long(handle, CURLOPT_VERBOSE, 1), "verbose")
        if !failures.isEmpty {
            throw IMAPError(.configuration, "libcurl refused options: \(failures.joined(separator: "; "))")
        }
    }
}

/// What the debug callback collects during one command: every byte the server sent.
final class IMAPTransferState {
    var received: [UInt8] = []
}

/// libcurl callbacks, as C function pointers; the context pointer is an unretained `IMAPTransferState`.
enum IMAPCallbacks {
    /// The first line of a custom command's answer; the debug callback already has it.
    static let discard: curl_write_callback = { _, size, count, _ in size * count }

    static let debug: curl_debug_callback = { _, type, data, size, context in
        guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
        let state = Unmanaged<IMAPTransferState>.fromOpaque(context).takeUnretainedValue()
        state.received.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
}
