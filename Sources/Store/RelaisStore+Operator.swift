import StoreModel

/// The SQLite store keeps what relaisctl's everyday commands need, as the PostgreSQL store does.
extension RelaisStore: OperatorStore {}
