/// Whoever opens the store uses its values: `import Store` brings them.
@_exported import StoreModel
