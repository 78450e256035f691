import Foundation
import Testing
import Tensors

/// Expects `tensor` to have `shape` and values within `tolerance` (absolute plus relative) of `expected`.
public func expectValues(_ tensor: Tensor, _ expected: [Double], shape: [Int]? = nil, tolerance: Double = 1e-6,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    if let shape {
        #expect(tensor.shape == shape, "shape \(tensor.shape), expected \(shape)", sourceLocation: sourceLocation)
    }
    let actual = tensor.scalars(as: Double.self)
    #expect(actual.count == expected.count, "\(actual.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok = (a.isNaN && e.isNaN) || a == e || Swift.abs(a - e) <= tolerance * (1 + Swift.abs(e))
        #expect(ok, "element \(i): \(a), expected \(e)", sourceLocation: sourceLocation)
        if !ok { return }
    }
}

/// Expects `tensor` to equal `expected` in shape and (within `tolerance`) values.
public func expectValues(_ tensor: Tensor, like expected: Tensor, tolerance: Double = 1e-6,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    expectValues(tensor, expected.scalars(as: Double.self), shape: expected.shape, tolerance: tolerance,
                 sourceLocation: sourceLocation)
}

/// Expects autodiff gradients of `function` at `inputs` to match central differences.
public func expectGradientsMatch(_ inputs: [Tensor], absoluteTolerance: Double = 1e-6, relativeTolerance: Double = 1e-4,
                          sourceLocation: SourceLocation = #_sourceLocation, _ function: ([Tensor]) -> Tensor) {
    let result = GradientCheck.check(inputs, absoluteTolerance: absoluteTolerance,
                                     relativeTolerance: relativeTolerance, function)
    #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
}

/// Expects autodiff gradients with respect to `parameters` (float64 leaves the function reads
/// itself, such as a model's weights) to match central differences.
public func expectGradientsMatch(parameters: [Tensor], absoluteTolerance: Double = 1e-6, relativeTolerance: Double = 1e-4,
                                 sourceLocation: SourceLocation = #_sourceLocation, _ function: () -> Tensor) {
    let result = GradientCheck.check(parameters: parameters, absoluteTolerance: absoluteTolerance,
                                     relativeTolerance: relativeTolerance, function)
    #expect(result.passed, "\(result)", sourceLocation: sourceLocation)
}

/// A float64 tensor of `shape` with values in [-1, 1) (or `low..<high`), fixed by `seed`.
public func sample(_ shape: [Int], seed: UInt64 = 1, low: Double = -1, high: Double = 1) -> Tensor {
    var g = RandomGenerator(seed: seed)
    return Tensor.uniform(shape, low: low, high: high, dtype: .float64, generator: &g)
}

/// Reference values computed offline (NumPy, PyTorch): a test target's
/// `Fixtures/generate_<area>_reference.py` writes `Fixtures/<area>_reference.json`, mapping case
/// names to named arrays. `folder` is any file of the test target (its `#filePath`).
public enum ReferenceFixture {
    private struct Entry: Decodable {
        let shape: [Int]
        let data: [Double]
        let dtype: String?
    }

    public struct Case {
        public let name: String
        public let arrays: [String: Tensor]
        public subscript(_ key: String) -> Tensor {
            guard let t = arrays[key] else { preconditionFailure("fixture case \(name) has no array \(key)") }
            return t
        }
    }

    /// The case `name` of fixture file `file` (without `.json`).
    public static func `case`(_ name: String, in file: String, folder: String = #filePath) -> Case {
        let url = URL(fileURLWithPath: folder).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(file).json")
        guard let data = try? Data(contentsOf: url) else { preconditionFailure("cannot read \(url.path)") }
        // JSONDecoder parses numbers exactly; JSONSerialization on Linux can miss the last digit.
        guard let file = try? JSONDecoder().decode([String: [String: Entry]].self, from: data) else {
            preconditionFailure("\(url.path) is not valid fixture JSON (NaN or Infinity values are not allowed)")
        }
        guard let arrays = file[name] else {
            preconditionFailure("\(url.path) has no case \(name); rerun its generator script")
        }
        return Case(name: name, arrays: arrays.mapValues { entry in
            Tensor(entry.data, shape: entry.shape).to(entry.dtype.flatMap(DType.init(rawValue:)) ?? .float64)
        })
    }
}
