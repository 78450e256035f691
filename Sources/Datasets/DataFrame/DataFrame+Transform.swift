extension DataFrame {
    /// The named columns, in the order given.
    /// - Throws: ``DatasetError/unknownColumn(_:)``, or ``DatasetError/duplicateColumn(_:)``
    ///   when a name is given twice.
    public func select(_ names: [String]) throws(DatasetError) -> DataFrame {
        var result = DataFrame()
        for name in names {
            if result.columnNames.contains(name) { throw .duplicateColumn(name) }
            try result.addColumn(name, column(name))
        }
        return result
    }

    /// The named columns; see ``select(_:)``.
    public func select(_ names: String...) throws(DatasetError) -> DataFrame { try select(names) }

    /// The rows for which `predicate` is `true`, in their order:
    /// `frame.filter { ($0.number("age") ?? 0) > 30 }`.
    public func filter(_ predicate: (Row) throws -> Bool) rethrows -> DataFrame {
        var keep: [Int] = []
        for i in 0..<rowCount where try predicate(row(i)) { keep.append(i) }
        return taking(keep)
    }

    /// The rows whose cell in `column` satisfies `predicate`:
    /// `try frame.filter("city") { $0 == "Oslo" }`.
    /// - Throws: ``DatasetError/unknownColumn(_:)``.
    public func filter(_ column: String, _ predicate: (Value) -> Bool) throws(DatasetError) -> DataFrame {
        let data = try self.column(column)
        return taking((0..<rowCount).filter { predicate(data[$0]) })
    }

    /// The rows sorted by one column; the sort is stable (sort by the secondary key first to
    /// sort by several) and missing cells come last either way.
    /// - Throws: ``DatasetError/unknownColumn(_:)``.
    public func sorted(by column: String, ascending: Bool = true) throws(DatasetError) -> DataFrame {
        let data = try self.column(column)
        let keys = data.values
        let order = (0..<rowCount).sorted { a, b in
            let x = keys[a], y = keys[b]
            if x.isMissing || y.isMissing { return !x.isMissing && y.isMissing || (x.isMissing == y.isMissing && a < b) }
            if x == y { return a < b }
            return ascending ? x < y : y < x
        }
        return taking(order)
    }
}
