extension DataFrame {
    /// Summary statistics of the numeric columns, as pandas' `describe()`: a `statistic` column
    /// (`count`, `mean`, `std`, `min`, `25%`, `50%`, `75%`, `max`) and one column per numeric
    /// column. Missing cells are skipped; `std` is the sample standard deviation (divisor
    /// n − 1); quartiles interpolate linearly between order statistics. Statistics of an empty
    /// column are missing (its count is 0).
    public func describe() -> DataFrame {
        let statistics = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"]
        var result = DataFrame()
        try? result.addColumn("statistic", .string(statistics))
        for (name, data) in zip(columnNames, columns) {
            guard let numbers = data.numbers else { continue }
            let values = numbers.compactMap { $0 }.sorted()
            let n = values.count
            var column: [Double?] = [Double(n)]
            if n == 0 {
                column += [Double?](repeating: nil, count: 7)
            } else {
                let mean = values.reduce(0, +) / Double(n)
                let std: Double? = n > 1
                    ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot() : nil
                column += [mean, std, values[0], quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75),
                           values[n - 1]]
            }
            // A name clash with "statistic" is impossible to resolve silently; suffix it.
            let label = name == "statistic" ? "statistic_" : name
            try? result.addColumn(label, .numeric(column))
        }
        return result
    }

    /// How often each distinct value occurs in a column, most frequent first (ties in value
    /// order): a table with the column's values and a `count` column. Missing cells are counted
    /// only when `includeMissing` is `true`.
    /// - Throws: ``DatasetError/unknownColumn(_:)``.
    public func valueCounts(_ column: String, includeMissing: Bool = false) throws(DatasetError) -> DataFrame {
        let data = try self.column(column)
        var counts: [Value: Int] = [:]
        for v in data.values where includeMissing || !v.isMissing { counts[v, default: 0] += 1 }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let keys = ordered.map(\.key)
        let keyColumn: Column
        switch data {
        case .numeric: keyColumn = .numeric(keys.map(\.number))
        case .string: keyColumn = .string(keys.map(\.text))
        case .categorical(_, let categories):
            let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
            keyColumn = .categorical(codes: keys.map { $0.text.flatMap { index[$0] } }, categories: categories)
        }
        return try DataFrame(columns: [(column, keyColumn),
                                       (column == "count" ? "count_" : "count", .numeric(ordered.map { Double($0.value) }))])
    }
}

/// The `q` quantile of sorted `values` (not empty), interpolating linearly between the order
/// statistics at positions `q·(n − 1)` (pandas' and NumPy's default).
func quantile(_ values: [Double], _ q: Double) -> Double {
    let position = q * Double(values.count - 1)
    let below = Int(position.rounded(.down))
    let above = Swift.min(below + 1, values.count - 1)
    let fraction = position - Double(below)
    return values[below] + (values[above] - values[below]) * fraction
}
