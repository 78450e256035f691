/// How values map to positions along an axis.
public enum AxisScale: String, Sendable, Equatable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10). Zero and negative values cannot be placed
    /// and are skipped.
    case log
}

/// A map from data values to positions in SVG user units.
protocol ContinuousScale: Sendable {
    var domain: ClosedRange<Double> { get }
    var range: (start: Double, end: Double) { get }
    /// The position of `value`, or nil when it cannot be placed (non-finite, or not positive
    /// on a log scale).
    func position(_ value: Double) -> Double?
}

extension ContinuousScale {
    /// Whether `value` can be placed at all.
    func canPlace(_ value: Double) -> Bool { position(value) != nil }
}

/// The smallest and largest finite values of a sequence (optionally only the positive ones).
enum Extent {
    static func of<S: Sequence>(_ values: S, positiveOnly: Bool = false) -> ClosedRange<Double>? where S.Element == Double {
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where value.isFinite && (!positiveOnly || value > 0) {
            low = min(low, value)
            high = max(high, value)
        }
        return low <= high ? low...high : nil
    }

    static func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>?) -> ClosedRange<Double>? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
    }

    /// `extent` extended to include `value`.
    static func including(_ extent: ClosedRange<Double>?, _ value: Double) -> ClosedRange<Double> {
        guard let extent else { return value...value }
        return min(extent.lowerBound, value)...max(extent.upperBound, value)
    }
}
