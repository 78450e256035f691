/// A small table of named, typed columns for the lessons on data handling.
///
/// Columns are numeric, string or categorical, and any cell may be missing. The operations are
/// the everyday ones — head, describe, select, filter, sort, group-by, joins, value counts —
/// plus conversions to and from ``Tensor``, ``Dataset`` and CSV. Everything returns a new
/// table; nothing is shared. It is meant to be read and understood, not to compete with pandas:
/// operations are simple loops over rows.
public struct DataFrame: Sendable, Equatable {
    /// The column names, in order; unique.
    public private(set) var columnNames: [String]
    /// The columns, in the order of ``columnNames``.
    public private(set) var columns: [Column]

    /// An empty table.
    public init() {
        columnNames = []
        columns = []
    }

    /// A table from named columns, e.g.
    /// `try DataFrame(["city": .string(["Oslo", "Rome"]), "rain": .numeric([7.2, nil])])`.
    /// - Throws: ``DatasetError/lengthMismatch(column:expected:got:)`` when the columns differ in
    ///   length, ``DatasetError/duplicateColumn(_:)`` when a name repeats.
    public init(_ columns: KeyValuePairs<String, Column>) throws(DatasetError) {
        try self.init(columns: columns.map { ($0.key, $0.value) })
    }

    /// A table from `(name, data)` pairs; see ``init(_:)``.
    public init(columns: [(String, Column)]) throws(DatasetError) {
        self.init()
        for (name, data) in columns { try addColumn(name, data) }
    }

    /// The number of rows.
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The number of columns.
    public var columnCount: Int { columns.count }

    /// `(rows, columns)`.
    public var shape: (rows: Int, columns: Int) { (rowCount, columnCount) }

    /// The column named `name`, or `nil`.
    public subscript(name: String) -> Column? {
        columnNames.firstIndex(of: name).map { columns[$0] }
    }

    /// The column named `name`.
    /// - Throws: ``DatasetError/unknownColumn(_:)``.
    public func column(_ name: String) throws(DatasetError) -> Column {
        columns[try index(of: name)]
    }

    /// The position of the column named `name`.
    /// - Throws: ``DatasetError/unknownColumn(_:)``.
    public func index(of name: String) throws(DatasetError) -> Int {
        guard let i = columnNames.firstIndex(of: name) else {
            throw .unknownColumn("\"\(name)\" (the columns are \(columnNames.joined(separator: ", ")))")
        }
        return i
    }

    /// The kind of each column.
    public var kinds: [ColumnKind] { columns.map(\.kind) }

    /// Appends a column, or replaces the column of that name.
    /// - Throws: ``DatasetError/lengthMismatch(column:expected:got:)`` when its length differs
    ///   from the table's (any length is fine for the first column);
    ///   ``DatasetError/invalidParameter(name:value:expected:)`` for a categorical code outside its
    ///   categories.
    public mutating func addColumn(_ name: String, _ data: Column) throws(DatasetError) {
        if case .categorical(let codes, let categories) = data,
           let bad = codes.first(where: { $0.map { $0 < 0 || $0 >= categories.count } ?? false }) {
            throw .invalidParameter(name: "\(name) code", value: "\(bad!)", expected: "an index into its \(categories.count) categories")
        }
        if let i = columnNames.firstIndex(of: name) {
            guard columns.count == 1 || data.count == rowCount else {
                throw .lengthMismatch(column: name, expected: rowCount, got: data.count)
            }
            columns[i] = data
            return
        }
        guard columns.isEmpty || data.count == rowCount else {
            throw .lengthMismatch(column: name, expected: rowCount, got: data.count)
        }
        columnNames.append(name)
        columns.append(data)
    }

    /// A copy without the named column.
    /// - Throws: ``DatasetError/unknownColumn(_:)``.
    public func droppingColumn(_ name: String) throws(DatasetError) -> DataFrame {
        let i = try index(of: name)
        var copy = self
        copy.columnNames.remove(at: i)
        copy.columns.remove(at: i)
        return copy
    }

    /// A copy with a column renamed.
    /// - Throws: ``DatasetError/unknownColumn(_:)``, or ``DatasetError/duplicateColumn(_:)``
    ///   when `newName` is taken.
    public func renamingColumn(_ name: String, to newName: String) throws(DatasetError) -> DataFrame {
        let i = try index(of: name)
        if newName != name && columnNames.contains(newName) { throw .duplicateColumn(newName) }
        var copy = self
        copy.columnNames[i] = newName
        return copy
    }

    /// A copy in which a string column becomes categorical (categories sorted).
    /// - Throws: ``DatasetError/unknownColumn(_:)``, or
    ///   ``DatasetError/columnTypeMismatch(column:expected:got:)`` for a numeric column.
    public func categorizing(_ name: String) throws(DatasetError) -> DataFrame {
        let i = try index(of: name)
        var copy = self
        switch columns[i] {
        case .string(let values): copy.columns[i] = .categorical(values)
        case .categorical: break
        case .numeric: throw .columnTypeMismatch(column: name, expected: "string", got: "numeric")
        }
        return copy
    }

    /// The cell at `row` in the column named `column` (missing for an unknown column).
    /// - Precondition: `row` is in `0..<rowCount`.
    public func value(row: Int, column: String) -> Value { self[column]?[row] ?? .missing }

    /// One row, for ``filter(_:)`` and inspection.
    public struct Row: Sendable {
        let frame: DataFrame
        /// The row's position in its table.
        public let index: Int

        /// The cell in the column named `name` (missing for an unknown column).
        public subscript(name: String) -> Value { frame.value(row: index, column: name) }

        /// The number in the column named `name`, or `nil` if it is missing or not a number.
        public func number(_ name: String) -> Double? { self[name].number }
    }

    /// The row at `index`.
    /// - Precondition: `index` is in `0..<rowCount`.
    public func row(_ index: Int) -> Row { Row(frame: self, index: index) }

    /// The rows at `indices`, in that order (repeats allowed).
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for an index out of range.
    public func rows(_ indices: [Int]) throws(DatasetError) -> DataFrame {
        if let bad = indices.first(where: { $0 < 0 || $0 >= rowCount }) {
            throw .invalidParameter(name: "row", value: "\(bad)", expected: "an index in 0..<\(rowCount)")
        }
        return taking(indices)
    }

    /// The first `n` rows (all of them if there are fewer).
    public func head(_ n: Int = 5) -> DataFrame { taking(Array(0..<Swift.min(Swift.max(n, 0), rowCount))) }

    /// The last `n` rows (all of them if there are fewer).
    public func tail(_ n: Int = 5) -> DataFrame {
        taking(Array(Swift.max(rowCount - Swift.max(n, 0), 0)..<rowCount))
    }

    /// The rows at `indices`, which are known to be valid.
    func taking(_ indices: [Int]) -> DataFrame {
        var copy = self
        copy.columns = columns.map { $0.take(indices) }
        return copy
    }
}
