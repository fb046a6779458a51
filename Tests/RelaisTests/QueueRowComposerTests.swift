import Foundation
import Recurrence
@testable import Relais
import RelaisTestSupport
import Store
import Templates
import Testing

/// The daemon composes queue rows from what the store says now: an edited event is seen on
/// the next delivery pass, and a removed one cancels its rows instead of failing forever.
@Suite struct QueueRowComposerTests {
    let directory = TemporaryDirectory()

    func setUp() throws -> (RelaisStore, QueueRowComposer, Stored<Event>, QueueMessage) {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        let (_, event, row) = try ReminderRowFixture.make(in: store)
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: Repository.path("templates")), locales: ["fr", "en", "es", "de"], defaultLocale: "fr")
        return (store, QueueRowComposer(sender: ComposerFixture.sender, catalog: catalog, store: store), event, row)
    }

    @Test func theSameRowGivesTheSameBytes() throws {
        let (_, composer, _, row) = try setUp()
        #expect(try composer.compose(row) == composer.compose(row))
    }

    @Test func anEditedEventIsSeenOnTheNextPass() throws {
        let (store, composer, event, row) = try setUp()
        let before = String(decoding: try composer.compose(row), as: UTF8.self)
        #expect(before.contains("Desayuno"))
        var edited = event
        edited.titles["es"] = "Almuerzo"
        _ = try store.updateEvent(edited)
        composer.startPass()
        let after = String(decoding: try composer.compose(row), as: UTF8.self)
        #expect(after.contains("Almuerzo") && !after.contains("Desayuno"))
    }

    @Test func aRemovedEventIsAPermanentFailure() throws {
        let (store, composer, event, row) = try setUp()
        #expect(try store.removeEvent(id: event.id))
        composer.startPass()
        let error = #expect(throws: CompositionError.self) { try composer.compose(row) }
        #expect(error?.isPermanent == true)
    }
}
