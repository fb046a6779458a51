import Relais
import Testing

@Suite struct ValidationTests {
    let validator = MemberValidator(locales: ["fr", "en", "es", "de"])

    @Test(arguments: [("fr", "fr"), ("fr-BE", "fr-BE"), ("fr_be", "fr-BE"), ("DE", "de"), ("es-419", "es-419"), ("en-GB", "en-GB")])
    func acceptsConfiguredLocalesAndRegionalVariants(_ input: String, _ normalized: String) throws {
        #expect(try validator.validateLocale(input) == normalized)
    }

    @Test(arguments: ["it", "nl-BE", "", "french", "fr-BEL", "fr-B", "fr--BE"])
    func rejectsOtherLocales(_ input: String) {
        let error = #expect(throws: InputError.self) { try validator.validateLocale(input) }
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains("\"\(input)\"") == true)
    }

    @Test func namesMayNotCarryHeaderBreaks() {
        let error = #expect(throws: InputError.self) {
            try validator.validate(email: "bob@example.org", name: "Bob\r\nBcc: x@y", locale: "en", lists: [])
        }
        #expect(error?.description == "invalid name \"Bob\\r\\nBcc: x@y\": control characters (CR, LF, TAB...) are not allowed")
    }

    @Test func listNamesAreRestricted() throws {
        #expect(throws: InputError.self) { try validator.validate(email: "a@b.be", name: "A", locale: "fr", lists: ["bad list"]) }
        #expect(throws: InputError.self) { try validator.validate(email: "a@b.be", name: "A", locale: "fr", lists: ["-x"]) }
        #expect(try validator.validate(email: "a@b.be", name: "A", locale: "fr", lists: ["mompreneurs-be", "MOMPRENEURS-BE"]).lists == ["mompreneurs-be"])
    }

    @Test func hostileButHarmlessNameIsKeptVerbatim() throws {
        let input = try validator.validate(email: "eve@example.org", name: "Eve <script>alert(1)</script>", locale: "en", lists: [])
        #expect(input.name == "Eve <script>alert(1)</script>")
    }
}
