/// How a histogram chooses its bins.
public enum Binning: Sendable, Equatable {
    /// A bin count from the Freedman–Diaconis rule (Sturges' rule when the interquartile range
    /// is zero), rounded to a 1-2-5 bin width so that bin edges are round numbers.
    case auto
    /// This many equal-width bins from the smallest to the largest value.
    case count(Int)
    /// Bins of this width, aligned to multiples of it.
    case width(Double)
    /// These edges (ascending; n + 1 edges make n bins).
    case edges([Double])
}

/// Counts of values in consecutive bins. Each bin includes its left edge; the last bin also
/// includes its right edge. Non-finite values and values outside the edges are not counted.
public struct Histogram: Sendable, Equatable {
    /// Bin edges, ascending: `counts.count + 1` of them.
    public let edges: [Double]
    public let counts: [Int]

    /// Bins `values` (non-finite ones are skipped).
    ///
    /// - Throws: ``ChartError/invalidParameter(name:value:expected:)`` for a bin count below 1,
    ///   a width that is not positive, or edges that are not strictly increasing.
    public init(values: [Double], binning: Binning = .auto) throws(ChartError) {
        let finite = values.filter(\.isFinite)
        let edges = try Histogram.edges(for: finite, binning: binning)
        self.edges = edges
        var counts = [Int](repeating: 0, count: max(edges.count - 1, 0))
        for value in finite {
            if let bin = Histogram.bin(of: value, edges: edges) { counts[bin] += 1 }
        }
        self.counts = counts
    }

    /// The bin holding `value`, by binary search over the edges.
    static func bin(of value: Double, edges: [Double]) -> Int? {
        guard edges.count >= 2, value >= edges[0], value <= edges[edges.count - 1] else { return nil }
        if value == edges[edges.count - 1] { return edges.count - 2 }
        var low = 0
        var high = edges.count - 1
        // Invariant: edges[low] <= value < edges[high].
        while high - low > 1 {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle } else { high = middle }
        }
        return low
    }

    /// The bin edges `binning` asks for over the finite `values`.
    static func edges(for values: [Double], binning: Binning) throws(ChartError) -> [Double] {
        switch binning {
        case .edges(let edges):
            guard edges.count >= 2 else {
                throw .invalidParameter(name: "bin edges", value: "\(edges.count) edges", expected: "at least 2 edges")
            }
            try Validate.strictlyIncreasing("bin edges", edges)
            return edges
        case .count(let count):
            guard count >= 1, count <= 10_000 else {
                throw .invalidParameter(name: "bin count", value: String(count), expected: "1…10000")
            }
            guard var extent = Extent.of(values) else { return [] }
            if extent.lowerBound == extent.upperBound {
                extent = (extent.lowerBound - 0.5)...(extent.upperBound + 0.5)
            }
            let width = (extent.upperBound - extent.lowerBound) / Double(count)
            return (0...count).map { $0 == count ? extent.upperBound : extent.lowerBound + Double($0) * width }
        case .width(let width):
            try Validate.positive("bin width", width)
            guard let extent = Extent.of(values) else { return [] }
            let first = (extent.lowerBound / width).rounded(.down)
            // The last bin includes its right edge, so a maximum on an edge needs no extra bin.
            let top = (extent.upperBound / width).rounded(.down)
            let last = top * width == extent.upperBound && top > first ? top : top + 1
            if last - first > 10_000 {
                throw .invalidParameter(name: "bin width", value: NumberFormat.plain(width),
                                        expected: "a width giving at most 10000 bins over the data")
            }
            return stride(from: first, through: last, by: 1).map { $0 * width }
        case .auto:
            guard let extent = Extent.of(values) else { return [] }
            if extent.lowerBound == extent.upperBound {
                return [extent.lowerBound - 0.5, extent.upperBound + 0.5]
            }
            let target = suggestedBinCount(values)
            let step = NiceTicks.step(span: extent.upperBound - extent.lowerBound, targetCount: target)
            let first = Int((extent.lowerBound / NiceTicks.value(1, mantissa: step.mantissa, exponent: step.exponent)).rounded(.down))
            var last = Int((extent.upperBound / NiceTicks.value(1, mantissa: step.mantissa, exponent: step.exponent)).rounded(.up))
            if last == first { last += 1 }
            return (first...last).map { NiceTicks.value($0, mantissa: step.mantissa, exponent: step.exponent) }
        }
    }

    /// The Freedman–Diaconis bin count (width 2·IQR·n^(−1/3)), or Sturges' log₂(n) + 1 when
    /// the interquartile range is zero; between 1 and 100.
    public static func suggestedBinCount(_ values: [Double]) -> Int {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last, last > first else { return 1 }
        let n = Double(sorted.count)
        let sturges = Int((Math.log(n) / Math.log(2)).rounded(.up)) + 1
        let iqr = Quantiles.quantile(sorted: sorted, 0.75) - Quantiles.quantile(sorted: sorted, 0.25)
        guard iqr > 0 else { return min(max(sturges, 1), 100) }
        let width = 2 * iqr / Math.pow(n, 1.0 / 3.0)
        let count = Int(((last - first) / width).rounded(.up))
        return min(max(count, 1), 100)
    }
}
