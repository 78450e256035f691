/// A linear map from `domain` to `range`. A zero-width domain is widened so that the map stays
/// defined (its single value lands in the middle of the range).
struct LinearScale: ContinuousScale {
    let domain: ClosedRange<Double>
    let range: (start: Double, end: Double)

    init(domain: ClosedRange<Double>, range: (start: Double, end: Double)) {
        if domain.lowerBound == domain.upperBound {
            let pad = domain.lowerBound == 0 ? 1 : domain.lowerBound.magnitude * 0.5
            self.domain = (domain.lowerBound - pad)...(domain.upperBound + pad)
        } else {
            self.domain = domain
        }
        self.range = range
    }

    func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return range.start + fraction * (range.end - range.start)
    }

    /// The value at a position: the inverse map.
    func value(at position: Double) -> Double {
        let fraction = (position - range.start) / (range.end - range.start)
        return domain.lowerBound + fraction * (domain.upperBound - domain.lowerBound)
    }
}
