/// Address fields: From, To, Reply-To.
extension HeaderWriter {
    /// Appends one mailbox: `"name" <addr>` or a bare `addr` when there is no name.
    mutating func appendMailbox(_ mailbox: Mailbox) {
        let address = mailbox.address.description
        if let name = mailbox.displayName, name.utf8.contains(where: { $0 != 0x20 }) {
            appendPhrase(name)
            word.removeAll(keepingCapacity: true)
            word.append(UInt8(ascii: "<"))
            word.append(contentsOf: address.utf8)
            word.append(UInt8(ascii: ">"))
            appendWord(spaced: true)
        } else {
            appendToken(address.utf8, spaced: true)
        }
    }

    /// Writes a whole address field: mailboxes separated by `, `.
    mutating func mailboxField(_ name: String, _ mailboxes: [Mailbox]) {
        beginField(name)
        for (index, mailbox) in mailboxes.enumerated() {
            if index > 0 { appendToken(CollectionOfOne(UInt8(ascii: ",")), spaced: false) }
            appendMailbox(mailbox)
        }
        endField()
    }
}
