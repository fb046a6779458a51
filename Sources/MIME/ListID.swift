/// The `List-Id` header (RFC 2919): an optional description and a dotted list identifier.
public struct ListID: Sendable, Hashable {
    /// Human description, e.g. `Networking breakfasts`.
    public var name: String?
    /// The identifier, e.g. `breakfast.relais.example.org` (a dot-atom with at least one dot).
    public var id: String

    /// A List-Id; the identifier is validated when the message is rendered.
    public init(name: String? = nil, id: String) {
        self.name = name
        self.id = id
    }

    func validate() throws(MIMEError) {
        let bytes = Array(id.utf8)
        guard bytes.count <= 255, MessageID.isDotAtom(bytes[...]), bytes.contains(UInt8(ascii: ".")) else {
            throw MIMEError("List-Id", id, "expected a dotted identifier such as list.example.org")
        }
    }
}
