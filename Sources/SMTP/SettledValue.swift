/// The value a job's `finish` produced, carried to its `done` on the same worker thread.
///
/// `@unchecked Sendable`: written by `finish` and read by `done`, which the worker calls one
/// after the other on one thread, never concurrently.
final class SettledValue<Value>: @unchecked Sendable {
    var value: Value?
}
