/// Timing helpers: the median over repeats of the time per call, after warm-up.
enum Timing {
    /// Seconds per call of `body`: warm-up calls, then `repeats` samples, each looping `body`
    /// enough times to last at least `minimumSample` seconds; the median sample is returned.
    static func secondsPerCall(repeats: Int = 7, warmup: Int = 2, minimumSample: Double = 0.05,
                               _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        let clock = ContinuousClock()
        let first = clock.measure { body() }
        let perCall = Swift.max(first.seconds, 1e-9)
        let inner = Swift.max(1, Int(minimumSample / perCall))
        var samples: [Double] = []
        for _ in 0..<repeats {
            let elapsed = clock.measure { for _ in 0..<inner { body() } }
            samples.append(elapsed.seconds / Double(inner))
        }
        samples.sort()
        return samples[samples.count / 2]
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
