import Foundation

extension SMTPConfiguration {
    /// Checks the URL, EHLO name, timeouts and CA file, and returns the URL libcurl is given
    /// (`scheme://host:port/helo`: libcurl takes the EHLO name from the URL path).
    public func validatedCurlURL() throws(SMTPConfigurationError) -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let scheme = components.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps"
        else {
            throw SMTPConfigurationError(key: "url", problem: "'\(url.absoluteString)' is not an smtp:// or smtps:// URL")
        }
        guard let host = components.host, !host.isEmpty else {
            throw SMTPConfigurationError(key: "url", problem: "'\(url.absoluteString)' has no host")
        }
        if components.user != nil || components.password != nil {
            throw SMTPConfigurationError(key: "url", problem: "credentials belong in username/password, not in the URL")
        }
        let path = components.path
        if !path.isEmpty && path != "/" {
            throw SMTPConfigurationError(key: "url", problem: "'\(url.absoluteString)' has a path; set the EHLO name with helo")
        }
        let name = helo ?? Self.localHostName()
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }) else {
            throw SMTPConfigurationError(key: "helo", problem: "'\(name)' is not a valid EHLO name")
        }
        guard connectTimeout > 0, timeout > 0 else {
            throw SMTPConfigurationError(key: "timeout", problem: "connect_timeout and timeout must be positive")
        }
        guard messagesPerConnection >= 0 else {
            throw SMTPConfigurationError(key: "messagesPerConnection", problem: "must be 0 (no limit) or more")
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw SMTPConfigurationError(key: "caFile", problem: "'\(caFile)' is not a readable file")
        }
        if (username == nil) != (password == nil) {
            throw SMTPConfigurationError(key: "username", problem: "username and password must be given together")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let port = components.port ?? (scheme == "smtps" ? 465 : 587)
        return "\(scheme)://\(hostPart):\(port)/\(name)"
    }


    static func localHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
        let name = String(decoding: bytes, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
