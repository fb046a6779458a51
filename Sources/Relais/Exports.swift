// The application's lower layers, seen through `import Relais` by the executables, the
// services and the tests, as Hummingbird re-exports HummingbirdCore.
@_exported import RelaisDelivery
@_exported import RelaisSettings
@_exported import RelaisSupport
