import Foundation
import Testing
import Tensors
@testable import Datasets

/// The bundled CSVs against scikit-learn's loaders (`Fixtures/generate_dataset_reference.py`).
@Suite("DatasetsBundled")
struct BundledDatasetTests {
    static let loaders: [(String, @Sendable () throws -> Dataset)] = [
        ("iris", { try Dataset.iris() }),
        ("wine", { try Dataset.wine() }),
        ("breast_cancer", { try Dataset.breastCancer() }),
        ("digits", { try Dataset.digits() }),
        ("diabetes", { try Dataset.diabetes() }),
        ("diabetes_scaled", { try Dataset.diabetes(scaled: true) }),
    ]

    @Test(arguments: 0..<6)
    func matchesScikitLearn(_ index: Int) throws {
        let (name, load) = Self.loaders[index]
        let reference = try #require(try fixtureJSON("datasets_reference.json")[name] as? [String: Any])
        let data = try load()
        let shape = try #require(reference["shape"] as? [Int])
        #expect(data.features.shape == shape, "\(name)")
        #expect(data.features.dtype == .float64)
        #expect(data.target.shape == [shape[0]])
        #expect(data.featureNames == reference["feature_names"] as? [String], "\(name)")
        let firstRows = try #require(reference["first_rows"] as? [[Double]])
        for (r, expected) in firstRows.enumerated() {
            expectClose(rows(data.features)[r], expected, tolerance: 1e-12, "\(name) row \(r)")
        }
        let targets = data.target.scalars(as: Double.self)
        expectClose(Array(targets.prefix(5)), try #require(reference["first_targets"] as? [Double]), "\(name) targets")
        let d = shape[1]
        let x = data.features.scalars(as: Double.self)
        let sums = (0..<d).map { j in stride(from: j, to: x.count, by: d).reduce(0.0) { $0 + x[$1] } }
        expectClose(sums, try #require(reference["feature_sums"] as? [Double]), tolerance: 1e-10, "\(name) column sums")
        expectClose([targets.reduce(0, +)], [try #require(reference["target_sum"] as? Double)], "\(name) target sum")
        if let names = reference["target_names"] as? [String] {
            #expect(data.isClassification)
            #expect(data.targetNames == names)
            #expect(classCounts(data.target, classes: names.count) == reference["class_counts"] as? [Int])
        } else {
            #expect(!data.isClassification)
            #expect(data.targetNames.isEmpty)
        }
    }

    @Test func digitsAreImages() throws {
        let digits = try Dataset.digits()
        #expect(digits.imageShape == [8, 8])
        #expect(digits.count == 1797)
        let pixels = digits.features.scalars(as: Double.self)
        #expect(pixels.allSatisfy { $0 >= 0 && $0 <= 16 && $0 == $0.rounded() })
    }

    @Test func scaledDiabetesColumnsHaveUnitSumOfSquares() throws {
        let x = rows(try Dataset.diabetes(scaled: true).features)
        for j in 0..<10 {
            let column = x.map { $0[j] }
            #expect(Swift.abs(column.reduce(0, +)) < 1e-12)
            #expect(Swift.abs(column.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        }
    }

    @Test func everySetNamesItsSource() throws {
        for (name, load) in Self.loaders {
            #expect(try load().source.contains("scikit-learn"), "\(name)")
        }
    }
}
