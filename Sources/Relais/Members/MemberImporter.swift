import Foundation
import Store

/// Imports a members CSV (`email,name,locale,lists`) in one transaction.
///
/// Every row is validated first. If any row is invalid nothing is written, unless
/// `skipInvalid` is set: then the valid rows are written and the invalid ones reported.
/// Re-importing a file updates members (matched by address); it never duplicates them.
public struct MemberImporter: Sendable {
    /// What an import did and which rows it refused.
    public struct Report: Sendable {
        /// How many members were added, updated or left unchanged.
        public var summary: MemberUpsertSummary
        /// One error per refused row, with `file:line`.
        public var invalidRows: [InputError]
        /// True when nothing was written because of invalid rows.
        public var aborted: Bool
        /// One line per address left out because its member asked to be forgotten.
        public var suppressed: [String] = []
    }

    /// Checks each row.
    public let validator: MemberValidator
    /// Where members are written, and the forgotten addresses read.
    public let store: any MemberStore & SuppressionStore

    /// An importer checking rows with `validator` and writing them to `store`.
    public init(validator: MemberValidator, store: any MemberStore & SuppressionStore) {
        self.validator = validator
        self.store = store
    }

    /// Reads, validates and imports `path`; `progress(done, total)` is called while validating.
    /// `createLists` and `welcome` are passed to ``MemberStore/upsertMembers(_:createLists:now:welcome:)``.
    public func importFile(
        _ path: String, skipInvalid: Bool, createLists: Bool = true, welcome: (@Sendable (Stored<Member>) -> QueueMessage)? = nil,
        progress: ((Int, Int) -> Void)? = nil
    ) throws(InputError) -> Report {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read \(path)", exitCode: Sysexits.noInput)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(name): not UTF-8 text (save the file as CSV UTF-8)")
        }
        let records: [CSVParser.Record]
        do { records = try CSVParser.parse(text) } catch { throw InputError(error.reason, at: "\(name):\(error.line)") }
        guard let header = records.first else { throw InputError("\(name): empty file; expected a header line email,name,locale,lists") }
        let columns = try Self.columns(header, file: name)

        var inputs: [MemberInput] = []
        var invalid: [InputError] = []
        var seen: [String: Int] = [:]
        let rows = records.dropFirst()
        for (offset, record) in rows.enumerated() {
            if offset % 500 == 0 { progress?(offset, rows.count) }
            let location = "\(name):\(record.line)"
            guard record.fields.count == header.fields.count else {
                invalid.append(InputError("expected \(header.fields.count) fields, found \(record.fields.count)", at: location))
                continue
            }
            let lists = columns.lists.map { record.fields[$0].split(separator: ";").map(String.init) } ?? []
            do {
                let input = try validator.validate(
                    email: record.fields[columns.email].trimmingCharacters(in: .whitespaces),
                    name: record.fields[columns.name], locale: record.fields[columns.locale], lists: lists)
                if let first = seen[input.email.lowercased()] {
                    invalid.append(InputError("duplicate address \(input.email) (first on line \(first))", at: location))
                    continue
                }
                seen[input.email.lowercased()] = record.line
                inputs.append(input)
            } catch {
                invalid.append(InputError(error.message, at: location))
            }
        }
        progress?(rows.count, rows.count)
        if !invalid.isEmpty && !skipInvalid {
            return Report(summary: MemberUpsertSummary(), invalidRows: invalid, aborted: true)
        }
        do {
            let (kept, suppressed) = try MemberSuppression(store: store).filter(inputs)
            let summary = try store.upsertMembers(kept, createLists: createLists, now: Date(), welcome: welcome)
            return Report(summary: summary, invalidRows: invalid, aborted: false, suppressed: suppressed)
        } catch {
            throw InputError(error.description, exitCode: error.exitCode)
        }
    }

    private static func columns(_ header: CSVParser.Record, file: String) throws(InputError) -> (email: Int, name: Int, locale: Int, lists: Int?) {
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in names where !["email", "name", "locale", "lists"].contains(name) {
            throw InputError("unknown column \"\(name)\" in the header; expected email,name,locale,lists", at: "\(file):\(header.line)")
        }
        guard let email = names.firstIndex(of: "email"), let name = names.firstIndex(of: "name"), let locale = names.firstIndex(of: "locale") else {
            throw InputError("the header must name the columns email,name,locale (and optionally lists)", at: "\(file):\(header.line)")
        }
        return (email, name, locale, names.firstIndex(of: "lists"))
    }
}
