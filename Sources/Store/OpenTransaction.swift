import GRDB
import StoreModel

/// The write transaction ``RelaisStore/inOneTransaction(_:)`` holds open on the current thread
/// (a task-local value: synchronous code on one thread sees it), so nested store calls join it.
struct OpenTransaction: @unchecked Sendable {
    // @unchecked: `Database` is only touched by the code running inside the transaction, on
    // the thread that opened it, while GRDB holds its writer for that thread.
    let store: RelaisStore
    let db: Database

    /// The transaction open on this thread, if any.
    @TaskLocal static var current: OpenTransaction?
}
