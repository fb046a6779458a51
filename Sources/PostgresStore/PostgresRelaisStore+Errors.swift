import PostgresNIO
import StoreModel

extension PostgresRelaisStore {
    /// What postgres-nio (or the store's own checks) threw while doing `action`, as one line and
    /// the ``StoreError`` kind a caller acts on. Server messages and connection failures never
    /// carry the password (postgres-nio's errors do not hold it, and ``PostgresStoreError`` is
    /// redacted when made).
    static func storeError(_ error: any Error, action: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.beginError ?? error.commitError {
                return storeError(inner, action: action)
            }
            return StoreError(.database, "PostgreSQL: cannot \(action): the transaction failed")
        }
        if let error = error as? PostgresStoreError {
            let kind: StoreError.Kind = switch error.kind {
            case .authentication: .permissionDenied
            case .schemaTooNew: .newerSchema
            case .configuration, .tls, .unavailable: .cannotOpen
            default: .database
            }
            return StoreError(kind, "PostgreSQL: cannot \(action): \(error)")
        }
        if let error = error as? PSQLError, error.code == .server {
            let state = error.serverInfo?[.sqlState] ?? ""
            let kind: StoreError.Kind = switch state {
            case "23505": .conflict
            case "42501", "28000", "28P01": .permissionDenied
            default: .database
            }
            return StoreError(kind, "PostgreSQL: cannot \(action): \(PostgresMigrator.serverMessage(error))")
        }
        return StoreError(.cannotOpen, "PostgreSQL: cannot \(action): \(PostgresMigrator.serverMessage(error))")
    }
}
