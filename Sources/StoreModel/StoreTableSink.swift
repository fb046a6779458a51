/// Where a copy's rows go, table by table; see ``StoreTableSource/readTables(batchSize:into:)``.
public protocol StoreTableSink: AnyObject {
    /// The tables about to come, in order, with their row counts; called once, before any row.
    func prepare(_ tables: [StoreTable]) throws

    /// Rows of `table` (each a value per column, in ``StoreTable/columns`` order).
    func insert(_ rows: [[StoreValue]], into table: StoreTable) throws
}
