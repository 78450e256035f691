extension DataFrame {
    /// A summary of a column within each group of ``DataFrame/groupBy(_:_:)``.
    public struct Aggregation: Sendable, Equatable {
        /// What to compute. Missing cells are skipped by every function.
        public enum Function: String, Sendable, CaseIterable {
            /// The number of present cells (any column kind).
            case count
            /// The sum of the numbers (0 for a group without any).
            case sum
            /// The mean of the numbers (missing for a group without any).
            case mean
            /// The smallest number (missing for a group without any).
            case min
            /// The largest number (missing for a group without any).
            case max
        }

        /// The column to summarise.
        public var column: String
        /// The summary.
        public var function: Function
        /// The result column's name; by default `<column>_<function>` (`price_mean`).
        public var name: String

        /// `function` of `column`, in a result column named `name` (default `<column>_<function>`).
        public init(_ column: String, _ function: Function, as name: String? = nil) {
            self.column = column
            self.function = function
            self.name = name ?? "\(column)_\(function.rawValue)"
        }

        /// The number of present cells of `column`, as `<column>_count`.
        public static func count(_ column: String) -> Aggregation { Aggregation(column, .count) }
        /// The sum of `column`, as `<column>_sum`.
        public static func sum(_ column: String) -> Aggregation { Aggregation(column, .sum) }
        /// The mean of `column`, as `<column>_mean`.
        public static func mean(_ column: String) -> Aggregation { Aggregation(column, .mean) }
        /// The minimum of `column`, as `<column>_min`.
        public static func min(_ column: String) -> Aggregation { Aggregation(column, .min) }
        /// The maximum of `column`, as `<column>_max`.
        public static func max(_ column: String) -> Aggregation { Aggregation(column, .max) }
    }
}

extension DataFrame {
    /// One row per distinct combination of the `keys` columns, sorted by key (missing keys form
    /// their own group, last), with the key columns and one column per aggregation:
    /// `try sales.groupBy(["region"], [.sum("amount"), .count("amount")])`.
    ///
    /// - Throws: ``DatasetError/unknownColumn(_:)``,
    ///   ``DatasetError/columnTypeMismatch(column:expected:got:)`` for sum, mean, min or max of
    ///   a column that is not numeric, and ``DatasetError/duplicateColumn(_:)`` when result
    ///   names clash.
    public func groupBy(_ keys: [String], _ aggregations: [Aggregation]) throws(DatasetError) -> DataFrame {
        guard !keys.isEmpty else {
            throw .invalidParameter(name: "keys", value: "[]", expected: "at least one key column")
        }
        let keyColumns = try keys.map { name throws(DatasetError) in try column(name) }
        for aggregation in aggregations where aggregation.function != .count {
            let data = try column(aggregation.column)
            guard data.kind == .numeric else {
                throw .columnTypeMismatch(column: aggregation.column, expected: "numeric", got: data.kind.rawValue)
            }
        }
        // Rows of each group, with groups in key order.
        var groups: [[Value]: [Int]] = [:]
        for r in 0..<rowCount { groups[keyColumns.map { $0[r] }, default: []].append(r) }
        let ordered = groups.keys.sorted { a, b in
            for (x, y) in zip(a, b) where x != y { return x < y }
            return false
        }
        let firstRows = ordered.map { groups[$0]![0] }

        var result = DataFrame()
        for (name, data) in zip(keys, keyColumns) { try result.addColumn(name, data.take(firstRows)) }
        for aggregation in aggregations {
            if result.columnNames.contains(aggregation.name) { throw .duplicateColumn(aggregation.name) }
            let data = try column(aggregation.column)
            let summaries = ordered.map { key in summarise(data, rows: groups[key]!, aggregation.function) }
            try result.addColumn(aggregation.name, .numeric(summaries))
        }
        return result
    }

    /// Group-by on one key column, as the overload that takes several keys.
    public func groupBy(_ key: String, _ aggregations: [Aggregation]) throws(DatasetError) -> DataFrame {
        try groupBy([key], aggregations)
    }

    private func summarise(_ data: Column, rows: [Int], _ function: Aggregation.Function) -> Double? {
        if function == .count { return Double(rows.filter { !data[$0].isMissing }.count) }
        let numbers = rows.compactMap { data[$0].number }
        switch function {
        case .count: return nil
        case .sum: return numbers.reduce(0, +)
        case .mean: return numbers.isEmpty ? nil : numbers.reduce(0, +) / Double(numbers.count)
        case .min: return numbers.min()
        case .max: return numbers.max()
        }
    }
}
