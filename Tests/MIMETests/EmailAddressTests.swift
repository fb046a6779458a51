import MIME
import Testing

@Suite struct EmailAddressTests {
    @Test(arguments: [
        "ana@example.es", "first.last+tag@sub.example.co.uk", "o'brien@example.ie", "\"john doe\"@example.org",
        "x@[192.0.2.1]", "user@localhost", "a-b_c=d@x-y.example",
    ])
    func accepts(_ text: String) throws {
        let address = try EmailAddress(text)
        #expect(address.description.lowercased() == text.lowercased())
    }

    @Test(arguments: [
        ("", "empty"), ("ana", "missing \"@domain\""), ("ana@", "missing domain"), ("@example.org", "missing local part"),
        ("ana maria@example.org", "space"), ("ana@example.org\r\nBcc: x@y", "carriage return"), ("ana@exa\nmple.org", "line feed"),
        ("ana..m@example.org", "two dots"), (".ana@example.org", "starts or ends with a dot"), ("ana@-example.org", "hyphen"),
        ("ana@example..org", "empty label"), ("ana@exam_ple.org", "character other than"), ("anä@example.org", "non-ASCII"),
        ("a(b)@example.org", "not allowed"), (String(repeating: "a", count: 65) + "@example.org", "longer than 64"),
    ])
    func rejects(_ text: String, _ reason: String) {
        let error = #expect(throws: AddressError.self) { try EmailAddress(text) }
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.contains("\r") == false && error?.description.contains("\n") == false)
    }

    @Test func domainIsLowercasedLocalPartKept() throws {
        let address = try EmailAddress("Ana.Garcia@Example.ES")
        #expect(address.localPart == "Ana.Garcia")
        #expect(address.domain == "example.es")
    }
}
