import CCurl
import Testing

/// Checks that the linked libcurl can speak SMTP with TLS, which Relais needs.
@Test func linkedLibcurlSupportsSMTPAndTLS() throws {
    let info = try #require(relais_version_info())
    var protocols: [String] = []
    if var cursor = info.pointee.protocols {
        while let name = cursor.pointee {
            protocols.append(String(cString: name))
            cursor += 1
        }
    }
    #expect(protocols.contains("smtp"))
    #expect(protocols.contains("smtps"))
    #expect(info.pointee.features & CURL_VERSION_SSL != 0)
    let ssl = info.pointee.ssl_version.map { String(cString: $0) } ?? ""
    #expect(!ssl.isEmpty)
}
