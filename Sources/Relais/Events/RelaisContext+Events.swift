import Foundation
import Store
import Templates

extension RelaisContext {
    /// Event operations, validating against `sender.locales`, the existing lists and the template directory.
    public func eventCatalog() throws(StoreError) -> EventCatalog {
        let validator = EventValidator(
            locales: configuration.sender.locales, knownLists: try store.listNames(),
            templatesDirectory: configuration.templatesDirectory)
        return EventCatalog(store: store, validator: validator, uidDomain: configuration.sender.fromAddress.domain)
    }

    /// Tells events' lists about cancellations and changes, with the configured templates.
    public func eventNotifier() throws -> EventNotifier {
        let sender = configuration.sender
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: configuration.templatesDirectory), locales: sender.locales, defaultLocale: sender.defaultLocale)
        return EventNotifier(store: store, catalog: catalog, queuer: AnnouncementQueuer(identity: MessageIdentity(domain: sender.fromAddress.domain)))
    }
}
