import MIME
import Relais
import Testing

@Suite struct MessageIdentityTests {
    @Test func idsAreUniqueAndWellFormed() throws {
        let identity = MessageIdentity(domain: "mompreneurs.example")
        let ids = (0..<20_000).map { _ in identity.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            #expect(id.hasPrefix("<") && id.hasSuffix(".relais@mompreneurs.example>"))
            #expect(id.count == 1 + 32 + ".relais@mompreneurs.example>".count)
            // MIME accepts it as a Message-ID.
            _ = try MessageID(id)
        }
    }
}
