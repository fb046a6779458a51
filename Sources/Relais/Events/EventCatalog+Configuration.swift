import Foundation
import Store

extension EventCatalog {
    /// Event operations on `store`, validating against `sender.locales`, the lists in `store`
    /// and the template directory of `configuration`; new events' UIDs in the sender's domain.
    public init(configuration: RelaisConfiguration, store: any EventStore & ListStore) throws(StoreError) {
        let validator = EventValidator(
            locales: configuration.sender.locales, knownLists: try store.listNames(),
            templatesDirectory: configuration.templatesDirectory)
        self.init(store: store, validator: validator, uidDomain: configuration.sender.fromAddress.domain)
    }
}
