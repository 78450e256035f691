extension DataFrame {
    /// Which rows a join keeps.
    public enum JoinKind: Sendable, Equatable {
        /// Only rows whose key occurs in both tables.
        case inner
        /// Every row of the left table; right-hand columns are missing where no key matches.
        case left
    }

    /// Combines this table (left) with `other` (right) on the column `key`, which both have.
    ///
    /// Each left row is paired with every right row that has an equal key, in the right table's
    /// order; left rows keep their order. Missing keys never match, as in SQL. The result has
    /// the left columns, then the right columns except the key; a right column whose name is
    /// taken gets the suffix `_right`. Categorical keys match by their text.
    ///
    /// - Throws: ``DatasetError/unknownColumn(_:)`` when either table lacks the key.
    public func join(_ other: DataFrame, on key: String, kind: JoinKind = .inner) throws(DatasetError) -> DataFrame {
        let leftKeys = try column(key).values
        let rightKeyIndex = try other.index(of: key)
        let rightKeys = other.columns[rightKeyIndex].values
        var rightRows: [Value: [Int]] = [:]
        for (r, k) in rightKeys.enumerated() where !k.isMissing { rightRows[k, default: []].append(r) }

        var leftPicks: [Int] = [], rightPicks: [Int?] = []
        for (l, k) in leftKeys.enumerated() {
            if let matches = k.isMissing ? nil : rightRows[k] {
                for r in matches {
                    leftPicks.append(l)
                    rightPicks.append(r)
                }
            } else if kind == .left {
                leftPicks.append(l)
                rightPicks.append(nil)
            }
        }

        var result = taking(leftPicks)
        for (c, (name, data)) in zip(other.columnNames, other.columns).enumerated() where c != rightKeyIndex {
            var label = name
            while result.columnNames.contains(label) { label += "_right" }
            try result.addColumn(label, data.take(rightPicks))
        }
        return result
    }
}
