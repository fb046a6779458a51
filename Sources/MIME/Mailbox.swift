/// A mailbox as written in From/To/Reply-To: an optional display name and an address.
///
/// Rendered `"Display Name" <local@domain>`; a non-ASCII name becomes RFC 2047 encoded words.
/// CR, LF and other control characters in the name become spaces, so a name can never add a header.
public struct Mailbox: Sendable, Hashable {
    /// The display name, if any (free text; any characters).
    public var displayName: String?
    /// The validated address.
    public var address: EmailAddress

    /// A mailbox for `address`, with an optional display name.
    public init(_ address: EmailAddress, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// A mailbox from an address string (validated) and an optional display name.
    public init(address: String, displayName: String? = nil) throws(AddressError) {
        self.init(try EmailAddress(address), displayName: displayName)
    }
}
