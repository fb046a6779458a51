extension TemplateCatalog {
    /// The locales that have a file for `kind` (canonical tags such as `fr`, `fr-BE`); empty for an unknown kind.
    public func locales(of kind: String) -> Set<String> {
        Set(compiled[kind].map { Array($0.keys) } ?? [])
    }

    /// What `kind` declares in its `manifest.json` (an empty manifest when it has none).
    public func manifest(of kind: String) -> KindManifest {
        manifests[kind] ?? KindManifest()
    }
}
