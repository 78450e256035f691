/// A Gaussian kernel density estimate.
public struct KernelDensity: Sendable, Equatable {
    /// The finite samples the estimate is built from.
    public let samples: [Double]
    /// The kernel's standard deviation.
    public let bandwidth: Double

    /// - Parameter bandwidth: the kernel's standard deviation; nil uses Silverman's rule of thumb.
    /// - Throws: ``ChartError/invalidParameter(name:value:expected:)`` for a bandwidth that is
    ///   not a finite positive number.
    public init(samples: [Double], bandwidth: Double? = nil) throws(ChartError) {
        self.samples = samples.filter(\.isFinite)
        if let bandwidth {
            try Validate.positive("bandwidth", bandwidth)
            self.bandwidth = bandwidth
        } else {
            self.bandwidth = KernelDensity.silvermanBandwidth(self.samples)
        }
    }

    /// Silverman's rule, 0.9 · min(σ, IQR / 1.34) · n^(−1/5). When that is zero (all samples
    /// equal, or most of them) it falls back to σ, then to a tenth of the magnitude, then to 1.
    public static func silvermanBandwidth(_ samples: [Double]) -> Double {
        let sorted = samples.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return 1 }
        let sigma = Quantiles.standardDeviation(sorted)
        let iqr = Quantiles.quantile(sorted: sorted, 0.75) - Quantiles.quantile(sorted: sorted, 0.25)
        let spread = iqr > 0 ? min(sigma, iqr / 1.34) : sigma
        let h = 0.9 * spread * Math.pow(Double(sorted.count), -0.2)
        if h > 0 && h.isFinite { return h }
        if sigma > 0 { return sigma }
        let magnitude = sorted.last!.magnitude
        return magnitude > 0 ? magnitude * 0.1 : 1
    }

    /// The estimated density at `x`: (1 / nh) Σ φ((x − xᵢ) / h). Zero without samples.
    public func density(at x: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let normalization = 1 / (Double(samples.count) * bandwidth * (2 * Double.pi).squareRoot())
        var sum = 0.0
        for sample in samples {
            let z = (x - sample) / bandwidth
            sum += Math.exp(-0.5 * z * z)
        }
        return sum * normalization
    }

    /// Where the curve is worth drawing: the samples' range widened by three bandwidths.
    var support: ClosedRange<Double>? {
        guard let extent = Extent.of(samples) else { return nil }
        return (extent.lowerBound - 3 * bandwidth)...(extent.upperBound + 3 * bandwidth)
    }
}
