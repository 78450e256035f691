import Foundation
import Tensors

extension Dataset {
    /// Which CSV column holds the target.
    public enum TargetColumn: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// The column with this header name.
        case name(String)
        /// The column at this 0-based position (error messages count columns from 1).
        case index(Int)
        /// The last column.
        case last

        public init(stringLiteral value: String) { self = .name(value) }
        public init(integerLiteral value: Int) { self = .index(value) }
    }

    /// What the target column means.
    public enum Task: Sendable, Equatable {
        /// Text targets are classes, numeric targets are regression values.
        case automatic
        /// The target's distinct values are classes, numbered in sorted order.
        case classification
        /// The target is a number to predict.
        case regression
    }

    /// What to do with missing cells (empty, `NA`, `NaN`, …).
    public enum MissingValues: Sendable, Equatable {
        /// Throw ``DatasetError/missingValue(row:column:name:)`` at the first one.
        case fail
        /// Leave out every row that has one.
        case dropRows
        /// Keep missing features as NaN (a missing target still fails: there is nothing to learn).
        case keepNaN
    }

    /// A data set from CSV text: every column but the target is a numeric feature.
    ///
    /// - Parameters:
    ///   - target: the target column (default the last).
    ///   - task: how to read the target. Classes are numbered in sorted order of their text
    ///     (numbers by value) and named by it.
    ///   - missing: what to do with missing cells.
    ///   - options: delimiter, header, missing markers and size limits.
    /// - Returns: features `[rows, columns − 1]` `float64`; target `[rows]`, `int64` classes or
    ///   `float64` values.
    /// - Throws: the parsing errors of ``CSVTable``, ``DatasetError/unknownColumn(_:)``,
    ///   ``DatasetError/nonNumericCell(row:column:name:value:)`` for a feature cell that is not a
    ///   number (or a regression target that is not), ``DatasetError/missingValue(row:column:name:)``,
    ///   and ``DatasetError/emptyInput`` when no row remains.
    public static func fromCSV(_ text: String, target: TargetColumn = .last, task: Task = .automatic,
                               missing: MissingValues = .fail,
                               options: CSVOptions = CSVOptions()) throws(DatasetError) -> Dataset {
        try fromCSV(table: CSVTable(parsing: text, options: options), target: target, task: task, missing: missing,
                    source: "CSV text")
    }

    /// A data set from UTF-8 CSV bytes; see ``fromCSV(_:target:task:missing:options:)``.
    public static func fromCSV(data: Data, target: TargetColumn = .last, task: Task = .automatic,
                               missing: MissingValues = .fail,
                               options: CSVOptions = CSVOptions()) throws(DatasetError) -> Dataset {
        try fromCSV(table: CSVTable(data: data, options: options), target: target, task: task, missing: missing,
                    source: "CSV data")
    }

    /// A data set from a CSV file; see ``fromCSV(_:target:task:missing:options:)``.
    public static func fromCSV(contentsOf url: URL, target: TargetColumn = .last, task: Task = .automatic,
                               missing: MissingValues = .fail,
                               options: CSVOptions = CSVOptions()) throws(DatasetError) -> Dataset {
        try fromCSV(table: CSVTable(contentsOf: url, options: options), target: target, task: task, missing: missing,
                    source: url.lastPathComponent)
    }

    /// A data set from a parsed table; see ``fromCSV(_:target:task:missing:options:)``.
    public static func fromCSV(table: CSVTable, target: TargetColumn = .last, task: Task = .automatic,
                               missing: MissingValues = .fail, source: String = "CSV") throws(DatasetError) -> Dataset {
        let columnCount = table.columnNames.count
        let targetIndex: Int
        switch target {
        case .last: targetIndex = columnCount - 1
        case .name(let name): targetIndex = try table.columnIndex(name)
        case .index(let i):
            guard i >= 0 && i < columnCount else {
                throw .unknownColumn("at index \(i) (the table has \(columnCount) columns, numbered from 0)")
            }
            targetIndex = i
        }
        let featureIndices = (0..<columnCount).filter { $0 != targetIndex }

        // Features first, so that a bad feature cell is reported before target questions.
        var featureColumns: [[Double?]] = []
        for c in featureIndices { featureColumns.append(try table.numbers(inColumn: c)) }

        let targetCells = table.rows.map { $0[targetIndex] }
        let targetName = table.columnNames[targetIndex]
        let isClassification: Bool
        switch task {
        case .classification: isClassification = true
        case .regression: isClassification = false
        case .automatic:
            isClassification = targetCells.contains { !table.options.isMissing($0) && CSVNumber.parse($0) == nil }
        }

        var keep: [Int] = []
        for r in table.rows.indices {
            let missingFeature = featureIndices.indices.first { featureColumns[$0][r] == nil }
            let missingTarget = table.options.isMissing(targetCells[r])
            if missingFeature == nil && !missingTarget {
                keep.append(r)
                continue
            }
            switch missing {
            case .dropRows: continue
            case .keepNaN where !missingTarget: keep.append(r)
            default:
                let column = missingTarget ? targetIndex : featureIndices[missingFeature!]
                throw .missingValue(row: table.lines[r], column: column + 1, name: table.columnNames[column])
            }
        }
        guard !keep.isEmpty else { throw .emptyInput }

        var features = [Double]()
        features.reserveCapacity(keep.count * featureIndices.count)
        for r in keep {
            for column in featureColumns { features.append(column[r] ?? .nan) }
        }
        let featureTensor = Tensor(features, shape: [keep.count, featureIndices.count])
        let featureNames = featureIndices.map { table.columnNames[$0] }

        if isClassification {
            let (codes, names) = classCodes(keep.map { targetCells[$0] })
            return Dataset(features: featureTensor, target: Tensor(codes, shape: [keep.count]),
                           featureNames: featureNames, targetNames: names, source: source)
        }
        let numbers = try table.numbers(inColumn: targetIndex)
        let values = keep.map { numbers[$0] ?? .nan }
        return Dataset(features: featureTensor, target: Tensor(values, shape: [keep.count]), featureNames: featureNames,
                       source: "\(source); target \(targetName)")
    }

    /// Class indices for label texts: classes sorted by numeric value when all labels are
    /// numbers, otherwise alphabetically.
    static func classCodes(_ labels: [String]) -> (codes: [Int], names: [String]) {
        let distinct = Array(Set(labels))
        let numeric = distinct.map { CSVNumber.parse($0) }
        let names: [String]
        if numeric.allSatisfy({ $0 != nil }) {
            names = zip(distinct, numeric).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
        } else {
            names = distinct.sorted()
        }
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return (labels.map { index[$0]! }, names)
    }
}
