/// A failure to open, migrate or use the database, with the file it concerns.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the categories a caller can act on.
    public enum Kind: Sendable, Equatable {
        /// The file could not be created or opened (permissions, missing directory).
        case cannotOpen
        /// The file was written by a newer Relais; this program will not touch it.
        case newerSchema
        /// The file is not a Relais database (a directory, another program's file); it was not touched.
        case notRelais
        /// This user may not read or write the file or its folder.
        case permissionDenied
        /// A record was not found.
        case notFound
        /// The request conflicts with what is stored (a duplicate, a state that forbids it).
        case conflict
        /// SQLite reported an error (disk full, I/O error, corruption).
        case database
    }

    /// The category of the failure.
    public let kind: Kind
    /// One line for a person.
    public let message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
