import Tensors

extension DataFrame {
    /// A table from a 1-D or 2-D tensor: one numeric column per tensor column (a 1-D tensor
    /// gives one column). NaN elements become missing cells.
    ///
    /// - Parameter columnNames: one name per column; by default `column_1`, `column_2`, ….
    /// - Throws: ``DatasetError/invalidParameter(name:value:expected:)`` for another rank or a
    ///   wrong number of names; ``DatasetError/duplicateColumn(_:)`` for repeated names.
    public init(_ tensor: Tensor, columnNames: [String]? = nil) throws(DatasetError) {
        guard tensor.rank == 1 || tensor.rank == 2 else {
            throw .invalidParameter(name: "tensor", value: "shape \(tensor.shape)", expected: "a 1-D or 2-D tensor")
        }
        let rows = tensor.shape[0], width = tensor.rank == 2 ? tensor.shape[1] : 1
        let names = columnNames ?? (1...Swift.max(width, 1)).prefix(width).map { "column_\($0)" }
        guard names.count == width else {
            throw .invalidParameter(name: "columnNames", value: "\(names.count) names", expected: "\(width), one per column")
        }
        let values = tensor.scalars(as: Double.self)
        self.init()
        for (j, name) in names.enumerated() {
            if self.columnNames.contains(name) { throw .duplicateColumn(name) }
            let column = (0..<rows).map { i -> Double? in
                let v = values[i * width + j]
                return v.isNaN ? nil : v
            }
            try addColumn(name, .numeric(column))
        }
    }

    /// The named columns (default: all) as a `float64` tensor `[rows, columns]`. Categorical
    /// columns give their category indices; missing cells give NaN.
    /// - Throws: ``DatasetError/unknownColumn(_:)``, or
    ///   ``DatasetError/columnTypeMismatch(column:expected:got:)`` for a string column.
    public func tensor(columns names: [String]? = nil) throws(DatasetError) -> Tensor {
        let names = names ?? columnNames
        let data = try names.map { name throws(DatasetError) in try column(name) }
        var columnValues: [[Double]] = []
        for (name, column) in zip(names, data) {
            switch column {
            case .numeric(let v): columnValues.append(v.map { $0 ?? .nan })
            case .categorical(let codes, _): columnValues.append(codes.map { $0.map(Double.init) ?? .nan })
            case .string: throw .columnTypeMismatch(column: name, expected: "numeric or categorical", got: "string")
            }
        }
        var flat = [Double]()
        flat.reserveCapacity(rowCount * names.count)
        for i in 0..<rowCount {
            for column in columnValues { flat.append(column[i]) }
        }
        return Tensor(flat, shape: [rowCount, names.count])
    }

    /// A table with a numeric column per feature and a `target` column (categorical with the
    /// class names for classification, numeric for regression). Images give one column per
    /// pixel.
    public init(_ dataset: Dataset, targetName: String = "target") throws(DatasetError) {
        let names = dataset.featureNames.count == (dataset.features.shape.dropFirst().reduce(1, *))
            ? dataset.featureNames : nil
        let flat = dataset.features.reshaped([dataset.count, dataset.features.shape.dropFirst().reduce(1, *)])
        try self.init(flat, columnNames: names)
        if dataset.isClassification && !dataset.targetNames.isEmpty {
            let codes = dataset.target.scalars(as: Int.self)
            try addColumn(targetName, .categorical(codes: codes.map { $0 >= 0 && $0 < dataset.targetNames.count ? $0 : nil },
                                                   categories: dataset.targetNames))
        } else {
            try addColumn(targetName, .numeric(dataset.target.scalars(as: Double.self).map { $0.isNaN ? nil : $0 }))
        }
    }

    /// A data set with the column `target` as target and every other column as a feature.
    ///
    /// Feature columns must be numeric or categorical (category indices become numbers). A
    /// categorical or string target gives classification (string classes sorted); a numeric
    /// target gives regression unless `task` is ``Dataset/Task/classification``.
    /// - Throws: ``DatasetError/unknownColumn(_:)``,
    ///   ``DatasetError/columnTypeMismatch(column:expected:got:)`` for a string feature,
    ///   ``DatasetError/missingValue(row:column:name:)`` (rows counted from 1) unless `missing`
    ///   allows it, and ``DatasetError/emptyInput`` when no row remains.
    public func dataset(target: String, task: Dataset.Task = .automatic, missing: Dataset.MissingValues = .fail,
                        source: String = "DataFrame") throws(DatasetError) -> Dataset {
        let targetIndex = try index(of: target)
        let featureNames = columnNames.enumerated().filter { $0.offset != targetIndex }.map(\.element)
        let x = try tensor(columns: featureNames).scalars(as: Double.self)
        let width = featureNames.count
        let targetColumn = columns[targetIndex]
        var keep: [Int] = []
        for r in 0..<rowCount {
            let missingFeature = (0..<width).first { x[r * width + $0].isNaN }
            let missingTarget = targetColumn[r].isMissing
            if missingFeature == nil && !missingTarget {
                keep.append(r)
            } else if missing == .dropRows {
                continue
            } else if missing == .keepNaN && !missingTarget {
                keep.append(r)
            } else {
                let name = missingTarget ? target : featureNames[missingFeature!]
                throw .missingValue(row: r + 1, column: try index(of: name) + 1, name: name)
            }
        }
        guard !keep.isEmpty else { throw .emptyInput }
        var features = [Double]()
        features.reserveCapacity(keep.count * width)
        for r in keep { features.append(contentsOf: x[(r * width)..<((r + 1) * width)]) }
        let featureTensor = Tensor(features, shape: [keep.count, width])

        let classify = task == .classification || (task == .automatic && targetColumn.kind != .numeric)
        if classify {
            let labels: [Int], names: [String]
            if case .categorical(let codes, let categories) = targetColumn {
                labels = keep.map { codes[$0]! }
                names = categories
            } else {
                (labels, names) = Dataset.classCodes(keep.map { targetColumn[$0].description })
            }
            return Dataset(features: featureTensor, target: Tensor(labels, shape: [keep.count]), featureNames: featureNames,
                           targetNames: names, source: source)
        }
        guard let numbers = targetColumn.numbers else {
            throw .columnTypeMismatch(column: target, expected: "numeric (for regression)", got: targetColumn.kind.rawValue)
        }
        return Dataset(features: featureTensor, target: Tensor(keep.map { numbers[$0]! }, shape: [keep.count]),
                       featureNames: featureNames, source: source)
    }
}
