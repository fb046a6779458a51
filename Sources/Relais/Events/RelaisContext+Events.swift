import Store

extension RelaisContext {
    /// Event operations, validating against `sender.locales`, the existing lists and the template directory.
    public func eventCatalog() throws(StoreError) -> EventCatalog {
        let validator = EventValidator(
            locales: configuration.sender.locales, knownLists: try store.listNames(),
            templatesDirectory: configuration.templatesDirectory)
        return EventCatalog(store: store, validator: validator, uidDomain: configuration.sender.fromAddress.domain)
    }
}
