import Synchronization

/// Memoizes locale fallback chains and formatting locales: a batch asks the same few
/// questions 100,000 times.
final class LocaleResolver: Sendable {
    private struct Key: Hashable {
        var member: String
        var template: String
    }

    private let defaultLocale: String
    private let chains = Mutex<[String: [String]]>([:])
    private let formatting = Mutex<[Key: String]>([:])
    /// Distinct locales remembered before the memo is emptied.
    private static let capacity = 512

    /// Creates a resolver ending every chain with `defaultLocale`.
    init(defaultLocale: String) {
        self.defaultLocale = defaultLocale
    }

    /// `LocaleTag.fallbackChain(locale, defaultLocale:)`, memoized.
    func chain(_ locale: String) -> [String] {
        if let chain = chains.withLock({ $0[locale] }) { return chain }
        let chain = LocaleTag.fallbackChain(locale, defaultLocale: defaultLocale)
        chains.withLock { chains in
            if chains.count >= Self.capacity { chains.removeAll() }
            chains[locale] = chain
        }
        return chain
    }

    /// `LocaleTag.formattingIdentifier(member:template:)`, memoized.
    func formattingIdentifier(member: String, template: String) -> String {
        let key = Key(member: member, template: template)
        if let identifier = formatting.withLock({ $0[key] }) { return identifier }
        let identifier = LocaleTag.formattingIdentifier(member: member, template: template)
        formatting.withLock { formatting in
            if formatting.count >= Self.capacity { formatting.removeAll() }
            formatting[key] = identifier
        }
        return identifier
    }
}
