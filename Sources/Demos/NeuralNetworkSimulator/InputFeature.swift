import Foundation

/// An input the network can see, computed from a point's coordinates (x₁, x₂).
enum InputFeature: String, CaseIterable, Sendable {
    case x1, x2
    case x1Squared = "x1sq"
    case x2Squared = "x2sq"
    case x1x2
    case sinX1 = "sinx1"
    case sinX2 = "sinx2"

    var label: String {
        switch self {
        case .x1: "x₁"
        case .x2: "x₂"
        case .x1Squared: "x₁²"
        case .x2Squared: "x₂²"
        case .x1x2: "x₁x₂"
        case .sinX1: "sin x₁"
        case .sinX2: "sin x₂"
        }
    }

    @inline(__always)
    func value(_ x1: Double, _ x2: Double) -> Double {
        switch self {
        case .x1: x1
        case .x2: x2
        case .x1Squared: x1 * x1
        case .x2Squared: x2 * x2
        case .x1x2: x1 * x2
        case .sinX1: Foundation.sin(x1)
        case .sinX2: Foundation.sin(x2)
        }
    }

    /// The Swift expression for generated code, in terms of `x1` and `x2`.
    var source: String {
        switch self {
        case .x1: "x1"
        case .x2: "x2"
        case .x1Squared: "x1 * x1"
        case .x2Squared: "x2 * x2"
        case .x1x2: "x1 * x2"
        case .sinX1: "sin(x1)"
        case .sinX2: "sin(x2)"
        }
    }

    /// The features of `count` points (`xy` holds x₁, x₂ per point), `[count, features]` row-major.
    static func matrix(_ features: [InputFeature], xy: [Double]) -> [Float] {
        let count = xy.count / 2
        var out = [Float](repeating: 0, count: count * features.count)
        out.withUnsafeMutableBufferPointer { buffer in
            var k = 0
            for p in 0..<count {
                let x1 = xy[2 * p], x2 = xy[2 * p + 1]
                for feature in features {
                    buffer[k] = Float(feature.value(x1, x2))
                    k += 1
                }
            }
        }
        return out
    }
}
