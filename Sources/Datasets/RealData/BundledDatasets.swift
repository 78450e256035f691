import Foundation
import Tensors

/// The classic data sets shipped in `Bundled/` as CSV (see `Bundled/LICENSES.md`). Values,
/// order, feature names and class names are those of scikit-learn's loaders.
extension Dataset {
    /// Fisher's iris flowers: 150 samples, 4 features in centimetres (sepal length and width,
    /// petal length and width), 3 balanced classes (setosa, versicolor, virginica).
    /// - Returns: features `[150, 4]` `float64`, target `[150]` `int64`.
    /// - Throws: ``DatasetError/missingResource(_:)`` if the bundled file is missing.
    public static func iris() throws(DatasetError) -> Dataset {
        try bundled("iris", source: "Iris (R. A. Fisher, 1936) via scikit-learn (BSD-3-Clause); see Bundled/LICENSES.md.")
    }

    /// Wine recognition (Forina et al., UCI): 178 wines from three cultivars, 13 chemical
    /// measurements (alcohol in %, proline in mg/L, …), classes `class_0`…`class_2` (59, 71, 48).
    /// - Returns: features `[178, 13]` `float64`, target `[178]` `int64`.
    /// - Throws: ``DatasetError/missingResource(_:)`` if the bundled file is missing.
    public static func wine() throws(DatasetError) -> Dataset {
        try bundled("wine", source: "Wine recognition (Forina et al.; UCI) via scikit-learn (BSD-3-Clause); see Bundled/LICENSES.md.")
    }

    /// Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street and Mangasarian, UCI): 569 tumours,
    /// 30 features (mean, standard error and worst value of ten cell-nucleus measurements in
    /// digitised images), classes `malignant` (212) and `benign` (357).
    /// - Returns: features `[569, 30]` `float64`, target `[569]` `int64` (0 malignant, 1 benign).
    /// - Throws: ``DatasetError/missingResource(_:)`` if the bundled file is missing.
    public static func breastCancer() throws(DatasetError) -> Dataset {
        try bundled("breast_cancer",
                    source: "Breast Cancer Wisconsin (Diagnostic) (Wolberg, Street, Mangasarian; UCI) via scikit-learn (BSD-3-Clause); see Bundled/LICENSES.md.")
    }

    /// Diabetes progression (Efron, Hastie, Johnstone and Tibshirani, 2004): 442 patients, 10
    /// baseline measurements (age in years, sex coded 1/2, body-mass index, mean blood pressure,
    /// six blood-serum values `s1`…`s6`), target a measure of disease progression one year later
    /// (25…346).
    ///
    /// - Parameter scaled: `false` (the default) gives the measurements in their original units,
    ///   as scikit-learn's `load_diabetes(scaled=False)`; `true` centres each column and divides it
    ///   by its (population) standard deviation times √442, so that each column's squares sum to
    ///   1, as scikit-learn's default `load_diabetes()`. The target is never scaled.
    /// - Returns: features `[442, 10]` `float64`, target `[442]` `float64` (regression).
    /// - Throws: ``DatasetError/missingResource(_:)`` if the bundled file is missing.
    public static func diabetes(scaled: Bool = false) throws(DatasetError) -> Dataset {
        var data = try bundled("diabetes", regression: true,
                               source: "Diabetes (Efron et al., 2004, \"Least Angle Regression\") via scikit-learn (BSD-3-Clause); see Bundled/LICENSES.md.")
        if scaled {
            let n = data.count, d = data.featureNames.count
            var x = data.features.scalars(as: Double.self)
            for j in 0..<d {
                var mean = 0.0
                for i in 0..<n { mean += x[i * d + j] }
                mean /= Double(n)
                var squares = 0.0
                for i in 0..<n { squares += (x[i * d + j] - mean) * (x[i * d + j] - mean) }
                // std · √n = √(Σ(x − mean)²): the column ends with unit sum of squares.
                let norm = squares.squareRoot()
                for i in 0..<n { x[i * d + j] = (x[i * d + j] - mean) / norm }
            }
            data.features = Tensor(x, shape: [n, d])
        }
        return data
    }

    /// Optical recognition of handwritten digits (Alpaydin and Kaynak, UCI), the 8×8 version:
    /// 1,797 images whose pixels count set cells in 4×4 blocks of the original 32×32 bitmaps (0…16),
    /// classes `0`…`9`.
    /// - Returns: features `[1797, 64]` `float64` in 0…16 (row-major, ``imageShape`` `[8, 8]`),
    ///   target `[1797]` `int64`.
    /// - Throws: ``DatasetError/missingResource(_:)`` if the bundled file is missing.
    public static func digits() throws(DatasetError) -> Dataset {
        var data = try bundled("digits", source: "Optical Recognition of Handwritten Digits (Alpaydin, Kaynak; UCI) via scikit-learn (BSD-3-Clause); see Bundled/LICENSES.md.")
        data.imageShape = [8, 8]
        return data
    }

    /// The URL of a file in the `Bundled` resource folder.
    static func bundledFile(_ name: String) throws(DatasetError) -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Bundled") else {
            throw .missingResource("Bundled/\(name).csv")
        }
        return url
    }

    /// Loads `Bundled/<name>.csv`, whose last column `target` is an integer class or a number.
    private static func bundled(_ name: String, regression: Bool = false, source: String) throws(DatasetError) -> Dataset {
        let options = CSVOptions(hasHeader: true)
        let table = try CSVTable(contentsOf: bundledFile(name), options: options)
        var data = try fromCSV(table: table, target: "target", task: regression ? .regression : .classification,
                               source: source)
        if !regression {
            let names = try bundledTargetNames()[name] ?? []
            // The CSV holds class indices 0..<k; their texts must be exactly those indices.
            guard data.targetNames == names.indices.map(String.init) else {
                throw .inconsistentFiles("Bundled/\(name).csv has classes \(data.targetNames), but target_names.csv lists \(names.count)")
            }
            data.targetNames = names
        }
        return data
    }

    /// The class names in `Bundled/target_names.csv`, by data set.
    private static func bundledTargetNames() throws(DatasetError) -> [String: [String]] {
        let table = try CSVTable(contentsOf: bundledFile("target_names"), options: CSVOptions(hasHeader: true))
        var names: [String: [(Int, String)]] = [:]
        for (row, line) in zip(table.rows, table.lines) {
            guard let index = Int(row[1]) else {
                throw .nonNumericCell(row: line, column: 2, name: "index", value: row[1])
            }
            names[row[0], default: []].append((index, row[2]))
        }
        return names.mapValues { $0.sorted { $0.0 < $1.0 }.map(\.1) }
    }
}
