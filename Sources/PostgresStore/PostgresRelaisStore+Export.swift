import Foundation
import PostgresNIO
import StoreModel

/// Everything held about one member (``MemberExportStore``, GDPR art. 15), table by table, with
/// the values written as SQLite keeps them, so that an export reads the same on both backends.
extension PostgresRelaisStore {
    /// Every row that refers to the member with address `email` (case-insensitively), read in
    /// one transaction; nil when there is no such member.
    public func exportMember(email: String) throws(StoreError) -> MemberExport? {
        try transaction("export a member") { connection, logger in
            var found: (id: Int64, email: String)?
            let members = try await connection.query(
                #"SELECT "id", "email" FROM "member" WHERE lower("email") = lower(\#(email))"#, logger: logger)
            for try await (id, stored) in members.decode((Int64, String).self) { found = (id, stored) }
            guard let found else { return nil }
            let (id, stored) = found
            let queueFilter = #""memberId" = $1 OR lower("recipient") = lower($2)"#
            // $1 is her id, $2 her address (the queue and its attempts also find rows addressed to her).
            let queries: [(String, String)] = [
                ("member", #"SELECT * FROM "member" WHERE "id" = $1"#),
                ("membership", """
                    SELECT "list"."name" AS "list", "membership".* FROM "membership" JOIN "list" ON "list"."id" = "membership"."listId"
                    WHERE "memberId" = $1 ORDER BY lower("list"."name"), "list"."name"
                    """),
                ("memberChange", #"SELECT * FROM "memberChange" WHERE "memberId" = $1 ORDER BY "at", "id""#),
                ("rsvp", #"SELECT * FROM "rsvp" WHERE "memberId" = $1 ORDER BY "eventId", "occurrence" COLLATE "C""#),
                ("queue", #"SELECT * FROM "queue" WHERE \#(queueFilter) ORDER BY "id""#),
                ("attempt", #"SELECT * FROM "attempt" WHERE "queueId" IN (SELECT "id" FROM "queue" WHERE \#(queueFilter)) ORDER BY "id""#),
                ("inboundMail", #"SELECT * FROM "inboundMail" WHERE "memberId" = $1 ORDER BY "id""#),
            ]
            var tables: [String: [[String: MemberExport.Value]]] = [:]
            for (table, sql) in queries {
                var bindings = PostgresBindings()
                bindings.append(id)
                if sql.contains("$2") { bindings.append(stored) }
                var rows: [[String: MemberExport.Value]] = []
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
                    var values: [String: MemberExport.Value] = [:]
                    for cell in row { values[cell.columnName] = try Self.exportValue(cell) }
                    rows.append(values)
                }
                tables[table] = rows
            }
            return MemberExport(email: stored, tables: tables)
        }
    }

    /// One stored value as SQLite keeps it: integers and flags (0 or 1) as integers, dates as
    /// GRDB's text (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, to the millisecond), bytes as their UTF-8
    /// text (else their size), anything else as text.
    static func exportValue(_ cell: PostgresCell) throws -> MemberExport.Value {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .timestamptz, .timestamp: return .text(storedDateText(try cell.decode(Date.self)))
        case .bytea:
            let data = try cell.decode(Data.self)
            return .blob(String(data: data, encoding: .utf8) ?? "(\(data.count) bytes)")
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `date` as GRDB writes it in SQLite: `yyyy-MM-dd HH:mm:ss.SSS` in UTC, rounded to the millisecond.
    static func storedDateText(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = milliseconds / 1000
        var millisecond = milliseconds % 1000
        if millisecond < 0 {
            seconds -= 1
            millisecond += 1000
        }
        var utc = UTC.calendar
        utc.timeZone = UTC.zone
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func padded(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(parts.year, 4))-\(padded(parts.month, 2))-\(padded(parts.day, 2)) "
            + "\(padded(parts.hour, 2)):\(padded(parts.minute, 2)):\(padded(parts.second, 2)).\(padded(Int(millisecond), 3))"
    }

    /// The Gregorian calendar in UTC the dates are written in.
    private enum UTC {
        static let zone = TimeZone(identifier: "UTC")!
        static let calendar = Calendar(identifier: .gregorian)
    }
}
