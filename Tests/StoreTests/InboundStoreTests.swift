import Foundation
import RelaisTestSupport
import Store
import Testing

/// Recording bounce-mailbox reports: once per key, soft bounces counted within the window.
@Suite struct InboundStoreTests {
    let directory = TemporaryDirectory()

    func store() throws -> RelaisStore {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["news"])])
        return store
    }

    func report(_ key: String, _ kind: InboundReport.Kind) -> InboundReport {
        var report = InboundReport(key: key, mailbox: "1:\(key)", kind: kind)
        report.recipient = "ana@example.es"
        report.status = kind == .hard ? "5.1.1" : "4.2.2"
        return report
    }

    @Test func aReportIsAppliedOnceWhateverHappensNext() throws {
        let store = try store()
        let first = try store.recordInbound(report("<a@x>", .hard), softLimit: 3, softWindow: 86_400)
        #expect(first.outcome == .bounced && first.firstTime)
        let again = try store.recordInbound(report("<a@x>", .hard), softLimit: 3, softWindow: 86_400)
        #expect(again.outcome == .bounced && !again.firstTime)
        #expect(try store.member(email: "ana@example.es")?.member.status == .bounced)
        #expect(try store.memberChanges(email: "ana@example.es").filter { $0.change == .bounced }.count == 1)
    }

    @Test func softBouncesCountWithinTheWindowOnly() throws {
        let store = try store()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try store.recordInbound(report("<s1@x>", .soft), softLimit: 3, softWindow: 86_400, now: start).outcome == .counted)
        // Two days later the first one no longer counts.
        let later = start.addingTimeInterval(2 * 86_400)
        #expect(try store.recordInbound(report("<s2@x>", .soft), softLimit: 3, softWindow: 86_400, now: later).outcome == .counted)
        #expect(try store.recordInbound(report("<s3@x>", .soft), softLimit: 3, softWindow: 86_400, now: later).outcome == .counted)
        #expect(try store.recordInbound(report("<s4@x>", .soft), softLimit: 3, softWindow: 86_400, now: later).outcome == .bounced)
        #expect(try store.member(email: "ana@example.es")?.member.status == .bounced)
    }

    @Test func unknownMembersAndPeopleAreNotFlagged() throws {
        let store = try store()
        var stranger = report("<u@x>", .hard)
        stranger.recipient = "nobody@example.org"
        #expect(try store.recordInbound(stranger, softLimit: 3, softWindow: 86_400).outcome == .unmatched)
        #expect(try store.recordInbound(report("<h@x>", .human), softLimit: 3, softWindow: 86_400).outcome == .human)
        #expect(!InboundOutcome.unmatched.isProcessed && !InboundOutcome.human.isProcessed)
        #expect(try store.inboundPositionsLeftForPeople().count == 2)
        #expect(try store.member(email: "ana@example.es")?.member.status == .active)
    }
}
