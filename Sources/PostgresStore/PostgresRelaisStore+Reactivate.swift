import Foundation
import PostgresNIO
import StoreModel

/// Making bounced members active again (``MemberStore/reactivate(email:bouncedSince:now:)``),
/// the undo of a relay's bad minute, as SQLite's store does it.
extension PostgresRelaisStore {
    /// Makes the bounced member with address `email` (compared case-insensitively), or every
    /// member bounced since `bouncedSince`, active again, her bounce reply cleared; `.notFound`
    /// when `email` names nobody. Returns their addresses, sorted as SQLite sorts them.
    public func reactivate(email: String?, bouncedSince: Date?, now: Date) throws(StoreError) -> [String] {
        try transaction("reactivate bounced members") { connection, logger in
            if let email {
                let found = try await Self.column(
                    Int64.self, of: connection.query(#"SELECT "id" FROM "member" WHERE lower("email") = lower(\#(email))"#, logger: logger))
                guard !found.isEmpty else { throw StoreError(.notFound, "no member with address \(email)") }
            }
            return try await Self.column(
                String.self,
                of: connection.query(
                    """
                    WITH "reactivated" AS (
                      UPDATE "member" SET "status" = 'active', "bounceReply" = NULL, "updatedAt" = \(now)
                      WHERE "status" = 'bounced' AND (\(email)::text IS NULL OR lower("email") = lower(\(email)))
                        AND (\(bouncedSince)::timestamptz IS NULL OR "updatedAt" >= \(bouncedSince))
                      RETURNING "email")
                    SELECT "email" FROM "reactivated" ORDER BY lower("email"), "email"
                    """, logger: logger))
        }
    }
}
