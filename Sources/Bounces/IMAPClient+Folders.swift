extension IMAPClient {
    /// How processed messages left the mailbox, by what the server can do.
    public enum Disposal: String, Sendable, Equatable {
        /// `UID MOVE` (RFC 6851).
        case moved
        /// `UID COPY`, `UID STORE +FLAGS (\Deleted)`, `UID EXPUNGE` of exactly those UIDs (UIDPLUS, RFC 4315).
        case copiedAndExpunged = "copied"
        /// Neither: they stay in the mailbox, flagged (a plain EXPUNGE could remove a person's deleted mail).
        case leftFlagged = "flagged"
    }

    /// The capabilities the server announces once logged in, upper-cased (`MOVE`, `UIDPLUS`).
    public func capabilities() throws(IMAPError) -> Set<String> {
        Set(try run("CAPABILITY", fresh: false).capabilities)
    }

    /// The UIDs of the messages that carry `keyword` (processed, still in the mailbox).
    public func flagged(keyword: String) throws(IMAPError) -> [UInt32] {
        try run("UID SEARCH KEYWORD \(keyword)", fresh: false).searchResults
    }

    /// Creates `folder` unless it exists (a refused CREATE is fine when LIST then finds it).
    public func ensureFolder(_ folder: String) throws(IMAPError) {
        let name = try Self.quoted(folder)
        do {
            _ = try run("CREATE \(name)", fresh: false)
        } catch {
            guard error.kind == .protocolError else { throw error }
            let listed = try run("LIST \"\" \(name)", fresh: false)
            guard listed.listsMailbox else {
                throw IMAPError(.protocolError, "cannot create the folder \(name): \(error.message)")
            }
        }
    }

    /// Takes the messages `uids` out of the mailbox into `folder` (which must exist), the best
    /// way `capabilities` allow; their flags go with them. Returns what was done.
    public func move(uids: [UInt32], to folder: String, capabilities: Set<String>) throws(IMAPError) -> Disposal {
        let name = try Self.quoted(folder)
        let canMove = capabilities.contains("MOVE")
        guard canMove || capabilities.contains("UIDPLUS") else { return .leftFlagged }
        for chunk in stride(from: 0, to: uids.count, by: 200).map({ Array(uids[$0..<min($0 + 200, uids.count)]) }) {
            let set = chunk.map(String.init).joined(separator: ",")
            if canMove {
                _ = try run("UID MOVE \(set) \(name)", fresh: false)
            } else {
                _ = try run("UID COPY \(set) \(name)", fresh: false)
                _ = try run("UID STORE \(set) +FLAGS.SILENT (\\Deleted)", fresh: false)
                _ = try run("UID EXPUNGE \(set)", fresh: false)
            }
        }
        return canMove ? .moved : .copiedAndExpunged
    }

    /// `"Relais/Processed"`; refuses names a quoted string cannot carry as they are (quotes,
    /// backslashes, wildcards, control or non-ASCII characters, which would need modified UTF-7).
    static func quoted(_ folder: String) throws(IMAPError) -> String {
        guard IMAPConfiguration.isPlainFolderName(folder) else {
            throw IMAPError(.configuration, "'\(folder)' is not a plain folder name (ASCII letters, digits, spaces, / . _ -)")
        }
        return "\"\(folder)\""
    }
}
