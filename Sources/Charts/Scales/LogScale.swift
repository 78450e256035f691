/// A base-10 logarithmic map from `domain` (positive) to `range`.
struct LogScale: ContinuousScale {
    let domain: ClosedRange<Double>
    let range: (start: Double, end: Double)
    private let logLower: Double
    private let logSpan: Double

    /// `domain` must be positive; a zero-width domain is widened by a factor of ten each way.
    init(domain: ClosedRange<Double>, range: (start: Double, end: Double)) {
        precondition(domain.lowerBound > 0, "a log scale needs a positive domain")
        let domain = domain.lowerBound == domain.upperBound
            ? (domain.lowerBound / 10)...(domain.upperBound * 10) : domain
        self.domain = domain
        self.range = range
        logLower = Math.log10(domain.lowerBound)
        logSpan = Math.log10(domain.upperBound) - logLower
    }

    func position(_ value: Double) -> Double? {
        guard value.isFinite, value > 0 else { return nil }
        let fraction = (Math.log10(value) - logLower) / logSpan
        return range.start + fraction * (range.end - range.start)
    }
}
