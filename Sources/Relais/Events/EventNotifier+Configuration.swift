import Foundation
import Store
import Templates

extension EventNotifier {
    /// Tells events' lists about cancellations and changes through `store`, with the templates
    /// of `configuration` (their manifests) and Message-IDs in the sender's domain.
    public init(configuration: RelaisConfiguration, store: any EventStore) throws {
        let sender = configuration.sender
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: configuration.templatesDirectory), locales: sender.locales, defaultLocale: sender.defaultLocale)
        self.init(store: store, catalog: catalog, queuer: AnnouncementQueuer(identity: MessageIdentity(domain: sender.fromAddress.domain)))
    }
}
