import Foundation
import Testing
import Tensors
@testable import Datasets

/// The folder of committed test fixtures (`Tests/DatasetsTests/Fixtures`).
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// A JSON fixture file from `Fixtures/`, decoded as a dictionary.
func fixtureJSON(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent(name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// Expects `actual` to match `expected` element by element within `tolerance` (absolute plus
/// relative).
func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9,
                 _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok = a == e || (a.isNaN && e.isNaN) || Swift.abs(a - e) <= tolerance * (1 + Swift.abs(e))
        #expect(ok, "\(what) element \(i): \(a), expected \(e)", sourceLocation: sourceLocation)
        if !ok { return }
    }
}

/// Expects `body` to throw exactly `expected`.
func expectError<R>(_ expected: DatasetError, sourceLocation: SourceLocation = #_sourceLocation,
                    _ body: () throws -> R) {
    do {
        _ = try body()
        Issue.record("expected \(expected), but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DatasetError {
        #expect(error == expected, sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
    }
}

/// The rows of a 2-D tensor as arrays of doubles.
func rows(_ t: Tensor) -> [[Double]] {
    let values = t.scalars(as: Double.self)
    let width = t.shape.count > 1 ? t.shape[1] : 1
    return stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
}

/// Mean and population standard deviation.
func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance.squareRoot())
}

/// How many samples each class has.
func classCounts(_ target: Tensor, classes: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classes)
    for c in target.scalars(as: Int.self) { counts[c] += 1 }
    return counts
}
