/// Quantiles by linear interpolation between order statistics (Hyndman and Fan's type 7, the
/// default of R and NumPy).
enum Quantiles {
    /// The `p`-quantile (0…1) of a sorted, non-empty array.
    static func quantile(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty)
        let position = Double(sorted.count - 1) * min(max(p, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation (n − 1 in the denominator); 0 for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let m = mean(values)
        let sumOfSquares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return (sumOfSquares / Double(values.count - 1)).squareRoot()
    }
}

/// The five numbers a box plot draws, with Tukey's whiskers.
public struct BoxStatistics: Sendable, Equatable {
    public let count: Int
    public let lowerQuartile: Double
    public let median: Double
    public let upperQuartile: Double
    /// The smallest value no further than 1.5 IQR below the lower quartile.
    public let lowerWhisker: Double
    /// The largest value no further than 1.5 IQR above the upper quartile.
    public let upperWhisker: Double
    /// Values beyond the whiskers, ascending.
    public let outliers: [Double]

    /// The statistics of the finite `values`, or nil when there are none.
    public init?(values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        count = sorted.count
        lowerQuartile = Quantiles.quantile(sorted: sorted, 0.25)
        median = Quantiles.quantile(sorted: sorted, 0.5)
        upperQuartile = Quantiles.quantile(sorted: sorted, 0.75)
        let reach = 1.5 * (upperQuartile - lowerQuartile)
        let low = lowerQuartile - reach
        let high = upperQuartile + reach
        lowerWhisker = sorted.first { $0 >= low } ?? lowerQuartile
        upperWhisker = sorted.last { $0 <= high } ?? upperQuartile
        outliers = sorted.filter { $0 < low || $0 > high }
    }
}
