import Synchronization

extension Tensor {
    private static let globalGenerator = Mutex(RandomGenerator(seed: 0))

    /// Reseeds the generator that random functions use when none is passed (`torch.manual_seed`).
    public static func manualSeed(_ seed: UInt64) {
        globalGenerator.withLock { $0 = RandomGenerator(seed: seed) }
    }

    /// Runs `body` with the shared generator (locked for the duration).
    static func withGlobalGenerator<R>(_ body: (inout RandomGenerator) -> R) -> R {
        globalGenerator.withLock { body(&$0) }
    }

    private static func generate(_ shape: [Int], dtype: DType, _ name: StaticString,
                                 _ value: () -> Double) -> Tensor {
        precondition(shape.allSatisfy { $0 >= 0 }, "\(name): negative size in shape \(shape)")
        let t = Tensor(uninitializedShape: shape, dtype: dtype)
        switch dtype {
        case .float32:
            let p = t.basePointer(Float.self)
            for i in 0..<t.count { p[i] = Float(value()) }
        case .float64:
            let p = t.basePointer(Double.self)
            for i in 0..<t.count { p[i] = value() }
        default:
            for i in 0..<t.count { t.setScalar(value(), atFlat: i) }
        }
        return t
    }

    /// Values drawn uniformly from `[low, high)`.
    public static func uniform(_ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32,
                               generator: inout RandomGenerator) -> Tensor {
        precondition(low <= high && low.isFinite && high.isFinite, "uniform: need finite low ≤ high, got [\(low), \(high))")
        let width = high - low
        if dtype == .float32 {
            return generate(shape, dtype: dtype, "uniform") { low + width * Double(generator.nextFloat()) }
        }
        return generate(shape, dtype: dtype, "uniform") { low + width * generator.nextDouble() }
    }

    /// Values drawn uniformly from `[low, high)` with the shared generator.
    public static func uniform(_ shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32) -> Tensor {
        withGlobalGenerator { uniform(shape, low: low, high: high, dtype: dtype, generator: &$0) }
    }

    /// Values drawn from the normal distribution with `mean` and standard deviation `std`.
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32,
                              generator: inout RandomGenerator) -> Tensor {
        precondition(std >= 0 && std.isFinite && mean.isFinite, "normal: need finite mean and std ≥ 0, got \(mean), \(std)")
        return generate(shape, dtype: dtype, "normal") { mean + std * generator.nextNormal() }
    }

    /// Values drawn from the normal distribution with the shared generator.
    public static func normal(_ shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32) -> Tensor {
        withGlobalGenerator { normal(shape, mean: mean, std: std, dtype: dtype, generator: &$0) }
    }

    /// Standard normal values (`torch.randn`).
    public static func randn(_ shape: [Int], dtype: DType = .float32) -> Tensor { normal(shape, dtype: dtype) }

    /// 1 with probability `probabilities[i]` and 0 otherwise, in the probabilities' dtype.
    /// - Precondition: every probability is in [0, 1].
    public static func bernoulli(_ probabilities: Tensor, generator: inout RandomGenerator) -> Tensor {
        precondition(probabilities.dtype.isFloatingPoint, "bernoulli: probabilities must be float32 or float64")
        let p = probabilities.scalars(as: Double.self)
        precondition(p.allSatisfy { $0 >= 0 && $0 <= 1 }, "bernoulli: probabilities must lie in [0, 1]")
        var i = 0
        return generate(probabilities.shape, dtype: probabilities.dtype, "bernoulli") {
            defer { i += 1 }
            return generator.nextDouble() < p[i] ? 1 : 0
        }
    }

    /// 1 with probability `probability` and 0 otherwise.
    public static func bernoulli(_ shape: [Int], probability: Double, dtype: DType = .float32,
                                 generator: inout RandomGenerator) -> Tensor {
        precondition(probability >= 0 && probability <= 1, "bernoulli: probability \(probability) is not in [0, 1]")
        return generate(shape, dtype: dtype, "bernoulli") { generator.nextDouble() < probability ? 1 : 0 }
    }

    /// 1 with probability `probability` and 0 otherwise, with the shared generator.
    public static func bernoulli(_ shape: [Int], probability: Double, dtype: DType = .float32) -> Tensor {
        withGlobalGenerator { bernoulli(shape, probability: probability, dtype: dtype, generator: &$0) }
    }

    /// A random ordering of `0..<n` (`int64`), by Fisher–Yates.
    public static func permutation(_ n: Int, generator: inout RandomGenerator) -> Tensor {
        precondition(n >= 0, "permutation: n must be non-negative, got \(n)")
        var values = Array(0..<n)
        var i = n - 1
        while i > 0 {
            values.swapAt(i, generator.nextInt(below: i + 1))
            i -= 1
        }
        return Tensor(values, shape: [n])
    }

    /// A random ordering of `0..<n` with the shared generator.
    public static func permutation(_ n: Int) -> Tensor {
        withGlobalGenerator { permutation(n, generator: &$0) }
    }

    /// `count` indices drawn from `0..<n` (`int64`), with or without replacement, uniformly or
    /// with the given `probabilities` (length `n`, non-negative, not all zero; normalised here).
    /// - Precondition: without replacement, `count ≤ n` (and ≤ the number of nonzero weights).
    public static func choice(_ n: Int, count: Int, replace: Bool = true, probabilities: Tensor? = nil,
                              generator: inout RandomGenerator) -> Tensor {
        precondition(n > 0 || count == 0, "choice: cannot draw from an empty range")
        precondition(count >= 0, "choice: count must be non-negative, got \(count)")
        var weights = probabilities?.scalars(as: Double.self) ?? []
        if probabilities != nil {
            precondition(weights.count == n, "choice: \(weights.count) probabilities for \(n) items")
            precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "choice: probabilities must be finite and non-negative")
            precondition(weights.contains { $0 > 0 }, "choice: probabilities are all zero")
        }
        if !replace {
            let available = probabilities == nil ? n : weights.filter { $0 > 0 }.count
            precondition(count <= available, "choice: cannot draw \(count) distinct items from \(available)")
        }
        var picks: [Int] = []
        picks.reserveCapacity(count)
        if probabilities == nil {
            if replace {
                for _ in 0..<count { picks.append(generator.nextInt(below: n)) }
            } else {
                // A partial Fisher–Yates: the first `count` positions of a shuffle.
                var pool = Array(0..<n)
                for i in 0..<count {
                    pool.swapAt(i, i + generator.nextInt(below: n - i))
                    picks.append(pool[i])
                }
            }
            return Tensor(picks, shape: [count])
        }
        for _ in 0..<count {
            let total = weights.reduce(0, +)
            let target = generator.nextDouble() * total
            var running = 0.0, chosen = n - 1
            for (i, w) in weights.enumerated() where w > 0 {
                running += w
                chosen = i
                if target < running { break }
            }
            picks.append(chosen)
            if !replace { weights[chosen] = 0 }
        }
        return Tensor(picks, shape: [count])
    }

    /// `count` indices from `0..<n` with the shared generator.
    public static func choice(_ n: Int, count: Int, replace: Bool = true, probabilities: Tensor? = nil) -> Tensor {
        withGlobalGenerator { choice(n, count: count, replace: replace, probabilities: probabilities, generator: &$0) }
    }
}
