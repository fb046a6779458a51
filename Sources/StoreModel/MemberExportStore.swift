/// What `relaisctl member export` reads (GDPR art. 15), whichever database holds it.
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol MemberExportStore: Sendable {
    /// Every row that refers to the member with address `email` (compared case-insensitively):
    /// her member row, memberships (with the list's name), history, RSVPs, queue rows (hers, or
    /// addressed to her) with their attempts, and bounce records, read in one transaction. Values
    /// are as SQLite stores them, whatever the backend: dates as text `yyyy-MM-dd HH:mm:ss.SSS`
    /// in UTC, flags as 0 or 1, blobs as their UTF-8 text. Nil when there is no such member.
    func exportMember(email: String) throws(StoreError) -> MemberExport?
}
